"""How problems are shown: plain ``file:line: message`` lines, or GitHub annotations."""

from __future__ import annotations

from collections.abc import Iterator

from .dutch import count
from .problems import Problems

__all__ = ["format_problems", "summary"]


def _github_escape(text: str) -> str:
    # Workflow commands end at a newline and treat % specially.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_problems(problems: Problems, fmt: str = "text") -> Iterator[str]:
    for p in problems:
        if fmt == "github":
            level = "error" if p.is_error else "warning"
            where = f"file={_github_escape(p.path).replace(',', '%2C')}"
            if p.line is not None:
                where += f",line={p.line}"
                if p.column is not None:
                    where += f",col={p.column}"
            yield f"::{level} {where}::{_github_escape(p.message)}"
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
