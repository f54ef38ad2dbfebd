"""How problems are shown: plain ``file:line: message`` lines, or GitHub annotations."""

from __future__ import annotations

from collections.abc import Iterator

from .dutch import count
from .problems import Problems

__all__ = ["format_problems", "summary"]


def _github_data(text: str) -> str:
    r"""A workflow command's message, escaped as GitHub's toolkit does (``escapeData``): the command ends at a
    newline and reads ``%`` as an escape.

    >>> _github_data("100% af\r\n::error::x")
    '100%25 af%0D%0A::error::x'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    r"""A property value (``file=``), escaped as the toolkit does (``escapeProperty``): also ``:`` ends the
    properties and ``,`` separates them, so a file named ``a,line=1::x.md`` cannot add its own.

    >>> _github_property("projects/a,line=9::b%.md")
    'projects/a%2Cline=9%3A%3Ab%25.md'
    """
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Problems, fmt: str = "text") -> Iterator[str]:
    for p in problems:
        if fmt == "github":
            level = "error" if p.is_error else "warning"
            where = f"file={_github_property(p.path)}"
            if p.line is not None:
                where += f",line={p.line}"
                if p.column is not None:
                    where += f",col={p.column}"
            yield f"::{level} {where}::{_github_data(p.message)}"
        else:
            yield str(p)


def summary(result) -> str:
    """One Dutch line: how many files, how many errors and warnings in how many files, and how long it took."""
    errors, warnings = result.problems.errors, result.problems.warnings

    def found(problems, one: str, many: str) -> str:
        files = len({p.path for p in problems})
        return count(len(problems), one, many) + (f" in {count(files, 'bestand', 'bestanden')}" if files else "")

    verdict = "in orde" if not errors else "niet in orde"
    return (
        f"{count(result.files, 'bestand', 'bestanden')} gecontroleerd: "
        f"{found(errors, 'fout', 'fouten')}, {found(warnings, 'waarschuwing', 'waarschuwingen')} "
        f"({verdict}, {result.seconds:.2f} s)"
    )
