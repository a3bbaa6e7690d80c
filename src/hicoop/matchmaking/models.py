"""Match runs with their candidates and reasons, and the expressions of interest that follow."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.cooperation.models import CooperationItem
from hicoop.listings.models import Demand
from hicoop.matchmaking.choices import DeclineReason, InterestDirection, InterestStatus, RunMode
from hicoop.parties.models import Party

_USER = settings.AUTH_USER_MODEL


class RunQuerySet(models.QuerySet["MatchRun"]):
    def visible_to(self, user: Any) -> RunQuerySet:
        """Global readers see every run; others the runs on demands of their scope or started by
        them, and a coordinator (region, park) also the runs proposing a partner of their subtree
        or leading to an interest with one."""
        if roles.reads_everything(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        seen = Q(demand__owner__in=Party.objects.worked_on_by(user).values("pk")) | Q(
            created_by=user
        )
        paths = roles.subtree_paths(user)
        if paths:
            subtree = Q()
            for path in paths:
                subtree |= Q(path__startswith=path)
            involved = Party.objects.filter(subtree).values("pk")
            seen |= Q(pk__in=MatchCandidate.objects.filter(partner__in=involved).values("run"))
            seen |= Q(
                pk__in=Interest.objects.filter(partner__in=involved, run__isnull=False).values(
                    "run"
                )
            )
        return self.filter(seen)


class MatchRun(models.Model):
    """One run of the engine, stored with its inputs, weights, formula and results."""

    mode = models.CharField(_("mode"), max_length=20, choices=RunMode.choices)
    demand = models.ForeignKey(
        Demand,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_runs",
        verbose_name=_("demand"),
    )
    year = models.PositiveSmallIntegerField(_("batch year"), null=True, blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    weights = models.JSONField(_("weights"), default=dict)
    engine_version = models.CharField(_("engine version"), max_length=40)
    formula = models.TextField(_("formula"))
    inputs = models.JSONField(_("input versions"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    created_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )  # SET_NULL: runs outlive accounts
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_mode_display()}"


class MatchCandidate(models.Model):
    """A partner proposed by a run, with its score and the reasons behind it."""

    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("run")
    )
    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="match_candidates", verbose_name=_("demand")
    )
    partner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="match_candidates", verbose_name=_("partner")
    )  # PROTECT: stored runs keep naming their partners
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    selected = models.BooleanField(_("selected by the solver"), default=False)
    reasons = models.JSONField(_("reasons"), default=dict)
    covers = models.JSONField(_("requirements covered"), default=list, blank=True)

    class Meta:
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        ordering = ["run", "demand", "rank", "pk"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.partner}"


class InterestQuerySet(models.QuerySet["Interest"]):
    def visible_to(self, user: Any) -> InterestQuerySet:
        """Global readers see all; others the interests where they own the demand or are the partner."""
        if roles.reads_everything(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        parties = Party.objects.worked_on_by(user).values("pk")
        return self.filter(Q(demand__owner__in=parties) | Q(partner__in=parties))


class Interest(models.Model):
    """An expression of interest between a demand's owner and a partner, and the other side's
    answer: the owner writes to a partner (from a match run or an offer's page) or a partner
    writes to the owner of a published demand (``direction``); the one who did not send answers.

    Kept after the answer as feedback: acceptances and declines (with their fixed reasons) are
    what later runs learn from.
    """

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="interests", verbose_name=_("demand")
    )
    partner = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="interests_received",
        verbose_name=_("partner"),
    )  # PROTECT: feedback keeps naming its partner
    candidate = models.ForeignKey(
        MatchCandidate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("candidate"),
    )  # SET_NULL: the interest outlives a pruned run
    run = models.ForeignKey(
        MatchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("run"),
    )  # SET_NULL: the interest outlives a pruned run
    direction = models.CharField(
        _("sender side"),
        max_length=20,
        choices=InterestDirection.choices,
        default=InterestDirection.FROM_OWNER,
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InterestStatus.choices, default=InterestStatus.SENT
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("note"), blank=True)
    sent_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )  # SET_NULL: feedback outlives accounts
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )  # SET_NULL: feedback outlives accounts
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("cooperation item"),
    )  # SET_NULL: feedback stays if an item is removed

    objects = InterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "partner"],
                condition=Q(status__in=["sent", "accepted"]),
                name="match_interest_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="match_interest_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.demand} → {self.partner}"


class VectorKind(models.TextChoices):
    CAPABILITY = "capability", _("capability")
    ACHIEVEMENT = "achievement", _("technology achievement")
    PARTY = "party", _("partner profile")


class EmbeddingVector(models.Model):
    """The sentence embedding of a record or a partner profile, computed by the job queue.

    Kept per model (name and version): a run uses the vectors of the model it embeds its query
    with, so a changed model is recomputed, never mixed. ``source_hash`` is the sha1 of the
    text that was embedded; a record whose text changed is embedded again."""

    kind = models.CharField(_("kind"), max_length=20, choices=VectorKind.choices)
    object_id = models.PositiveBigIntegerField(_("record id"))
    model_name = models.CharField(_("model"), max_length=100)
    model_version = models.CharField(_("model version"), max_length=60)
    source_hash = models.CharField(_("text fingerprint"), max_length=40)
    dim = models.PositiveSmallIntegerField(_("dimensions"))
    vector = models.BinaryField(_("vector"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("embedding vector")
        verbose_name_plural = _("embedding vectors")
        ordering = ["kind", "object_id", "model_name", "model_version", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "model_name", "model_version"],
                name="match_vector_one_per_model",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} · {self.model_name}"


class WeightSet(models.Model):
    """Ranking weights refitted from partners' answers; the newest is used by new runs."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    weights = models.JSONField(_("weights"), default=dict)
    method = models.CharField(_("method"), max_length=40)
    pairs = models.PositiveIntegerField(_("training pairs"))
    accepted = models.PositiveIntegerField(_("accepted"))
    declined = models.PositiveIntegerField(_("declined"))
    log_loss_before = models.FloatField(_("log loss with the previous weights"))
    log_loss_after = models.FloatField(_("log loss with these weights"))
    created_at = models.DateTimeField(_("fitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("learned weight set")
        verbose_name_plural = _("learned weight sets")
        ordering = ["-version", "-pk"]

    def __str__(self) -> str:
        return f"v{self.version}"
