"""Meetings, slots, delegates, topics and the agenda of promotion meetings (合作机制推进会), ministry–province consultations (部省会商) and extra
sessions: delegates with RSVP, topics, the agenda, 1:1 matchmaking requests and their schedule,
decisions (决定第N项) and follow-up actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.core.models import TimeStampedModel
from hicoop.meetings import transitions
from hicoop.meetings.choices import (
    AgendaStatus,
    MeetingKind,
    MeetingStatus,
    Rsvp,
    TopicStatus,
)
from hicoop.parties.models import Party

_USER = settings.AUTH_USER_MODEL


def signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Every member of the mechanism sees its meetings; visitors none."""
        return self.all() if signed_in(user) else self.none()

    def editable_by(self, user: Any) -> MeetingQuerySet:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


class Meeting(TimeStampedModel):
    """One meeting: the year's promotion meeting, a consultation or an extra session."""

    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organisers = models.ManyToManyField(
        Party, blank=True, related_name="meetings_organised", verbose_name=_("organisers")
    )
    description = models.TextField(_("description"), blank=True)
    topic_deadline = models.DateField(_("topic proposals until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    schedule_published_at = models.DateTimeField(
        _("1:1 schedule published at"), null=True, blank=True
    )

    objects = MeetingQuerySet.as_manager()
    workflow = transitions.MEETING_WORKFLOW

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-year", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="meet_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def short_label(self) -> str:
        """How decisions cite the meeting, e.g. 2026年推进会 (always Chinese: it is a reference)."""
        if self.kind == MeetingKind.PROMOTION:
            return f"{self.year}年推进会"
        if self.kind == MeetingKind.CONSULTATION:
            return f"{self.year}年部省会商"
        return self.title

    @property
    def decision_word(self) -> str:
        return _g("conclusion") if self.kind == MeetingKind.CONSULTATION else _g("decision")


class Slot(models.Model):
    """A time slot of the 1:1 matchmaking sessions with its number of tables."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="slots", verbose_name=_("meeting")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    tables = models.PositiveSmallIntegerField(_("tables"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["meeting", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "starts_at"], name="meet_slot_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meet_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class DelegateQuerySet(models.QuerySet["Delegate"]):
    def visible_to(self, user: Any) -> DelegateQuerySet:
        """The participant list is open to every member (they look for whom to meet)."""
        return self.all() if signed_in(user) else self.none()

    def editable_by(self, user: Any) -> DelegateQuerySet:
        """The joint office; the delegate; whoever may edit the delegate's party."""
        if roles.is_joint_office_admin(user):
            return self.all()
        if not signed_in(user):
            return self.none()
        parties = Party.objects.editable_by(user).values("pk")
        return self.filter(Q(user=user) | Q(party__in=parties))


class Delegate(TimeStampedModel):
    """A person a participating party sends, with the invitation's answer (RSVP) and, for the
    1:1 sessions, the slots they are away and how many meetings they take at most."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("meeting")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("party")
    )  # PROTECT: a meeting's record keeps naming who came
    user = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("account"),
    )  # SET_NULL: the delegation outlives the account
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    status = models.CharField(
        _("answer"), max_length=20, choices=Rsvp.choices, default=Rsvp.INVITED
    )
    status_changed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    matchmaking = models.BooleanField(_("takes part in 1:1 sessions"), default=True)
    cap = models.PositiveSmallIntegerField(_("at most this many 1:1 meetings"), default=8)
    away = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("not available in")
    )
    override_reason = models.TextField(_("invited despite a refusal, because"), blank=True)
    gate_refusal = models.TextField(_("refusal overridden"), blank=True)

    objects = DelegateQuerySet.as_manager()
    workflow = transitions.RSVP_WORKFLOW

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["meeting", "party__name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "party", "name"], name="meet_delegate_unique"
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="meet_delegate_one_per_user",
            ),
            models.CheckConstraint(
                condition=Q(cap__gte=0) & Q(cap__lte=48), name="meet_delegate_cap_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.party.display_name}）"


class TopicQuerySet(models.QuerySet["Topic"]):
    def visible_to(self, user: Any) -> TopicQuerySet:
        """Accepted and merged topics are open to all members; proposals to their party and the
        readers of everything."""
        if roles.reads_everything(user):
            return self.all()
        if not signed_in(user):
            return self.none()
        own = Party.objects.worked_on_by(user).values("pk")
        return self.filter(
            Q(status__in=[TopicStatus.ACCEPTED, TopicStatus.MERGED]) | Q(party__in=own)
        )

    def editable_by(self, user: Any) -> TopicQuerySet:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


class Topic(TimeStampedModel):
    """A topic a party proposes for the meeting (议题征集), decided by the joint office."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="topics", verbose_name=_("meeting")
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="meeting_topics",
        verbose_name=_("proposed by"),
    )  # PROTECT: a proposal keeps naming its party
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )  # SET_NULL: a merged topic stays on record
    submitted_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )  # SET_NULL: topics outlive accounts

    objects = TopicQuerySet.as_manager()
    workflow = transitions.TOPIC_WORKFLOW

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaQuerySet(models.QuerySet["Agenda"]):
    def visible_to(self, user: Any) -> AgendaQuerySet:
        return self.all() if signed_in(user) else self.none()

    def editable_by(self, user: Any) -> AgendaQuerySet:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


class Agenda(TimeStampedModel):
    """The meeting's agenda: generated from the pipeline, edited, then final and frozen."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.PRELIMINARY
    )
    status_changed_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    dismissed = models.JSONField(_("generated entries removed by hand"), default=list, blank=True)

    objects = AgendaQuerySet.as_manager()
    workflow = transitions.AGENDA_WORKFLOW

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_status_display()}"

    @property
    def frozen(self) -> bool:
        return self.status == AgendaStatus.FINAL


class AgendaEntry(models.Model):
    """One entry of the agenda; ``source_key`` names the pipeline record it came from."""

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="entries", verbose_name=_("agenda")
    )
    position = models.PositiveIntegerField(_("position"))
    section = models.CharField(_("section"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    source_key = models.CharField(_("source"), max_length=80, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        ordering = ["agenda", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda", "source_key"],
                condition=~Q(source_key=""),
                name="meet_entry_unique_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title
