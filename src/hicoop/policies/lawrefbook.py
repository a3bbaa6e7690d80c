"""Reading the LawRefBook collection (``manifest.csv`` + Markdown texts) at run time.

Nothing of the collection is copied into the repository: a directory is read, each file checked
against the manifest's checksum, parsed into clauses and described (level, issuer, region,
category, dates) as plain records that the import service writes in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from hicoop.policies import clauses
from hicoop.policies.choices import PolicyCategory, PolicyLevel
from hicoop.policies.services.texts import PreparedText, prepare

COLUMNS = ("path", "title", "level", "region", "version_date", "n_articles", "sha256")
LEVELS = {
    "national_law": PolicyLevel.LAW,
    "administrative_regulation": PolicyLevel.ADMINISTRATIVE_REGULATION,
    "judicial_interpretation": PolicyLevel.JUDICIAL_INTERPRETATION,
    "local_regulation": PolicyLevel.LOCAL_REGULATION,
}
REGIONS = {
    "上海": "mechanism:shanghai",
    "北京": "mechanism:beijing",
    "广东": "mechanism:guangdong",
    "浙江": "mechanism:zhejiang",
    "深圳": "mechanism:shenzhen",
    "海南": "mechanism:hainan",
    "河南": "policies:region-henan",
    "山东": "policies:region-shandong",
    "重庆": "policies:region-chongqing",
}
CONGRESS = {
    region: f"policies:congress-{key.split(':')[1].removeprefix('region-')}"
    for region, key in REGIONS.items()
}
NATIONAL = {
    PolicyLevel.ADMINISTRATIVE_REGULATION: "policies:state-council",
    PolicyLevel.JUDICIAL_INTERPRETATION: "policies:spc",
}
_LOCAL_BODY = re.compile(
    r"([\u4e00-\u9fff]{2,12}?[省市])第[一二三四五六七八九十]+届人民代表大会常务委员会"
)
_CATEGORY_WORDS = (
    (PolicyCategory.TALENT, ("人才", "出境入境", "外国人")),
    (PolicyCategory.FINANCE, ("所得税", "关税", "基金", "金融", "投资项目")),
    (PolicyCategory.INTERNATIONAL, ("外商", "自由贸易", "进出口", "涉外", "海南岛")),
)
_TAG_WORDS = (
    ("知识产权", ("专利", "知识产权")),
    ("成果转化", ("成果转化",)),
    ("技术市场", ("技术市场", "技术合同")),
    ("数据", ("数据",)),
    ("自由贸易", ("自由贸易",)),
    ("园区", ("开发区", "示范区", "试验区", "科技城")),
    ("外商投资", ("外商",)),
    ("税收", ("税",)),
)


@dataclass
class TextRecord:
    """One file of the collection, ready to be written."""

    key: str
    title: str
    level: str
    region: str  # the manifest's region (全国, 上海 …)
    region_key: str  # party key of the region it applies in ("" for nationwide)
    issuer_key: str
    issuing_body: str
    category: str
    tags: list[str]
    version_date: dt.date | None
    effective_from: dt.date
    sha: str
    source_path: str
    full_text: str
    prepared: PreparedText | None  # None: this exact text is stored already


@dataclass
class ReadError:
    row: int
    column: str
    message: str


def _region_key(title: str, region: str) -> str:
    if title.startswith("深圳"):
        return REGIONS["深圳"]
    if region == "全国":
        return REGIONS["海南"] if "海南" in title else ""
    return REGIONS.get(region, "")


def _issuer(level: str, region: str, title: str, info: list[str]) -> tuple[str, str]:
    """The issuer party's key and the enacting body as the text names it."""
    first = info[0] if info else ""
    if level == PolicyLevel.LAW:
        if "全国人民代表大会常务委员会" in first or not first:
            return "policies:npcsc", "全国人民代表大会常务委员会"
        return "policies:npc", "全国人民代表大会"
    if level in NATIONAL:
        return NATIONAL[level], ""
    body = _LOCAL_BODY.search(first)
    issuing = f"{body.group(1)}人民代表大会常务委员会" if body else ""
    place = "深圳" if title.startswith("深圳") else region
    return CONGRESS.get(place, ""), issuing


def _category(title: str) -> tuple[str, list[str]]:
    category = next(
        (c for c, words in _CATEGORY_WORDS if any(w in title for w in words)),
        PolicyCategory.INNOVATION,
    )
    tags = [tag for tag, words in _TAG_WORDS if any(w in title for w in words)]
    return str(category), tags


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_manifest(root: Path) -> tuple[list[dict[str, str]], list[ReadError]]:
    manifest = root / "manifest.csv"
    if not manifest.is_file():
        return [], [
            ReadError(0, "manifest.csv", _("manifest.csv is missing in %(dir)s") % {"dir": root})
        ]
    with manifest.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            message = _("Missing columns: %(cols)s") % {"cols": ", ".join(missing)}
            return [], [ReadError(1, "manifest.csv", message)]
        return list(reader), []


def read_one(
    root: Path, row: dict[str, str], line: int, known: frozenset[str] = frozenset()
) -> TextRecord | ReadError:
    """Read, check and parse one manifest row (``line`` is its line in manifest.csv); a text
    whose checksum is in ``known`` is stored already and is not analysed again."""
    path = (root / row["path"]).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        return ReadError(line, "path", _("File not found: %(p)s") % {"p": row["path"]})
    raw = path.read_bytes()
    if row["sha256"] and hashlib.sha256(raw).hexdigest()[: len(row["sha256"])] != row["sha256"]:
        return ReadError(line, "sha256", _("The file does not match its checksum."))
    level = LEVELS.get(row["level"])
    if level is None:
        return ReadError(line, "level", _("Unknown level: %(v)s") % {"v": row["level"]})
    try:
        version_date = _date(row["version_date"])
    except ValueError:
        return ReadError(line, "version_date", _("Use a date like 2026-05-01."))
    text = raw.decode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    prepared = prepare(text) if sha not in known else None
    parsed = prepared.parsed if prepared else clauses.parse(text)
    start = clauses.effective_from(parsed, version_date)
    if start is None:
        return ReadError(line, "version_date", _("No date says when this text took effect."))
    if not parsed.articles():
        return ReadError(line, "path", _("No articles (第…条) were found in the text."))
    title = row["title"].strip()
    issuer_key, issuing_body = _issuer(level, row["region"], title, parsed.info)
    category, tags = _category(title)
    return TextRecord(
        key=f"lawrefbook:{row['region']}:{title}",
        title=title,
        level=level,
        region=row["region"],
        region_key=_region_key(title, row["region"]),
        issuer_key=issuer_key,
        issuing_body=issuing_body,
        category=category,
        tags=tags,
        version_date=version_date,
        effective_from=start,
        sha=sha,
        source_path=row.get("source_path") or row["path"],
        full_text=text,
        prepared=prepared,
    )


def read_collection(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    known: frozenset[str] = frozenset(),
) -> tuple[list[TextRecord], list[ReadError]]:
    """Every text of the collection, or the errors that stop the import (all of them)."""
    rows, errors = read_manifest(root)
    records: list[TextRecord] = []
    for index, row in enumerate(rows):
        found = read_one(root, row, index + 2, known)
        if isinstance(found, ReadError):
            errors.append(found)
        else:
            records.append(found)
        if progress is not None:
            progress(index + 1, len(rows))
    return records, errors
