"""Columns and rows of a party list export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from hicoop.core.export import Column
from hicoop.parties.models import Party

COLUMNS = (
    Column("编号", "id"),
    Column("中文名称", "name"),
    Column("英文名称", "name_en"),
    Column("简称", "short_name"),
    Column("类型", "kind"),
    Column("子类型", "subtype"),
    Column("上级", "parent"),
    Column("行政区划代码", "division_code"),
    Column("统一社会信用代码", "credit_code"),
    Column("领域", "fields"),
    Column("园区定位", "designations"),
    Column("联系人", "contact_person"),
    Column("联系电话", "contact_phone"),
    Column("电子邮箱", "contact_email"),
    Column("网站", "website"),
    Column("有效", "is_active"),
)


def rows(parties: QuerySet[Party]) -> Iterator[list[Any]]:
    for p in parties.prefetch_related("fields", "designations"):
        yield [
            p.pk,
            p.name,
            p.name_en,
            p.short_name,
            p.get_kind_display(),
            p.get_subtype_display() if p.subtype else "",
            p.parent.name if p.parent else "",
            p.division.code if p.division else "",
            p.credit_code,
            [f.code for f in p.fields.all()],
            [d.code for d in p.designations.all()],
            p.contact_person,
            p.contact_phone,
            p.contact_email,
            p.website,
            "是" if p.is_active else "否",
        ]
