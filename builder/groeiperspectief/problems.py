"""Problems found in the content: what an editor sees, in Dutch, as ``file:line: message``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Severity", "Problem", "Problems", "printable", "suggest"]


class Severity(str, Enum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one place in the content."""

    path: str
    """File relative to the content repository, with forward slashes."""
    line: int | None
    """1-based line in the file; ``None`` when the problem concerns the file as a whole."""
    column: int | None = None
    """1-based column, only where the YAML parser knows it."""
    message: str = ""
    """Dutch, one sentence: what is wrong, what was expected, and a suggestion where close."""
    severity: Severity = field(default=Severity.ERROR, compare=False)
    code: str = field(default="", compare=False)
    """Stable machine name of the rule (``onbekend-veld``, ``kleur-bekennen``, ...)."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        label = "" if self.is_error else "waarschuwing: "
        return printable(f"{self.location}: {label}{self.message}")


# Line breaks, terminal escapes (ANSI colours, OSC titles and links), other controls and the bidi overrides
# of "Trojan source": a message quotes what an editor wrote, and must stay one honest line in a terminal or log.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` on one line with every control character written out.

    >>> printable("a\nb \x1b[31mrood\x1b]0;titel\x07 \u202e")
    'a\\nb \\x1b[31mrood\\x1b]0;titel\\x07 \\u202e'
    """
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1] if m[0] != "\t" else " ", text)


class Problems:
    """The problems of one run, each reported once, in file and line order."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: dict[Problem, None] = dict.fromkeys(items)

    def add(
        self,
        path: str,
        line: int | None,
        message: str,
        *,
        code: str,
        column: int | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self._items.setdefault(Problem(path, line, column, message, severity, code))

    def warn(self, path: str, line: int | None, message: str, *, code: str) -> None:
        self.add(path, line, message, code=code, severity=Severity.WARNING)

    def extend(self, other: Problems) -> None:
        for p in other:
            self._items.setdefault(p)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self._items, key=lambda p: (p.path, p.line or 0, p.column or 0, p.message)))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def has_errors(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def suggest(word: object, candidates: Iterable[str]) -> str:
    """A Dutch "did you mean" suffix for ``word``, or ``""`` when nothing is close.

    >>> suggest("deelnemer", ["deelnemers", "titel"])
    " (bedoelde je 'deelnemers'?)"
    >>> suggest("xyz", ["titel"])
    ''
    >>> suggest("vol", ["volledig", "solidariteit", "instap", "geen"])  # a short form: the one word it begins
    " (bedoelde je 'volledig'?)"
    """
    if not isinstance(word, str):
        return ""
    candidates, low = list(candidates), word.lower()
    match = difflib.get_close_matches(low, candidates, n=1, cutoff=0.6)
    if not match and len(low) >= 2:
        match = [c for c in candidates if c.startswith(low)]
    return f" (bedoelde je '{match[0]}'?)" if len(match) == 1 else ""
