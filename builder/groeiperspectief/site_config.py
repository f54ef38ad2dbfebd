"""``mkdocs.yml``, checked before MkDocs reads it: a pull request can change it like any entry.

MkDocs reads the file with PyYAML's full loader (``!!python/object/apply`` would run code on the CI
machine), expands ``!ENV`` (``site_name: !ENV GITHUB_TOKEN`` would publish a secret), follows
``INHERIT`` to any file, runs ``hooks:`` and plugins as Python, and the theme prints several values
as HTML. So this module reads the file itself, with the reader's safe, bounded YAML, and refuses with
the line and a Dutch reason:

- any YAML tag (``!!python/...``, ``!ENV``, ``!relative``), ``INHERIT``, ``hooks``, ``nav`` (the site
  makes its navigation; titles there would be HTML), ``extra_javascript``, ``extra_css`` and
  ``extra_templates`` (script or templates of one's own), ``theme.custom_dir`` (templates print
  values unescaped), ``watch``, and every top-level key MkDocs does not know;
- plugins and Markdown extensions outside ``PLUGINS`` and ``EXTENSIONS`` (``pymdownx.snippets`` reads
  any file, ``macros`` runs templates from pages), and extension options other than true/false and
  numbers (``toc: permalink`` text lands unescaped in every heading);
- a ``docs_dir`` other than ``content``, a ``site_dir`` outside the repository or inside its content,
  a ``theme.logo`` or ``theme.favicon`` that is not an image in ``content/``, a ``repo_url``,
  ``site_url`` or ``extra.social`` link that is no ``https://`` address;
- wrong types and a bad ``inspiratiedag`` (``2025-13-45``) or ``branch``.

The texts the theme shows (``site_name``, ``site_description``, ``site_author``, ``copyright``) are
plain text: they are allowed, and the MkDocs adapter escapes them (``escape_texts``), so an editor's
``&`` shows as written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

from markupsafe import escape

from . import entries
from .builddate import iso_date
from .problems import Problems, suggest
from .sources import CONTENT_DIR, STATIC_TYPES, TREES

__all__ = ["CONFIG", "EXTENSIONS", "PLUGINS", "TEXTS", "check_config", "escape_texts"]

CONFIG = "mkdocs.yml"
MAX_BYTES = 200_000

TEXTS = ("site_name", "site_description", "site_author", "copyright")
"""Plain text the theme prints as HTML: escaped by the adapter."""
PLUGINS = ("search", "groeiperspectief")
EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "fenced_code",
    "footnotes",
    "md_in_html",
    "sane_lists",
    "smarty",
    "tables",
    "toc",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.details",
    "pymdownx.mark",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.tilde",
)
"""Markdown extensions that only change how Markdown reads (no file access, no code, no remote requests)."""

_ANY = object()
# Every top-level key MkDocs knows that we allow, with the type it must have (``_ANY``: checked below).
_KEYS: dict[str, Any] = {
    "site_name": str,
    "site_description": str,
    "site_author": str,
    "copyright": str,
    "site_url": _ANY,
    "repo_url": _ANY,
    "repo_name": str,
    "edit_uri": str,
    "docs_dir": _ANY,
    "site_dir": _ANY,
    "theme": _ANY,
    "plugins": _ANY,
    "markdown_extensions": _ANY,
    "extra": _ANY,
    "use_directory_urls": bool,
    "strict": bool,
    "dev_addr": str,
    "remote_branch": str,
    "remote_name": str,
    "exclude_docs": str,
    "not_in_nav": str,
    "draft_docs": str,
    "validation": dict,
}
_REFUSED_KEYS = {
    "INHERIT": "INHERIT leest instellingen uit een ander bestand, dat niet gecontroleerd wordt",
    "hooks": "hooks voeren Python-code uit tijdens het bouwen",
    "nav": "de site maakt haar navigatie zelf (overzichten, dan de pagina's in content/)",
    "extra_javascript": "eigen scripts kunnen op elke pagina code uitvoeren; de site heeft haar eigen scripts",
    "extra_css": "eigen opmaak kan de site veranderen of iets van een andere server laden",
    "extra_templates": "eigen sjablonen drukken waarden zonder escapen af",
    "watch": "groei serve bekijkt de mappen van de inhoud zelf",
    "google_analytics": "de site stuurt bezoekers niet naar andere servers",
    "edit_uri_template": "gebruik repo_url; de site maakt de link 'Wijzig deze pagina' zelf",
}
_THEME_KEYS = ("name", "language", "features", "palette", "font", "logo", "favicon", "icon", "direction")
_EXTRA_KEYS = ("social", "generator")
_REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/~^@{}+-]*$")
_GROEI_OPTIONS = ("inspiratiedag", "inspiratiedag_datum", "branch")
"""The groeiperspectief plugin's options (``plugin.GroeiConfig``)."""


_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_WORD = re.compile(r"^[a-z0-9][a-z0-9/._-]*$")


def check_config(root: Path, problems: Problems) -> dict[str, Any] | None:
    """Check ``root/mkdocs.yml``; every problem goes to ``problems`` as ``mkdocs.yml:line``.
    Returns the settings when the file could be read, else None. No file: None, and no problem."""
    path = root / CONFIG
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        problems.add(
            CONFIG,
            None,
            "mkdocs.yml moet een gewoon bestand zijn (geen symbolische koppeling of map)",
            code="instellingen",
        )
        return None
    try:
        data = entries.read_regular(path)
    except OSError as exc:
        problems.add(CONFIG, None, f"mkdocs.yml kan niet worden gelezen ({exc.strerror})", code="instellingen")
        return None
    if len(data) > MAX_BYTES:
        problems.add(CONFIG, None, f"mkdocs.yml is te groot (maximaal {MAX_BYTES // 1000} kB)", code="instellingen")
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(CONFIG, line, "geen geldige UTF-8-tekst; sla mkdocs.yml op als UTF-8", code="instellingen")
        return None
    found = entries.parse_yaml(text, CONFIG, problems, first_line=1)
    if found is None:
        return None
    if not isinstance(found.data, dict):
        problems.add(
            CONFIG,
            1,
            "mkdocs.yml moet instellingen bevatten ('site_name: ...'), niet " + _shape(found.data),
            code="instellingen",
        )
        return None
    parsed = entries.RawEntry(
        kind="instellingen", id=CONFIG, path=CONFIG, data=found.data, lines={(): 1, **found.lines}
    )
    _Checker(root, parsed, problems).run()
    return parsed.data


def escape_texts(config: Any) -> dict[str, str]:
    """Make the theme's plain texts HTML-safe in the loaded configuration; returns them as text.

    Character references are read first (``&copy; 2025`` shows ©, as MkDocs' examples write it), then
    everything is escaped: no tag of an editor reaches a page. ``Markup`` because the theme prints these
    both raw and through ``| e``: escaped once either way.
    """
    texts: dict[str, str] = {}
    for key in TEXTS:
        value = config.get(key)
        if isinstance(value, str):
            texts[key] = html.unescape(value)
            config[key] = escape(texts[key])
    return texts


class _Checker:
    def __init__(self, root: Path, raw: entries.RawEntry, problems: Problems) -> None:
        self.root, self.raw, self.problems = root, raw, problems

    def add(self, loc: tuple[Any, ...], message: str) -> None:
        self.problems.add(CONFIG, self.raw.line(*loc), message, code="instellingen")

    def run(self) -> None:
        data = self.raw.data or {}
        for key, value in data.items():
            if key in _REFUSED_KEYS:
                self.add((key,), f"'{key}' is niet toegestaan: {_REFUSED_KEYS[key]}")
            elif key not in _KEYS:
                self.add(
                    (key,),
                    f"onbekende instelling '{key}'{suggest(key, _KEYS)}; toegestaan: {', '.join(_KEYS)}",
                )
            elif _KEYS[key] is not _ANY and not isinstance(value, _KEYS[key]):
                self.add((key,), f"'{key}' moet {_TYPE_NAMES[_KEYS[key]]} zijn, niet {_shape(value)}")
        for key in ("site_url", "repo_url"):
            if key in data:
                self.https((key,), data[key], key)
        self.docs_dir(data)
        self.site_dir(data)
        self.theme(data.get("theme", "material"))
        self.plugins(data.get("plugins", []))
        self.extensions(data.get("markdown_extensions", []))
        self.extra(data.get("extra", {}))

    def https(self, loc: tuple[Any, ...], value: Any, name: str) -> None:
        if not (isinstance(value, str) and re.match(r"^https://[A-Za-z0-9.-]+(:\d+)?(/[^\s\"'<>`]*)?$", value)):
            self.add(loc, f"{name}: {_shape(value)} is geen geldig webadres; gebruik een adres dat met https:// begint")

    def docs_dir(self, data: dict[str, Any]) -> None:
        if "docs_dir" in data and data["docs_dir"] != CONTENT_DIR:
            self.add(
                ("docs_dir",),
                f"docs_dir: {_shape(data['docs_dir'])} kan niet: de pagina's staan in '{CONTENT_DIR}', "
                "en alleen die map wordt gecontroleerd; laat docs_dir weg of zet 'content'",
            )

    def site_dir(self, data: dict[str, Any]) -> None:
        if "site_dir" not in data:
            return
        value = data["site_dir"]
        if not isinstance(value, str) or not value.strip():
            self.add(("site_dir",), f"'site_dir' moet tekst zijn (een map), niet {_shape(value)}")
            return
        root = self.root.resolve()
        target = (root / value).resolve()
        inside = target.is_relative_to(root) and target != root
        top = target.relative_to(root).parts[0] if inside else ""
        if not inside or top in TREES or top.startswith("."):
            self.add(
                ("site_dir",),
                f"site_dir: '{value}' kan niet: de site moet in een eigen map binnen de repository komen, "
                f"niet erbuiten of in {', '.join(TREES)} of .git; bijvoorbeeld 'site'",
            )

    def theme(self, theme: Any) -> None:
        if isinstance(theme, str):
            theme = {"name": theme}
        if not isinstance(theme, dict):
            self.add(("theme",), f"'theme' moet een blok met velden zijn, niet {_shape(theme)}")
            return
        if theme.get("name", "material") != "material":
            self.add(
                ("theme", "name"), f"theme.name: {_shape(theme.get('name'))} kan niet; de site gebruikt 'material'"
            )
        for key, value in theme.items():
            loc = ("theme", key)
            if key == "custom_dir":
                self.add(
                    loc, "'theme.custom_dir' is niet toegestaan: eigen sjablonen drukken waarden zonder escapen af"
                )
            elif key not in _THEME_KEYS:
                self.add(
                    loc,
                    f"onbekende instelling 'theme.{key}'{suggest(key, _THEME_KEYS)}; toegestaan: {', '.join(_THEME_KEYS)}",
                )
            elif key in ("logo", "favicon"):
                self.image(loc, value, f"theme.{key}")
            elif key == "font" and value is not False:
                self.add(
                    loc, "theme.font moet false zijn: lettertypen van Google Fonts zouden bezoekers naar Google sturen"
                )
            elif key in ("language", "direction") and not (isinstance(value, str) and _WORD.match(value)):
                self.add(loc, f"theme.{key}: {_shape(value)} is geen geldige waarde")
            elif key == "features" and not (
                isinstance(value, list) and all(isinstance(v, str) and _WORD.match(v) for v in value)
            ):
                self.add(loc, "theme.features moet een lijst van namen zijn, bijvoorbeeld [navigation.top]")
            elif key in ("palette", "icon"):
                self.words(loc, value, f"theme.{key}")

    def words(self, loc: tuple[Any, ...], value: Any, name: str) -> None:
        """Palette and icon settings: names and colours only (the theme puts them in attributes and paths)."""
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            here = (*loc, i) if isinstance(value, list) else loc
            if not isinstance(item, dict):
                self.add(here, f"{name} moet een blok met velden zijn, niet {_shape(item)}")
                continue
            for key, v in item.items():
                if isinstance(v, dict):
                    self.words((*here, key), v, f"{name}.{key}")
                elif not (isinstance(v, (str, bool)) and re.match(r"^[A-Za-z0-9 #/._-]*$", str(v))):
                    self.add((*here, key), f"{name}.{key}: {_shape(v)} is geen geldige naam of kleur")

    def image(self, loc: tuple[Any, ...], value: Any, name: str) -> None:
        ext = value.rpartition(".")[2].lower() if isinstance(value, str) else ""
        path = (self.root / CONTENT_DIR / value).resolve() if isinstance(value, str) else None
        content = (self.root / CONTENT_DIR).resolve()
        if (
            not isinstance(value, str)
            or "://" in value
            or value.startswith(("/", "\\"))
            or ext not in STATIC_TYPES
            or ext in ("pdf", "csv", "json", "geojson")
            or path is None
            or not path.is_relative_to(content)
        ):
            self.add(
                loc,
                f"{name}: {_shape(value)} kan niet: gebruik een afbeelding in content/ (bijvoorbeeld "
                "'beeld/logo.svg'), geen adres van een andere server of een pad buiten de repository",
            )
        elif not path.is_file():
            self.add(loc, f"{name}: 'content/{value}' bestaat niet")

    def plugins(self, plugins: Any) -> None:
        for loc, name, options in self.named_list("plugins", plugins):
            if name not in PLUGINS:
                self.add(
                    loc,
                    f"plugin '{name}' is niet toegestaan{suggest(name, PLUGINS)}: een plugin is code die "
                    f"tijdens het bouwen draait; toegestaan: {', '.join(PLUGINS)}",
                )
            elif name == "groeiperspectief" and isinstance(options, dict):
                self.groei_options(loc, options)
            elif name == "search" and isinstance(options, dict):
                self.scalars(loc, options, f"plugin {name}", text=True)

    def groei_options(self, loc: tuple[Any, ...], options: dict[str, Any]) -> None:
        """The plugin's own options (``plugin.GroeiConfig``)."""
        for key, value in options.items():
            here = (*loc, key)
            if key == "inspiratiedag":
                self.inspiratiedag(here, value)
            elif key == "inspiratiedag_datum":
                if not (isinstance(value, dt.date) or (isinstance(value, str) and iso_date(value))):
                    self.add(
                        here,
                        f"inspiratiedag_datum: {_shape(value)} is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-11-14",
                    )
            elif key == "branch":
                if not (isinstance(value, str) and _REVISION.match(value) and ".." not in value):
                    self.add(here, f"branch: {_shape(value)} is geen geldige branchnaam, bijvoorbeeld 'main'")
            else:
                self.add(
                    here,
                    f"onbekende instelling '{key}' van groeiperspectief{suggest(key, _GROEI_OPTIONS)}; "
                    f"toegestaan: {', '.join(_GROEI_OPTIONS)}",
                )

    def inspiratiedag(self, loc: tuple[Any, ...], value: Any) -> None:
        if value is None or isinstance(value, dt.date):
            return
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(loc, f"inspiratiedag moet een datum (JJJJ-MM-DD) of een git-revisie zijn, niet {_shape(value)}")
        elif _DATE_LIKE.match(value):
            self.add(
                loc, f"inspiratiedag: '{value}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-11-14"
            )
        elif not _REVISION.match(value):
            self.add(
                loc,
                f"inspiratiedag: {_shape(value)} is geen datum (JJJJ-MM-DD) of git-revisie (een tag, branch of commit)",
            )

    def extensions(self, extensions: Any) -> None:
        for loc, name, options in self.named_list("markdown_extensions", extensions):
            short = name.removeprefix("markdown.extensions.")
            if short not in EXTENSIONS:
                self.add(
                    loc,
                    f"Markdown-uitbreiding '{name}' is niet toegestaan{suggest(short, EXTENSIONS)}: alleen "
                    f"uitbreidingen die geen bestanden lezen of code uitvoeren; toegestaan: {', '.join(EXTENSIONS)}",
                )
            elif isinstance(options, dict):
                self.scalars(loc, options, f"uitbreiding {name}")

    def scalars(self, loc: tuple[Any, ...], options: dict[str, Any], what: str, *, text: bool = False) -> None:
        """Options of a plugin or extension: true/false and numbers (``text``: also plain words)."""
        for key, value in options.items():
            ok = isinstance(value, (bool, int, float)) or (text and isinstance(value, str) and _WORD.match(value))
            if not ok:
                self.add(
                    (*loc, key),
                    f"{what}: optie '{key}' mag alleen true/false of een getal zijn, niet {_shape(value)} "
                    "(tekst hier komt ongefilterd in de pagina's)",
                )

    def named_list(self, key: str, value: Any):
        """``plugins:`` / ``markdown_extensions:`` as MkDocs reads them: a list of names or one-key blocks."""
        if isinstance(value, dict):
            items = [((key, name), name, options) for name, options in value.items()]
        elif isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    items.append(((key, i), item, None))
                elif isinstance(item, dict) and len(item) == 1:
                    [(name, options)] = item.items()
                    items.append(((key, i, name), name, options))
                else:
                    self.add(
                        (key, i), f"'{key}' (nr. {i + 1}) moet een naam zijn of 'naam:' met opties, niet {_shape(item)}"
                    )
        else:
            self.add((key,), f"'{key}' moet een lijst zijn, niet {_shape(value)}")
            return []
        for loc, name, options in items:
            if options is not None and not isinstance(options, dict):
                self.add(loc, f"de opties van '{name}' moeten een blok met velden zijn, niet {_shape(options)}")
        return items

    def extra(self, extra: Any) -> None:
        if not isinstance(extra, dict):
            self.add(("extra",), f"'extra' moet een blok met velden zijn, niet {_shape(extra)}")
            return
        for key, value in extra.items():
            loc = ("extra", key)
            if key not in _EXTRA_KEYS:
                self.add(
                    loc,
                    f"'extra.{key}' is niet toegestaan{suggest(key, _EXTRA_KEYS)}: het thema zet zulke waarden ongefilterd op de pagina of laadt er iets van buiten mee; toegestaan: {', '.join(_EXTRA_KEYS)}",
                )
            elif key == "generator" and not isinstance(value, bool):
                self.add(loc, f"extra.generator moet true of false zijn, niet {_shape(value)}")
            elif key == "social":
                if not isinstance(value, list):
                    self.add(loc, f"extra.social moet een lijst zijn, niet {_shape(value)}")
                    continue
                for i, link in enumerate(value):
                    if not isinstance(link, dict) or set(link) - {"icon", "link", "name"}:
                        self.add((*loc, i), "extra.social: elk item heeft alleen icon, link en name")
                        continue
                    self.https((*loc, i, "link"), link.get("link"), "extra.social link")
                    if not (
                        isinstance(link.get("icon"), str) and _WORD.match(link["icon"]) and ".." not in link["icon"]
                    ):
                        self.add(
                            (*loc, i, "icon"),
                            f"extra.social icon: {_shape(link.get('icon'))} is geen icoonnaam, bijvoorbeeld fontawesome/brands/github",
                        )
                    if "name" in link and not isinstance(link["name"], str):
                        self.add((*loc, i, "name"), f"extra.social name moet tekst zijn, niet {_shape(link['name'])}")


_TYPE_NAMES = {str: "tekst", bool: "true of false", dict: "een blok met velden"}


def _shape(value: Any) -> str:
    from .validate import _shape as shape  # one way to name a value in messages (validate imports sources)

    return shape(value)
