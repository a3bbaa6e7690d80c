"""Fixed vocabularies of the transfer domain (codes stored, labels shown)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    DEVELOPMENT = "development", _("Technology development (技术开发)")
    ASSIGNMENT = "assignment", _("Technology transfer (技术转让)")
    LICENCE = "licence", _("Technology licence (技术许可)")
    CONSULTING = "consulting", _("Technology consulting (技术咨询)")
    SERVICE = "service", _("Technology service (技术服务)")
    EQUITY = "equity", _("Equity investment (作价投资)")


class TransferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    REGISTERED = "registered", _("Registered")
    IN_EFFECT = "in_effect", _("In effect")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


# Statuses in which a contract counts as signed (and registered) in the figures.
SIGNED_STATUSES = (
    TransferStatus.SIGNED,
    TransferStatus.REGISTERED,
    TransferStatus.IN_EFFECT,
    TransferStatus.COMPLETED,
)
REGISTERED_STATUSES = (
    TransferStatus.REGISTERED,
    TransferStatus.IN_EFFECT,
    TransferStatus.COMPLETED,
)


class Zone(models.TextChoices):
    """The transfer demonstration zone a contract came through."""

    SUNAN = "sunan", _("Sunan (苏南) demonstration zone")
    ZHEJIANG = "zhejiang", _("Zhejiang (浙江) demonstration zone")
    MINHANG = "minhang", _("Shanghai Minhang (上海闵行) demonstration zone")
    HAINAN = "hainan", _("Hainan (海南) demonstration zone")


# The mechanism party of each partner zone (parties/data/mechanism_parties.json).
ZONE_PARTY_KEYS = {
    Zone.SUNAN: "sunan-transfer",
    Zone.ZHEJIANG: "zhejiang-transfer",
    Zone.MINHANG: "minhang-transfer",
}


class Programme(models.TextChoices):
    NEW_DRUGS = "new_drugs", _("Major new drug creation transfer pilot (重大新药创制)")
    HUNDRED_CITIES = "hundred_cities", _("Hundred cities, hundred parks (百城百园)")
    FACTOR_FLOW = "factor_flow", _("Facilitated flow of technology factors pilot")


class RightKind(models.TextChoices):
    OWNERSHIP = "ownership", _("Ownership (所有权)")
    LONG_TERM_USE = "long_term_use", _("Long-term use right (长期使用权)")


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting the institution's approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    REVOKED = "revoked", _("Revoked")


class AdoptionResult(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    NEGOTIATING = "negotiating", _("Negotiating")
    ADOPTED = "adopted", _("Adopted")
    DROPPED = "dropped", _("Dropped")


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", _("Payment received")
    EQUITY = "equity", _("Equity delivered")
