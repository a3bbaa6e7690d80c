"""1:1 matchmaking requests, schedule runs and scheduled meetings of promotion meetings (合作机制推进会), ministry–province consultations (部省会商) and extra
sessions: delegates with RSVP, topics, the agenda, 1:1 matchmaking requests and their schedule,
decisions (决定第N项) and follow-up actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.core.models import Job, TimeStampedModel
from hicoop.listings.models import Demand
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.meetings import transitions
from hicoop.meetings.choices import (
    RequestSource,
    RequestStatus,
)
from hicoop.meetings.models.meetings import Delegate, Meeting, Slot, signed_in

_USER = settings.AUTH_USER_MODEL


class RequestQuerySet(models.QuerySet["MeetingRequest"]):
    def visible_to(self, user: Any) -> RequestQuerySet:
        """Readers of everything; otherwise the requests of delegates the user acts for."""
        if roles.reads_everything(user):
            return self.all()
        if not signed_in(user):
            return self.none()
        mine = Delegate.objects.editable_by(user).values("pk")
        return self.filter(Q(requester__in=mine) | Q(invitee__in=mine))

    def editable_by(self, user: Any) -> RequestQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        return self.visible_to(user) if signed_in(user) else self.none()


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


class ScheduleRunQuerySet(models.QuerySet["ScheduleRun"]):
    def visible_to(self, user: Any) -> ScheduleRunQuerySet:
        return self.all() if signed_in(user) else self.none()

    def editable_by(self, user: Any) -> ScheduleRunQuerySet:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


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

    objects = ScheduleRunQuerySet.as_manager()

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
