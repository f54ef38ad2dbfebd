"""Validation: field rules (through the models) and the rules between fields and between entries.

Every problem of a run is collected and reported once, in Dutch, with file and line. One run
shows them all: an entry with field errors is still built from its valid parts (``Checked``),
every rule is judged on what is known valid, and an entry whose file exists counts as existing
for the references of others, whatever its own errors.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import re
import time
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, PydanticUserError, TypeAdapter, ValidationError

from . import editorial
from .builddate import build_date
from .entries import Kind, RawEntry, read_all
from .geo import RegionMap, read_map
from .model import MODELS, SOORTEN, VARIANTS, Deelname, Opgave, Organisatie, Project, Thema
from .problems import Problems, suggest
from .seniority import Oldest, by_path, in_git
from .sources import Sources, walk
from .vocabulary import ENDED_STATUSES, RUNNING_STATUSES, SLUG_RULE, STATUSES, slug_for

__all__ = ["Entries", "CheckResult", "validate", "check"]


@dataclass
class Entries:
    """The valid entries of a repository, by kind and id, in id order."""

    organisaties: dict[str, Organisatie] = field(default_factory=dict)
    themas: dict[str, Thema] = field(default_factory=dict)
    opgaven: dict[str, Opgave] = field(default_factory=dict)
    projecten: dict[str, Project] = field(default_factory=dict)
    kaart: RegionMap | None = None
    """The map of the region (``content/kaart.geojson``), when it has one without errors."""
    checked_organisaties: dict[str, Organisatie] = field(default_factory=dict, repr=False)
    """Every organisation as far as it is valid, also one with errors: what the map's rules judge (a
    gemeentecode that is right still links its shape). The site uses ``organisaties`` only."""

    def of_kind(self, kind: str) -> dict[str, Any]:
        return {
            Kind.ORGANISATIE: self.organisaties,
            Kind.THEMA: self.themas,
            Kind.OPGAVE: self.opgaven,
            Kind.PROJECT: self.projecten,
        }[kind]

    def __len__(self) -> int:
        return len(self.organisaties) + len(self.themas) + len(self.opgaven) + len(self.projecten)

    @property
    def kern(self) -> list[str]:
        """The core organisations ("the seven"), never hard-coded."""
        return [oid for oid, org in self.organisaties.items() if org.kern]


@dataclass
class CheckResult:
    entries: Entries
    problems: Problems
    files: int
    seconds: float
    sources: Sources = field(default_factory=Sources)
    """The walk of the repository: what MkDocs may read and publish from ``content/``."""

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors()


# --- field rules: pydantic errors in Dutch -------------------------------------------------

# What to call the value of a field in "'x' is geen <noun>".
_NOUNS = {"variant": "variant", "status": "status", "soort": "soort", "component": "financieringscomponent"}


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str) and not p.startswith("[") and "[" not in p]
    return names[-1] if names else "front matter"


def _where(loc: tuple[Any, ...]) -> str:
    """Human place of the value at ``loc`` after its field's name: `` in tafels (nr. 2)`` for a field of
    an item, `` (nr. 3)`` for an item of a list (``'lessen' (nr. 3)``); empty for a field at top level."""
    if loc and isinstance(loc[-1], int):
        return f" (nr. {loc[-1] + 1})" + _where(loc[:-1])
    parts = []
    for p in loc[:-1]:
        if isinstance(p, int):
            parts.append(f"(nr. {p + 1})")
        elif isinstance(p, str) and "[" not in p:
            parts.append(p)
    return f" in {' '.join(parts)}" if parts else ""


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the last key of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            current = info.annotation if info else current
        current = _unwrap_model(current) or current
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _allowed(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` (the path of an unknown key)."""
    holder = _model_at(model, loc)
    return list(holder.model_fields) if holder else []


def _required(model: type[BaseModel], loc: tuple[Any, ...]) -> bool:
    holder = _model_at(model, loc)
    info = holder.model_fields.get(loc[-1]) if holder and loc and isinstance(loc[-1], str) else None
    return bool(info and info.is_required())


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _unwrap_model(arg):
            return found
    return None


def _shape(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return str(value)
    return f"'{value}'"


def _expected(ctx: dict[str, Any]) -> list[str]:
    """The allowed values of a literal error, from pydantic's "'a', 'b' or 'c'"."""
    return [x.strip("'") for x in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ") if x]


def _dutch(err: dict[str, Any], model: type[BaseModel]) -> str:
    """Translate one pydantic error into a Dutch sentence that names its field (never pydantic's English).

    A message that does not quote the field starts with it: ``website: 'javascript:x' is geen geldig
    webadres``, so an editor knows which key of the file it is about.
    """
    message = _dutch_sentence(err, model)
    name = _field_name(err["loc"])
    if name == "front matter" or f"'{name}'" in message:
        return message
    return f"{name}{_where(err['loc'])}: {message}"


def _dutch_sentence(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    name = _field_name(loc)
    where = _where(loc)
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"verplicht veld '{name}' ontbreekt{where}"
    if value in (None, "", [], {}) and not isinstance(value, bool) and _required(model, loc):
        choices = f"; kies uit {', '.join(_expected(ctx))}" if kind == "literal_error" else ""
        return f"verplicht veld '{name}' is leeg{where}{choices}"
    if kind == "extra_forbidden":
        allowed = _allowed(model, loc)
        return f"onbekend veld '{loc[-1]}'{where}{suggest(loc[-1], allowed)}; toegestaan: {', '.join(allowed)}"
    if kind == "literal_error":
        expected = _expected(ctx)
        noun = _NOUNS.get(name, f"geldige waarde voor '{name}'")
        return f"{_shape(value)} is geen {noun}; kies uit {', '.join(expected)}{suggest(value, expected)}"
    if kind in ("string_too_short", "too_short") and (value in (None, "", [], {}) or isinstance(value, str)):
        if kind == "too_short":
            return f"'{name}'{where} mag niet leeg zijn; noem er minstens één"
        if loc and isinstance(loc[-1], int):
            return f"'{name}'{where} is leeg; vul het in of haal de regel weg"
        return f"verplicht veld '{name}' is leeg{where}"
    if kind == "string_too_long":
        return f"'{name}'{where} is {len(value)} tekens lang; hoogstens {ctx.get('max_length')}"
    if kind == "string_type" and value is None:
        return f"veld '{name}' is leeg{where}; vul het in of laat het weg"
    if kind == "string_type":
        return f"'{name}'{where} moet tekst zijn, niet {_shape(value)}"
    if kind == "string_pattern_mismatch":
        if name == "kleur":
            return f'\'{value}\' is geen kleur; gebruik "#rrggbb" tussen aanhalingstekens, bijvoorbeeld "#1f6f8b"'
        if name == "gemeentecode":
            return f"'{value}' is geen CBS-code; schrijf 'gemeentecode' als GM en vier cijfers, bijvoorbeeld GM0590"
        if name == "contact":
            return f"'{value}' is geen e-mailadres; gebruik een functioneel adres als info@voorbeeld.nl"
        better = slug_for(str(value))
        return f"'{value}' is geen geldige id: {SLUG_RULE}" + (f" (bedoelde je '{better}'?)" if better != value else "")
    if kind == "list_type":
        return f"'{name}'{where} moet een lijst zijn, bijvoorbeeld [a, b], niet {_shape(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if len(loc) >= 2 and loc[0] == "deelnemers" and loc[1] in Deelname.model_fields:
            return _long_form_indent(loc[1])
        if len(loc) >= 2 and loc[0] == "deelnemers":
            return f"deelnemer '{loc[1]}' heeft geen variant; kies uit {', '.join(VARIANTS)}"
        return f"'{name}'{where} moet velden bevatten (naam: waarde), niet {_shape(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}'{where} moet true of false zijn, niet {_shape(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str) and value.strip().isdigit():
            return f"'{name}'{where} moet een getal zijn, zonder aanhalingstekens: {name}: {value.strip()}"
        return f"'{name}'{where} moet een heel getal zijn, niet {_shape(value)}"
    if kind == "greater_than_equal":
        return f"'{name}'{where} mag niet negatief zijn"
    if kind in ("datum", "url"):
        return err["msg"]
    return f"ongeldige waarde {_shape(value)} voor '{name}'{where}"


def _long_form_indent(key: str) -> str:
    """A field of a deelnemer's long form (``variant:``, ``vanaf:``) written at the level of the organisations."""
    return (
        f"'{key}' is geen organisatie maar een veld van de lange vorm: spring het in onder de organisatie, "
        "twee spaties verder dan haar naam"
    )


# --- one entry: its fields, and what is known valid ------------------------------------------

Loc = tuple[Any, ...]


@dataclass(eq=False)
class Checked:
    """One entry as the rules see it, valid or not, so one run judges every rule it can.

    ``entry`` is the model: complete for a valid entry. For an entry with field errors it is built
    from the parts without errors, each validated on its own, the rest left empty (a list keeps
    ``None`` in place of an item with errors, so the other items keep their index and line).
    ``broken`` holds where the field errors are: a rule asks ``known`` before it reads a field.
    """

    raw: RawEntry
    entry: Any
    broken: frozenset[Loc] = frozenset()

    @property
    def valid(self) -> bool:
        return not self.broken and not self.raw.misnamed

    def known(self, *loc: Any) -> bool:
        """No field error at ``loc``, inside it or around it: what the entry says there can be judged."""
        return not any(b[: len(loc)] == loc or loc[: len(b)] == b for b in self.broken)

    def readable(self, loc: Loc) -> bool:
        """The value (or mapping key) at ``loc`` has no error of its own, nor has anything around it."""
        return not any(loc[: len(b)] == b or b == loc + ("[key]",) for b in self.broken)

    def keys_known(self, name: str) -> bool:
        """The mapping ``name`` and all its keys are valid (its values may have errors)."""
        return not any(b[0] == name and (len(b) == 1 or b[-1] == "[key]") for b in self.broken)


def _check_fields(raw: RawEntry, problems: Problems) -> Checked:
    """The field rules of one entry, through its model: every error in Dutch, and the entry as far as it is valid."""
    model = MODELS[raw.kind]
    data = raw.data or {}
    if raw.kind == Kind.THEMA and data.get("kleur", "") is None:
        problems.add(
            raw.path,
            raw.line("kleur"),
            'kleur is leeg: zet de kleur tussen aanhalingstekens, bijvoorbeeld kleur: "#1f6f8b" (zonder aanhalingstekens leest YAML # als commentaar)',
            code="kleur",
        )
    broken: set[Loc] = set(raw.doubled)  # a key written twice: reported by the reader, its value not judged
    try:
        entry = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = 1 if err["type"] == "missing" and len(loc) == 1 else raw.line(*loc)
            problems.add(raw.path, line, _dutch({**err, "loc": loc}, model), code=err["type"])
            broken.add(loc)
    if broken:
        entry = _salvage(model, data, broken)
    entry.bind(id=raw.id, path=raw.path, body=raw.body, body_line=raw.body_line)
    if isinstance(entry, Opgave):
        entry._theme = raw.theme or ""
    return Checked(raw, entry, frozenset(broken))


def _salvage(model: type[BaseModel], data: dict[str, Any], broken: set[Loc]) -> Any:
    """``model`` from the parts of ``data`` without errors (``broken`` holds their places), each validated
    on its own by the same types as the model's; a field with errors inside a list or mapping keeps its
    valid items, a table its valid fields. Only entries with errors come here: the common case costs nothing.
    """
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        inside = {loc[1:] for loc in broken if loc[0] == name}
        if name in data and not inside:
            values[name] = _field_adapter(model, name).validate_python(data[name])
        elif name in data and () not in inside:
            values[name] = _salvage_items(model, info.annotation, data[name], inside)
        elif info.is_required():
            values[name] = _empty(info.annotation)
    return model.model_construct(**values)  # the defaults for the rest; model_post_init runs as usual


def _salvage_items(model: type[BaseModel], annotation: Any, value: Any, broken: set[Loc]) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and isinstance(value, list):
        return [
            _salvage_item(model, args[0], item, {loc[1:] for loc in broken if loc[0] == i})
            for i, item in enumerate(value)
        ]
    if origin is dict and isinstance(value, dict):
        return {
            key: _adapter(model, args[1]).validate_python(item)
            for key, item in value.items()
            if not any(loc[0] == key for loc in broken)
        }
    return _empty(annotation)


def _salvage_item(model: type[BaseModel], annotation: Any, item: Any, broken: set[Loc]) -> Any:
    if not broken:
        return _adapter(model, annotation).validate_python(item)
    if (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and isinstance(item, dict)
        and () not in broken
    ):
        return _salvage(annotation, item, broken)
    return None


def _empty(annotation: Any) -> Any:
    """What a required field with errors reads as: nothing, of its shape."""
    origin = typing.get_origin(annotation)
    return [] if origin is list else {} if origin is dict else None


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(model: type[BaseModel], annotation: Any) -> TypeAdapter:
    """A validator for one part of ``model``, with the model's settings (a model has its own)."""
    key = (model, annotation)
    if key not in _ADAPTERS:
        own = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        try:
            _ADAPTERS[key] = TypeAdapter(annotation, config=None if own else model.model_config)
        except PydanticUserError:  # a type with a config of its own (a dataclass: a milestone's Datum)
            _ADAPTERS[key] = TypeAdapter(annotation)
    return _ADAPTERS[key]


def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return _adapter(model, Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


# --- references --------------------------------------------------------------------------------

# Where each kind names other entries: a path into the front matter ("*": each item of a list, "keys":
# each key of a mapping), the kind it names, and the words for one that does not exist.
_REFERENCES: dict[str, list[tuple[Loc, str, str]]] = {
    Kind.PROJECT: [
        (("opgaven", "*"), Kind.OPGAVE, "onbekende opgave"),
        (("deelnemers", "keys"), Kind.ORGANISATIE, "onbekende organisatie"),
        (("trekker",), Kind.ORGANISATIE, "onbekende organisatie"),
        (("locaties", "*"), Kind.ORGANISATIE, "onbekende gemeente"),
    ],
    Kind.OPGAVE: [
        (("hangt_af_van", "*"), Kind.OPGAVE, "onbekende opgave"),
        (("raakt_aan", "*"), Kind.OPGAVE, "onbekende opgave"),
        (("ook_themas", "*"), Kind.THEMA, "onbekend thema"),
    ],
    Kind.THEMA: [(("tafels", "*", "leden", "*"), Kind.ORGANISATIE, "onbekende organisatie")],
}


def _walk(value: Any, path: Loc) -> list[tuple[Loc, Any]]:
    """Every place ``path`` reaches in ``value``, with what is there; a value of another shape reaches nothing."""
    found: list[tuple[Loc, Any]] = [((), value)]
    for step in path:
        reached: list[tuple[Loc, Any]] = []
        for loc, here in found:
            if step == "*":
                if isinstance(here, list):
                    reached += [(loc + (i,), item) for i, item in enumerate(here)]
            elif step == "keys":
                if isinstance(here, dict):
                    reached += [(loc + (key,), key) for key in here]
            elif isinstance(here, dict) and step in here:
                reached.append((loc + (step,), here[step]))
        found = reached
    return found


def _holds_something(data: Any, loc: Loc) -> bool:
    """Whether anything is written at ``loc``: a field left out or left empty (its own error) names nothing."""
    for step in loc:
        if step == "[key]":
            return True
        if (
            isinstance(data, dict)
            and step in data
            or isinstance(data, list)
            and isinstance(step, int)
            and step < len(data)
        ):
            data = data[step]
        else:
            return False
    return data not in (None, "", [], {})


def _on(path: Loc, loc: Loc) -> bool:
    """Whether the error at ``loc`` lies on ``path``: a reference there, or a list or mapping that holds them, is unreadable."""
    loc = loc[:-1] if loc and loc[-1] == "[key]" else loc
    return len(loc) <= len(path) and all(step == part or step in ("*", "keys") for step, part in zip(path, loc))


@dataclass
class _References:
    """What the entries name, read from every entry whose file exists, whatever its errors."""

    known: dict[str, set[str]]
    """The ids of every kind: an entry exists by its file (or a theme by its folder), even when its YAML does not parse."""
    named: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """By (kind, field) of the entries that name them: the ids named there."""
    unsure: dict[tuple[str, str], list[str | None]] = field(default_factory=dict)
    """By (kind, field): the text of each such field with errors (or of each file that does not parse, or
    None for a file that could not be read at all): what it names is not known, only what it might name."""

    def check(self, c: Checked, problems: Problems) -> None:
        """Every reference of ``c``, also of an entry with field errors: an unknown id is an error, with a suggestion."""
        for path, kind, what in _REFERENCES.get(c.raw.kind, ()):
            field_ = (c.raw.kind, path[0])
            # A key written twice is still a name that is known: only its value is not.
            sure = {loc for loc in c.raw.doubled if path[-1] == "keys" and len(loc) == len(path)}
            if any(_on(path, loc) and _holds_something(c.raw.data, loc) for loc in c.broken - sure):
                self.unsure.setdefault(field_, []).append(_words(c.raw.data.get(path[0])))
            named, known = self.named.setdefault(field_, set()), self.known[kind]
            for loc, ref in _walk(c.raw.data, path):
                if ref is None or (loc not in sure and not c.readable(loc)):  # nothing there, or its own message
                    continue
                ref = str(ref)  # as the model reads it: a number is text
                named.add(ref)
                if ref not in known:
                    long_form = path == ("deelnemers", "keys") and ref in Deelname.model_fields
                    problems.add(
                        c.raw.path,
                        c.raw.line(*loc),
                        _long_form_indent(ref) if long_form else f"{what} '{ref}'{suggest(ref, known)}",
                        code="onbekende-verwijzing",
                    )

    def may_name(self, oid: str, *fields: tuple[str, str]) -> bool:
        """Whether an entry with errors might name ``oid`` in these (kind, field)s: its id is written there
        (in any case), or the file could not be read. A rule about not being named waits for those."""
        texts = [text for f in fields for text in self.unsure.get(f, ())]
        if not texts:
            return False  # the usual case: every entry that could name it is readable
        word = re.compile(rf"(?<![a-z0-9-]){re.escape(oid)}(?![a-z0-9-])", re.IGNORECASE)
        return any(text is None or word.search(text) for text in texts)


def _words(value: Any) -> str:
    """Every key and value inside ``value`` as one text, to search for ids."""
    if isinstance(value, dict):
        return " ".join(f"{key} {_words(item)}" for key, item in value.items())
    if isinstance(value, list):
        return " ".join(_words(item) for item in value)
    return "" if value is None else str(value)


# --- the rules: one definition each, for valid entries and entries with errors alike ---------


@dataclass
class _Region:
    """Every entry of a run as the rules see it: by kind and id, the first file of an id (see ``_unique``)."""

    of: dict[str, dict[str, Checked]]
    refs: _References
    today: dt.date = field(default_factory=dt.date.today)
    """The build's date (``builddate.build_date``): what is past and what is planned."""
    oldest: Oldest = by_path
    """Of two files that claim one id, which was there first (it keeps the id; ``seniority.py``)."""

    @cached_property
    def kern(self) -> list[str]:
        """The core organisations, as far as known: ``kern: true`` and not refused for its soort."""
        return [oid for oid, c in self.of[Kind.ORGANISATIE].items() if c.entry.kern and not _kern_elsewhere(c.entry)]


def validate(
    raws: list[RawEntry], problems: Problems, *, today: dt.date | None = None, oldest: Oldest = by_path
) -> Entries:
    """Validate the entries read from a repository; add every problem to ``problems``.

    Returns the valid entries, in id order. Every rule is judged whenever what it needs is valid,
    even when other fields of the entry, or other entries, have errors.
    """
    raws = sorted(raws, key=lambda r: r.path)
    checked = [_check_fields(raw, problems) for raw in raws if raw.data is not None]
    known = {kind: {raw.id for raw in raws if raw.kind == kind} for kind in Kind.ALL}
    known[Kind.THEMA] |= {raw.theme for raw in raws if raw.theme}  # a theme folder without index.md: its own error
    region = _Region(_unique(raws, checked, problems, oldest), _References(known), today or dt.date.today(), oldest)
    for raw in raws:
        if raw.data is None:  # a file that does not parse: it might name what its text holds
            for path, _, _ in _REFERENCES.get(raw.kind, ()):
                region.refs.unsure.setdefault((raw.kind, path[0]), []).append(raw.source)
    for c in checked:
        region.refs.check(c, problems)
        _check_repeats(c, problems)
        _RULES[c.raw.kind](c, region, problems)
    _check_tables(region, problems)
    _check_codes(region, problems)
    _check_cycles(region, problems)
    _check_roles(region, problems)
    entries = Entries(checked_organisaties={oid: c.entry for oid, c in region.of[Kind.ORGANISATIE].items()})
    for kind in Kind.ALL:
        entries.of_kind(kind).update(sorted((rid, c.entry) for rid, c in region.of[kind].items() if c.valid))
    return entries


def _unique(
    raws: list[RawEntry], checked: list[Checked], problems: Problems, oldest: Oldest
) -> dict[str, dict[str, Checked]]:
    """The entries by kind and id. Only opgaven can share an id (over themes): the file that was there first keeps it."""
    claims = [(raw.id, raw.path, 1) for raw in raws if raw.kind == Kind.OPGAVE]
    second: set[str] = set()
    for path, _, oid, first, _ in _second_claims(oldest, claims):
        problems.add(
            path,
            None,
            f"opgave '{oid}' bestaat al in {first}; opgave-ids zijn uniek over alle thema's",
            code="dubbele-id",
        )
        second.add(path)
    of: dict[str, dict[str, Checked]] = {kind: {} for kind in Kind.ALL}
    for c in checked:
        if c.raw.path not in second:
            of[c.raw.kind][c.raw.id] = c
    return of


def _kern_elsewhere(org: Organisatie) -> bool:
    """``kern: true`` on an organisation whose soort is known and is no gemeente."""
    return org.kern and org.soort is not None and org.soort != "gemeente"


def _check_organisation(c: Checked, region: _Region, problems: Problems) -> None:
    org = c.entry
    if _kern_elsewhere(org):
        problems.add(
            c.raw.path,
            c.raw.line("kern"),
            f"'kern: true' mag alleen bij soort gemeente, niet bij {SOORTEN[org.soort].lower()}",
            code="kern",
        )
    if org.gemeentecode and org.soort is not None and org.soort != "gemeente":
        problems.add(
            c.raw.path,
            c.raw.line("gemeentecode"),
            f"'gemeentecode' mag alleen bij soort gemeente, niet bij {SOORTEN[org.soort].lower()}",
            code="gemeentecode",
        )


def _check_codes(region: _Region, problems: Problems) -> None:
    """A gemeentecode links one organisation to its shape on the map: unique over all organisations."""
    claims = [
        (c.entry.gemeentecode, c.raw.path, c.raw.line("gemeentecode"))
        for c in region.of[Kind.ORGANISATIE].values()
        if c.entry.gemeentecode
    ]
    for path, line, code, first, _ in _second_claims(region.oldest, claims):
        problems.add(
            path,
            line,
            f"gemeentecode {code} staat al bij {first}; elke gemeentecode hoort bij één organisatie",
            code="dubbele-gemeentecode",
        )


MIN_CONTRAST = 3.0
"""WCAG 1.4.11: a theme's colour marks bars, dots and borders on white; they need 3:1 to be seen."""


def contrast_with_white(hex_color: str) -> float:
    """The WCAG contrast ratio of ``#rrggbb`` against white.

    >>> round(contrast_with_white("#1f6f8b"), 1), round(contrast_with_white("#ffee00"), 1)
    (5.7, 1.2)
    """

    def channel(i: int) -> float:
        c = int(hex_color[i : i + 2], 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    return 1.05 / (luminance + 0.05)


def _check_theme(c: Checked, region: _Region, problems: Problems) -> None:
    kleur = c.entry.kleur
    if kleur and (ratio := contrast_with_white(kleur)) < MIN_CONTRAST:
        dutch = f"{ratio:.1f}".replace(".", ",")
        problems.warn(
            c.raw.path,
            c.raw.line("kleur"),
            f"kleur {kleur} is te licht: {dutch}:1 tegen de witte achtergrond, minstens {MIN_CONTRAST:.0f}:1 "
            "is nodig om balken en stippen te zien (toegankelijkheid); kies een donkerdere tint",
            code="kleur-contrast",
        )


def _check_repeats(c: Checked, problems: Problems) -> None:
    """An id written twice in one list counts once: a warning, so the editor sees the slip."""
    for path, _, _ in _REFERENCES.get(c.raw.kind, ()):
        if path[-1] != "*":
            continue
        for loc, items in _walk(c.raw.data, path[:-1]):
            seen: set[str] = set()
            for i, item in enumerate(items if isinstance(items, list) else ()):
                if not isinstance(item, str):
                    continue
                if item in seen:
                    problems.warn(
                        c.raw.path, c.raw.line(*loc, i), f"'{item}' staat twee keer in '{path[-2]}'", code="dubbel"
                    )
                seen.add(item)


def _check_opgave(c: Checked, region: _Region, problems: Problems) -> None:
    for i, tid in enumerate(c.entry.ook_themas):
        if tid is not None and tid == c.raw.theme:
            problems.warn(
                c.raw.path,
                c.raw.line("ook_themas", i),
                f"'{tid}' is al het eigen thema van deze opgave (de map themes/{tid}/); "
                "'ook_themas' noemt alleen andere thema's",
                code="eigen-thema",
            )
    for key in ("hangt_af_van", "raakt_aan"):  # unknown ones: _References
        for i, other in enumerate(getattr(c.entry, key)):
            if other == c.raw.id:
                problems.add(
                    c.raw.path,
                    c.raw.line(key, i),
                    f"opgave '{other}' kan niet van zichzelf afhangen of aan zichzelf raken ({key})",
                    code="zelfverwijzing",
                )


def _check_project(c: Checked, region: _Region, problems: Problems) -> None:
    project, raw = c.entry, c.raw  # unknown opgaven and organisations: _References
    for org_id, deelname in project.deelnemers.items():
        if deelname.vanaf is not None and deelname.variant != "instap":
            problems.add(
                raw.path,
                raw.line("deelnemers", org_id, "vanaf"),
                f"'vanaf' hoort alleen bij variant instap, niet bij {deelname.variant} ({org_id})",
                code="vanaf",
            )
    if _without_volledig(c):
        problems.add(
            raw.path,
            raw.line("deelnemers"),
            "minstens één deelnemer moet variant volledig hebben: wie trekt de kar?",
            code="geen-volledig",
        )
    trekker = project.trekker
    if (
        trekker is not None
        and trekker in region.refs.known[Kind.ORGANISATIE]
        and c.keys_known("deelnemers")
        and c.known("deelnemers", trekker)
    ):
        deelname = project.deelnemers.get(trekker)
        if deelname is None or deelname.variant != "volledig":
            now = (
                f"heeft variant {deelname.variant}"
                if deelname
                else "heeft nog geen variant"
                if trekker in project.undecided
                else "staat niet bij de deelnemers"
            )
            problems.add(
                raw.path,
                raw.line("trekker"),
                f"trekker '{trekker}' {now}; de trekker moet deelnemer zijn met variant volledig",
                code="trekker",
            )
    for i, place in enumerate(project.locaties):
        org = region.of[Kind.ORGANISATIE].get(place)
        if org and org.entry.soort not in (None, "gemeente"):
            problems.add(
                raw.path,
                raw.line("locaties", i),
                f"locatie '{place}' is geen gemeente maar {SOORTEN[org.entry.soort].lower()}",
                code="locatie",
            )
    if project.start and project.einde and project.einde.last_day < project.start.first_day:
        problems.add(
            raw.path,
            raw.line("einde"),
            f"einde {project.einde} ligt voor start {project.start}",
            code="einde-voor-start",
        )
    if project.status == "afgerond" and project.einde is None and c.known("einde"):
        problems.warn(
            raw.path,
            raw.line("status"),
            "status afgerond zonder 'einde': wanneer is het project afgerond?",
            code="afgerond-zonder-einde",
        )
    if c.keys_known("deelnemers"):
        _check_stances(c, region, problems)
    _check_currency(c, region, problems)


def _without_volledig(c: Checked) -> bool:
    """No deelnemer says volledig, judged when every variant is known; for a key written twice, neither value is."""
    inside = [loc for loc in c.broken if loc[0] == "deelnemers"]
    if not all(loc in c.raw.doubled and len(loc) == 2 for loc in inside):
        return False
    written = [c.raw.data["deelnemers"][loc[1]] for loc in inside] + [c.raw.doubled[loc] for loc in inside]
    stated = [d.variant for d in c.entry.deelnemers.values()] + [
        w.get("variant") if isinstance(w, dict) else w for w in written
    ]
    return "volledig" not in stated


def _check_stances(c: Checked, region: _Region, problems: Problems) -> None:
    """Kleur bekennen: a core organisation not listed, or listed with an empty variant, has no stance yet.

    A partner listed with an empty variant is "nog geen keuze" too (a warning, not an error): it is the
    same line as the template's, and an honest state of a coalition that is still talking; the site
    shows it as such for that partner.
    """
    project, raw = c.entry, c.raw
    kern = region.kern
    # A core organisation listed with a misspelled variant has a stance (with its own error); an unknown id has its error.
    without = [
        oid
        for oid in project.without_stance(kern)
        if c.known("deelnemers", oid) and oid in region.refs.known[Kind.ORGANISATIE]
    ]
    if core := [oid for oid in without if oid in kern]:
        problems.warn(
            raw.path,
            raw.line("deelnemers"),
            f"nog geen keuze van {', '.join(core)}: elke kerngemeente kiest een variant, ook 'geen' (kleur bekennen)",
            code="kleur-bekennen",
        )
    for oid in (oid for oid in without if oid not in kern):
        problems.warn(
            raw.path,
            raw.line("deelnemers", oid),
            f"nog geen keuze van {oid}: kies een variant ({', '.join(VARIANTS)}) of haal de regel weg",
            code="kleur-bekennen",
        )


# Mail providers of private persons: a project's contact is a function mailbox, never someone's own address.
PERSONAL_MAIL = frozenset(
    "gmail.com googlemail.com hotmail.com hotmail.nl outlook.com outlook.nl live.nl live.com msn.com icloud.com "
    "me.com mac.com aol.com protonmail.com proton.me gmx.com gmx.net gmx.de ziggo.nl kpnmail.nl kpnplanet.nl "
    "planet.nl home.nl hetnet.nl xs4all.nl casema.nl chello.nl quicknet.nl zeelandnet.nl telfort.nl tele2.nl "
    "upcmail.nl online.nl freeler.nl caiway.nl solcon.nl".split()
)


def personal_mail(address: str) -> bool:
    """A mail address at a provider for private persons (any ``yahoo.*`` too).

    >>> personal_mail("Jan.Jansen@Gmail.com"), personal_mail("fiets@dordrecht.nl")
    (True, False)
    """
    domain = address.rpartition("@")[2].strip().lower()
    return domain in PERSONAL_MAIL or domain.split(".")[0] in ("yahoo", "ymail")


def _check_currency(c: Checked, region: _Region, problems: Problems) -> None:
    """Warnings that keep a project honest over time: dates against each other and the build's date,
    requests on a project that has ended, and a private mail address."""
    project, raw, today = c.entry, c.raw, region.today
    status = project.status if c.known("status") else None
    einde_valid = project.einde and not (project.start and project.einde.last_day < project.start.first_day)
    if status in RUNNING_STATUSES and einde_valid and project.einde.last_day < today:  # einde < start: its own error
        problems.warn(
            raw.path,
            raw.line("einde"),
            f"einde {project.einde} ligt voor de datum van deze versie ({today.isoformat()}), maar de status is nog "
            f"{STATUSES[status].lower()}: zet de status op afgerond of gestopt, of schuif het einde op",
            code="einde-voorbij",
        )
    if project.start and c.keys_known("deelnemers"):
        for org_id, deelname in project.deelnemers.items():
            if deelname.vanaf is not None and deelname.vanaf.last_day < project.start.first_day:
                problems.warn(
                    raw.path,
                    raw.line("deelnemers", org_id, "vanaf"),
                    f"{org_id} wil instappen vanaf {deelname.vanaf}, voor de start van het project ({project.start}); "
                    "is dat de bedoeling?",
                    code="vanaf-voor-start",
                )
    if project.contact and personal_mail(project.contact):
        problems.warn(
            raw.path,
            raw.line("contact"),
            f"contact '{project.contact}' lijkt een persoonlijk adres; gebruik een functioneel adres van de "
            "organisatie (bijvoorbeeld projectnaam@gemeente.nl), nooit iemands privéadres",
            code="persoonlijk-adres",
        )
    if einde_valid and c.known("einde"):  # einde before start: its own error, no milestone is judged by it
        for i, mijlpaal in enumerate(project.mijlpalen):
            if (
                mijlpaal is not None
                and mijlpaal.datum is not None
                and mijlpaal.datum.first_day > project.einde.last_day
            ):
                problems.warn(
                    raw.path,
                    raw.line("mijlpalen", i, "datum"),
                    f"mijlpaal '{mijlpaal.titel}' ({mijlpaal.datum}) ligt na het einde van het project ({project.einde})",
                    code="mijlpaal-na-einde",
                )
    if status in ENDED_STATUSES and project.zoekt:
        problems.warn(
            raw.path,
            raw.line("zoekt"),
            f"het project is {STATUSES[status].lower()} maar zoekt nog partners: haal 'zoekt' weg of pas de status aan",
            code="zoekt-na-einde",
        )


_RULES = {
    Kind.ORGANISATIE: _check_organisation,
    Kind.THEMA: _check_theme,
    Kind.OPGAVE: _check_opgave,
    Kind.PROJECT: _check_project,
}
"""The rules of one entry, by kind: run for every entry, with or without field errors."""


def _second_claims(oldest: Oldest, claims: list[tuple[str, str, int]]) -> list[tuple[str, int, str, str, int]]:
    """Of ``(value, path, line)`` claims of values that must be unique: every claim after the first of its
    value, as ``(path, line, value, first path, first line)``; the file that was there first keeps a value."""
    by_value: dict[str, list[tuple[str, int]]] = {}
    for value, path, line in claims:
        by_value.setdefault(value, []).append((path, line))
    later = []
    for value, places in by_value.items():
        if len(places) < 2:
            continue
        rank = {path: n for n, path in enumerate(oldest(path for path, _ in places))}
        (first, first_line), *rest = sorted(places, key=lambda place: (rank[place[0]], place[1]))
        later += [(path, line, value, first, first_line) for path, line in rest]
    return later


def _check_tables(region: _Region, problems: Problems) -> None:
    claims = [
        (tafel.id, c.raw.path, c.raw.line("tafels", i, "id"))
        for c in region.of[Kind.THEMA].values()
        for i, tafel in enumerate(c.entry.tafels)
        if tafel is not None and tafel.id is not None
    ]
    for path, line, tid, first, first_line in _second_claims(region.oldest, claims):
        where = f"op regel {first_line}" if path == first else f"in {first}"
        problems.add(
            path, line, f"tafel '{tid}' bestaat al {where}; tafel-ids zijn uniek over alle thema's", code="dubbele-id"
        )


def _check_cycles(region: _Region, problems: Problems) -> None:
    opgaven = region.of[Kind.OPGAVE]
    lines: dict[tuple[str, str], int] = {}  # hangt_af_van edge -> line
    for oid, c in opgaven.items():
        for i, other in enumerate(c.entry.hangt_af_van):
            if other in opgaven and other != oid:
                lines[(oid, other)] = c.raw.line("hangt_af_van", i)
    sorter = graphlib.TopologicalSorter()
    for a, b in lines:
        sorter.add(a, b)
    try:
        sorter.prepare()
        return  # acyclic: the usual case, settled without networkx (slow to import; `groei check` stays quick)
    except graphlib.CycleError:
        pass
    import networkx as nx

    graph = nx.DiGraph()
    for (a, b), line in lines.items():
        graph.add_edge(a, b, line=line)
    for component in sorted(nx.strongly_connected_components(graph), key=min):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(graph.subgraph(component), source=min(component))
        chain = " → ".join([u for u, _ in cycle] + [cycle[0][0]])
        places = ", ".join(f"{opgaven[u].raw.path}:{graph.edges[u, v]['line']}" for u, v in cycle)
        problems.add(
            opgaven[cycle[0][0]].raw.path,
            graph.edges[cycle[0]]["line"],
            f"cyclus in hangt_af_van: {chain} ({places})",
            code="cyclus",
        )


def _check_roles(region: _Region, problems: Problems) -> None:
    """White spots and organisations without a role: judged for every entry that no entry with errors might name."""
    refs = region.refs
    projects = (Kind.PROJECT, "opgaven")
    worked_on = refs.named.get(projects, set())
    for oid, c in region.of[Kind.OPGAVE].items():
        if oid not in worked_on and not refs.may_name(oid, projects):
            problems.warn(c.raw.path, 1, f"witte vlek: geen enkel project werkt aan opgave '{oid}'", code="witte-vlek")
    roles = ((Kind.PROJECT, "deelnemers"), (Kind.THEMA, "tafels"))
    involved = set().union(*(refs.named.get(f, set()) for f in roles))
    for oid, c in region.of[Kind.ORGANISATIE].items():
        if oid not in involved and not refs.may_name(oid, *roles):
            problems.warn(
                c.raw.path,
                1,
                f"organisatie '{oid}' neemt aan geen enkel project deel en zit aan geen tafel",
                code="zonder-rol",
            )


def check(root: Path, *, site: bool = True) -> CheckResult:
    """Read and validate the content repository at ``root``: the whole of ``groei check``.

    ``site``: its ``mkdocs.yml`` too (``site_config.py``); an earlier version that ``groei diff`` reads has
    only its content checked.
    """
    from .site_config import check_config

    started = time.perf_counter()
    problems = Problems()
    files = walk(root, problems)
    config = check_config(root, problems) if site else None
    raws = read_all(root, problems, files)
    entries = validate(raws, problems, today=build_date(root), oldest=in_git(root))
    known = {raw.id for raw in raws if raw.kind == Kind.ORGANISATIE}
    entries.kaart = read_map(root, entries.checked_organisaties, known, problems)
    pages = editorial.check_pages(root, problems, files)
    counted = len(raws) + pages + (config is not None)
    return CheckResult(entries, problems, counted, time.perf_counter() - started, files)
