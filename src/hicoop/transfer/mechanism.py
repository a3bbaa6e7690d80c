"""Reference data at every install: 国家技术转移海南中心 as a service organisation with its services.

The centre is a party of the mechanism (parties/data); if an install lacks it, it is created
under 海南省 through the parties services. Existing records are never changed (idempotent).
"""

from __future__ import annotations

from typing import Any

from hicoop.core.actors import is_system
from hicoop.core.loading import LoadReport
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party
from hicoop.transfer.models import ServiceOrganisation
from hicoop.transfer.services import ensure_service_organisation

CENTRE_KEY = "mechanism:nttc-hainan"
CENTRE_SERVICES = [
    "技术转移转化服务",
    "科技成果评价与推介",
    "技术合同登记咨询",
    "知识产权运营",
    "跨区域技术转移协作（苏南、浙江、上海闵行示范区）",
    "百城百园行动组织",
]


def _centre(actor: Any) -> Party | None:
    found = Party.objects.filter(external_id=CENTRE_KEY).first()
    if found is not None:
        return found
    hainan = Party.objects.filter(external_id="mechanism:hainan").first()
    if hainan is None:
        return None
    data = PartyData(
        name="国家技术转移海南中心",
        name_en="National Technology Transfer Hainan Center",
        short_name="技术转移海南中心",
        kind=PartyKind.CENTRE,
        parent_id=hainan.pk,
        external_id=CENTRE_KEY,
        description="国际技术转移示范区建设的重要载体。",
        description_en="A main vehicle of the international technology transfer demonstration zone.",
    )
    # The parties services take None for the system itself (they predate system actors).
    return create_party(data=data, actor=None if is_system(actor) else actor)


def ensure_mechanism(*, actor: Any, report: LoadReport) -> None:
    centre = _centre(actor)
    if centre is None:
        return
    _org, created = ensure_service_organisation(
        party=centre, services=CENTRE_SERVICES, national_centre=True, actor=actor
    )
    label = ServiceOrganisation._meta.label
    report.count(report.created if created else report.unchanged, label)
