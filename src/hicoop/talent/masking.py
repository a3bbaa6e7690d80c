"""PIPL masking of permit holders' personal data, and the audit of every unmasked read.

Names, passport numbers and birth dates are shown only to foreign-talent officers and members of
the holder's employer; permit numbers are also masked for unit members of other parties. Pages,
API, exports and the CLI all present permits through :func:`present`, which writes one
:class:`~hicoop.talent.models.PersonalDataRead` row per unmasked record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hicoop.core.actors import stored_name, user_of
from hicoop.talent import occupations
from hicoop.talent.models import Permit, PersonalDataRead
from hicoop.talent.roles import sees_permit_number, sees_personal_data

MASK = "＊"


def mask_text(text: str, keep_start: int = 1, keep_end: int = 0) -> str:
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        return MASK * len(text)
    end = text[len(text) - keep_end :] if keep_end else ""
    return text[:keep_start] + MASK * (len(text) - keep_start - keep_end) + end


def mask_name(name: str) -> str:
    return " ".join(mask_text(part) for part in name.split(" "))


def _row(permit: Permit, personal: bool, number: bool) -> dict[str, Any]:
    return {
        "id": permit.pk,
        "number": permit.number if number else mask_text(permit.number, 3, 2),
        "holder_name": permit.holder_name if personal else mask_name(permit.holder_name),
        "nationality": permit.nationality,
        "passport_number": permit.passport_number
        if personal
        else mask_text(permit.passport_number, 1, 2),
        "birth_date": permit.birth_date.isoformat() if personal else "＊＊＊＊-＊＊-＊＊",
        "employer_uscc": permit.employer_uscc,
        "employer_name": permit.employer_name,
        "position_title": permit.position_title,
        "position_kind": permit.position_kind,
        "position_kind_label": permit.get_position_kind_display() if permit.position_kind else "",
        "industry": permit.industry.code,
        "industry_label": str(permit.industry),
        "occupation": permit.occupation,
        "occupation_label": occupations.label(permit.occupation),
        "permit_class": permit.permit_class,
        "permit_class_label": permit.get_permit_class_display(),
        "valid_from": permit.valid_from.isoformat(),
        "valid_to": permit.valid_to.isoformat(),
        "status": permit.status,
        "status_label": permit.get_status_display(),
        "is_demo": permit.is_demo,
        "masked": not personal,
    }


def present(
    permits: Iterable[Permit], *, user: Any, channel: str, purpose: str
) -> list[dict[str, Any]]:
    """Rows for display, masked by the reader's role; unmasked rows are audited."""
    rows, reads = [], []
    account = user_of(user)
    for permit in permits:
        personal = sees_personal_data(user, permit.employer_id)
        rows.append(
            _row(permit, personal, personal or sees_permit_number(user, permit.employer_id))
        )
        if personal:
            reads.append(
                PersonalDataRead(
                    permit=permit,
                    reader=account,
                    reader_name=account.get_username() if account else stored_name(user),
                    channel=channel,
                    purpose=purpose[:200],
                )
            )
    PersonalDataRead.objects.bulk_create(reads)
    return rows
