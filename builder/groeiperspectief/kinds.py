"""The kinds of entry, each defined once: where its files live, its page's URL section, its Dutch names.

The reader, the checker's schemas, the scaffold (``groei new``), the preview, the pages and the
figures all read this registry; a new kind of entry is one more line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

__all__ = [
    "RESERVED_IDS",
    "EntryKind",
    "ENTRY_KINDS",
    "LABELS",
    "URL_SECTIONS",
    "ORGANISATIONS_DIR",
    "THEMES_DIR",
    "PROJECTS_DIR",
    "kind_of_file",
]

RESERVED_IDS = {
    "index": "de overzichtspagina van elke soort (projecten/, organisaties/, themas/, inspiratiedag/) heeft die naam",
    "pagina": "de vervolgpagina's van lange overzichten staan onder pagina/ (projecten/pagina/2/)",
}
"""Ids an entry may not have: its page would land on a generated page's path; each with the reason (Dutch)."""

ORGANISATIONS_DIR = "content/organisaties"
THEMES_DIR = "themes"
PROJECTS_DIR = "projects"


@dataclass(frozen=True)
class EntryKind:
    name: str
    label: str
    """Dutch name of one entry of this kind ("Opgave")."""
    plural: str
    section: str
    """URL section of its pages (``opgaven/<id>/``)."""
    files: tuple[str, ...]
    """Globs, relative to the content repository, of its files (``!`` excludes)."""
    about: str
    """One Dutch sentence for editors: what it is and where its file goes."""

    def source(self, entry_id: str, theme: str | None = None) -> str:
        """The path of an entry's file in the content repository (an opgave lives in its theme's folder).

        >>> ENTRY_KINDS["opgave"].source("net", theme="energie"), ENTRY_KINDS["thema"].source("energie")
        ('themes/energie/net.md', 'themes/energie/index.md')
        """
        folder, name = self.files[0].rsplit("/", 1)
        folder = folder.replace("*", theme if self.name == "opgave" else entry_id)
        return f"{folder}/{name.replace('*', entry_id)}"


ENTRY_KINDS: dict[str, EntryKind] = {
    kind.name: kind
    for kind in (
        EntryKind(
            "organisatie",
            "Organisatie",
            "Organisaties",
            "organisaties",
            (f"{ORGANISATIONS_DIR}/*.md",),
            "Een gemeente of partner. Bestand: content/organisaties/<id>.md.",
        ),
        EntryKind(
            "thema",
            "Thema",
            "Thema's",
            "themas",
            (f"{THEMES_DIR}/*/index.md",),
            "Een thema van het groeiperspectief. Bestand: themes/<id>/index.md.",
        ),
        EntryKind(
            "opgave",
            "Opgave",
            "Opgaven",
            "opgaven",
            (f"{THEMES_DIR}/*/*.md", f"!{THEMES_DIR}/*/index.md"),
            "Een regionale opgave. Bestand: themes/<thema>/<id>.md.",
        ),
        EntryKind(
            "project",
            "Project",
            "Projecten",
            "projecten",
            (f"{PROJECTS_DIR}/*.md",),
            "Een coalitie die aan één of meer opgaven werkt. Bestand: projects/<id>.md.",
        ),
    )
}
# Dutch labels of every node kind of the perspective graph: the entries, and a theme's tables.
LABELS: dict[str, str] = {name: kind.label for name, kind in ENTRY_KINDS.items()} | {"tafel": "Tafel"}
# The URL section of each kind of entry page ("tafel" pages are sections of their theme).
URL_SECTIONS: dict[str, str] = {name: kind.section for name, kind in ENTRY_KINDS.items()}


def kind_of_file(path: str) -> tuple[str, str] | None:
    """(kind, id) of the entry in source file ``path``, or None for any other file.

    >>> kind_of_file("projects/fiets.md"), kind_of_file("themes/wonen/index.md"), kind_of_file("themes/wonen/bouw.md")
    (('project', 'fiets'), ('thema', 'wonen'), ('opgave', 'bouw'))
    >>> kind_of_file("content/organisaties/aa.md"), kind_of_file("content/over.md"), kind_of_file("projects/a/b.md")
    (('organisatie', 'aa'), None, None)
    """
    parts = path.split("/")
    for kind in ENTRY_KINDS.values():
        include = [g for g in kind.files if not g.startswith("!")]
        exclude = [g[1:] for g in kind.files if g.startswith("!")]
        if any(_matches(parts, g) for g in include) and not any(_matches(parts, g) for g in exclude):
            return kind.name, (parts[-2] if parts[-1] == "index.md" else parts[-1][:-3])
    return None


def _matches(parts: list[str], glob: str) -> bool:
    """A glob of the registry matched part by part: ``*`` never crosses a ``/``."""
    pattern = glob.split("/")
    return len(parts) == len(pattern) and all(fnmatchcase(a, b) for a, b in zip(parts, pattern))
