"""New entries from commented templates (``groei new``)."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import jinja2

from .entries import SLUG
from .kinds import ENTRY_KINDS, RESERVED_IDS, THEMES_DIR
from .problems import suggest
from .vocabulary import SLUG_RULE

__all__ = ["new_entry", "ScaffoldError"]


class ScaffoldError(ValueError):
    """Why a new entry cannot be made (Dutch, for the editor)."""


def _target(root: Path, kind: str, entry_id: str, theme: str | None) -> Path:
    return root / ENTRY_KINDS[kind].source(entry_id, theme=theme)


def _themes(root: Path) -> list[str]:
    folder = root / THEMES_DIR
    return sorted(p.name for p in folder.iterdir() if (p / "index.md").is_file()) if folder.is_dir() else []


def new_entry(root: Path, kind: str, entry_id: str, *, theme: str | None, today: dt.date) -> Path:
    """Write a commented template for a new entry and return its path.

    What can be inferred is not asked: the core organisations are listed for
    kleur bekennen, and an opgave goes to the only theme when there is one.
    """
    from .validate import check

    if not SLUG.match(entry_id):
        raise ScaffoldError(f"'{entry_id}' is geen geldige id: {SLUG_RULE}")
    if entry_id in RESERVED_IDS:
        raise ScaffoldError(f"'{entry_id}' kan geen id zijn: {RESERVED_IDS[entry_id]}; kies een andere id")
    if kind == "opgave":
        themes = _themes(root)
        if theme is None and len(themes) == 1:
            theme = themes[0]
        if theme is None:
            listed = ", ".join(themes) or "nog geen; maak eerst een thema met 'groei new thema ID'"
            raise ScaffoldError(f"bij welk thema hoort de opgave? Geef --thema (thema's: {listed})")
        if theme not in themes:
            raise ScaffoldError(f"onbekend thema '{theme}'{suggest(theme, themes)}")
    target = _target(root, kind, entry_id, theme)
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root).as_posix()} bestaat al")

    entries = check(root).entries
    kern = entries.kern
    source = (resources.files("groeiperspectief") / "templates" / "new" / f"{kind}.md").read_text(encoding="utf-8")
    text = (
        jinja2.Environment(keep_trailing_newline=True)
        .from_string(source)
        .render(
            id=entry_id,
            theme=theme,
            kern=kern,
            year=today.year,
            kern_example=kern[0] if kern else "gemeente-id",
            opgave_example=next(iter(entries.opgaven), "opgave-id"),
        )
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
