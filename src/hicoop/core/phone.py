"""Contact phone numbers: what is accepted, checked the same way in forms, the API and imports.

Accepted (after width folding, so full-width digits typed by a Chinese input method pass):

- a Chinese mobile number, 11 digits starting 13–19: ``13812345678``, ``138 1234 5678``;
- a landline with its area code: ``0898-66668888``, ``089866668888``, ``010 12345678``,
  optionally with an extension: ``0898-66668888-123``, ``0898-66668888 转 123``, ``ext. 12``;
- an international number, ``+`` and 8–15 digits (E.164), spaces or hyphens between groups:
  ``+86 138 1234 5678``, ``+86-898-66668888``, ``+44 20 7946 0958``; ``0086`` as ``+86``.

The number is stored as typed; ``phone_key`` is the digits-only form for comparisons.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from hicoop.core.text import nfkc

MAX_LENGTH = 40
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{7,14}$")
_EXTENSION = re.compile(r"^(.*?)(?:\s*(?:-|转|分机|ext\.?|x)\s*(\d{1,6}))$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s()（）]+")


def _compact(text: str) -> str:
    """Spaces and brackets dropped; ``0086`` read as ``+86``."""
    compact = _SEPARATORS.sub("", text)
    return "+" + compact[2:] if compact.startswith("00") and len(compact) > 10 else compact


def _plain_ok(number: str) -> bool:
    if number.startswith("+"):
        return bool(_INTERNATIONAL.match(number.replace("-", "")))
    digits = number.replace("-", "")
    if _MOBILE.match(digits):
        return True
    # One hyphen at most, between the area code and the number.
    return bool(_LANDLINE.match(number)) or bool(_LANDLINE.match(digits))


def is_phone(text: str) -> bool:
    """Whether ``text`` is an acceptable contact phone number (empty is not)."""
    folded = nfkc(text)
    if not folded or len(folded) > MAX_LENGTH or "--" in folded:
        return False
    if _plain_ok(_compact(folded)):
        return True
    found = _EXTENSION.match(folded)
    if found is None:
        return False
    number = _compact(found.group(1))
    return not number.startswith("+") and bool(_LANDLINE.match(number.replace("-", "")))


def phone_error() -> str:
    return _(
        "Enter a phone number: a mobile number (13812345678), a landline with its area code "
        "(0898-66668888, extension allowed) or an international number (+86 138 1234 5678)."
    )


def check_phone(text: str) -> str:
    """The phone as typed (trimmed); raises ``ValueError`` with a clear message when it is not one.

    Empty stays empty: the phone is optional wherever it is asked for.
    """
    typed = (text or "").strip()
    if typed and not is_phone(typed):
        raise ValueError(phone_error())
    return typed


def phone_key(text: str) -> str:
    """Digits (and a leading ``+``) only: for comparing two spellings of one number."""
    compact = _compact(nfkc(text))
    return ("+" if compact.startswith("+") else "") + re.sub(r"\D", "", compact)
