"""Simplified Chinese input formats: ISO first, so every ``<input type="date">`` gets a value the
browser understands (a date rendered as 2026/02/01 shows blank and is wiped on save)."""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2016-09-05' — what date inputs send and must be given
    "%Y/%m/%d",  # '2016/09/05'
    "%Y年%m月%d日",  # '2016年9月5日'
]

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
]
