"""Resolving references typed by people or spreadsheets: parties by id, key or name; fields and
zone designations by code or name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hicoop.core.inputs import ParseError, fold
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party, ZoneDesignation
from hicoop.taxonomy.models import Field


def party(ref: Any, *, kinds: Iterable[str] = ()) -> Party:
    """A party by id, external key (``mechanism:haikou-hitech`` or ``haikou-hitech``) or name."""
    text = str(ref).strip()
    condition = Q(external_id=text) | Q(external_id=f"mechanism:{text}") | Q(name=text)
    condition |= Q(short_name=text) | Q(name_en__iexact=text)
    if text.isdigit():
        condition |= Q(pk=int(text))
    found = Party.objects.filter(condition).order_by("pk").first()
    if found is None:
        raise ParseError(_("Unknown party: %(ref)s") % {"ref": text})
    kinds = tuple(kinds)
    if kinds and found.kind not in kinds:
        labels = ", ".join(str(PartyKind(k).label) for k in kinds)
        raise ParseError(
            _("%(name)s is not one of: %(kinds)s") % {"name": found.name, "kinds": labels}
        )
    return found


def parties(refs: Iterable[Any], *, kinds: Iterable[str] = ()) -> list[Party]:
    return [party(ref, kinds=kinds) for ref in refs]


def fields(refs: Iterable[str]) -> list[Field]:
    wanted = list(refs)
    by_key: dict[str, Field] = {}
    for item in Field.objects.all():
        for spelling in (item.code, item.name, item.name_en):
            if spelling:
                by_key[fold(spelling)] = item
    missing = [r for r in wanted if fold(r) not in by_key]
    if missing:
        raise ParseError(_("Unknown fields: %(names)s") % {"names": ", ".join(missing)})
    return list({by_key[fold(r)].pk: by_key[fold(r)] for r in wanted}.values())


def zones(refs: Iterable[str]) -> list[ZoneDesignation]:
    wanted = list(refs)
    by_key: dict[str, ZoneDesignation] = {}
    for item in ZoneDesignation.objects.all():
        for spelling in (item.code, item.name, item.name_en):
            by_key[fold(spelling)] = item
    missing = [r for r in wanted if fold(r) not in by_key]
    if missing:
        raise ParseError(_("Unknown zone designations: %(names)s") % {"names": ", ".join(missing)})
    return list({by_key[fold(r)].pk: by_key[fold(r)] for r in wanted}.values())
