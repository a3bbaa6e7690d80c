"""Delegates: invitations through the gates, the answer (RSVP), availability and cap."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.core import audit, notifications
from hicoop.core.access import can_edit, is_office, require_office
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.inputs import Attr, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.meetings.choices import INVITED, MeetingStatus
from hicoop.meetings.gates import InvitationRefused, refusals
from hicoop.meetings.models import Delegate, Meeting
from hicoop.meetings.services.common import party_or_error, user_or_error

DELEGATE_ATTRS = (
    Attr("party", "单位", "party", "ref", required=True),
    Attr("name", "姓名", "name", "text", required=True, max_length=100),
    Attr("position", "职务", "position", "text", max_length=100),
    Attr("user", "平台账号", "account", "ref"),
    Attr("matchmaking", "参加对接洽谈", "takes part in 1:1 sessions", "bool"),
    Attr("cap", "洽谈上限", "at most this many 1:1 meetings", "int", min_value=0, max_value=48),
)


def _delegate(meeting: Meeting, data: Mapping[str, Any]) -> Delegate:
    cleaned = clean(DELEGATE_ATTRS, data)
    party = party_or_error(cleaned, "party", cleaned.values.get("party", ""))
    account = user_or_error(cleaned, "user", cleaned.values.get("user", ""))
    cleaned.raise_errors()
    v = cleaned.values
    assert party is not None
    return Delegate(
        meeting=meeting,
        party=party,
        user=account,
        name=v["name"],
        position=v.get("position", ""),
        matchmaking=v.get("matchmaking") is not False,
        cap=8 if v.get("cap") is None else v["cap"],
    )


def _gate(delegate: Delegate, actor: Any, override_reason: str) -> None:
    """Ask every invitation gate; the joint office may override a refusal with its reason."""
    refused = refusals(delegate.party, delegate.meeting, matchmaking=delegate.matchmaking)
    if not refused:
        return
    if not override_reason.strip() or not is_office(actor):
        raise InvitationRefused(
            _("%(party)s may not be invited: %(why)s")
            % {"party": delegate.party.display_name, "why": "；".join(refused)},
            details={"gate": refused},
        )
    delegate.gate_refusal = "；".join(refused)[:2000]
    delegate.override_reason = override_reason.strip()[:2000]


@transaction.atomic
def invite_delegate(
    *, meeting: Meeting, data: Mapping[str, Any], actor: Any, override_reason: str = ""
) -> Delegate:
    """Invite a party's delegate (the joint office); gates may refuse, see ``gates.py``."""
    require_office(actor)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed."))
    delegate = _delegate(meeting, data)
    _gate(delegate, actor, override_reason)
    try:
        with transaction.atomic():
            delegate.save()
    except IntegrityError as exc:
        raise Conflict(_("This delegate or account is already invited.")) from exc
    audit.record(instance=delegate, actor=actor, action=AuditAction.CREATE, reason=override_reason)
    if delegate.user is not None:
        notifications.notify(
            recipients=[delegate.user],
            kind=INVITED,
            params={"meeting": meeting.title},
            actor=actor,
            url=reverse("meetings:detail", args=[meeting.pk]),
            target=meeting,
        )
    return delegate


def _require_delegate_editor(delegate: Delegate, actor: Any) -> None:
    if not can_edit(delegate, actor):
        raise PermissionDenied(
            _("Only the delegate, their organisation or the joint office may do this.")
        )


@transaction.atomic
def answer_invitation(*, delegate: Delegate, attend: bool, actor: Any) -> Delegate:
    """The delegate's answer (RSVP): will attend or not."""
    _require_delegate_editor(delegate, actor)
    apply_transition(delegate, "accept" if attend else "decline", actor=actor)
    return delegate


@transaction.atomic
def set_availability(*, delegate: Delegate, away: Iterable[int], cap: Any, actor: Any) -> Delegate:
    """The slots a delegate is away for and the most 1:1 meetings they take."""
    _require_delegate_editor(delegate, actor)
    cleaned = clean((DELEGATE_ATTRS[5],), {"cap": cap})
    cleaned.raise_errors()
    wanted = {int(s) for s in away}
    slots = list(delegate.meeting.slots.filter(pk__in=wanted))
    if len(slots) != len(wanted):
        raise ValidationFailed(details={"away": [_("Some slots do not belong to this meeting.")]})
    before = audit.snapshot(delegate)
    if cleaned.values.get("cap") is not None:
        delegate.cap = cleaned.values["cap"]
        delegate.save(update_fields=["cap", "updated_at"])
    delegate.away.set(slots)
    audit.record(instance=delegate, actor=actor, action=AuditAction.UPDATE, before=before)
    return delegate
