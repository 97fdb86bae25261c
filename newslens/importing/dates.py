"""Dates of imported table rows as YYYY-MM-DD. Used by `tables`.

Read: ISO dates and timestamps (2023-01-12, 2023-01-12T10:00:00Z, 2023/01/12), compact forms
(20230112, 20230112T100000Z), month names in English (January 12, 2023; 12 Jan 2023; the RSS and
e-mail form Thu, 12 Jan 2023 10:00:00 GMT), date and datetime values (Parquet), and numeric
day/month/year dates (12/01/2023, 12.01.2023). A timestamp keeps the calendar date it is written
in (2023-01-12T23:30:00-05:00 is 2023-01-12), never converted to another time zone.
Numeric dates whose first two numbers are both 12 or less are ambiguous: 12/01/2023 is 12 January
(day first) or 1 December (month first). The import refuses to guess: it reads such a date only
with an explicit `dayfirst` (True or False), and it refuses a table whose dates show both orders.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from newslens.corpus import CorpusError

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
WEEKDAY = r"(?:[a-z]{3,9}\.?,?\s+)?"  # an optional leading weekday (Thu, / Thursday,)
REST = r"(?:$|[\sT,])"  # end of the value, or a time / zone / comma after the date
YEAR_FIRST_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + REST)
COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T?\d{4,6}Z?$)")
NUMERIC_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + REST)
MONTH_DAY_RE = re.compile(rf"^{WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})" + REST, re.I)
DAY_MONTH_RE = re.compile(rf"^{WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{{4}})" + REST, re.I)
FORMS = "2023-01-12, 2023-01-12T10:00:00Z, 20230112, January 12, 2023, Thu, 12 Jan 2023 10:00:00 GMT"


def month_number(word: str) -> int | None:
    """1-12 for an English month name or abbreviation of at least three letters (Sept too)."""
    word = word.lower()
    if len(word) < 3:
        return None
    matches = [n for n, name in enumerate(MONTH_NAMES, start=1) if name.startswith(word)]
    return matches[0] if matches else (9 if word == "sept" else None)


@dataclass
class DateReader:
    """Reads the dates of one table, remembering which numeric order (day or month first) the
    unambiguous dates showed, so that a table mixing both is refused rather than misread."""

    dayfirst: bool | None = None
    orders: dict[str, str] = field(default_factory=dict)  # "day first" / "month first" -> where seen

    def read(self, value: object, where: str) -> str:
        """The value as YYYY-MM-DD ('' when empty), or a CorpusError naming `where`."""
        if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in {"NaT", "nan"}:
            return ""
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        if not text:
            return ""
        y_m_d = self._parts(text, where)
        if y_m_d is None:
            raise CorpusError(
                f"{where}: date {text!r} is not a date form the import reads ({FORMS}; 12/01/2023 "
                "with dayfirst). Fix the value, or rename the column so that it is not read as the date."
            )
        try:
            return dt.date(*y_m_d).isoformat()
        except ValueError:
            raise CorpusError(f"{where}: date {text!r} is not a calendar date. Fix the value.") from None

    def _parts(self, text: str, where: str) -> tuple[int, int, int] | None:
        """(year, month, day) from the first form that matches, or None."""
        if m := YEAR_FIRST_RE.match(text) or COMPACT_RE.match(text):
            return int(m[1]), int(m[2]), int(m[3])
        if (m := MONTH_DAY_RE.match(text)) and month_number(m[1]):
            return int(m[3]), month_number(m[1]), int(m[2])
        if (m := DAY_MONTH_RE.match(text)) and month_number(m[2]):
            return int(m[3]), month_number(m[2]), int(m[1])
        if m := NUMERIC_RE.match(text):
            first, second = int(m[1]), int(m[2])
            day_first = self._day_first(first, second, text, where)
            return (int(m[3]), second, first) if day_first else (int(m[3]), first, second)
        return None

    def _day_first(self, first: int, second: int, text: str, where: str) -> bool:
        """Whether a numeric date reads day first: from the numbers when one exceeds 12, else from
        `dayfirst`; refuse to guess, and refuse a table whose dates show both orders."""
        if first == second or (first > 12 and second > 12):
            return True  # the same date either way; an impossible one fails as not a calendar date
        shown = "day first" if first > 12 else "month first" if second > 12 else None
        if shown is None:
            if self.dayfirst is None:
                raise CorpusError(
                    f"{where}: date {text!r} is ambiguous: {first}/{second} could be day/month or "
                    "month/day. Say which: dayfirst=True (day/month/year) or dayfirst=False "
                    "(month/day/year); on the command line --dayfirst or --monthfirst."
                )
            return self.dayfirst
        if self.dayfirst is not None and self.dayfirst != (shown == "day first"):
            raise CorpusError(f"{where}: date {text!r} is {shown}, but dayfirst={self.dayfirst} was given. Check the dates.")
        self.orders.setdefault(shown, f"{where}: {text!r}")
        if len(self.orders) == 2:
            raise CorpusError(
                "the dates mix day/month/year (" + self.orders["day first"] + ") and month/day/year ("
                + self.orders["month first"] + "). Make the date column use one order."
            )
        return shown == "day first"
