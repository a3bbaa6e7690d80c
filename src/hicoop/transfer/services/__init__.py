"""Writes of the transfer domain. Every function is one transaction and names its actor;
status changes go through ``core.workflow.apply_transition`` with ``transitions.py``."""

from hicoop.transfer.services.campaigns import (
    adoption_to_transfer,
    create_campaign,
    ensure_service_organisation,
    link_adoption_item,
    link_adoption_transfer,
    record_adoption,
)
from hicoop.transfer.services.pilot import add_institution, check_rules, decide_grant, propose_grant
from hicoop.transfer.services.transfers import (
    add_document,
    create_transfer,
    paid_total,
    parse_transfer,
    record_payment,
    take_step,
    update_transfer,
)

__all__ = [
    "add_document",
    "add_institution",
    "adoption_to_transfer",
    "check_rules",
    "create_campaign",
    "create_transfer",
    "decide_grant",
    "ensure_service_organisation",
    "link_adoption_item",
    "link_adoption_transfer",
    "paid_total",
    "parse_transfer",
    "propose_grant",
    "record_adoption",
    "record_payment",
    "take_step",
    "update_transfer",
]
