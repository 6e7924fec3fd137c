"""Dates as speeches write them: "（2017年5月27日）", "二〇一七年五月二十七日", "2017-05-27"."""

from __future__ import annotations

import re

_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_NUM = r"[\d〇○零一二三四五六七八九十]"
DATE = re.compile(
    rf"({_NUM}{{4}})\s*年\s*({_NUM}{{1,3}})\s*月\s*({_NUM}{{1,3}})\s*日"  # 2017年5月27日, 二〇一七年五月二十七日
    r"|(\d{4})[-./](\d{1,2})[-./](\d{1,2})"  # 2017-05-27
)


def parse_date_line(text: str) -> str | None:
    """A line that is only a date, in brackets or not → "YYYY-MM-DD"; else None."""
    m = DATE.fullmatch(text.strip().strip("（）()"))
    return iso(m) if m else None


def iso(m: re.Match[str]) -> str | None:
    """The ISO form of a DATE match, or None when it names no real month and day."""
    if m.group(1):
        year, month, day = (_number(g) for g in m.group(1, 2, 3))
    else:
        year, month, day = (int(g) for g in m.group(4, 5, 6))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> int:
    """Arabic or Chinese numerals: "2017", "二〇一七", "十二", "二十七"."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(_DIGITS.get(c, c) for c in text))
    tens, _, ones = text.partition("十")
    return int(_DIGITS.get(tens, "1") if tens else 1) * 10 + (int(_DIGITS[ones]) if ones else 0)
