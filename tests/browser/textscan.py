"""Scan a rendered page's text against the translation catalogue (issue 10, ADR 0051).

What counts as a finding:

* **English page**: a Chinese translation (``msgstr``, at least two characters) from the
  project's catalogues shown on the page — a UI string left in Chinese. Translations that the
  English source itself quotes ("Point-to-point (点对点)") do not count.
* **Chinese page**: an English source string (``msgid`` of at least two words, no
  placeholders) shown on the page — a UI string left untranslated. Source strings that a Chinese
  translation quotes do not count.
* **Both**: a raw choice value (a ``TextChoices`` value differing from its label) as a whole
  word — on an English page only values with ``_`` or ``-`` (``in_progress``), since plain words
  (``license``) are ordinary English there; on a Chinese page every value of 3+ letters.

User data is not UI text: the scan skips elements marked ``data-userdata`` (the convention for
records' own text — titles, names, descriptions typed by people), elements whose ``lang``
differs from the page's, ``<input>``/``<textarea>`` values, scripts and hidden elements; a test
may pass further record texts it created as ``ignore``. Matching is per text node: a node equal
to a catalogue string (ignoring a trailing colon), or containing one of 4+ characters (English
page) or 3+ words (Chinese page).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2] / "src" / "hicoop"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sdif]|\{\w*\}")

# Justified exceptions: text a page shows on purpose although it matches the catalogue; each
# says why. Matching parts are cut out of a text node before it is scanned.
ALLOWED = {
    # ADR 0035: a meeting's citation and its decisions' references (2026年推进会,
    # 2026年推进会决定第3项, 2026年部省会商结论第2项) are official references, stored on the
    # records a decision changed and always Chinese, like a document number.
    "meeting reference": re.compile(r"\d{4}年(推进会|部省会商)((决定|结论)第\d+项)?"),
}

# Text nodes outside user data, with the page's language (JS run in the page).
TEXT_NODES = r"""
() => {
  const lang = (document.documentElement.lang || '').toLowerCase();
  const out = [];
  const skip = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (e.hasAttribute('data-userdata')) return true;
      const l = (e.getAttribute('lang') || '').toLowerCase();
      if (l && !lang.startsWith(l.slice(0, 2))) return true;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION'].includes(e.tagName))
        return true;
    }
    return !(el.offsetParent || el.getClientRects().length);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.replace(/\s+/g, ' ').trim();
    if (text && !skip(n.parentElement)) out.push(text);
  }
  return {lang, texts: out};
}
"""


def _po_entries() -> list[tuple[str, str]]:
    import polib

    pairs = []
    for path in sorted(ROOT.rglob("zh_Hans/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                pairs.append((entry.msgid, entry.msgstr))
    return pairs


@functools.cache
def chinese_ui() -> frozenset[str]:
    """Chinese UI strings an English page must not show."""
    pairs = _po_entries()
    sources = " ".join(msgid for msgid, _ in pairs)
    return frozenset(
        s
        for _, s in pairs
        if len(s) >= 2 and CJK.search(s) and not PLACEHOLDER.search(s) and s not in sources
    )


@functools.cache
def english_ui() -> frozenset[str]:
    """English source strings a Chinese page must not show."""
    pairs = _po_entries()
    translations = " ".join(s for _, s in pairs)
    return frozenset(
        m
        for m, s in pairs
        if len(m.split()) >= 2
        and m != s
        and not CJK.search(m)
        and not PLACEHOLDER.search(m)
        and m not in translations
    )


@functools.cache
def raw_codes() -> frozenset[str]:
    """Values of every ``TextChoices`` in the project that differ from their label."""
    from django.db.models import TextChoices

    found: set[str] = set()
    todo = list(TextChoices.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("hicoop."):
            found.update(str(v) for v, label in cls.choices if str(v) != str(label))
    return frozenset(v for v in found if re.fullmatch(r"[a-z][a-z0-9_-]{2,}", v))


def _whole(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def findings(texts: Iterable[str], english: bool, ignore: Iterable[str] = ()) -> list[str]:
    """Every catalogue string or raw code found in ``texts`` (text nodes of one page)."""
    skip = set(ignore)
    out: list[str] = []
    ui = chinese_ui() if english else english_ui()
    codes = [c for c in raw_codes() if not english or "_" in c or "-" in c]
    for text in texts:
        if text in skip or any(s and s in text for s in skip):
            continue
        for allowed in ALLOWED.values():
            text = allowed.sub(" ", text).strip()
        bare = text.rstrip(":：").strip()
        out.extend(f"untranslated {s!r} in {text!r}" for s in ui if _shown(s, bare, english))
        out.extend(f"raw code {c!r} in {text!r}" for c in codes if _whole(c, text))
    return sorted(set(out))


def _shown(ui: str, text: str, english: bool) -> bool:
    if text in (ui, ui[:1].upper() + ui[1:]):  # headings and labels show msgids with capfirst
        return True
    if english:
        return len(ui) >= 4 and ui in text
    return len(ui.split()) >= 3 and _whole(ui, text)


def assert_clean(page: Any, ignore: Iterable[str] = ()) -> None:
    """Fail with every finding on ``page`` (a Playwright page)."""
    page.wait_for_load_state()
    scanned = page.evaluate(TEXT_NODES)
    english = scanned["lang"].startswith("en")
    found = findings(scanned["texts"], english, ignore)
    log = os.environ.get("HICOOP_TEXTSCAN_LOG")  # survey mode: collect every page's findings
    if log and found:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{page.url} ({scanned['lang']}):\n" + "\n".join(found) + "\n")
        return
    assert not found, f"{page.url} ({scanned['lang']}):\n" + "\n".join(found)


LANGUAGES = ("zh-hans", "en")


def assert_clean_in_both(page: Any, urls: Iterable[str], ignore: Iterable[str] = ()) -> None:
    """Open each of ``urls`` in Chinese and then in English and scan it; the language cookie
    is left on English, a test continuing in Chinese sets it back (``use_language``)."""
    targets = list(urls)
    for language in LANGUAGES:
        use_language(page, language)
        for url in targets:
            page.goto(url)
            assert_clean(page, ignore)


def use_language(page: Any, language: str) -> None:
    """Choose ``language`` for the next pages, as the language menu does (its cookie)."""
    base = re.match(r"https?://[^/]+", page.url)
    assert base, f"no page open yet ({page.url})"
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base[0]}])
