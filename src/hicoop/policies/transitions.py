"""Status tables of the catalogue (pure): policies and yearly editions.

Amending keeps a policy current (the event records the new version); superseding and repealing
end it. Each of the three needs a reason, and the services also require the document that did it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, Transition, Workflow
from hicoop.policies.choices import EditionStatus as E
from hicoop.policies.choices import PolicyStatus as P

POLICY_WORKFLOW = Workflow(
    "policies.policy",
    P,
    Transition("publish", {P.DRAFT}, P.ACTIVE, by=OFFICE, label=_("Publish")),
    Transition("amend", {P.ACTIVE}, P.ACTIVE, by=OFFICE, needs_reason=True, label=_("Amend")),
    Transition(
        "supersede", {P.ACTIVE}, P.SUPERSEDED, by=OFFICE, needs_reason=True, label=_("Supersede")
    ),
    Transition("repeal", {P.ACTIVE}, P.REPEALED, by=OFFICE, needs_reason=True, label=_("Repeal")),
)

EDITION_WORKFLOW = Workflow(
    "policies.edition",
    E,
    Transition("review", {E.DRAFT}, E.REVIEWED, by=OFFICE, label=_("Mark as reviewed")),
    Transition(
        "reopen", {E.REVIEWED}, E.DRAFT, by=OFFICE, needs_reason=True, label=_("Reopen for changes")
    ),
    Transition("publish", {E.REVIEWED}, E.PUBLISHED, by=OFFICE, label=_("Publish")),
)
