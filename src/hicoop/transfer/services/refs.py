"""Resolving references typed by people or spreadsheets: parties, achievements, items, fields."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hicoop.cooperation.models import CooperationItem
from hicoop.core.inputs import ParseError, fold
from hicoop.listings.models import Achievement
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field


def party(ref: Any) -> Party:
    """A party by id, external key (``mechanism:haikou`` or ``haikou``), name or short name."""
    text = str(ref).strip()
    condition = Q(external_id=text) | Q(external_id=f"mechanism:{text}") | Q(name=text)
    condition |= Q(short_name=text) | Q(name_en__iexact=text)
    if text.isdigit():
        condition |= Q(pk=int(text))
    found = Party.objects.filter(condition).order_by("pk").first()
    if found is None:
        raise ParseError(_("Unknown party: %(ref)s") % {"ref": text})
    return found


def achievement(ref: Any) -> Achievement:
    text = str(ref).strip()
    condition = Q(title=text) | Q(external_id=text)
    if text.isdigit():
        condition |= Q(pk=int(text))
    found = Achievement.objects.filter(condition).order_by("pk").first()
    if found is None:
        raise ParseError(_("Unknown achievement: %(ref)s") % {"ref": text})
    return found


def item(ref: Any) -> CooperationItem:
    text = str(ref).strip()
    condition = Q(number=text)
    if text.isdigit():
        condition |= Q(pk=int(text))
    found = CooperationItem.objects.filter(condition).order_by("pk").first()
    if found is None:
        raise ParseError(_("Unknown cooperation item: %(ref)s") % {"ref": text})
    return found


def field(ref: Any) -> Field:
    wanted = fold(str(ref))
    for candidate in Field.objects.all():
        if wanted in {fold(s) for s in (candidate.code, candidate.name, candidate.name_en) if s}:
            return candidate
    raise ParseError(_("Unknown field: %(ref)s") % {"ref": str(ref)})


def hainan() -> Party | None:
    return Party.objects.filter(external_id="mechanism:hainan").first()


def in_hainan(candidate: Party) -> bool:
    root = hainan()
    return bool(root and candidate.path.startswith(root.path))
