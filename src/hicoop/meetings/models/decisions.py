"""Decisions and follow-up actions of promotion meetings (合作机制推进会), ministry–province consultations (部省会商) and extra
sessions: delegates with RSVP, topics, the agenda, 1:1 matchmaking requests and their schedule,
decisions (决定第N项) and follow-up actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.cooperation.models import CooperationItem, ItemVersion, KeyTask
from hicoop.core.models import TimeStampedModel
from hicoop.meetings import transitions
from hicoop.meetings.choices import (
    ActionStatus,
    DecisionKind,
    DecisionStatus,
    MeetingKind,
)
from hicoop.meetings.models.meetings import Meeting, signed_in
from hicoop.parties.models import Party

_USER = settings.AUTH_USER_MODEL


class DecisionQuerySet(models.QuerySet["Decision"]):
    def visible_to(self, user: Any) -> DecisionQuerySet:
        return self.all() if signed_in(user) else self.none()

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
        if not signed_in(user):
            return self.none()
        return self.filter(
            Q(owner=user) | Q(party__in=Party.objects.worked_on_by(user).values("pk"))
        )

    def editable_by(self, user: Any) -> ActionQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        return self.filter(owner=user) if signed_in(user) else self.none()


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
