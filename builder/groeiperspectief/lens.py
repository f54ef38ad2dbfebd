"""The lens "Bekijk als …": the region as one organisation takes part in it.

Choose an organisation and every page that shows participation (home, the matrix, the
timeline, the map, the figures) marks each project and opgave with that organisation's
variant. The choice lives in the URL (``?organisatie=<id>``). This module holds:

* ``STYLES``: how a variant looks: its term from ``vocabulary`` (label, symbol, figure
  dash) with the colours and CSS line style added here. The site's CSS variables are
  generated from it (``css()``) and the browser gets it in every lens file, so there is
  no second copy anywhere.
* the lens files, one per organisation (``assets/groei/lens/<id>.json``): its variant
  per project and per opgave, its counts, and the summary sentence in words.

An opgave's variant is the strongest variant the organisation has in the projects that
work on it, in the order of ``STRENGTH``: volledig, solidariteit, instap, nog geen
keuze, geen. "Nog geen keuze" ranks above geen: while one project still waits for a
choice, the organisation has not yet said it stays out of that opgave.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from . import analysis
from .perspective import Perspective, node
from .vocabulary import NO_CHOICE, SOORTEN, VARIANT_TERMS

__all__ = [
    "OPEN",
    "STYLES",
    "STRENGTH",
    "VariantStyle",
    "key",
    "organisation_groups",
    "project_variants",
    "opgave_variants",
    "counts",
    "summary",
    "stance",
    "core_counts",
    "in_words",
    "lens_data",
    "lens_json",
    "css",
    "LENS_DIR",
    "CSS_FILE",
    "PARAM",
]

OPEN = NO_CHOICE.value
"""The key of "nog geen keuze": a core municipality (or a listed partner) that stated no variant."""
PARAM = "organisatie"
"""The URL parameter that carries the lens: ``?organisatie=<id>``."""
LENS_DIR = "assets/groei/lens"
CSS_FILE = "assets/groei/groei-variants.css"


@dataclass(frozen=True)
class VariantStyle:
    """How one variant looks, everywhere: never colour alone, always symbol and line style too."""

    key: str
    label: str
    """Lowercase words, as in a sentence: "3 solidariteit", "0 nog geen keuze"."""
    title: str
    """The name on badges and in legends ("Solidariteitsprincipe")."""
    symbol: str
    dash: list[int] | None
    """Line pattern in figures (SVG ``stroke-dasharray``, vis-network ``dashes``); None is a solid line."""
    border: str
    """A CSS ``border-style`` for badges and bars (CSS has no dash-dot: instap and nog geen keuze share
    "dashed" there, and differ in symbol, words and colour)."""
    color: str
    """Text and line colour: at least 4.5:1 on white and on ``background``."""
    background: str


# What the vocabulary does not say: colours and a CSS line style, per variant value.
_LOOK = {
    "volledig": ("solid", "#1b4d20", "#dff0e1"),
    "solidariteit": ("double", "#143a53", "#e1ecf5"),
    "instap": ("dashed", "#6b3408", "#fbecd9"),
    "geen": ("dotted", "#37474f", "#eceff1"),
    OPEN: ("dashed", "#8e1b1b", "#ffffff"),
}
STYLES: dict[str, VariantStyle] = {
    t.value: VariantStyle(
        t.value, t.short, t.label, t.symbol, [int(n) for n in t.dash.split()] or None, *_LOOK[t.value]
    )
    for t in (*VARIANT_TERMS, NO_CHOICE)
}
STRENGTH = ("volledig", "solidariteit", "instap", OPEN, "geen")
"""Strongest first: an opgave takes the strongest variant of its projects (see the module's docstring)."""

# Who, what and how, for a cell's tooltip: "Gemeente Papendrecht neemt volledig deel aan Warmtenet".
_STANCES = {
    "volledig": "{org} neemt volledig deel aan {project}",
    "solidariteit": "{org} betaalt mee aan {project} (solidariteit), zonder zelf deel te nemen",
    "instap": "{org} wil later instappen in {project} (instapmodel)",
    "geen": "{org} neemt niet deel aan {project} (geen deelname)",
    OPEN: "{org} heeft voor {project} nog geen keuze gemaakt",
    "": "{org} is niet betrokken bij {project}",
}
# The option groups of the lens: the core municipalities first, then the partners by kind.
_GROUPS = {
    "gemeente": "Andere gemeenten",
    "overheid": "Overheden",
    "bedrijf": "Bedrijven",
    "kennisinstelling": "Kennisinstellingen",
    "maatschappelijk": "Maatschappelijke organisaties",
}


def key(variant: str | None) -> str:
    """The style key of a stated variant; None (nothing stated) is ``OPEN``."""
    return variant or OPEN


def organisation_groups(p: Perspective) -> list[tuple[str, list[str]]]:
    """The organisations as the lens lists them: (group label, ids), core municipalities first, then by kind."""
    order = analysis.organisation_order(p)
    groups = [("Kerngemeenten", [oid for oid in order if p.organisaties[oid].kern])]
    for soort in SOORTEN:
        ids = [oid for oid in order if not p.organisaties[oid].kern and p.organisaties[oid].soort == soort]
        if ids:
            groups.append((_GROUPS[soort], ids))
    return [(label, ids) for label, ids in groups if ids]


def project_variants(p: Perspective, org_id: str) -> dict[str, str]:
    """Per project where the organisation has a stance (or, core, has not chosen yet): its variant key."""
    return {item.project: key(item.variant) for item in analysis.participation(p, org_id)}


def opgave_variants(p: Perspective, org_id: str, projects: dict[str, str] | None = None) -> dict[str, str]:
    """Per opgave one of whose projects the organisation is in: the strongest variant of those projects."""
    projects = project_variants(p, org_id) if projects is None else projects
    rank = {k: n for n, k in enumerate(STRENGTH)}
    found: dict[str, str] = {}
    for pid, k in projects.items():
        for oid in p.projecten[pid].opgaven:
            if oid not in found or rank[k] < rank[found[oid]]:
                found[oid] = k
    return {oid: found[oid] for oid in p.opgaven if oid in found}


def counts(p: Perspective, org_id: str, projects: dict[str, str] | None = None) -> dict[str, int]:
    """Projects per variant key, in the order of ``STYLES``. A core municipality always has every key
    ("0 nog geen keuze" is news too); a partner has "nog geen keuze" only where it was listed without one."""
    projects = project_variants(p, org_id) if projects is None else projects
    found = dict.fromkeys(STYLES, 0)
    for k in projects.values():
        found[k] += 1
    if not p.organisaties[org_id].kern and not found[OPEN]:
        del found[OPEN]
    return found


def summary(p: Perspective, org_id: str, numbers: dict[str, int] | None = None) -> str:
    """The counts in words: ``Gemeente Papendrecht: 12 volledig · 5 solidariteit · 4 instap · 7 geen · 0 nog geen keuze``."""
    numbers = counts(p, org_id) if numbers is None else numbers
    return f"{p.organisaties[org_id].naam}: {in_words(numbers)}"


def core_counts(p: Perspective, project_id: str) -> dict[str, int]:
    """How the core municipalities stand in one project: how many per variant key, every key shown."""
    project = p.projecten[project_id]
    found = dict.fromkeys(STYLES, 0)
    for oid in p.kern:
        found[key(project.deelnemers[oid].variant if oid in project.deelnemers else None)] += 1
    return found


def in_words(numbers: dict[str, int]) -> str:
    """Counts per variant key as words: ``3 volledig · 1 solidariteit · 0 instap · 2 geen · 1 nog geen keuze``."""
    return " · ".join(f"{n} {STYLES[k].label}" for k, n in numbers.items())


def stance(org_name: str, project_title: str, variant_key: str) -> str:
    """Who, what and how, in one sentence (``variant_key`` ``""``: not involved)."""
    return _STANCES[variant_key].format(org=org_name, project=project_title)


def lens_data(p: Perspective, org_id: str) -> dict[str, Any]:
    """What the browser needs to show the region through one organisation's eyes.

    ``variants`` is keyed by graph node (``project:<id>``, ``opgave:<id>``), as the figures key their nodes.
    """
    org = p.organisaties[org_id]
    projects = project_variants(p, org_id)
    opgaven = opgave_variants(p, org_id, projects)
    numbers = counts(p, org_id, projects)
    variants = {node("project", pid): k for pid, k in projects.items()}
    variants.update((node("opgave", oid), k) for oid, k in opgaven.items())
    return {
        "organisatie": org_id,
        "naam": org.naam,
        "kern": org.kern,
        "counts": numbers,
        "samenvatting": summary(p, org_id, numbers),
        "variants": variants,
        "styles": {k: asdict(s) for k, s in STYLES.items()},
    }


def lens_json(p: Perspective, org_id: str) -> str:
    """``lens_data`` as JSON; ``"</"`` never appears raw, so it is safe even if inlined in a ``<script>``."""
    text = json.dumps(lens_data(p, org_id), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/")


def css() -> str:
    """The variants as CSS variables and badge rules, generated from ``STYLES``."""
    lines = ["/* Generated from groeiperspectief.lens.STYLES: the one definition of how a variant looks. */", ":root {"]
    for k, s in STYLES.items():
        dash = " ".join(map(str, s.dash)) if s.dash else "none"
        lines.append(
            f"  --gp-variant-{k}: {s.color}; --gp-variant-{k}-bg: {s.background}; "
            f"--gp-variant-{k}-border: {s.border}; --gp-variant-{k}-dash: {dash}; "
            f"--gp-variant-{k}-width: {'3px' if s.border == 'double' else '1px'};"  # a double line needs 3px
        )
    lines.append("}")
    for k in STYLES:
        lines.append(
            f".gp-variant--{k} {{ color: var(--gp-variant-{k}); background: var(--gp-variant-{k}-bg); "
            f"border: var(--gp-variant-{k}-width) var(--gp-variant-{k}-border) var(--gp-variant-{k}); }}"
        )
        lines.append(
            f'[data-lens="{k}"] {{ --gp-lens-color: var(--gp-variant-{k}); --gp-lens-bg: var(--gp-variant-{k}-bg); '
            f"--gp-lens-border: var(--gp-variant-{k}-border); --gp-lens-width: var(--gp-variant-{k}-width); }}"
        )
    return "\n".join(lines) + "\n"
