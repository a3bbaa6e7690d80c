"""Standard code tables and the mechanism's own taxonomy: measures, fields, industries, divisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hicoop.taxonomy.choices import DivisionLevel, FieldKind, IndustryLevel


def pick_language(zh: str, en: str) -> str:
    """The Chinese or English form for the active language, falling back to Chinese."""
    lang = (get_language() or "zh-hans").lower()
    return en if lang.startswith("en") and en else zh


class Division(models.Model):
    """An administrative division (GB/T 2260 code, six digits)."""

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )  # PROTECT: a province cannot vanish under its cities

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)


class IndustryCode(models.Model):
    """A GB/T 4754-2017 industry classification entry (section letter or numeric code)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=IndustryLevel.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )  # PROTECT: sections outlive their divisions

    class Meta:
        verbose_name = _("industry code (GB/T 4754-2017)")
        verbose_name_plural = _("industry codes (GB/T 4754-2017)")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)


class Measure(models.Model):
    """One of the five main measures (主要措施) of the mechanism."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    numeral = models.CharField(_("Chinese numeral"), max_length=4)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    summary = models.TextField(_("summary"))
    summary_en = models.TextField(_("English summary"))

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"({self.numeral}) {self.display_name}"

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)

    @property
    def display_summary(self) -> str:
        return pick_language(self.summary, self.summary_en)


class Field(models.Model):
    """A cooperation field: a leading industry, a priority field or an offshore policy area."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=FieldKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )  # PROTECT: a field with sub-fields is retired by hand, not cascaded
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fields",
        verbose_name=_("measure"),
    )  # PROTECT: measures are fixed by the mechanism document
    industries = models.ManyToManyField(
        IndustryCode, blank=True, related_name="fields", verbose_name=_("GB/T 4754 codes")
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["kind", "sort_order", "code", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)
