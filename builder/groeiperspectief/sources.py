"""The files of a content repository, walked once: what may be read and what may be published.

Everything that reads the repository (the entry reader, the editorial pages, the MkDocs adapter's
file collection and navigation) asks this walk, so one set of rules decides, and nothing outside
the repository can be read or published:

- no symbolic link anywhere in ``content/``, ``themes/`` or ``projects/`` (files and folders): a link
  could point at ``.git/config`` or ``/proc/self/environ``; the walk never follows one
  (``os.scandir``, ``follow_symlinks=False``);
- only regular files and folders: a FIFO, a device or a socket is refused (reading a FIFO would hang
  the build), and so is a folder named ``x.md``;
- a folder or file that cannot be read is an error, never a page silently missing;
- ``content/`` publishes Markdown pages and static files of ``STATIC_TYPES`` only (an SVG only when
  the checks below find no script in it), and nothing whose output path belongs to the
  theme, to our own assets or to a generated page (``RESERVED``).

Hidden names (starting with ``.``) are neither read nor published (MkDocs leaves them out too), but
a hidden symbolic link is still refused: it costs nothing and leaves no doubt.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from .kinds import ORGANISATIONS_DIR, PROJECTS_DIR, THEMES_DIR, URL_SECTIONS
from .problems import Problems

__all__ = ["CONTENT_DIR", "RESERVED", "STATIC_TYPES", "Sources", "reserved_output", "walk"]

CONTENT_DIR = "content"
TREES = (CONTENT_DIR, THEMES_DIR, PROJECTS_DIR)
"""The folders of the repository that are read; anything else (``.git``, ``site/``) is never looked at."""

# Static files that ``content/`` may publish, by extension, with the bytes each must start with.
# Chosen for what an editorial page links or shows: images, documents, data for download. A browser
# runs no script from any of them (a PDF runs only in the viewer's sandbox; JSON and CSV are shown as
# text). HTML, JavaScript, CSS, fonts and anything unknown could run script or restyle the site: refused.
_PNG, _JPEG, _GIF, _PDF = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"%PDF-"
STATIC_TYPES: dict[str, str] = {
    "png": "PNG-afbeelding",
    "jpg": "JPEG-afbeelding",
    "jpeg": "JPEG-afbeelding",
    "gif": "GIF-afbeelding",
    "webp": "WebP-afbeelding",
    "avif": "AVIF-afbeelding",
    "svg": "SVG-afbeelding",
    "pdf": "PDF-document",
    "csv": "CSV-bestand",
    "json": "JSON-bestand",
    "geojson": "GeoJSON-bestand",
}
_ALLOWED = ", ".join(dict.fromkeys(STATIC_TYPES))
MAX_STATIC_BYTES = 25_000_000
"""A static file above this size is refused: the site is no file store (and a 2 GB file fills the disk twice)."""
MAX_SVG_BYTES = 2_000_000

# Output paths the site itself writes (the theme's assets, the search index of Pagefind, and lunr's
# of a site that still names Material's search plugin, our assets, the generated
# overviews and entry pages, the not-found page, the sitemap): a file or page of ``content/`` may not
# land on or under them. ``organisaties`` is the entries' own folder in content/. A test holds this
# list to what ``render.docs_tree`` and the theme write (the reader does not import the renderer).
RESERVED = frozenset(
    {
        "assets",
        "pagefind",
        "search",
        "404",
        "404.html",
        "sitemap.xml",
        "sitemap.xml.gz",
        "index.html",
        *URL_SECTIONS.values(),
        ORGANISATIONS_DIR.rpartition("/")[2],
        "wie-doet-waar-mee",
        "samenhang",
        "verken",
        "tijdlijn",
        "inspiratiedag",
        "data",
        "aansluiten",
        "lessen",
        "kaart",
    }
)


def reserved_output(content_path: str) -> str | None:
    """The reserved top-level name that the file ``content_path`` (relative to ``content/``) would be
    published under, or None when its output path is free.

    >>> reserved_output("themas.md"), reserved_output("assets/x.png"), reserved_output("over.md")
    ('themas', 'assets', None)
    >>> reserved_output("sitemap.xml"), reserved_output("Search/x.png"), reserved_output("index.md")
    ('sitemap.xml', 'search', None)
    """
    if content_path == "index.md":
        return None  # the home page's introduction: the plugin builds the home page from it
    top = content_path.split("/", 1)[0]
    if "/" not in content_path and top.endswith(".md"):
        top = top[:-3]  # over.md becomes over/ (or over.html)
    top = top.lower()  # a case-insensitive host (or checkout) would put Assets/ on assets/
    return top if top in RESERVED or top.removesuffix(".html") in RESERVED else None


@dataclass
class Sources:
    """The readable regular files and folders of ``TREES``, by folder (relative, forward slashes)."""

    files: dict[str, list[str]] = field(default_factory=dict)
    """Per folder: the names of its regular files, sorted; hidden ones left out."""
    dirs: dict[str, list[str]] = field(default_factory=dict)
    """Per folder: the names of its sub-folders, sorted; hidden ones left out."""
    refused: set[str] = field(default_factory=set)
    """Files of ``content/`` that may not be published or read (each has its message)."""

    def listing(self, folder: str) -> tuple[list[str], list[str]]:
        """The Markdown file names and the sub-folder names of ``folder``; empty when it is not there."""
        return [n for n in self.files.get(folder, []) if n.endswith(".md")], list(self.dirs.get(folder, []))

    def content_files(self) -> list[str]:
        """Every file of ``content/`` that may be read or published, relative to the repository, sorted."""
        found = []
        for folder, names in self.files.items():
            if folder == CONTENT_DIR or folder.startswith(CONTENT_DIR + "/"):
                found += [p for name in names if (p := f"{folder}/{name}") not in self.refused]
        return sorted(found)

    def published(self) -> set[str]:
        """What MkDocs may take from ``content/`` (paths relative to ``content/``)."""
        return {p[len(CONTENT_DIR) + 1 :] for p in self.content_files()}


def walk(root: Path, problems: Problems) -> Sources:
    """Walk ``TREES`` of the repository at ``root`` once; every refused file or folder is a problem."""
    sources = Sources()
    for tree in TREES:
        try:
            info = os.lstat(root / tree)
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.add(f"{tree}/", None, f"map kan niet worden gelezen ({exc.strerror})", code="lezen")
            continue
        if _refuse_kind(info, f"{tree}/" if stat.S_ISDIR(info.st_mode) else tree, problems, folder_wanted=True):
            continue
        _walk_folder(root, tree, sources, problems)
    _check_content(root, sources, problems)
    return sources


def _walk_folder(root: Path, folder: str, sources: Sources, problems: Problems) -> None:
    files: list[str] = []
    dirs: list[str] = []
    try:
        with os.scandir(root / folder) as scan:
            items = list(scan)
    except OSError as exc:
        problems.add(
            f"{folder}/",
            None,
            f"map kan niet worden gelezen ({exc.strerror}); wat erin staat, komt niet op de site: "
            "maak de map leesbaar (chmod) of haal haar weg",
            code="lezen",
        )
        return
    for item in sorted(items, key=lambda e: e.name):
        relpath = f"{folder}/{item.name}"
        try:
            info = item.stat(follow_symlinks=False)
        except OSError as exc:
            problems.add(relpath, None, f"kan het bestand niet lezen ({exc.strerror})", code="lezen")
            continue
        is_dir = stat.S_ISDIR(info.st_mode)
        if _refuse_kind(info, relpath + ("/" if is_dir else ""), problems):
            continue
        if item.name.startswith("."):
            continue  # hidden: neither read nor published
        if is_dir:
            if item.name.endswith(".md"):
                problems.add(
                    relpath + "/",
                    None,
                    "een map met een naam op .md wordt als pagina gelezen en dat kan niet; geef de map een andere naam",
                    code="bestandssoort",
                )
                continue
            dirs.append(item.name)
            _walk_folder(root, relpath, sources, problems)
        else:
            files.append(item.name)
    sources.files[folder], sources.dirs[folder] = files, dirs


def _refuse_kind(info: os.stat_result, relpath: str, problems: Problems, *, folder_wanted: bool = False) -> bool:
    """Report a symbolic link, FIFO, device or socket (or, with ``folder_wanted``, a file); True when refused."""
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        problems.add(
            relpath.rstrip("/"),
            None,
            "dit is een symbolische koppeling (symlink); die zijn niet toegestaan, want ze kunnen naar bestanden "
            "buiten de repository wijzen: zet het bestand of de map zelf hier neer",
            code="symlink",
        )
        return True
    if stat.S_ISDIR(mode) or (stat.S_ISREG(mode) and not folder_wanted):
        return False
    what = (
        "een bestand, geen map"
        if stat.S_ISREG(mode)
        else "een named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "een socket"
        if stat.S_ISSOCK(mode)
        else "een apparaatbestand"
    )
    problems.add(
        relpath,
        None,
        f"dit is {what}; hier horen alleen gewone bestanden en mappen: haal het weg",
        code="bestandssoort",
    )
    return True


def _check_content(root: Path, sources: Sources, problems: Problems) -> None:
    """Refuse what ``content/`` may not publish: unknown or unsafe types, and reserved output paths."""
    for folder, names in sources.files.items():
        if not (folder == CONTENT_DIR or folder.startswith(CONTENT_DIR + "/")):
            continue
        for name in names:
            relpath = f"{folder}/{name}"
            inner = relpath[len(CONTENT_DIR) + 1 :]
            reason = _unsafe(root, relpath, name)
            if reason is None and not relpath.startswith(ORGANISATIONS_DIR + "/") and (top := reserved_output(inner)):
                reason = (
                    f"komt op de site op '{top}', en die plek is van de site zelf (het thema, de zoekfunctie of een "
                    f"gemaakte pagina); geef het bestand of de map een andere naam"
                )
            if reason is not None:
                sources.refused.add(relpath)
                problems.add(relpath, None, reason, code="bestandssoort")


def _unsafe(root: Path, relpath: str, name: str) -> str | None:
    """Why the file may not be read or published, or None; Markdown pages are judged by their readers."""
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext == "md":
        return None if name.endswith(".md") else "schrijf de extensie met kleine letters: .md"
    if ext not in STATIC_TYPES:
        return (
            f"dit soort bestand ('.{ext}') wordt niet gepubliceerd"
            if ext
            else "een bestand zonder extensie wordt niet gepubliceerd"
        ) + (
            f": het zou script kunnen uitvoeren of de site kunnen veranderen; toegestaan in content/ zijn "
            f"Markdown-pagina's (.md) en {_ALLOWED}"
        )
    try:
        fd = os.open(root / relpath, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"kan het bestand niet lezen ({exc.strerror}); het komt zo niet op de site"
    try:
        size = os.fstat(fd).st_size
        if size > MAX_STATIC_BYTES:
            return f"bestand is te groot ({size // 1_000_000} MB; maximaal {MAX_STATIC_BYTES // 1_000_000} MB)"
        head = os.read(fd, MAX_SVG_BYTES + 1 if ext == "svg" else 16)
    except OSError as exc:
        return f"kan het bestand niet lezen ({exc.strerror}); het komt zo niet op de site"
    finally:
        os.close(fd)
    what = STATIC_TYPES[ext]
    if ext == "svg":
        return _svg_problem(head)
    if not _looks_like(ext, head):
        return f"de inhoud is geen {what}, al zegt de naam dat; sla het bestand op in het juiste formaat"
    return None


def _looks_like(ext: str, head: bytes) -> bool:
    """Whether the first bytes are those of the type the extension names (text types: no NUL, no HTML start)."""
    if ext == "png":
        return head.startswith(_PNG)
    if ext in ("jpg", "jpeg"):
        return head.startswith(_JPEG)
    if ext == "gif":
        return head.startswith(_GIF)
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext == "avif":
        return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    if ext == "pdf":
        return head.startswith(_PDF)
    # csv, json, geojson: text, and not a page in disguise (an old browser that sniffs would show it as HTML)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"\x00" not in head and not text.startswith((b"<", b"\xfe", b"\xff"))


# --- SVG: an image that can hold script. Judged on its XML as a browser parses it. ------------------

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SCRIPT_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "discard"}
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.I)
_CONTROLS = re.compile(r"[\x00-\x20]+")


def _svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be published, or None: no script, no event handler, no link or reference
    outside the file itself (``#id`` is fine), no DOCTYPE (entities could hide any of these)."""
    refuse = "deze SVG wordt niet gepubliceerd: {}; exporteer de afbeelding opnieuw zonder, of gebruik PNG"
    if len(data) > MAX_SVG_BYTES:
        return refuse.format(f"ze is groter dan {MAX_SVG_BYTES // 1_000_000} MB")
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", data, re.I):
        return refuse.format("ze bevat een DOCTYPE of ENTITY, waarin script verstopt kan zitten")
    try:
        top = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return refuse.format("ze is geen geldige XML")
    if top.tag != _SVG_NS + "svg":
        return refuse.format("ze begint niet met een <svg>-element")
    for element in top.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rpartition("}")[2].lower()
        if not tag.startswith(_SVG_NS) and tag:
            return refuse.format(f"ze bevat een element van buiten SVG (<{local}>)")
        if local in _SCRIPT_ELEMENTS:
            return refuse.format(f"ze bevat een <{local}>-element")
        if local == "style" and (why := _css_problem(element.text or "")):
            return refuse.format(why)
        for name, value in element.attrib.items():
            attr = name.rpartition("}")[2].lower()
            if attr.startswith("on"):
                return refuse.format(f"ze bevat een gebeurtenis-attribuut ({attr}), dat script uitvoert")
            if name in ("href", _XLINK_HREF, "src") and not _CONTROLS.sub("", value).startswith("#"):
                return refuse.format(f'ze verwijst naar iets buiten het bestand ({attr}="{value[:60]}")')
            if local in _ANIMATION and attr in ("attributename", "to", "from", "values", "by"):
                low = _CONTROLS.sub("", value).lower()
                if attr == "attributename" and (low.endswith("href") or low.startswith("on")):
                    return refuse.format(f"ze verandert met <{local}> een koppeling of gebeurtenis")
                if "javascript:" in low:
                    return refuse.format("ze bevat een javascript:-adres")
            if attr == "style" and (why := _css_problem(value)):
                return refuse.format(why)
    return None


def _css_problem(css: str) -> str | None:
    low = _CONTROLS.sub("", css).lower()
    if "@import" in low or "expression(" in low or "javascript:" in low:
        return "haar opmaak (CSS) laadt iets van buiten of voert script uit"
    for target in _URL.findall(css):
        if not target.startswith("#"):
            return f"haar opmaak (CSS) verwijst naar iets buiten het bestand (url({target[:60]}))"
    return None
