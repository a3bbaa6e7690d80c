"""Contact phone numbers: Chinese mobiles, landlines with area code, +86 and E.164 numbers."""

from __future__ import annotations

import pytest

from hicoop.core.phone import check_phone, is_phone, phone_key

GOOD = [
    "13812345678",
    "138 1234 5678",
    "１３８１２３４５６７８",  # full-width digits from a Chinese input method
    "0898-66668888",
    "089866668888",
    "010-12345678",
    "0898 6666 8888",
    "0898-66668888-123",
    "0898-66668888 转 123",
    "0898-66668888 ext. 12",
    "(0898) 66668888",
    "+86 138 1234 5678",
    "+86-898-66668888",
    "+44 20 7946 0958",
    "008613812345678",
]
BAD = [
    "12345",
    "12812345678",  # no mobile prefix 12
    "138123456789",  # twelve digits
    "66668888",  # landline without area code
    "0898--66668888",
    "13812345678-12",  # a mobile has no extension
    "+0 1234 5678",
    "+1 23",
    "电话：13812345678",
    "abc",
    "1" * 41,
]


@pytest.mark.parametrize("text", GOOD)
def test_accepted(text: str) -> None:
    assert is_phone(text)
    assert check_phone(f"  {text} ") == text  # stored as typed, only trimmed


@pytest.mark.parametrize("text", BAD)
def test_refused_with_a_clear_message(text: str) -> None:
    assert not is_phone(text)
    with pytest.raises(ValueError, match="0898-66668888"):
        check_phone(text)


def test_empty_is_allowed_and_key_compares_spellings() -> None:
    assert check_phone("") == "" and check_phone("  ") == ""
    assert phone_key("138 1234 5678") == phone_key("１３８-１２３４-５６７８") == "13812345678"
    assert phone_key("+86 138 1234 5678") == phone_key("0086 13812345678")
