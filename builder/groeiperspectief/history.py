"""Change over time: the perspective at an earlier git revision, and what changed since.

The content at a revision is read without checking it out (``git ls-tree`` and
``git cat-file``), written to a temporary folder and read, validated and turned
into a :class:`Perspective` exactly like the working tree. :func:`compare` is a
pure function over two perspectives; :func:`describe` turns one change into a
Dutch sentence whose parts the site renders as links and ``groei diff`` as
Markdown.

Every git problem (no git, no repository, a shallow clone, an unknown revision,
a date before the first commit) becomes a :class:`HistoryError` with a Dutch
message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import dutch
from .builddate import iso_date
from .kinds import ORGANISATIONS_DIR, PROJECTS_DIR, THEMES_DIR
from .model import STATUSES, VARIANTS
from .perspective import Perspective
from .validate import check
from .vocabulary import VARIANT_TERMS

__all__ = [
    "HistoryError",
    "Revision",
    "resolve",
    "perspective_at",
    "Ref",
    "Change",
    "Changes",
    "compare",
    "describe",
    "SECTIONS",
    "Since",
    "since",
    "to_markdown",
]

ENTRY_DIRS = (ORGANISATIONS_DIR, THEMES_DIR, PROJECTS_DIR)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class HistoryError(Exception):
    """The history cannot answer; the message (Dutch) says why and what to do."""


# --- git: the one place that runs it ----------------------------------------------------------


class _GitFailed(HistoryError):
    """git itself refused (the message quotes it); callers may turn it into a sentence of their own."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    # -C root decides the repository: variables a git hook may have set must not override it.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=120, env=env)
    except FileNotFoundError:
        raise HistoryError("git is niet geïnstalleerd; installeer git om te zien wat er veranderd is") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise HistoryError(f"git kon niet worden uitgevoerd ({exc})") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in err:
            # No folder name in the message: the same content builds the same bytes wherever it lies.
            raise HistoryError(
                "deze map is geen git-repository: wat er veranderd is, volgt uit de geschiedenis "
                "van de inhoud; werk in een git-kloon van de inhoudsrepository"
            )
        raise _GitFailed(f"git meldt: {err.splitlines()[0]}" if err else f"'git {args[0]}' mislukte")
    return done.stdout


@dataclass(frozen=True)
class Revision:
    """A commit of the content repository."""

    sha: str
    date: dt.date
    """The commit date (committer date)."""

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def label(self) -> str:
        return dutch.date(self.date)


def _commit(root: Path, rev: str) -> Revision:
    out = _git(root, "log", "-1", "--format=%H %cs", rev, "--").decode().split()
    return Revision(out[0], dt.date.fromisoformat(out[1]))


def resolve(root: Path, spec: str) -> Revision:
    """The commit that ``spec`` names: a date (``2025-11-14``: the last commit on or before that day) or a revision.

    Raises :class:`HistoryError` outside a git repository, in a shallow clone,
    for an unknown revision and for a date before the first commit.
    """
    spec = str(spec).strip()
    if not spec or spec.startswith("-"):
        raise HistoryError(f"'{spec}' is geen datum (JJJJ-MM-DD) of git-revisie")
    _git(root, "rev-parse", "--show-prefix")  # "geen git-repository" before anything else
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise HistoryError(
            "dit is een ondiepe kloon (shallow clone) zonder de hele geschiedenis; haal die op met "
            "'git fetch --unshallow' (in GitHub Actions: actions/checkout met fetch-depth: 0)"
        )
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except _GitFailed:
        raise HistoryError(
            "de repository heeft nog geen commits; er is geen eerdere versie om mee te vergelijken"
        ) from None
    if _DATE.match(spec):
        try:
            day = dt.date.fromisoformat(spec)
        except ValueError:
            raise HistoryError(f"'{spec}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-11-14") from None
        sha = _git(root, "rev-list", "-1", f"--before={spec} 23:59:59", "HEAD", "--").decode().strip()
        if not sha:
            first = _git(root, "log", "--reverse", "--max-parents=0", "--format=%cs", "HEAD", "--").decode().split()
            since = f" (de eerste versie is van {dutch.date(dt.date.fromisoformat(first[0]))})" if first else ""
            raise HistoryError(
                f"de inspiratiedag van {dutch.date(day)} ligt voor het begin van de geschiedenis{since}; "
                "er is geen versie van die dag om mee te vergelijken"
            )
        return _commit(root, sha)
    try:
        sha = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}").decode().strip()
    except _GitFailed:
        sha = ""
    if not sha:
        raise HistoryError(
            f"onbekende revisie '{spec}': geen commit, tak of tag met die naam (of een datum als JJJJ-MM-DD)"
        )
    return _commit(root, sha)


def _tree(root: Path, sha: str) -> Iterator[tuple[str, bytes]]:
    """(path relative to ``root``, content) of every entry file at commit ``sha``."""
    listing = _git(root, "ls-tree", "-r", "-z", sha, "--", *ENTRY_DIRS)
    blobs: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):  # no symlinks, no submodules
            blobs.append((path.decode("utf-8", "surrogateescape"), oid))
    if not blobs:
        return
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for _, oid in blobs).encode())
    at = 0
    for path, _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        yield path, out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1


@functools.lru_cache(maxsize=4)
def _perspective_at(root: Path, sha: str) -> Perspective:
    with tempfile.TemporaryDirectory(prefix="groei-historie-") as tmp:
        base = Path(tmp)
        for path, data in _tree(root, sha):
            target = (base / path).resolve()
            if not target.is_relative_to(base.resolve()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        result = check(base, site=False)
    if not result.ok:
        first = result.problems.errors[0]
        raise HistoryError(
            f"de inhoud van versie {sha[:7]} bevat {len(result.problems.errors)} fout(en) "
            f"(eerste: {first}); vergelijken met die versie kan niet"
        )
    return Perspective.from_entries(result.entries)


def perspective_at(root: Path, revision: Revision) -> Perspective:
    """The perspective as it was at ``revision``; the working tree is not touched."""
    return _perspective_at(root.resolve(), revision.sha)


# --- what changed ------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Ref:
    """An entry named in a change, with its label from the version that has it."""

    kind: str
    """organisatie, thema, opgave or project (the node kinds of the perspective)."""
    id: str
    label: str


# Kinds of change, in the order they are told.
CHANGE_KINDS = (
    "project-nieuw",
    "project-weg",
    "status",
    "deelname",
    "opgave-nieuw",
    "opgave-weg",
    "afhankelijkheid-nieuw",
    "afhankelijkheid-weg",
    "organisatie-nieuw",
    "organisatie-weg",
    "thema-nieuw",
    "thema-weg",
)
SECTIONS: dict[str, tuple[str, ...]] = {
    "Projecten": ("project-nieuw", "project-weg", "status"),
    "Coalities": ("deelname",),
    "Opgaven en afhankelijkheden": ("opgave-nieuw", "opgave-weg", "afhankelijkheid-nieuw", "afhankelijkheid-weg"),
    "Organisaties en thema's": ("organisatie-nieuw", "organisatie-weg", "thema-nieuw", "thema-weg"),
}


@dataclass(frozen=True)
class Change:
    """One change to the perspective.

    ``subject`` is the entry that changed (for ``deelname`` the project, for an
    ``afhankelijkheid`` the opgave that waits); ``other`` the second entry (the
    organisation, the opgave waited for); ``old`` and ``new`` the values before
    and after (a status, a variant, or None where there was none).
    """

    kind: str
    subject: Ref
    other: Ref | None = None
    old: str | None = None
    new: str | None = None
    details: tuple[tuple[str, tuple[Ref, ...]], ...] = ()
    """For a new project: its opgaven and its coalition per variant; for a new opgave its theme and dependencies."""
    involved: tuple[str, ...] = ()
    """Organisation ids this change concerns (a briefing shows the ones of its municipality)."""

    def sort_key(self) -> tuple:
        return (
            CHANGE_KINDS.index(self.kind),
            self.subject.label.lower(),
            self.subject.id,
            self.other.label.lower() if self.other else "",
            self.other.id if self.other else "",
        )


class Changes:
    """The changes between two versions of the perspective, in telling order."""

    def __init__(self, items: list[Change]) -> None:
        self._items = sorted(items, key=Change.sort_key)

    def __iter__(self) -> Iterator[Change]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def of_kind(self, *kinds: str) -> list[Change]:
        return [c for c in self._items if c.kind in kinds]

    def sections(self) -> list[tuple[str, list[Change]]]:
        """(Dutch heading, changes) per non-empty section."""
        return [(title, found) for title, kinds in SECTIONS.items() if (found := self.of_kind(*kinds))]

    def concerning(self, org_id: str) -> Changes:
        """The changes that concern one organisation."""
        return Changes([c for c in self._items if org_id in c.involved])


def _ref(p: Perspective, kind: str, id_: str) -> Ref:
    entry = p.entries.of_kind(kind)[id_]
    return Ref(kind, id_, entry.naam if kind == "organisatie" else entry.titel)


def compare(old: Perspective, new: Perspective) -> Changes:
    """What changed from ``old`` to ``new``: entries added and removed, status, coalitions, dependencies.

    A new project or opgave brings its coalition and dependencies along in one
    change, so "project X with Y and Z" is one line, not three.
    """
    changes: list[Change] = []

    def added_removed(old_ids, new_ids) -> tuple[list[str], list[str]]:
        return [i for i in new_ids if i not in old_ids], [i for i in old_ids if i not in new_ids]

    # Projects: new (with coalition), removed, status changed, coalition changed.
    added, removed = added_removed(old.projecten, new.projecten)
    for pid in added:
        project = new.projecten[pid]
        details = [("opgaven", tuple(_ref(new, "opgave", o) for o in project.opgaven))]
        for variant in VARIANTS:
            orgs = tuple(_ref(new, "organisatie", o) for o, d in project.deelnemers.items() if d.variant == variant)
            if orgs:
                details.append((variant, orgs))
        changes.append(
            Change(
                "project-nieuw",
                _ref(new, "project", pid),
                new=project.status,
                details=tuple(details),
                involved=tuple(project.deelnemers),
            )
        )
    for pid in removed:
        changes.append(
            Change(
                "project-weg",
                _ref(old, "project", pid),
                old=old.projecten[pid].status,
                involved=tuple(old.projecten[pid].deelnemers),
            )
        )
    for pid, project in new.projecten.items():
        before = old.projecten.get(pid)
        if before is None:
            continue
        subject = _ref(new, "project", pid)
        if before.status != project.status:
            changes.append(
                Change(
                    "status",
                    subject,
                    old=before.status,
                    new=project.status,
                    involved=tuple(dict.fromkeys([*before.deelnemers, *project.deelnemers])),
                )
            )
        for org in dict.fromkeys([*before.deelnemers, *project.deelnemers]):
            was, now = before.deelnemers.get(org), project.deelnemers.get(org)
            was_v, now_v = (was.variant if was else None), (now.variant if now else None)
            if was_v != now_v:
                who = _ref(new if now else old, "organisatie", org)
                changes.append(Change("deelname", subject, other=who, old=was_v, new=now_v, involved=(org,)))

    # Opgaven and their dependencies.
    added, removed = added_removed(old.opgaven, new.opgaven)
    for oid in added:
        opgave = new.opgaven[oid]
        details = (
            ("thema", (_ref(new, "thema", opgave.theme),)),
            ("hangt_af_van", tuple(_ref(new, "opgave", d) for d in opgave.hangt_af_van)),
        )
        changes.append(Change("opgave-nieuw", _ref(new, "opgave", oid), details=details))
    for oid in removed:
        changes.append(Change("opgave-weg", _ref(old, "opgave", oid)))
    for oid, opgave in new.opgaven.items():
        before = old.opgaven.get(oid)
        if before is None:
            continue
        for dep in opgave.hangt_af_van:
            if dep not in before.hangt_af_van:
                changes.append(
                    Change("afhankelijkheid-nieuw", _ref(new, "opgave", oid), other=_ref(new, "opgave", dep))
                )
        for dep in before.hangt_af_van:
            if dep not in opgave.hangt_af_van:
                where = new if dep in new.opgaven else old
                changes.append(
                    Change("afhankelijkheid-weg", _ref(new, "opgave", oid), other=_ref(where, "opgave", dep))
                )

    # Organisations and themes.
    for kind, old_ids, new_ids in (
        ("organisatie", old.organisaties, new.organisaties),
        ("thema", old.themas, new.themas),
    ):
        added, removed = added_removed(old_ids, new_ids)
        changes += [
            Change(f"{kind}-nieuw", _ref(new, kind, i), involved=(i,) if kind == "organisatie" else ()) for i in added
        ]
        changes += [Change(f"{kind}-weg", _ref(old, kind, i)) for i in removed]
    return Changes(changes)


Part = str | Ref


def _names(refs: tuple[Ref, ...]) -> list[Part]:
    """``a``, ``a en b``, ``a, b en c``."""
    parts: list[Part] = []
    for i, ref in enumerate(refs):
        if i:
            parts.append(" en " if i == len(refs) - 1 else ", ")
        parts.append(ref)
    return parts


_JOINS = {t.value: t.joins for t in VARIANT_TERMS}
_JOINS_MANY = {t.value: t.joins_many for t in VARIANT_TERMS}


def describe(change: Change) -> tuple[Part, ...]:
    """One change as a Dutch sentence: text and the entries it names.

    >>> p, o = Ref("project", "x", "Fietsroutes"), Ref("organisatie", "pap", "Gemeente Papendrecht")
    >>> "".join(x if isinstance(x, str) else x.label for x in describe(Change("deelname", p, o, "instap", "volledig")))
    'Gemeente Papendrecht gaat bij Fietsroutes van Instapmodel naar Volledige participatie.'
    """
    s, o, k = change.subject, change.other, change.kind
    if k == "project-nieuw":
        parts: list[Part] = ["Nieuw project ", s, f" ({STATUSES[change.new].lower()})"]
        details = dict(change.details)
        if details.get("opgaven"):
            parts += [", werkt aan ", *_names(details["opgaven"])]
        # Who stays out is named too: a briefing shows this line to them (it concerns them), so it says why.
        coalition = [(v, details[v]) for v in VARIANTS if v in details]
        for i, (variant, orgs) in enumerate(coalition):
            parts += ["; " if i else ": ", *_names(orgs), " ", (_JOINS_MANY if len(orgs) > 1 else _JOINS)[variant]]
        return (*parts, ".")
    if k == "project-weg":
        return ("Project ", s, f" is verwijderd (het had status {STATUSES[change.old].lower()}).")
    if k == "status":
        if change.new in ("afgerond", "gestopt"):
            return (s, f" is {change.new} (was {STATUSES[change.old].lower()}).")
        return (s, f" gaat van {STATUSES[change.old].lower()} naar {STATUSES[change.new].lower()}.")
    if k == "deelname":
        if change.old is None:
            return (
                (o, " sluit aan bij ", s, f": {VARIANTS[change.new]}.")
                if change.new != "geen"
                else (o, " bekent kleur bij ", s, ": Geen deelname.")
            )
        if change.new is None:
            return (o, " staat niet meer bij de deelnemers van ", s, f" (was {VARIANTS[change.old]}).")
        return (o, " gaat bij ", s, f" van {VARIANTS[change.old]} naar {VARIANTS[change.new]}.")
    if k == "opgave-nieuw":
        details = dict(change.details)
        parts = ["Nieuwe opgave ", s, " in het thema ", *details["thema"]]
        if details.get("hangt_af_van"):
            parts += [", hangt af van ", *_names(details["hangt_af_van"])]
        return (*parts, ".")
    if k == "opgave-weg":
        return ("Opgave ", s, " is verwijderd.")
    if k == "afhankelijkheid-nieuw":
        return ("Opgave ", s, " hangt nu af van ", o, ".")
    if k == "afhankelijkheid-weg":
        return ("Opgave ", s, " hangt niet meer af van ", o, ".")
    if k == "organisatie-nieuw":
        return ("Nieuwe organisatie ", s, ".")
    if k == "organisatie-weg":
        return ("Organisatie ", s, " is verwijderd.")
    if k == "thema-nieuw":
        return ("Nieuw thema ", s, ".")
    return ("Thema ", s, " is verwijderd.")


# --- since the last inspiratiedag --------------------------------------------------------------


@dataclass(frozen=True)
class Since:
    """What changed since a revision, or (``message``) why that cannot be said."""

    label: str
    """The day in Dutch, e.g. ``14 november 2025``."""
    revision: Revision | None = None
    changes: Changes | None = None
    message: str | None = None
    version_date: str | None = None
    """The compared version's own date in Dutch, when it says more than ``label``: for a date, the last
    commit on or before it (for a revision, ``label`` is its date or the day given)."""


def since(root: Path, spec: str, current: Perspective, *, day: str | None = None) -> Since:
    """The changes from the revision ``spec`` names (a date or a revision) to ``current``; never raises.

    ``day``: the inspiratiedag's own date (``inspiratiedag_datum``), the label when ``spec`` is a revision
    (a commit's date is when someone committed, not when the region met).
    """
    spec = str(spec)
    by_date = iso_date(spec)
    # The day shown: the one given (checked by site_config; a bad one is ignored), else a date spec's.
    shown = (iso_date(day) if day else None) or by_date
    label = dutch.date(shown) if shown else spec
    try:
        revision = resolve(root, spec)
        old = perspective_at(root, revision)
    except HistoryError as exc:
        return Since(label, message=_sentence(str(exc)))
    if shown is None:
        label = dutch.date(revision.date)
    version_date = dutch.date(revision.date) if by_date else None
    return Since(label, revision, compare(old, current), version_date=version_date)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# --- Markdown, for a pull-request comment ------------------------------------------------------

# Inside a bold span, mid-line: these are the characters that could start markup (or an HTML tag).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")


# What GitHub makes live in a comment beyond Markdown: @mentions (a notification to that person or team),
# #123 / GH-123 references (a link, and a back-reference on that issue) and bare links (autolinks of
# http(s)://, www. and e-mail addresses). A zero-width space after the trigger leaves the text as it reads.
_ZWSP = "&#8203;"
_GITHUB_LIVE = re.compile(r"(@|#(?=\d)|\bGH-(?=\d)|(?<=\w)(?=://)|\bwww(?=\.))", re.I)


def _md_escape(text: str) -> str:
    r"""Editor text shown literally in Markdown, and in GitHub's comments (no links, emphasis, HTML, mentions
    or issue references).

    >>> _md_escape("a *b* <img>")
    'a \\*b\\* \\<img\\>'
    >>> _md_escape("@team #12 https://x.example www.y.example")
    '@&#8203;team #&#8203;12 https&#8203;://x.example www&#8203;.y.example'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _GITHUB_LIVE.sub(lambda m: m[1] + _ZWSP, escaped)


def to_markdown(changes: Changes, against: str) -> str:
    """The changes as Markdown for a pull-request comment; ``against`` names the earlier version."""
    if not changes:
        return f"Geen veranderingen in het groeiperspectief ten opzichte van {against}.\n"
    count = f"{len(changes)} {'verandering' if len(changes) == 1 else 'veranderingen'}"
    lines = ["## Wat verandert er in het groeiperspectief", "", f"Ten opzichte van {against}: {count}."]
    for title, found in changes.sections():
        lines += ["", f"### {title}", ""]
        lines += [
            "- " + "".join(x if isinstance(x, str) else f"**{_md_escape(x.label)}**" for x in describe(c))
            for c in found
        ]
    return "\n".join(lines) + "\n"
