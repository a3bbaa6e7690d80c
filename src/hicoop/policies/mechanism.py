"""Reference data of the catalogue at every install: the issuers of policies as parties.

The parties registry has no kind for legislatures or courts, so central organs are placed as
top-level ``ministry`` parties and provincial-level people's congresses as ``provincial_government``
parties under their region (ADR 0020). Provinces that issue texts in the collection but are not
partner regions (河南, 山东, 重庆) are added as regions. Existing parties are never changed.
"""

from __future__ import annotations

from typing import Any

from hicoop.core.loading import LoadReport
from hicoop.parties.choices import PartyKind, PartySubtype
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party

# key, name, English name, kind, subtype, parent key
ISSUERS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("policies:npc", "全国人民代表大会", "National People's Congress", PartyKind.MINISTRY, "", ""),
    (
        "policies:npcsc",
        "全国人民代表大会常务委员会",
        "Standing Committee of the National People's Congress",
        PartyKind.MINISTRY,
        "",
        "",
    ),
    ("policies:state-council", "国务院", "State Council", PartyKind.MINISTRY, "", ""),
    ("policies:spc", "最高人民法院", "Supreme People's Court", PartyKind.MINISTRY, "", ""),
    ("policies:region-henan", "河南省", "Henan", PartyKind.REGION, PartySubtype.PROVINCE, ""),
    ("policies:region-shandong", "山东省", "Shandong", PartyKind.REGION, PartySubtype.PROVINCE, ""),
    (
        "policies:region-chongqing",
        "重庆市",
        "Chongqing",
        PartyKind.REGION,
        PartySubtype.MUNICIPALITY,
        "",
    ),
)
CONGRESSES: tuple[tuple[str, str, str], ...] = (
    # congress key suffix, region key, English place name
    ("hainan", "mechanism:hainan", "Hainan"),
    ("shanghai", "mechanism:shanghai", "Shanghai"),
    ("beijing", "mechanism:beijing", "Beijing"),
    ("guangdong", "mechanism:guangdong", "Guangdong"),
    ("shenzhen", "mechanism:shenzhen", "Shenzhen"),
    ("zhejiang", "mechanism:zhejiang", "Zhejiang"),
    ("henan", "policies:region-henan", "Henan"),
    ("shandong", "policies:region-shandong", "Shandong"),
    ("chongqing", "policies:region-chongqing", "Chongqing"),
)


def _ensure(
    key: str, name: str, name_en: str, kind: str, subtype: str, parent: Party | None, actor: Any
) -> tuple[Party, bool]:
    found = Party.objects.filter(external_id=key).first() or Party.objects.filter(name=name).first()
    if found is not None:
        return found, False
    data = PartyData(
        name=name,
        name_en=name_en,
        kind=kind,
        subtype=subtype,
        parent_id=parent.pk if parent else None,
        external_id=key,
        description="政策目录中的发布机关。",
        description_en="Issuer of policies in the catalogue.",
    )
    # The parties services take None for the system itself (they predate system actors).
    return create_party(data=data, actor=actor), True


def ensure_mechanism(*, actor: Any, report: LoadReport) -> None:
    """Add the issuer parties that are missing (idempotent)."""
    label = Party._meta.label
    for key, name, name_en, kind, subtype, _parent in ISSUERS:
        _party, created = _ensure(key, name, name_en, kind, subtype, None, actor)
        report.count(report.created if created else report.unchanged, label)
    for suffix, region_key, place in CONGRESSES:
        region = Party.objects.filter(external_id=region_key).first()
        if region is None:
            continue
        name = f"{region.name}人民代表大会常务委员会"
        name_en = f"Standing Committee of the {place} People's Congress"
        _party, created = _ensure(
            f"policies:congress-{suffix}",
            name,
            name_en,
            PartyKind.PROVINCIAL_GOVERNMENT,
            "",
            region,
            actor,
        )
        report.count(report.created if created else report.unchanged, label)
