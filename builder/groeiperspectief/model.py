"""The content model: one typed class per entry kind, the field rules of CONTENT-MODEL.md.

These classes are the single source of the contract: the checker validates with
them and the JSON Schemas for editors are generated from them. Rules that need
more than one field or more than one entry live in ``validate.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from . import dutch
from .vocabulary import COMPONENTS, SLUG_PATTERN, SOORTEN, STATUSES, TAFEL_SOORTEN, VARIANTS

__all__ = [
    "VARIANTS",
    "STATUSES",
    "SOORTEN",
    "TAFEL_SOORTEN",
    "COMPONENTS",
    "Datum",
    "Organisatie",
    "Tafel",
    "Thema",
    "Opgave",
    "Deelname",
    "Financiering",
    "Link",
    "Zoekt",
    "Mijlpaal",
    "Project",
    "MODELS",
]

Variant = Literal[tuple(VARIANTS)]  # type: ignore[valid-type]
Status = Literal[tuple(STATUSES)]  # type: ignore[valid-type]
Soort = Literal[tuple(SOORTEN)]  # type: ignore[valid-type]

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _one_line(value: str) -> str:
    # Short texts are one line: pages embed them in blocks of HTML inside Markdown, where a blank
    # line would end the block and let Markdown read the rest ([a](javascript:...) as a link).
    return " ".join(value.split())


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)]
Summary = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_one_line)
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_one_line)
]


@dataclass(frozen=True, order=True)
class Datum:
    """A date at year, month or day precision (``2027``, ``2024-03``, ``2024-03-15``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return "-".join(
            f"{part:02d}" if i else f"{part:04d}"
            for i, part in enumerate((self.year, self.month, self.day))
            if part is not None
        )

    @property
    def label(self) -> str:
        """Dutch, as on the site: ``2027``, ``maart 2024``, ``15 maart 2024``."""
        if self.month is None:
            return str(self.year)
        if self.day:
            return dutch.date(dt.date(self.year, self.month, self.day))
        return dutch.month_year(self.year, self.month)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _to_datum(value: Any) -> Datum:
    if isinstance(value, Datum):
        return value
    if isinstance(value, dt.date):
        return Datum(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and (m := _DATE.match(value.strip())):
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            dt.date(year, 1 if month is None else month, 1 if day is None else day)  # month 00 or day 00: no date
        except ValueError:
            pass
        else:
            return Datum(year, month, day)
    raise PydanticCustomError(
        "datum",
        "'{value}' is geen geldige datum; gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD, bijvoorbeeld 2024-03",
        {"value": value},
    )


# For the JSON Schema: the forms _to_datum accepts, with each month's last day (leap years are left to the checker).
DATE_PATTERN = (
    r"^(?!0000)\d{4}(-((0[13578]|1[02])(-(0[1-9]|[12]\d|3[01]))?|(0[469]|11)(-(0[1-9]|[12]\d|30))?"
    r"|02(-(0[1-9]|1\d|2\d))?))?$"
)

DatumField = Annotated[
    Datum,
    BeforeValidator(_to_datum),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "JJJJ, JJJJ-MM of JJJJ-MM-DD",
        }
    ),
]


GEMEENTECODE_PATTERN = r"^GM\d{4}$"
"""A CBS municipality code, as ``statcode`` in the boundaries CBS/PDOK publish."""

URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$"


def _http_url(value: str) -> str:
    value = value.strip()
    if re.match(r"^https?://\S*\s", value):
        raise PydanticCustomError(
            "url",
            "'{value}' is geen geldig webadres: er staat een spatie in; schrijf %20 of haal de spatie weg",
            {"value": value},
        )
    if not re.match(URL_PATTERN, value):
        raise PydanticCustomError(
            "url", "'{value}' is geen geldig webadres; begin met https:// (of http://)", {"value": value}
        )
    return value


HttpUrl = Annotated[
    str, AfterValidator(_http_url), WithJsonSchema({"type": "string", "pattern": URL_PATTERN, "format": "uri"})
]


class Entry(BaseModel):
    """Base of all entries: strict keys, and where the entry came from."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    _body: str = PrivateAttr(default="")
    _body_line: int = PrivateAttr(default=1)

    @property
    def id(self) -> str:
        """The identifier: the file (or, for a theme, the folder) name."""
        return self._id

    @property
    def path(self) -> str:
        """The source file, relative to the content repository."""
        return self._path

    @property
    def body(self) -> str:
        """The Markdown narrative below the front matter (not yet rendered)."""
        return self._body

    def bind(self, *, id: str, path: str, body: str, body_line: int = 1) -> Entry:
        self._id, self._path, self._body, self._body_line = id, path, body, body_line
        return self


class Organisatie(Entry):
    """An organisation: one of the core municipalities or a partner. ``content/organisaties/<id>.md``"""

    naam: Text = Field(description="Volledige naam, bijvoorbeeld 'Gemeente Papendrecht'.")
    soort: Soort = Field(description="gemeente, overheid, bedrijf, kennisinstelling of maatschappelijk.")
    # Strict: only true/false, as the contract says (pydantic would also read 'yes' or 1 as true).
    kern: StrictBool = Field(
        False, description="true voor de gemeenten van de samenwerking zelf (alleen bij soort gemeente)."
    )
    website: HttpUrl | None = Field(None, description="Webadres, beginnend met https://.")
    gemeentecode: Annotated[str, StringConstraints(strip_whitespace=True, pattern=GEMEENTECODE_PATTERN)] | None = Field(
        None,
        description="Alleen bij soort gemeente: de CBS-code (GM en vier cijfers, bijvoorbeeld GM0590); "
        "koppelt de gemeente aan haar vlak op de kaart (content/kaart.geojson).",
    )


class Tafel(BaseModel):
    """A table (tafel) that works on a theme."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    id: Slug = Field(description="Unieke id over alle thema's, bijvoorbeeld 'bestuurlijke-tafel-energie'.")
    naam: Text = Field(description="Naam van de tafel.")
    soort: Literal[tuple(TAFEL_SOORTEN)] = Field(  # type: ignore[valid-type]
        description="bestuurlijk of triple-helix."
    )
    leden: list[Slug] = Field(default_factory=list, description="Ids van de organisaties aan tafel.")


class Thema(Entry):
    """A theme of the perspective. ``themes/<id>/index.md``"""

    titel: Text = Field(description="Naam van het thema.")
    samenvatting: Summary = Field(description="Eén of twee zinnen, hoogstens 300 tekens.")
    kleur: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] | None = Field(
        None,
        description='Kleur als "#rrggbb" (tussen aanhalingstekens); zonder kleur kiest de bouwer er een.',
        # An unquoted #rrggbb reads as empty (a YAML comment); validate.py refuses that, so the schema does too.
        json_schema_extra={"not": {"type": "null"}},
    )
    tafels: list[Tafel] = Field(default_factory=list, description="De tafels die aan dit thema werken.")


class Opgave(Entry):
    """A regional challenge. ``themes/<theme>/<id>.md``"""

    titel: Text = Field(description="Naam van de opgave.")
    samenvatting: Summary = Field(description="Eén of twee zinnen, hoogstens 300 tekens.")
    hangt_af_van: list[Slug] = Field(
        default_factory=list, description="Opgaven (van elk thema) die eerst moeten bewegen."
    )
    raakt_aan: list[Slug] = Field(default_factory=list, description="Opgaven (van elk thema) waarmee deze verweven is.")
    ook_themas: list[Slug] = Field(default_factory=list, description="Andere thema's waar deze opgave ook bij hoort.")

    _theme: str = PrivateAttr(default="")

    @property
    def theme(self) -> str:
        """The theme whose folder holds this opgave."""
        return self._theme

    @property
    def themes(self) -> list[str]:
        """Its own theme first, then ``ook_themas``."""
        return [self._theme] + [t for t in self.ook_themas if t != self._theme]


def _short_form(value: Any) -> Any:
    if value is None or value == "":
        return None  # an empty variant (`dordrecht:`, `''`): nog geen keuze, see Project.undecided
    return {"variant": value} if isinstance(value, str) else value


class Deelname(BaseModel):
    """How one organisation takes part in a project (the long form; the short form is just the variant)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    variant: Variant = Field(description="volledig, solidariteit, instap of geen.")
    vanaf: DatumField | None = Field(None, description="Alleen bij instap: wanneer de organisatie wil instappen.")
    toelichting: Text | None = Field(None, description="Korte toelichting op de keuze.")


DeelnameField = Annotated[
    Deelname | None,
    # The JSON Schema shows what editors may write: the short form (a variant), the long form, or
    # nothing yet (the `groei new` template lists every core municipality with an empty variant).
    BeforeValidator(_short_form, json_schema_input_type=Variant | Deelname | Literal[""] | None),
]


class Financiering(BaseModel):
    """How a project is financed (advies 6: three components)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    component: Literal[tuple(COMPONENTS)] = Field(  # type: ignore[valid-type]
        description="1 netwerk, 2 basisfinanciering projecten, 3 specifiek project."
    )
    bedrag: Annotated[int, Field(ge=0, strict=True)] | None = Field(None, description="Bedrag in hele euro's.")


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    titel: Text = Field(description="Tekst van de link.")
    url: HttpUrl = Field(description="Webadres, beginnend met https://.")


class Zoekt(BaseModel):
    """Who a coalition is looking for: a kind of organisation, for a role."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    soort: Soort = Field(
        description="Welke soort organisatie: gemeente, overheid, bedrijf, kennisinstelling of maatschappelijk."
    )
    rol: ShortText = Field(description="Waarvoor: de rol in de coalitie, hoogstens 200 tekens.")


class Mijlpaal(BaseModel):
    """A dated milestone of a project, reached or not."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    datum: DatumField = Field(description="JJJJ, JJJJ-MM of JJJJ-MM-DD.")
    titel: ShortText = Field(description="Wat er dan klaar is, hoogstens 200 tekens.")
    gehaald: StrictBool = Field(False, description="true als de mijlpaal gehaald is.")

    def state(self, today: dt.date) -> str:
        """``gehaald``, ``over-datum`` (not reached and its date, to the end of its month or year, is
        before ``today``, the build's date) or ``gepland``: a key of ``vocabulary.MILESTONE_TERMS``."""
        if self.gehaald:
            return "gehaald"
        return "over-datum" if self.datum.last_day < today else "gepland"


EMAIL = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$"


class Project(Entry):
    """A project: a coalition that works on one or more opgaven. ``projects/<id>.md``"""

    titel: Text = Field(description="Naam van het project.")
    samenvatting: Summary = Field(description="Eén of twee zinnen, hoogstens 300 tekens.")
    opgaven: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Ids van de opgaven waaraan het project werkt."
    )
    status: Status = Field(description="idee, verkenning, voorbereiding, uitvoering, afgerond of gestopt.")
    start: DatumField | None = Field(None, description="JJJJ, JJJJ-MM of JJJJ-MM-DD.")
    einde: DatumField | None = Field(None, description="JJJJ, JJJJ-MM of JJJJ-MM-DD; niet voor de start.")
    trekker: Slug | None = Field(None, description="De trekkende organisatie; een deelnemer met variant volledig.")
    deelnemers: Annotated[dict[Slug, DeelnameField], Field(min_length=1)] = Field(
        description="Organisatie-id: variant (volledig, solidariteit, instap, geen), of de lange vorm met variant, vanaf, "
        "toelichting; leeg is nog geen keuze."
    )
    """The stated variants. An organisation listed without one is in ``undecided`` instead (see ``model_post_init``)."""
    locaties: list[Slug] = Field(default_factory=list, description="Ids van de gemeenten waar het project plaatsvindt.")
    financiering: Financiering | None = Field(None, description="Component (1, 2 of 3) en eventueel bedrag.")
    contact: Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL)] | None = Field(
        None, description="Een functioneel e-mailadres, nooit een persoonlijk adres."
    )
    links: list[Link] = Field(default_factory=list, description="Verwijzingen naar meer informatie.")
    zoekt: list[Zoekt] = Field(default_factory=list, description="Wie de coalitie zoekt: soort organisatie en rol.")
    mijlpalen: list[Mijlpaal] = Field(default_factory=list, description="Mijlpalen met datum, gehaald of niet.")
    lessen: list[Summary] = Field(
        default_factory=list, description="Korte lessen voor het netwerk, elk hoogstens 300 tekens."
    )

    _undecided: tuple[str, ...] = PrivateAttr(default=())

    def model_post_init(self, context: Any, /) -> None:
        # An empty variant is "nog geen keuze", exactly as when the line is missing (CONTENT-MODEL.md, kleur
        # bekennen): kept out of `deelnemers`, so nothing that reads the stated variants can take it for one,
        # least of all for geen. Also runs for the partial entries the checker builds (model_construct).
        if None in self.deelnemers.values():
            self._undecided = tuple(oid for oid, d in self.deelnemers.items() if d is None)
            self.__dict__["deelnemers"] = {oid: d for oid, d in self.deelnemers.items() if d is not None}

    @property
    def undecided(self) -> tuple[str, ...]:
        """The organisations listed in ``deelnemers`` with an empty variant: nog geen keuze."""
        return self._undecided

    def without_stance(self, kern: list[str]) -> list[str]:
        """Who has not chosen yet ("nog geen keuze"): each core organisation not listed or listed with an
        empty variant, then each partner listed with an empty variant."""
        return [oid for oid in kern if oid not in self.deelnemers] + [oid for oid in self._undecided if oid not in kern]

    @property
    def period(self) -> str:
        """Dutch label of the period, e.g. ``maart 2024 – 2027``."""
        if self.start and self.einde:
            return f"{self.start.label} – {self.einde.label}"
        if self.start:
            return f"vanaf {self.start.label}"
        if self.einde:
            return f"tot {self.einde.label}"
        return ""


MODELS: dict[str, type[Entry]] = {
    "organisatie": Organisatie,
    "thema": Thema,
    "opgave": Opgave,
    "project": Project,
}
