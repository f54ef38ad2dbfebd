"""The contract's enumerations, each defined once: value, Dutch label, meaning and how the site shows it.

The model (validation), the JSON Schemas, the open-data schema, the pages, the figures and the
benchmark's generator all read these; nothing else spells the values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Term",
    "VARIANT_TERMS",
    "NO_CHOICE",
    "STATUS_TERMS",
    "SOORT_TERMS",
    "VARIANTS",
    "STATUSES",
    "SOORTEN",
    "TAFEL_SOORTEN",
    "COMPONENTS",
    "SLUG_PATTERN",
    "SLUG_RULE",
    "slug_for",
    "variant_term",
    "MILESTONE_TERMS",
    "RUNNING_STATUSES",
    "ENDED_STATUSES",
]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Identifiers (file names) of every entry: lower-case words joined by single hyphens."""
SLUG_RULE = "alleen kleine letters a-z, cijfers en enkele koppeltekens"


def slug_for(name: str) -> str:
    """The id a name that is no slug was most likely meant to be; ``name`` itself when there is none.

    >>> slug_for("Waterbedrijf_Evides"), slug_for("Dordrecht"), slug_for("___")
    ('waterbedrijf-evides', 'dordrecht', '___')
    """
    better = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return better if better and re.match(SLUG_PATTERN, better) else name


@dataclass(frozen=True)
class Term:
    """One value of an enumeration as the site shows it.

    ``symbol`` and ``dash`` (an SVG ``stroke-dasharray``, ``""`` for a solid line) carry the
    meaning besides colour, so colour is never the only signal (WCAG 1.4.1).
    """

    value: str
    label: str
    meaning: str = ""
    short: str = ""
    symbol: str = ""
    dash: str = ""
    joins: str = ""
    """Dutch verb phrase for one party ("doet volledig mee"), as change descriptions use it."""
    joins_many: str = ""


# The four participation variants (advies 2 of the report), in the contract's order.
VARIANT_TERMS: tuple[Term, ...] = (
    Term(
        "volledig",
        "Volledige participatie",
        "Doet mee en draagt bij: skin in the game.",
        short="volledig",
        symbol="●",
        dash="",
        joins="doet volledig mee",
        joins_many="doen volledig mee",
    ),
    Term(
        "solidariteit",
        "Solidariteitsprincipe",
        "Doet niet zelf mee maar betaalt mee: geen direct belang, wel belangrijk voor de regio.",
        short="solidariteit",
        symbol="€",
        dash="2 4",
        joins="betaalt mee (solidariteit)",
        joins_many="betalen mee (solidariteit)",
    ),
    Term(
        "instap",
        "Instapmodel",
        "Wil later instappen, tegen een passagiersbijdrage of entreegeld.",
        short="instap",
        symbol="↗",
        dash="8 4",
        joins="kan later instappen",
        joins_many="kunnen later instappen",
    ),
    Term(
        "geen",
        "Geen deelname",
        "Doet niet mee en blijft op de hoogte.",
        short="geen",
        symbol="–",
        dash="1 6",
        joins="doet niet mee",
        joins_many="doen niet mee",
    ),
)
# A core municipality that stated nothing on a project (kleur bekennen): shown, never read as "geen".
NO_CHOICE = Term(
    "open",
    "Nog geen keuze",
    "Heeft (nog) geen variant gekozen.",
    short="nog geen keuze",
    symbol="?",
    dash="4 2 1 2",
)

STATUS_TERMS: tuple[Term, ...] = (
    Term("idee", "Idee"),
    Term("verkenning", "Verkenning"),
    Term("voorbereiding", "Voorbereiding"),
    Term("uitvoering", "Uitvoering"),
    Term("afgerond", "Afgerond"),
    Term("gestopt", "Gestopt"),
)

SOORT_TERMS: tuple[Term, ...] = (
    Term("gemeente", "Gemeente"),
    Term("overheid", "Overheid"),
    Term("bedrijf", "Bedrijf"),
    Term("kennisinstelling", "Kennisinstelling"),
    Term("maatschappelijk", "Maatschappelijke organisatie"),
)

# Value -> label on the site, in the contract's order (the form most code wants).
VARIANTS: dict[str, str] = {t.value: t.label for t in VARIANT_TERMS}
STATUSES: dict[str, str] = {t.value: t.label for t in STATUS_TERMS}
SOORTEN: dict[str, str] = {t.value: t.label for t in SOORT_TERMS}
TAFEL_SOORTEN: dict[str, str] = {"bestuurlijk": "Bestuurlijke tafel", "triple-helix": "Triple-helixtafel"}
COMPONENTS: dict[int, str] = {
    1: "Component 1: financiering van het netwerk",
    2: "Component 2: basisfinanciering voor projecten",
    3: "Component 3: financiering van dit project naar deelname en baat",
}


def variant_term(value: str | None) -> Term:
    """The term of a variant value; ``None`` (or ``"open"``) is "nog geen keuze".

    >>> variant_term("instap").symbol, variant_term(None).label
    ('↗', 'Nog geen keuze')
    """
    for term in VARIANT_TERMS:
        if term.value == value:
            return term
    return NO_CHOICE


# A milestone's state against the build's date (model.Mijlpaal.state); the symbol carries it besides colour.
MILESTONE_TERMS: dict[str, Term] = {
    "gehaald": Term("gehaald", "Gehaald", "De mijlpaal is gehaald.", symbol="✓"),
    "gepland": Term("gepland", "Gepland", "De datum van de mijlpaal moet nog komen.", symbol="○"),
    "over-datum": Term(
        "over-datum", "Over datum", "De datum is voorbij en de mijlpaal staat niet als gehaald.", symbol="!"
    ),
}

RUNNING_STATUSES = ("idee", "verkenning", "voorbereiding", "uitvoering")
"""The statuses of a project that has not ended: an ``einde`` in the past then means stale content."""
ENDED_STATUSES = ("afgerond", "gestopt")
