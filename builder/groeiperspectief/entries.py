"""Reading: find the entry files of a content repository and parse their front matter.

Every value keeps the line it came from, so later stages can say ``file:line``.
Nothing an editor writes raises here: unreadable bytes, empty files, broken YAML
and hostile YAML (alias bombs, deep nesting, exotic tags) become problems.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import parallel
from .kinds import ORGANISATIONS_DIR, PROJECTS_DIR, RESERVED_IDS, THEMES_DIR
from .problems import Problems
from .sources import Sources, walk
from .vocabulary import SLUG_PATTERN, slug_for

__all__ = ["SLUG", "Kind", "RawEntry", "discover", "read_entry", "read_all"]

SLUG = re.compile(SLUG_PATTERN)

# Where each kind of entry lives (relative to the content repository).

# Guards against YAML that expands without bound (billion laughs) or nests deeply.
MAX_NODES = 20_000
MAX_DEPTH = 40
MAX_BYTES = 2_000_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with a shortcut for the common case: a plain scalar that no implicit tag can match."""

    # Same answer as PyYAML's resolver, which tries the regexes keyed by a scalar's first character
    # (and those under None, for any character: none in the safe loader); skips its Python overhead
    # for the ~90% of scalars that are plain words.
    _first_chars = (
        frozenset(_BaseLoader.yaml_implicit_resolvers) if None not in _BaseLoader.yaml_implicit_resolvers else None
    )

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0] and value and self._first_chars is not None and value[0] not in self._first_chars:
                return _STR
        elif kind is yaml.MappingNode:  # the safe loader has no path resolvers: always the default tag
            return _MAP
        elif kind is yaml.SequenceNode:
            return _SEQ
        return super().resolve(kind, value, implicit)


_STANDARD_TAGS = {"tag:yaml.org,2002:" + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")}
_scalars = yaml.constructor.SafeConstructor()


class Kind:
    ORGANISATIE = "organisatie"
    THEMA = "thema"
    OPGAVE = "opgave"
    PROJECT = "project"
    ALL = (ORGANISATIE, THEMA, OPGAVE, PROJECT)
    PAGE = "pagina"
    """An editorial page (``editorial.py``): no entry, and its front matter is optional."""


Loc = tuple[Any, ...]


@dataclass
class RawEntry:
    """One entry file, parsed but not yet validated."""

    kind: str
    id: str
    path: str
    """Relative to the content repository, forward slashes."""
    data: dict[str, Any] | None = None
    """The front matter, or ``None`` when it could not be read."""
    lines: dict[Loc, int] = field(default_factory=dict)
    """Line (1-based, in the file) of every key and list item, by its path in ``data``."""
    body: str = ""
    body_line: int = 1
    theme: str | None = None
    """For opgaven: the theme folder it lives in."""
    doubled: dict[Loc, Any] = field(default_factory=dict)
    """Keys written twice (see ``Parsed.doubled``): reported, their value not judged."""
    source: str | None = None
    """The file's text, kept only when its front matter could not be read (``data`` is None): what it might name."""
    misnamed: bool = False
    """The file's name is no valid id (its own error): its fields are checked, it exists for references
    under the id it was meant to have (``id``), and it stays off the site."""

    def line(self, *loc: Any) -> int:
        """The line of the deepest known part of ``loc``; the front matter's first line otherwise."""
        for end in range(len(loc), 0, -1):
            if (found := self.lines.get(tuple(loc[:end]))) is not None:
                return found
        return self.lines.get((), 1)


class _YamlProblem(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.mark = mark


class _Builder:
    """Turns a composed YAML node tree into plain Python values, recording lines.

    YAML 1.2 semantics where YAML 1.1 surprises editors: only ``true``/``false``
    are booleans (``no`` stays text).
    """

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.lines: dict[Loc, int] = {}
        self.doubled: list[tuple[Loc, yaml.Mark, Any]] = []
        """Keys that a mapping has twice, with the place and the value of the second."""
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc = (), depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _YamlProblem(
                f"te veel waarden (meer dan {MAX_NODES}); gebruik geen zichzelf herhalende ankers (&) en verwijzingen (*)",
                node.start_mark,
            )
        if depth > MAX_DEPTH:
            raise _YamlProblem(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", node.start_mark)
        tag = node.tag
        if tag == _STR and node.id == "scalar":  # most values: text, no conversion
            return node.value
        if tag not in _STANDARD_TAGS:
            raise _YamlProblem(f"onbekende YAML-tag '{tag}'; laat tags als !!python weg", node.start_mark)
        lines, offset = self.lines, self.offset
        if node.id == "mapping":
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.id != "scalar":
                    raise _YamlProblem("een veldnaam moet tekst zijn, geen lijst of blok", key_node.start_mark)
                key = key_node.value if key_node.tag == _STR else self.scalar(key_node)
                key = key if isinstance(key, str) else str(key)
                if key in result:  # reported, and the first value kept: the rest of the file is still checked
                    self.doubled.append((loc + (key,), key_node.start_mark, self.value_only(value_node, depth + 1)))
                    continue
                lines[loc + (key,)] = key_node.start_mark.line + offset
                result[key] = self.build(value_node, loc + (key,), depth + 1)
            return result
        if node.id == "sequence":
            items = []
            for index, item in enumerate(node.value):
                lines[loc + (index,)] = item.start_mark.line + offset
                items.append(self.build(item, loc + (index,), depth + 1))
            return items
        return self.scalar(node)

    def value_only(self, node: yaml.Node, depth: int) -> Any:
        """The value of ``node`` without recording its lines (a second value of a key: no place of its own)."""
        lines, self.lines = self.lines, {}
        try:
            return self.build(node, (), depth)
        finally:
            self.lines = lines

    @staticmethod
    def scalar(node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value  # what the constructor would return, at a fraction of the cost (keys)
        if node.tag.endswith(":bool"):
            low = node.value.lower()
            return low == "true" if low in ("true", "false") else node.value
        try:
            value = _scalars.construct_object(node)
        except (ValueError, OverflowError, AttributeError, yaml.YAMLError):  # AttributeError: !!timestamp on no date
            return node.value  # e.g. an integer with more digits than Python converts: keep the text
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() and value.tzinfo is None else value.isoformat()
        if isinstance(value, float) and value != value:  # .nan: no use in content, and unequal to itself
            return node.value
        return value


def parse(text: str, path: str, kind: str, id_: str, problems: Problems) -> RawEntry:
    """Split front matter from body and parse the front matter."""
    entry = RawEntry(kind=kind, id=id_, path=path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if kind == Kind.PAGE and (not lines or lines[0].rstrip() != "---"):
        entry.data, entry.body = {}, text
        return entry
    if not text.strip():
        problems.add(path, 1, "leeg bestand: de front matter tussen twee regels '---' ontbreekt", code="front-matter")
        return entry
    if lines[0].rstrip() != "---":
        problems.add(
            path, 1, "front matter ontbreekt: het bestand moet beginnen met een regel '---'", code="front-matter"
        )
        return entry
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.add(
            path,
            len(lines),
            "front matter is niet afgesloten: voeg na de velden een regel '---' toe",
            code="front-matter",
        )
        return entry
    entry.body = "".join(lines[end + 1 :])
    entry.body_line = end + 2
    entry.lines[()] = 1
    parsed = parse_yaml("".join(lines[1:end]), path, problems, first_line=2)
    if parsed is None:
        return entry
    data, found_lines, entry.doubled = parsed
    if data is None:
        problems.add(path, 1, "de front matter is leeg", code="front-matter")
        return entry
    if not isinstance(data, dict):
        shape = "een lijst" if isinstance(data, list) else "losse tekst"
        problems.add(path, 2, f"de front matter is {shape}; verwacht velden als 'titel: ...'", code="front-matter")
        return entry
    entry.data = data
    entry.lines.update(found_lines)
    return entry


class Parsed(NamedTuple):
    data: Any
    lines: dict[Loc, int]
    """The line of every key and list item, by its path in ``data``."""
    doubled: dict[Loc, Any] = {}
    """Keys written twice in one mapping (each an error already), with the second value: ``data`` has the
    first, which no rule judges on its own (which of the two the editor meant is not known)."""


def parse_yaml(text: str, path: str, problems: Problems, *, first_line: int) -> Parsed | None:
    """YAML text (that starts on line ``first_line`` of file ``path``) as plain values and the line of each;
    None after a problem that leaves nothing to read (broken, hostile or tagged YAML). A key written twice
    is reported and the rest still read. Bounded: see ``MAX_NODES`` and ``MAX_DEPTH``."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return Parsed(None, {})
        builder = _Builder(line_offset=first_line)
        data = builder.build(node)
        for loc, mark, _ in builder.doubled:
            problems.add(
                path,
                mark.line + first_line,
                f"YAML-fout: veld '{loc[-1]}' staat er twee keer (ook op regel {builder.lines[loc]}); haal er één weg",
                column=mark.column + 1,
                code="yaml",
            )
        return Parsed(data, builder.lines, {loc: value for loc, _, value in builder.doubled})
    except _YamlProblem as exc:
        mark = exc.mark
        problems.add(
            path,
            (mark.line + first_line) if mark else 1,
            f"YAML-fout: {exc}",
            column=(mark.column + 1) if mark else None,
            code="yaml",
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = _dutch_yaml(exc.problem or exc.context or "ongeldige YAML")
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            mark = exc.context_mark  # a quote never closed: where it opens, not where the text ends
            what = "dit aanhalingsteken wordt nergens gesloten; zet er een aan het eind van de tekst"
        lines = text.splitlines()
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if _TAB_INDENT.match(line):
            what = _dutch_yaml("found a tab character")  # PyYAML names a symptom; the cause is the tab
        elif quoted := _QUOTES_INSIDE.match(line):
            what = "aanhalingstekens binnen tekst tussen dezelfde aanhalingstekens: " + (
                "zet er enkele omheen ('De \"groene\" kade') of laat de buitenste weg"
                if quoted.group(2).startswith('"')
                else "schrijf een ' binnen enkele aanhalingstekens dubbel ('Dordt''s haven') of zet er dubbele omheen"
            )
        problems.add(
            path,
            (mark.line + first_line) if mark else 1,
            f"YAML-fout: {what}",
            column=(mark.column + 1) if mark else None,
            code="yaml",
        )
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        problems.add(path, 1, f"YAML-fout: {_dutch_yaml(str(getattr(exc, 'problem', None) or exc))}", code="yaml")
    return None


_TAB_INDENT = re.compile(r"[ ]*\t")
"""A line indented with a tab: whatever PyYAML's words, that is what an editor has to fix."""

_QUOTES_INSIDE = re.compile(r"""\s*(- )?[\w-]+:\s*("[^"]*"[^\s#,\]}][^"]*"|'[^']*'[^\s#,\]}][^']*')""")
"""A value in quotes that holds the same quotes (``titel: "De "groene" kade"``): YAML ends it at the second."""

_YAML_WORDS = {
    "mapping values are not allowed": "hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens",
    "could not find expected ':'": "verwacht 'veld: waarde'; ontbreekt een ':'?",
    "found character '\\t' that cannot start any token": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "found undefined alias": "verwijzing (*) naar een anker (&) dat niet bestaat",
    "expected <block end>, but found '-'": "een lijst-item ('-') staat niet goed ingesprongen",
    "did not find expected key": "verwacht een veld; klopt het inspringen?",
    "found unexpected end of stream": "onverwacht einde; ontbreekt een afsluitend aanhalingsteken?",
    "did not find expected node content": "hier ontbreekt een waarde; is een [ of { niet gesloten?",
    "did not find expected ',' or ']'": "een lijst [ ... ] is niet goed gesloten; ontbreekt een ']' of een komma?",
    "did not find expected ',' or '}'": "een blok { ... } is niet goed gesloten; ontbreekt een '}' of een komma?",
    "did not find expected '-' indicator": "een lijst-item ('-') staat niet goed ingesprongen",
    "did not find expected <document start>": "onverwachte tekst na de velden; klopt het inspringen?",
    "expected <block end>": "hier eindigt een blok niet goed; klopt het inspringen?",
    "exceeded maximum nesting depth": f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    "found character that cannot start any token": "een waarde mag niet met dit teken beginnen (zoals @ of `); zet de tekst tussen aanhalingstekens",
    "found invalid Unicode character escape code": "ongeldige \\u-code tussen dubbele aanhalingstekens",
    "found unknown escape character": "onbekende \\-code tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens of schrijf \\\\",
    "found a tab character": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "expected alphabetic or numeric character": "een anker (&) of verwijzing (*) heeft een naam van letters en cijfers nodig",
    "unacceptable character": "het bestand bevat een stuurteken dat YAML niet toestaat",
}


def _dutch_yaml(problem: str) -> str:
    for english, dutch in _YAML_WORDS.items():
        if problem.startswith(english):
            return dutch
    # The parser's English would be the only English an editor sees: the place (line:column) says more.
    return "ongeldige YAML op deze plek; controleer aanhalingstekens, dubbele punten en inspringen"


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file, opened without following a symbolic link and without waiting on a FIFO
    (the walk refused those already; this holds if one appears in between)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "geen gewoon bestand")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:  # enough to say it is too large; no need to read a huge file whole
                break
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_entry(root: Path, relpath: str, kind: str, id_: str, problems: Problems, theme: str | None = None) -> RawEntry:
    """Read one file; decoding problems become a problem with the line of the bad byte."""
    try:
        raw = read_regular(root / relpath)
    except OSError as exc:
        problems.add(relpath, None, f"kan het bestand niet lezen ({exc.strerror})", code="lezen")
        return RawEntry(kind=kind, id=id_, path=relpath, theme=theme)
    if len(raw) > MAX_BYTES:
        problems.add(
            relpath, None, f"bestand is te groot ({len(raw) // 1000} kB; maximaal {MAX_BYTES // 1000} kB)", code="lezen"
        )
        return RawEntry(kind=kind, id=id_, path=relpath, theme=theme)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.add(relpath, line, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8", code="lezen")
        return RawEntry(kind=kind, id=id_, path=relpath, theme=theme, source=raw.decode("utf-8", "replace"))
    if "\x00" in text:
        problems.add(
            relpath,
            text.count("\n", 0, text.index("\x00")) + 1,
            "het bestand bevat binaire gegevens (NUL-teken)",
            code="lezen",
        )
        return RawEntry(kind=kind, id=id_, path=relpath, theme=theme, source=text)
    entry = parse(text, relpath, kind, id_, problems)
    entry.theme = theme
    if entry.data is None:
        entry.source = text
    return entry


@dataclass(frozen=True)
class Found:
    relpath: str
    kind: str
    id: str
    theme: str | None = None
    misnamed: bool = False


def _slug_problem(problems: Problems, relpath: str, name: str, what: str) -> bool:
    """Report a name that is no slug or a reserved id; True when it is fine."""
    if name in RESERVED_IDS:
        problems.add(
            relpath + "index.md" if relpath.endswith("/") else relpath,  # a theme folder: its file
            1,
            f"'{name}' kan geen id zijn: {RESERVED_IDS[name]}; kies een andere {what}",
            code="voorbehouden-id",
        )
        return False
    if SLUG.match(name):
        return True
    better = slug_for(name)
    hint = f" (bijvoorbeeld '{better}')" if better != name else ""
    problems.add(
        relpath,
        None,
        f"'{name}' is geen geldige {what}: alleen kleine letters a-z, cijfers en enkele koppeltekens{hint}",
        code="id",
    )
    return False


def _entry_file(
    problems: Problems, relpath: str, kind: str, name: str, theme: str | None = None, *, in_misnamed: bool = False
) -> Found:
    """An entry file: one whose name (or whose theme folder's name) is no valid id is reported and still
    read (see ``RawEntry.misnamed``)."""
    if _slug_problem(problems, relpath, name, "bestandsnaam"):
        return Found(relpath, kind, name, theme, misnamed=in_misnamed)
    return Found(relpath, kind, slug_for(name), theme, misnamed=True)


def discover(sources: Sources, problems: Problems) -> Iterator[Found]:
    """Every entry file of the walked repository, in a stable order; misplaced files are problems."""
    _listing = sources.listing
    files, _ = _listing(ORGANISATIONS_DIR)
    for name in files:
        yield _entry_file(problems, f"{ORGANISATIONS_DIR}/{name}", Kind.ORGANISATIE, name[:-3])

    strays, folders = _listing(THEMES_DIR)
    for name in strays:
        problems.add(
            f"{THEMES_DIR}/{name}",
            None,
            "bestand op een onverwachte plek: een thema is een map themes/<thema>/ met een index.md, een opgave staat in themes/<thema>/<opgave>.md",
            code="plek",
        )
    for folder in folders:
        reldir = f"{THEMES_DIR}/{folder}"
        # A folder whose name is no id is reported, and what it holds is still read and checked.
        misnamed = not _slug_problem(problems, reldir + "/", folder, "themanaam")
        theme = slug_for(folder) if misnamed else folder
        files, subs = _listing(reldir)
        if "index.md" not in files:
            problems.add(
                reldir + "/index.md",
                None,
                f"thema-map '{folder}' heeft geen index.md; maak die met 'groei new thema {folder}'",
                code="plek",
            )
        for sub in subs:
            if _listing(f"{reldir}/{sub}")[0]:
                problems.add(
                    f"{reldir}/{sub}/",
                    None,
                    "submappen in een thema worden niet gelezen; zet opgaven direct in de thema-map",
                    code="plek",
                )
        for name in files:
            relpath = f"{reldir}/{name}"
            if name == "index.md":
                yield Found(relpath, Kind.THEMA, theme, misnamed=misnamed)
            else:
                yield _entry_file(problems, relpath, Kind.OPGAVE, name[:-3], theme, in_misnamed=misnamed)

    files, subs = _listing(PROJECTS_DIR)
    for name in files:
        yield _entry_file(problems, f"{PROJECTS_DIR}/{name}", Kind.PROJECT, name[:-3])
    for sub in subs:
        if _listing(f"{PROJECTS_DIR}/{sub}")[0]:
            problems.add(
                f"{PROJECTS_DIR}/{sub}/",
                None,
                "submappen van projects/ worden niet gelezen; zet projecten direct in projects/",
                code="plek",
            )


PARALLEL_FROM = 400
"""Files from which ``read_all`` reads in more than one process: below it, forking costs more than it saves."""


def _read_found(root: Path, found: Found, problems: Problems) -> RawEntry:
    entry = read_entry(root, found.relpath, found.kind, found.id, problems, found.theme)
    entry.misnamed = found.misnamed
    return entry


def read_all(root: Path, problems: Problems, sources: Sources | None = None) -> list[RawEntry]:
    """Discover and read every entry of the repository at ``root`` (walked by ``sources.walk`` unless given).

    Parsing YAML is most of ``groei check``: a large region is read on every core.
    """
    found = list(discover(sources or walk(root, problems), problems))
    if len(found) < PARALLEL_FROM:
        return [_read_found(root, f, problems) for f in found]

    def read_part(part: list[Found]) -> tuple[list[RawEntry], Problems]:
        mine = Problems()
        return [_read_found(root, f, mine) for f in part], mine

    entries: list[RawEntry] = []
    for part, part_problems in parallel.forked_map(read_part, parallel.chunks(found, parallel.cores())):
        entries += part
        problems.extend(part_problems)
    return entries
