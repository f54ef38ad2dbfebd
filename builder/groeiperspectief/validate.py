"""Validation: field rules (through the models) and the cross-reference rules of the contract.

Every problem of a run is collected and reported once, in Dutch, with file and line.
"""

from __future__ import annotations

import graphlib
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .entries import SLUG, Kind, RawEntry, read_all
from .model import MODELS, SOORTEN, VARIANTS, Opgave, Organisatie, Project, Thema
from .problems import Problems, suggest

__all__ = ["Entries", "CheckResult", "validate", "check"]


@dataclass
class Entries:
    """The valid entries of a repository, by kind and id, in id order."""

    organisaties: dict[str, Organisatie] = field(default_factory=dict)
    themas: dict[str, Thema] = field(default_factory=dict)
    opgaven: dict[str, Opgave] = field(default_factory=dict)
    projecten: dict[str, Project] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Any]:
        return {Kind.ORGANISATIE: self.organisaties, Kind.THEMA: self.themas,
                Kind.OPGAVE: self.opgaven, Kind.PROJECT: self.projecten}[kind]

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

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors()


# --- field rules: pydantic errors in Dutch -------------------------------------------------

# What to call the value of a field in "'x' is geen <noun>".
_NOUNS = {"variant": "variant", "status": "status", "soort": "soort", "component": "financieringscomponent"}
_SLUG_RULE = "alleen kleine letters a-z, cijfers en enkele koppeltekens"


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str) and not p.startswith("[") and "[" not in p]
    return names[-1] if names else "front matter"


def _where(loc: tuple[Any, ...]) -> str:
    """Human path of the parent, e.g. ``in tafels (nr. 2)``; empty at top level."""
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
    """Translate one pydantic error into a Dutch sentence (never pydantic's English)."""
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
        return f"verplicht veld '{name}' is leeg{where}"
    if kind == "string_too_long":
        return f"'{name}' is {len(value)} tekens lang; hoogstens {ctx.get('max_length')}"
    if kind == "string_type" and value is None:
        return f"veld '{name}' is leeg{where}; vul het in of laat het weg"
    if kind == "string_type":
        return f"'{name}'{where} moet tekst zijn, niet {_shape(value)}"
    if kind == "string_pattern_mismatch":
        if name == "kleur":
            return f"'{value}' is geen kleur; gebruik \"#rrggbb\" tussen aanhalingstekens, bijvoorbeeld \"#1f6f8b\""
        if name == "contact":
            return f"'{value}' is geen e-mailadres; gebruik een functioneel adres als info@voorbeeld.nl"
        return f"'{value}' is geen geldige id in '{name}'{where}: {_SLUG_RULE}"
    if kind == "list_type":
        return f"'{name}'{where} moet een lijst zijn, bijvoorbeeld [a, b], niet {_shape(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if len(loc) >= 2 and loc[0] == "deelnemers":
            return f"deelnemer '{loc[1]}' heeft geen variant; kies uit {', '.join(VARIANTS)}"
        return f"'{name}'{where} moet velden bevatten (naam: waarde), niet {_shape(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}' moet true of false zijn, niet {_shape(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' moet een heel getal zijn, niet {_shape(value)}"
    if kind == "greater_than_equal":
        return f"'{name}' mag niet negatief zijn"
    if kind in ("datum", "url"):
        return err["msg"]
    return f"ongeldige waarde {_shape(value)} voor '{name}'{where}"


def _validate_entry(raw: RawEntry, problems: Problems):
    model = MODELS[raw.kind]
    data = raw.data or {}
    try:
        entry = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = 1 if err["type"] == "missing" and len(loc) == 1 else raw.line(*loc)
            problems.add(raw.path, line, _dutch({**err, "loc": loc}, model), code=err["type"])
        return None
    entry.bind(id=raw.id, path=raw.path, body=raw.body, body_line=raw.body_line)
    if isinstance(entry, Opgave):
        entry._theme = raw.theme or ""
    return entry


# --- the rules across entries ----------------------------------------------------------------

# The references of each kind: field, the kind it names, the words for an unknown one, and its shape.
_REFERENCES: dict[str, list[tuple[str, str, str, str]]] = {
    Kind.PROJECT: [("opgaven", Kind.OPGAVE, "onbekende opgave", "list"),
                   ("deelnemers", Kind.ORGANISATIE, "onbekende organisatie", "keys"),
                   ("trekker", Kind.ORGANISATIE, "onbekende organisatie", "one"),
                   ("locaties", Kind.ORGANISATIE, "onbekende gemeente", "list")],
    Kind.OPGAVE: [("hangt_af_van", Kind.OPGAVE, "onbekende opgave", "list"),
                  ("raakt_aan", Kind.OPGAVE, "onbekende opgave", "list"),
                  ("ook_themas", Kind.THEMA, "onbekend thema", "list")],
}


def _check_references(raw: RawEntry, refs: "_Refs") -> None:
    """Every reference of ``_REFERENCES``, read from the entry's data: also for an entry with field
    errors, so one run shows every problem.

    Ids are read as the model reads them (a number is text); a malformed id has its own message already.
    """
    for name, kind, what, shape in _REFERENCES.get(raw.kind, ()):
        value = (raw.data or {}).get(name)
        if shape == "one":
            found = [((name,), value)]
        elif shape == "keys" and isinstance(value, dict):
            found = [((name, key), key) for key in value]
        elif shape == "list" and isinstance(value, list):
            found = [((name, i), item) for i, item in enumerate(value)]
        else:
            continue
        for loc, ref in found:
            if isinstance(ref, (str, int)) and not isinstance(ref, bool) and SLUG.match(str(ref)):
                refs.check(raw, loc, str(ref), kind, what)


class _Refs:
    """Checks references from one entry to others, with suggestions.

    An entry that exists but has errors of its own still counts as known, so one
    mistake does not cascade into "onbekende ..." messages elsewhere.
    """

    def __init__(self, problems: Problems, known: dict[str, set[str]]) -> None:
        self.problems, self.known = problems, known

    def check(self, raw: RawEntry, loc: tuple[Any, ...], ref: str, kind: str, what: str) -> bool:
        """``what`` names the kind with its Dutch adjective, e.g. ``onbekende opgave``."""
        if ref in self.known[kind]:
            return True
        self.problems.add(raw.path, raw.line(*loc), f"{what} '{ref}'{suggest(ref, self.known[kind])}", code="onbekende-verwijzing")
        return False


def validate(raws: list[RawEntry], problems: Problems) -> Entries:
    """Validate the entries read from a repository; add every problem to ``problems``."""
    entries = Entries()
    raw_of: dict[tuple[str, str], RawEntry] = {}
    for raw in sorted(raws, key=lambda r: r.path):
        if raw.data is None:
            continue
        if raw.kind == Kind.OPGAVE and (first := raw_of.get((Kind.OPGAVE, raw.id))):
            problems.add(raw.path, None, f"opgave '{raw.id}' bestaat al in {first.path}; opgave-ids zijn uniek over alle thema's", code="dubbele-id")
            continue
        raw_of[(raw.kind, raw.id)] = raw
        if raw.kind == Kind.THEMA and raw.data.get("kleur", "") is None:
            problems.add(raw.path, raw.line("kleur"), "kleur is leeg: zet de kleur tussen aanhalingstekens, bijvoorbeeld kleur: \"#1f6f8b\" (zonder aanhalingstekens leest YAML # als commentaar)", code="kleur")
        entry = _validate_entry(raw, problems)
        if entry is not None:
            entries.of_kind(raw.kind)[raw.id] = entry
    for kind in Kind.ALL:
        store = entries.of_kind(kind)
        ordered = dict(sorted(store.items()))
        store.clear()
        store.update(ordered)

    known = {kind: {rid for (k, rid) in raw_of if k == kind} for kind in Kind.ALL}
    refs = _Refs(problems, known)
    for raw in raw_of.values():
        _check_references(raw, refs)
    _check_organisations(entries, raw_of, problems)
    _check_themes(entries, raw_of, refs, problems)
    _check_opgaven(entries, raw_of, refs, problems)
    _check_projects(entries, raw_of, refs, problems)
    _check_participation(entries, raw_of, problems)
    return entries


def _check_organisations(entries: Entries, raw_of, problems: Problems) -> None:
    for oid, org in entries.organisaties.items():
        if org.kern and org.soort != "gemeente":
            raw = raw_of[(Kind.ORGANISATIE, oid)]
            problems.add(raw.path, raw.line("kern"), f"'kern: true' mag alleen bij soort gemeente, niet bij {SOORTEN[org.soort].lower()}", code="kern")


MIN_CONTRAST = 3.0
"""WCAG 1.4.11: a theme's colour marks bars, dots and borders on white; they need 3:1 to be seen."""


def contrast_with_white(hex_color: str) -> float:
    """The WCAG contrast ratio of ``#rrggbb`` against white.

    >>> round(contrast_with_white("#1f6f8b"), 1), round(contrast_with_white("#ffee00"), 1)
    (5.7, 1.2)
    """
    def channel(i: int) -> float:
        c = int(hex_color[i:i + 2], 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    return 1.05 / (luminance + 0.05)


def _check_themes(entries: Entries, raw_of, refs: _Refs, problems: Problems) -> None:
    seen: dict[str, str] = {}
    for tid, thema in entries.themas.items():
        raw = raw_of[(Kind.THEMA, tid)]
        if thema.kleur and (ratio := contrast_with_white(thema.kleur)) < MIN_CONTRAST:
            dutch = f"{ratio:.1f}".replace(".", ",")
            problems.warn(raw.path, raw.line("kleur"),
                          f"kleur {thema.kleur} is te licht: {dutch}:1 tegen de witte achtergrond, minstens {MIN_CONTRAST:.0f}:1 "
                          "is nodig om balken en stippen te zien (toegankelijkheid); kies een donkerdere tint", code="kleur-contrast")
        for i, tafel in enumerate(thema.tafels):
            if tafel.id in seen:
                problems.add(raw.path, raw.line("tafels", i, "id"), f"tafel '{tafel.id}' bestaat al in {seen[tafel.id]}; tafel-ids zijn uniek over alle thema's", code="dubbele-id")
            seen.setdefault(tafel.id, raw.path)
            for j, lid in enumerate(tafel.leden):
                refs.check(raw, ("tafels", i, "leden", j), lid, Kind.ORGANISATIE, "onbekende organisatie")


def _check_opgaven(entries: Entries, raw_of, refs: _Refs, problems: Problems) -> None:
    lines: dict[tuple[str, str], int] = {}  # hangt_af_van edge -> line
    for oid, opgave in entries.opgaven.items():
        raw = raw_of[(Kind.OPGAVE, oid)]
        for key in ("hangt_af_van", "raakt_aan"):  # unknown ones: _check_references
            for i, other in enumerate(getattr(opgave, key)):
                if other == oid:
                    problems.add(raw.path, raw.line(key, i), f"opgave '{oid}' kan niet van zichzelf afhangen of aan zichzelf raken ({key})", code="zelfverwijzing")
                elif other in refs.known[Kind.OPGAVE] and key == "hangt_af_van":
                    lines[(oid, other)] = raw.line(key, i)
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
        places = ", ".join(f"{raw_of[(Kind.OPGAVE, u)].path}:{graph.edges[u, v]['line']}" for u, v in cycle)
        first = raw_of[(Kind.OPGAVE, cycle[0][0])]
        problems.add(first.path, graph.edges[cycle[0]]["line"], f"cyclus in hangt_af_van: {chain} ({places})", code="cyclus")


def _check_projects(entries: Entries, raw_of, refs: _Refs, problems: Problems) -> None:
    for pid, project in entries.projecten.items():
        raw = raw_of[(Kind.PROJECT, pid)]  # unknown opgaven and organisations: _check_references
        for org_id, deelname in project.deelnemers.items():
            if deelname.vanaf is not None and deelname.variant != "instap":
                problems.add(raw.path, raw.line("deelnemers", org_id, "vanaf"),
                             f"'vanaf' hoort alleen bij variant instap, niet bij {deelname.variant} ({org_id})", code="vanaf")
        if not any(d.variant == "volledig" for d in project.deelnemers.values()):
            problems.add(raw.path, raw.line("deelnemers"), "minstens één deelnemer moet variant volledig hebben: wie trekt de kar?", code="geen-volledig")
        if project.trekker is not None and project.trekker in refs.known[Kind.ORGANISATIE]:
            deelname = project.deelnemers.get(project.trekker)
            if deelname is None or deelname.variant != "volledig":
                now = f"heeft variant {deelname.variant}" if deelname else "staat niet bij de deelnemers"
                problems.add(raw.path, raw.line("trekker"), f"trekker '{project.trekker}' {now}; de trekker moet deelnemer zijn met variant volledig", code="trekker")
        for i, place in enumerate(project.locaties):
            org = entries.organisaties.get(place)
            if org and org.soort != "gemeente":
                problems.add(raw.path, raw.line("locaties", i), f"locatie '{place}' is geen gemeente maar {SOORTEN[org.soort].lower()}", code="locatie")
        if project.start and project.einde and project.einde.last_day < project.start.first_day:
            problems.add(raw.path, raw.line("einde"), f"einde {project.einde} ligt voor start {project.start}", code="einde-voor-start")
        if project.status == "afgerond" and project.einde is None:
            problems.warn(raw.path, raw.line("status"), "status afgerond zonder 'einde': wanneer is het project afgerond?", code="afgerond-zonder-einde")


def _check_participation(entries: Entries, raw_of, problems: Problems) -> None:
    """The warnings of the contract: kleur bekennen, white spots, organisations without a role."""
    kern = entries.kern
    for pid, project in entries.projecten.items():
        missing = [oid for oid in kern if oid not in project.deelnemers]
        if missing:
            raw = raw_of[(Kind.PROJECT, pid)]
            names = ", ".join(missing)
            problems.warn(raw.path, raw.line("deelnemers"),
                          f"nog geen keuze van {names}: elke kerngemeente kiest een variant, ook 'geen' (kleur bekennen)", code="kleur-bekennen")
    worked_on = {oid for p in entries.projecten.values() for oid in p.opgaven}
    for oid, opgave in entries.opgaven.items():
        if oid not in worked_on:
            problems.warn(opgave.path, 1, f"witte vlek: geen enkel project werkt aan opgave '{oid}'", code="witte-vlek")
    involved = {oid for p in entries.projecten.values() for oid in p.deelnemers}
    involved |= {lid for t in entries.themas.values() for tafel in t.tafels for lid in tafel.leden}
    for oid, org in entries.organisaties.items():
        if oid not in involved:
            problems.warn(org.path, 1, f"organisatie '{oid}' neemt aan geen enkel project deel en zit aan geen tafel", code="zonder-rol")


def check(root: Path) -> CheckResult:
    """Read and validate the content repository at ``root``: the whole of ``groei check``."""
    started = time.perf_counter()
    problems = Problems()
    raws = read_all(root, problems)
    entries = validate(raws, problems)
    return CheckResult(entries, problems, len(raws), time.perf_counter() - started)

