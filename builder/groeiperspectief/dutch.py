"""Dutch words for numbers, dates and sizes, as the site and the messages write them (one copy of each)."""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "count", "date", "month_year", "file_size"]

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def count(n: int, one: str, many: str) -> str:
    """``n`` with the singular or plural noun.

    >>> count(1, "fout", "fouten"), count(0, "fout", "fouten"), count(3, "project", "projecten")
    ('1 fout', '0 fouten', '3 projecten')
    """
    return f"{n} {one if n == 1 else many}"


def date(day: dt.date) -> str:
    """
    >>> date(dt.date(2025, 11, 14))
    '14 november 2025'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(year: int, month: int) -> str:
    """
    >>> month_year(2024, 3)
    'maart 2024'
    """
    return f"{MONTHS[month - 1]} {year}"


def file_size(n: int) -> str:
    """A file size in Dutch notation.

    >>> file_size(4200), file_size(3_200_000)
    ('4,2 kB', '3,2 MB')
    """
    return f"{n / 1000:.1f} kB".replace(".", ",") if n < 1_000_000 else f"{n / 1_000_000:.1f} MB".replace(".", ",")
