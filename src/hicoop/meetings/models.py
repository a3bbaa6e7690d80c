"""Promotion meetings (合作机制推进会), ministry–province consultations (部省会商) and extra
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
from hicoop.cooperation.models import CooperationItem, ItemVersion, KeyTask
from hicoop.core.models import Job, TimeStampedModel
from hicoop.listings.models import Demand
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.meetings import transitions
from hicoop.meetings.choices import (
    ActionStatus,
    AgendaStatus,
    DecisionKind,
    DecisionStatus,
    MeetingKind,
    MeetingStatus,
    RequestSource,
    RequestStatus,
    Rsvp,
    TopicStatus,
)
from hicoop.parties.models import Party

_USER = settings.AUTH_USER_MODEL


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Every member of the mechanism sees its meetings; visitors none."""
        return self.all() if _signed_in(user) else self.none()

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
        return self.all() if _signed_in(user) else self.none()

    def editable_by(self, user: Any) -> DelegateQuerySet:
        """The joint office; the delegate; whoever may edit the delegate's party."""
        if roles.is_joint_office_admin(user):
            return self.all()
        if not _signed_in(user):
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
        if not _signed_in(user):
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

    objects = MeetingQuerySet.as_manager()
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


class RequestQuerySet(models.QuerySet["MeetingRequest"]):
    def visible_to(self, user: Any) -> RequestQuerySet:
        """Readers of everything; otherwise the requests of delegates the user acts for."""
        if roles.reads_everything(user):
            return self.all()
        if not _signed_in(user):
            return self.none()
        mine = Delegate.objects.editable_by(user).values("pk")
        return self.filter(Q(requester__in=mine) | Q(invitee__in=mine))

    def editable_by(self, user: Any) -> RequestQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        return self.visible_to(user) if _signed_in(user) else self.none()


class MeetingRequest(TimeStampedModel):
    """A delegate's request to meet another delegate in the 1:1 sessions (对接洽谈)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="requests", verbose_name=_("meeting")
    )
    requester = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="requests_made", verbose_name=_("asked by")
    )
    invitee = models.ForeignKey(
        Delegate,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("asked"),
    )
    source = models.CharField(_("found through"), max_length=20, choices=RequestSource.choices)
    candidate = models.ForeignKey(
        MatchCandidate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("match candidate"),
    )  # SET_NULL: the request outlives a pruned run
    interest = models.ForeignKey(
        Interest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expression of interest"),
    )  # SET_NULL: as above
    demand = models.ForeignKey(
        Demand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demand"),
    )  # SET_NULL: as above
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    status_changed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reason = models.TextField(_("reason for declining"), blank=True)

    objects = RequestQuerySet.as_manager()
    workflow = transitions.REQUEST_WORKFLOW

    class Meta:
        verbose_name = _("1:1 meeting request")
        verbose_name_plural = _("1:1 meeting requests")
        ordering = ["meeting", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("invitee")), name="meet_request_two_people"
            ),
            models.UniqueConstraint(
                fields=["requester", "invitee"],
                condition=Q(status__in=["requested", "accepted"]),
                name="meet_request_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.name} → {self.invitee.name}"


class ScheduleRun(models.Model):
    """One run of the scheduler: how it ran and every request it could not place, with why."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="schedule_runs", verbose_name=_("meeting")
    )
    job = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job"),
    )  # SET_NULL: the run outlives the job record
    method = models.CharField(_("method"), max_length=20)
    optimal = models.BooleanField(_("proven optimal"), default=False)
    version = models.CharField(_("scheduler version"), max_length=40)
    requests = models.PositiveIntegerField(_("accepted requests"))
    placed = models.PositiveIntegerField(_("placed"))
    locked = models.PositiveIntegerField(_("locked meetings kept"), default=0)
    gaps = models.PositiveIntegerField(_("idle gaps"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    unplaced = models.JSONField(_("requests not placed"), default=list, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    actor_name = models.CharField(_("run by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.pk}"


class SessionMeeting(models.Model):
    """A scheduled 1:1 meeting: an accepted request in a slot at a table."""

    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        related_name="placement",
        verbose_name=_("request"),
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("slot")
    )
    table = models.PositiveSmallIntegerField(_("table"))
    locked = models.BooleanField(_("locked"), default=False)
    run = models.ForeignKey(
        ScheduleRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("run"),
    )  # SET_NULL: a locked meeting outlives the run that placed it

    class Meta:
        verbose_name = _("scheduled 1:1 meeting")
        verbose_name_plural = _("scheduled 1:1 meetings")
        ordering = ["slot__starts_at", "table", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meet_session_one_per_table"),
        ]

    def __str__(self) -> str:
        return f"{self.slot} #{self.table} {self.request}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def visible_to(self, user: Any) -> DecisionQuerySet:
        return self.all() if _signed_in(user) else self.none()

    def editable_by(self, user: Any) -> DecisionQuerySet:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


class Decision(TimeStampedModel):
    """A numbered decision (决定第N项) or consultation conclusion, naming what it acts on."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cooperation item"),
    )  # PROTECT: a decision keeps naming the item it acted on
    task = models.ForeignKey(
        KeyTask,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("key task"),
    )  # PROTECT: as above
    payload = models.JSONField(_("what it changes"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    result_version = models.ForeignKey(
        ItemVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("item version it made"),
    )  # SET_NULL: the decision outlives a removed version
    result_item = models.ForeignKey(
        CooperationItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions_creating",
        verbose_name=_("item it created"),
    )  # SET_NULL: as above
    result_task = models.ForeignKey(
        KeyTask,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions_creating",
        verbose_name=_("key task it created"),
    )  # SET_NULL: as above

    objects = DecisionQuerySet.as_manager()
    workflow = transitions.DECISION_WORKFLOW

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="meet_decision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The citation stored with what the decision changed, e.g. 2026年推进会决定第3项."""
        word = "结论" if self.meeting.kind == MeetingKind.CONSULTATION else "决定"
        return f"{self.meeting.short_label}{word}第{self.number}项"


class ActionQuerySet(models.QuerySet["FollowUp"]):
    def visible_to(self, user: Any) -> ActionQuerySet:
        if roles.reads_everything(user):
            return self.all()
        if not _signed_in(user):
            return self.none()
        return self.filter(
            Q(owner=user) | Q(party__in=Party.objects.worked_on_by(user).values("pk"))
        )

    def editable_by(self, user: Any) -> ActionQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        return self.filter(owner=user) if _signed_in(user) else self.none()


class FollowUp(TimeStampedModel):
    """A follow-up action of a decision or conclusion: an owner, a due date, done or not."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decision"),
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="meeting_actions", verbose_name=_("owner")
    )  # PROTECT: an open action must keep an owner (reassign before removing an account)
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner's organisation"),
    )  # PROTECT: the record keeps naming the organisation
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_changed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True)

    objects = ActionQuerySet.as_manager()
    workflow = transitions.ACTION_WORKFLOW

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["status", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
