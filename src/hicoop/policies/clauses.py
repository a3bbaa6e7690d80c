"""Reading a legal text into its structure: 章 (chapter), 节 (section), 条 (article), 款 (paragraph).

Pure code (no Django): a Markdown or plain text goes in, a flat list of :class:`ParsedClause` in
document order comes out, each with its address (``第十五条``, ``第十五条第二款``, ``第一章``) so
a clause can be cited, searched and compared between versions. Items (（一）（二）…) stay inside
the paragraph that introduces them, as Chinese drafting treats them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS.update({"七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = "[零〇一二两三四五六七八九十百千]+"
ARTICLE = re.compile(rf"^第({_NUM})条(?:之({_NUM}))?(?:[\s\u3000]+|$)(.*)$")
CHAPTER = re.compile(rf"^第({_NUM})章[\s\u3000]*(.*)$")
SECTION = re.compile(rf"^第({_NUM})节[\s\u3000]*(.*)$")
ADDRESS = re.compile(
    rf"^(?:第({_NUM}|\d+)章)?(?:第({_NUM}|\d+)节)?(?:第({_NUM}|\d+)条(?:之({_NUM}|\d+))?)?"
    rf"(?:第({_NUM}|\d+)款)?$"
)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_INFO_END = "<!-- INFO END -->"
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def cn_number(text: str) -> int:
    """``十五`` → 15, ``一百零五`` → 105, ``二十`` → 20 (also plain digits)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + current


def cn_numeral(number: int) -> str:
    """15 → ``十五``, 105 → ``一百零五`` (for addresses typed with digits)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        value, number = divmod(number, unit)
        if value:
            if zero:
                parts.append("零")
            skip_one = name == "十" and value == 1 and not parts
            parts.append(("" if skip_one else digits[value]) + name)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@dataclass
class ParsedClause:
    """One node of a text's structure, in document order."""

    kind: str  # chapter, section, article, paragraph
    number: int
    label: str  # 第十五条, 第二款, 第一章
    address: str
    heading: str = ""
    text: str = ""
    parent: int | None = None  # index of the parent clause in the list
    children: list[int] = field(default_factory=list)


@dataclass
class ParsedText:
    title: str
    info: list[str]
    clauses: list[ParsedClause]
    body: str

    def articles(self) -> list[ParsedClause]:
        return [c for c in self.clauses if c.kind == "article"]


class _Builder:
    def __init__(self) -> None:
        self.clauses: list[ParsedClause] = []
        self.chapter: int | None = None
        self.section: int | None = None
        self.article: int | None = None
        self.paragraph: int | None = None
        self.addresses: set[str] = set()

    def _add(self, clause: ParsedClause) -> int:
        base, n = clause.address, 2
        while clause.address in self.addresses:  # a repeated number keeps a distinct address
            clause.address = f"{base}（{n}）"
            n += 1
        self.addresses.add(clause.address)
        self.clauses.append(clause)
        index = len(self.clauses) - 1
        if clause.parent is not None:
            self.clauses[clause.parent].children.append(index)
        return index

    def heading(self, level: int, text: str) -> None:
        chapter, section = CHAPTER.match(text), SECTION.match(text)
        if level >= 3 and section and self.chapter is not None:
            number = cn_number(section.group(1))
            label = f"第{section.group(1)}节"
            address = f"{self.clauses[self.chapter].address}{label}"
            self.section = self._add(
                ParsedClause(
                    "section", number, label, address, section.group(2).strip(), "", self.chapter
                )
            )
        else:
            number = cn_number(chapter.group(1)) if chapter else self._chapters() + 1
            label = f"第{chapter.group(1)}章" if chapter else text.split()[0][:20]
            heading = chapter.group(2).strip() if chapter else text[len(label) :].strip()
            address = f"第{cn_numeral(number)}章" if chapter else label
            self.chapter = self._add(ParsedClause("chapter", number, label, address, heading))
            self.section = None
        self.article = self.paragraph = None

    def _chapters(self) -> int:
        return sum(1 for c in self.clauses if c.kind == "chapter")

    def start_article(self, match: re.Match[str]) -> None:
        number = cn_number(match.group(1))
        label = f"第{match.group(1)}条" + (f"之{match.group(2)}" if match.group(2) else "")
        parent = self.section if self.section is not None else self.chapter
        self.article = self._add(ParsedClause("article", number, label, label, "", "", parent))
        self.paragraph = None
        self.line(match.group(3).strip())

    def line(self, text: str) -> None:
        if self.article is None or not text:
            return
        article = self.clauses[self.article]
        is_item = text.startswith("（") and self.paragraph is not None
        if is_item and self.paragraph is not None:
            self.clauses[self.paragraph].text += "\n" + text
        else:
            n = len(article.children) + 1
            label = f"第{cn_numeral(n)}款"
            clause = ParsedClause(
                "paragraph", n, label, article.address + label, "", text, self.article
            )
            self.paragraph = self._add(clause)
        article.text = f"{article.text}\n{text}" if article.text else text


def _bare_heading(line: str) -> bool:
    """A chapter or section line in a text without Markdown headings."""
    short = len(line) <= 30 and not any(mark in line for mark in "，。；：")
    return short and bool(CHAPTER.match(line) or SECTION.match(line))


def split_info(markdown: str) -> tuple[str, list[str], str]:
    """Title, the info lines (dates and bodies that passed the text) and the body."""
    lines = _INVISIBLE.sub("", markdown).splitlines()
    title = ""
    if lines and lines[0].startswith("# "):
        title = lines.pop(0)[2:].strip()
    text = "\n".join(lines)
    if _INFO_END in text:
        head, body = text.split(_INFO_END, 1)
        info = [line.strip() for line in head.splitlines() if line.strip()]
    else:
        info, body = [], text
    return title, info, body.strip()


def parse(markdown: str) -> ParsedText:
    """The structure of a legal text (Markdown headings ``##``/``###`` or plain lines)."""
    title, info, body = split_info(markdown)
    builder = _Builder()
    for raw in body.splitlines():
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            builder.heading(level, line.lstrip("#").strip())
            continue
        article = ARTICLE.match(line)
        if article:
            builder.start_article(article)
        elif _bare_heading(line):
            builder.heading(2 if CHAPTER.match(line) else 3, line)
        else:
            builder.line(line)
    return ParsedText(title=title, info=info, clauses=builder.clauses, body=body)


def info_dates(info: list[str]) -> list[tuple[dt.date, str]]:
    """Every dated line of the info block: (date, what happened), in order."""
    found = []
    for line in info:
        match = _CN_DATE.search(line)
        if match:
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            found.append((day, line[match.end() :].strip()))
    return found


def normalise_address(text: str) -> str:
    """``第15条第2款`` / ``第十五条 第二款`` → ``第十五条第二款`` (raises ValueError if unreadable)."""
    compact = re.sub(r"[\s\u3000]+", "", text or "")
    match = ADDRESS.match(compact)
    if not compact or match is None or not any(match.groups()):
        raise ValueError(compact)
    chapter, section, article, sub, paragraph = match.groups()
    parts = []
    for value, unit in ((chapter, "章"), (section, "节"), (article, "条")):
        if value:
            parts.append(f"第{cn_numeral(cn_number(value))}{unit}")
    if sub:
        parts.append(f"之{cn_numeral(cn_number(sub))}")
    if paragraph:
        parts.append(f"第{cn_numeral(cn_number(paragraph))}款")
    if article and chapter:
        parts = parts[2 if section else 1 :]  # articles are numbered through the whole text
    return "".join(parts)


_IN_FORCE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")


def commencement(body: str) -> dt.date | None:
    """The date a text's own commencement article names (``本法自2022年1月1日起施行``)."""
    for match in _IN_FORCE.finditer(body):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


def effective_from(parsed: ParsedText, version_date: dt.date | None) -> dt.date | None:
    """When a version came into force: its commencement date when that follows the version
    date within a year (a revision taking effect later), else the version date; without a
    version date, the commencement date or the latest dated line of the info block."""
    dated = info_dates(parsed.info)
    starts = [day for day, what in dated if "施行" in what]
    named = commencement(parsed.body)
    candidates = [d for d in (*starts, named) if d is not None]
    if version_date is not None:
        later = [d for d in candidates if version_date <= d <= version_date + dt.timedelta(366)]
        return min(later) if later else version_date
    if candidates:
        return min(candidates)
    return max((day for day, _ in dated), default=None)
