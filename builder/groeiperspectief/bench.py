"""Scale: a generated region of N projects, and a benchmark of ``groei check`` and ``groei build`` on it.

``python -m groeiperspectief.bench corpus N DIR`` writes a valid region of N projects;
``python -m groeiperspectief.bench run [--sizes 100,1000,10000]`` builds one per size and
prints a table: check and build time and peak memory, a bare MkDocs + Material build
of as many pages with the same text and only the home page in the navigation (run
alternately in the same session, so the ratio holds on a noisy machine), page sizes,
shared assets, the bytes a first search loads (Pagefind here, lunr in the bare site)
and the time Chromium needs to draw the whole-perspective graph.

The corpus is deterministic (seeded): the same N gives the same files, byte for byte.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import click

from . import vocabulary
from .geo.benchmark import write_map

__all__ = ["write_corpus", "Corpus", "main"]

KERN = [
    "alblasserdam",
    "dordrecht",
    "hardinxveld-giessendam",
    "hendrik-ido-ambacht",
    "papendrecht",
    "sliedrecht",
    "zwijndrecht",
]
THEMES = [
    ("energie", "Energietransitie", "#8a4b08"),
    ("wonen", "Wonen en leefomgeving", "#1f6f8b"),
    ("bereikbaarheid", "Bereikbaarheid en mobiliteit", "#6a3d9a"),
    ("economie", "Economie en arbeidsmarkt", "#2e7d32"),
    ("water", "Water en klimaatadaptatie", "#00695c"),
    ("zorg", "Zorg en welzijn", "#b0306a"),
    ("onderwijs", "Onderwijs en talent", "#5d4037"),
    ("veiligheid", "Veiligheid en ondermijning", "#37474f"),
]
# The generator draws partners' kinds from this list; "gemeente" last, as few partners are municipalities.
SOORTEN = [*(s for s in vocabulary.SOORTEN if s != "gemeente"), "gemeente"]
STATUSES = list(vocabulary.STATUSES)
VARIANTS = list(vocabulary.VARIANTS)

_NOUNS = [
    "netcapaciteit",
    "woningbouw",
    "warmtenet",
    "fietsroute",
    "bedrijventerrein",
    "dijkversterking",
    "laadplein",
    "arbeidsmarkt",
    "stationsgebied",
    "waterbus",
    "zonnepark",
    "groenstrook",
    "vakopleiding",
    "buurthuis",
    "binnenhaven",
    "veenpolder",
    "mobiliteitshub",
    "energiehub",
    "grondstoffenketen",
    "zorgroute",
    "wijkaanpak",
    "rivierfront",
    "kadeherstel",
    "innovatielab",
    "scheepswerf",
    "praktijkleren",
    "waterberging",
    "schoolplein",
]
_ADJECTIVES = [
    "regionale",
    "duurzame",
    "betaalbare",
    "slimme",
    "groene",
    "veilige",
    "gezamenlijke",
    "circulaire",
    "klimaatbestendige",
    "nieuwe",
    "snelle",
    "sterke",
]
_VERBS = ["versnellen", "verbinden", "verduurzamen", "versterken", "ontwikkelen", "verkennen", "organiseren", "delen"]
_WORDS = (
    "de regio gemeenten partners samen werken aan een opgave die niet stopt bij de gemeentegrens het net "
    "zit vol en nieuwe wijken wachten op capaciteit bedrijven willen elektrificeren de provincie en het "
    "waterschap denken mee over ruimte geld en tempo inwoners merken het verschil in hun straat wijk en "
    "werk wie later instapt betaalt een bijdrage voor het werk dat al gedaan is elke kerngemeente kiest "
    "een variant en maakt die keuze openbaar zodat iedereen ziet wie waar meedoet en hoe de tafel bespreekt "
    "de voortgang en de lessen voor het netwerk"
).split()


def _slug(words: list[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")


class _Text:
    """Dutch-ish sentences and paragraphs from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, low: int = 8, high: int = 20) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def body(self, sections: int, paragraphs: tuple[int, int] = (1, 2)) -> str:
        """A narrative with ``## `` sections, like the example entries (about 100 words per section)."""
        parts = [self.paragraph(self.rng.randint(2, 4))]
        for title in self.rng.sample(
            [
                "Doel",
                "Aanpak",
                "Resultaten tot nu toe",
                "Lessen voor het netwerk",
                "Waarom dit belangrijk is",
                "Wie doet wat",
                "Volgende stappen",
            ],
            k=sections,
        ):
            parts.append(f"## {title}")
            parts += [self.paragraph(self.rng.randint(3, 5)) for _ in range(self.rng.randint(*paragraphs))]
        return "\n\n".join(parts) + "\n"

    def summary(self) -> str:
        return self.sentence(10, 24)


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


@dataclass
class Corpus:
    """What a generated region holds (counts), for the report."""

    projects: int
    opgaven: int
    themes: int
    organisations: int
    files: int = 0
    words: int = 0
    bodies: dict[str, str] = field(default_factory=dict, repr=False)
    """Title and body (Markdown) of every entry, by its file path: the text the bare baseline builds."""


def write_corpus(n: int, target: Path, *, seed: int = 7) -> Corpus:
    """Write a valid region of ``n`` projects into ``target`` (created; must not hold entries yet).

    Proportions: about n/10 opgaven (at least 16) over 4 to 8 themes, with acyclic
    dependencies; 7 core municipalities and n/20 partners (at most 400); each project
    2 to 15 deelnemers, every variant and status, most with all core stances.
    """
    rng = random.Random(f"groeiperspectief-{seed}-{n}")
    text = _Text(rng)
    target.mkdir(parents=True, exist_ok=True)
    n_themes = min(8, max(4, 2 + len(str(n))))
    n_opgaven = max(16, n // 10)
    n_partners = min(400, max(5, n // 20))
    corpus = Corpus(n, n_opgaven, n_themes, len(KERN) + n_partners)

    def write(path: str, front: list[str], title: str, body: str) -> None:
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text("---\n" + "\n".join(front) + "\n---\n" + body, encoding="utf-8")
        corpus.files += 1
        corpus.words += len(body.split())
        corpus.bodies[path] = f"# {title}\n\n{body}"

    # The site configuration: the one `groei init` writes.
    skeleton = resources.files("groeiperspectief") / "skeleton"
    config = (
        (skeleton / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace('"{{ site_name }}"', json.dumps(f"Benchmarkregio {n}"))
    )
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (target / "content").mkdir(exist_ok=True)
    (target / "content" / "index.md").write_text(f"# Benchmarkregio {n}\n\n{text.paragraph(4)}\n", encoding="utf-8")

    # Organisations: the seven, then partners of every kind.
    for oid in KERN:
        naam = "Gemeente " + oid.replace("-", " ").title()
        write(
            f"content/organisaties/{oid}.md",
            [f"naam: {naam}", "soort: gemeente", "kern: true", f"website: https://www.{oid}.example"],
            naam,
            text.body(2),
        )
    partners = []
    for i in range(n_partners):
        soort = SOORTEN[i % len(SOORTEN)]
        oid = f"{soort}-{_slug(rng.sample(_NOUNS, 1))}-{i + 1}"
        naam = f"{soort.capitalize()} {oid.split('-', 1)[1].replace('-', ' ').title()}"
        partners.append(oid)
        write(f"content/organisaties/{oid}.md", [f"naam: {naam}", f"soort: {soort}"], naam, text.body(1))

    # Themes, each with a bestuurlijke and a triple-helix table.
    themes = THEMES[:n_themes]
    for tid, titel, kleur in themes:
        helix = rng.sample(partners, k=min(len(partners), 6))
        front = [
            f"titel: {titel}",
            f"samenvatting: {json.dumps(text.summary(), ensure_ascii=False)}",
            f'kleur: "{kleur}"',
            "tafels:",
            f"  - id: bestuurlijke-tafel-{tid}",
            f"    naam: Bestuurlijke tafel {titel}",
            "    soort: bestuurlijk",
            f"    leden: {_yaml_list(KERN)}",
            f"  - id: triple-helix-{tid}",
            f"    naam: Triple-helixtafel {titel}",
            "    soort: triple-helix",
            f"    leden: {_yaml_list(rng.sample(KERN, 3) + helix)}",
        ]
        write(f"themes/{tid}/index.md", front, titel, text.body(3))

    # Opgaven: dependencies only on earlier ones (acyclic), mostly near in the list, sometimes across themes.
    opgaven: list[tuple[str, str]] = []
    for i in range(n_opgaven):
        tid = themes[i % n_themes][0]
        titel = f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} {i + 1}"
        oid = _slug([titel])
        front = [f"titel: {titel}", f"samenvatting: {json.dumps(text.summary(), ensure_ascii=False)}"]
        earlier = [o for o, _ in opgaven[max(0, i - 40) : i]]
        if earlier:
            deps = rng.sample(earlier, k=min(len(earlier), rng.choice([0, 0, 1, 1, 2, 3])))
            if deps:
                front.append(f"hangt_af_van: {_yaml_list(sorted(deps))}")
            touch = rng.sample(earlier, k=min(len(earlier), rng.choice([0, 0, 1, 2])))
            touch = [t for t in touch if t not in deps]
            if touch:
                front.append(f"raakt_aan: {_yaml_list(sorted(touch))}")
        if rng.random() < 0.2:
            front.append(f"ook_themas: [{rng.choice([t for t, _, _ in themes if t != tid])}]")
        opgaven.append((oid, tid))
        write(f"themes/{tid}/{oid}.md", front, titel, text.body(2))

    # Projects: some opgaven draw many projects (a long tail), as in a real region.
    weights = [1 / (1 + i % 50) ** 0.8 for i in range(n_opgaven)]
    ids = [o for o, _ in opgaven]
    for i in range(n):
        titel = f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} {i + 1}"
        pid = _slug([titel])
        chosen = sorted(set(rng.choices(ids, weights=weights, k=rng.choice([1, 1, 1, 2, 2, 3]))))
        status = STATUSES[i % len(STATUSES)]
        start = 2018 + rng.randint(0, 8)
        # Every core municipality states a variant, except on 15% of projects (kleur bekennen);
        # up to 8 partners join: 2 to 15 deelnemers in all.
        kern = rng.sample(KERN, k=rng.randint(2, 6)) if rng.random() < 0.15 else rng.sample(KERN, k=len(KERN))
        members = kern + rng.sample(partners, k=min(len(partners), rng.randint(0, 8)))
        front = [
            f"titel: {titel}",
            f"samenvatting: {json.dumps(text.summary(), ensure_ascii=False)}",
            f"opgaven: {_yaml_list(chosen)}",
            f"status: {status}",
            f"start: {start}-{rng.randint(1, 12):02d}",
        ]
        if status in ("afgerond", "gestopt") or rng.random() < 0.5:
            front.append(f"einde: {start + rng.randint(1, 4)}")
        front += [f"trekker: {members[0]}", "deelnemers:", f"  {members[0]}: volledig"]
        for j, oid in enumerate(members[1:]):
            variant = VARIANTS[(i + j) % 4]
            if variant == "instap" and rng.random() < 0.5:
                front += [
                    f"  {oid}:",
                    "    variant: instap",
                    f"    vanaf: {start + 2}",
                    f"    toelichting: {json.dumps(text.sentence(6, 12), ensure_ascii=False)}",
                ]
            else:
                front.append(f"  {oid}: {variant}")
        front.append(f"locaties: {_yaml_list(sorted(rng.sample(KERN, k=rng.randint(1, 3))))}")
        if rng.random() < 0.7:
            front += ["financiering:", f"  component: {rng.randint(1, 3)}", f"  bedrag: {rng.randint(5, 500) * 10_000}"]
        front.append(f"contact: project-{i + 1}@example.nl")
        if rng.random() < 0.3:
            front += ["links:", "  - titel: Projectpagina", f"    url: https://example.nl/project/{pid}"]
        write(f"projects/{pid}.md", front, titel, text.body(rng.randint(2, 4)))
    write_map(target, KERN)  # a map, so the map page and the locators are measured too
    return corpus


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Run:
    """One command, run in its own process."""

    wall: float
    """Seconds on the clock."""
    cpu: float
    """Seconds of CPU (user + system) of the process and its children: steadier than ``wall`` on a busy machine."""
    peak_mb: float
    """Peak resident memory (MB)."""


def measure(args: list[str], cwd: Path | None = None) -> Run:
    """Run ``args`` to completion; its wall time, CPU time and peak memory (from the kernel's rusage)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise click.ClickException(
            f"{' '.join(args)} faalde (code {proc.returncode}):\n{stderr.decode(errors='replace')[-2000:]}"
        )
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _groei(*args: str) -> list[str]:
    return [sys.executable, "-m", "groeiperspectief", *args]


def write_baseline(corpus: Corpus, pages: int, target: Path, *, full_nav: bool = False) -> None:
    """A bare MkDocs + Material site: ``pages`` Markdown pages with the entries' text, and its search (lunr).

    Each entry's title and body becomes one page (the overview pages of our site
    repeat entry bodies), so both builds turn the same words into the same number of pages.
    The navigation holds only the home page, as ours holds only the overviews: with every
    page in it (``full_nav``, MkDocs' default without ``nav``) Material writes the whole
    navigation into every page, which grows quadratically and is no fair floor.
    """
    docs = target / "docs"
    texts = list(corpus.bodies.items())
    (docs).mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# Kale MkDocs\n\n{texts[0][1]}", encoding="utf-8")
    for i in range(pages - 1):
        path, text = texts[i % len(texts)]
        rel = Path(path) if i < len(texts) else Path("extra") / f"pagina-{i}.md"
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    nav = "" if full_nav else "nav:\n  - Home: index.md\n"
    (target / "mkdocs.yml").write_text(
        "site_name: Kale MkDocs\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        f"{nav}plugins:\n  - search:\n      lang: nl\nmarkdown_extensions:\n  - tables\n",
        encoding="utf-8",
    )


@dataclass
class Sizes:
    pages: int
    median_kb: float
    largest_kb: float
    largest_page: str
    project_median_kb: float
    assets_kb: float
    graphs_kb: float
    search_kb: float
    site_mb: float


def page_sizes(site: Path) -> Sizes:
    """HTML page sizes of a built site, the shared assets (theme and ours, not the per-entry graph data) and the rest."""
    html = {p: p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"}
    projects = [size for p, size in html.items() if p.parent.parent.name == "projecten" and p.parent.name != "pagina"]
    largest = max(html, key=html.__getitem__)
    assets = graphs = 0
    for p in (site / "assets").rglob("*"):
        if p.is_file():
            if "graphs" in p.relative_to(site).parts:
                graphs += p.stat().st_size
            else:
                assets += p.stat().st_size
    # Everything a search can load: Pagefind's bundle (ours), or lunr's one index (the bare site).
    index = site / "pagefind" if (site / "pagefind").is_dir() else site / "search"
    search = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) if index.is_dir() else 0
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return Sizes(
        len(html),
        statistics.median(html.values()) / 1024,
        html[largest] / 1024,
        largest.relative_to(site).as_posix(),
        statistics.median(projects) / 1024 if projects else 0.0,
        assets / 1024,
        graphs / 1024,
        search / 1024,
        total / 1024 / 1024,
    )


@contextmanager
def local_chromium(site: Path) -> Iterator[tuple[str, Any]]:
    """A built site on a loopback server and headless Debian Chromium: yields the site's URL and
    ``new_context(width, height)``, a browser context that refuses every request off 127.0.0.1."""
    import functools
    import http.server
    import socketserver
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server, sync_playwright() as pw:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )

        def new_context(width: int, height: int):
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            return context

        try:
            yield url, new_context
        finally:
            browser.close()
            server.shutdown()


EXPLORER = "verken/"
"""The page with the whole-perspective vis-network figure (it left the home page for the designed picture)."""


def first_render_ms(site: Path, *, repeats: int = 3, screenshot: Path | None = None) -> tuple[float, float]:
    """Median times until the explorer's whole-perspective graph is drawn (``data-state="ready"``), in ms:
    from navigation start (the page, its scripts, the graph data, the first draw), and from the moment
    the graph viewer starts (fetching and preparing the data, the first draw).

    Headless Debian Chromium on a loopback server; every request off 127.0.0.1 is refused.
    """
    times = []
    with local_chromium(site) as (url, new_context):
        for i in range(repeats):
            context = new_context(1280, 900)
            page = context.new_page()
            page.goto(url + EXPLORER)
            page.wait_for_selector('figure.gp-graph[data-state="ready"]', timeout=120_000)
            times.append(
                page.evaluate(
                    "() => { const e = (window.groeiGraphs || []).find(e => e.readyAt) || {};"
                    " return [e.readyAt || performance.now(), e.renderMs || NaN]; }"
                )
            )
            if screenshot and i == 0:
                page.locator("figure.gp-graph").first.scroll_into_view_if_needed()
                page.locator("figure.gp-graph").first.screenshot(path=str(screenshot))
            context.close()
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


SEARCH_QUERIES = ("papendrecht", "regio")
"""First queries measured: a municipality (a name on many pages) and the region's most common word."""


@dataclass
class SearchLoad:
    """What a browser loads for one first search, from the moment it starts searching."""

    requests: int
    raw_kb: float
    """Bytes as the files are stored (what a server without compression sends)."""
    gzip_kb: float
    """Bytes with gzip, as a static host (GitHub Pages) sends them; Pagefind's chunks are gzipped already."""
    ms: float
    """From the first keystroke to the first result on screen."""


def search_load(site: Path, query: str, *, pagefind: bool) -> SearchLoad:
    """The bytes and time of a first search for ``query`` on a fresh visit to the home page, in Chromium.

    ``pagefind``: the site's own search box (``groei-search.js``); otherwise Material's lunr search,
    whose worker loads its whole index when the page opens (counted too: a search needs it).
    Requests off 127.0.0.1 are refused.
    """
    import gzip

    from playwright.sync_api import sync_playwright

    with _served(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            page = context.new_page()
            bodies: dict[str, bytes] = {}
            wanted = ("/pagefind/",) if pagefind else ("/search/", "/workers/search", "/lunr/")
            page.on(
                "response",
                lambda r: bodies.setdefault(r.url, r.body()) if any(w in r.url for w in wanted) else None,
            )
            page.goto(url)
            started = time.perf_counter()
            if pagefind:
                page.locator("#gp-search-input").fill(query)
                page.locator(".gp-search__result").first.wait_for(timeout=120_000)
            else:
                page.locator("label.md-search__icon, .md-search__input").first.click()
                page.locator(".md-search__input").press_sequentially(query, delay=20)
                page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            ms = (time.perf_counter() - started) * 1000
            page.wait_for_load_state("networkidle")
            context.close()
        finally:
            browser.close()
    raw = sum(len(b) for b in bodies.values())
    packed = sum(min(len(b), len(gzip.compress(b, 6))) for b in bodies.values())
    return SearchLoad(len(bodies), raw / 1024, packed / 1024, ms)


@contextmanager
def _served(site: Path) -> Iterator[str]:
    """``site`` on a loopback port; yields its base URL."""
    import functools
    import http.server
    import socketserver
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import importlib.metadata as md

    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    mem = (
        next(
            (
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        if Path("/proc/meminfo").exists()
        else 0
    )
    try:
        chromium = subprocess.run(
            [shutil.which("chromium") or "/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        chromium = "-"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "cpu": f"{os.cpu_count()} × {cpu}",
        "ram": f"{mem / 1024 / 1024:.0f} GB",
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "mkdocs": md.version("mkdocs"),
        "material": md.version("mkdocs-material"),
        "chromium": chromium or "-",
        "load": f"{load:.1f} (1-min load at the start)",
    }


def _n(number: int) -> str:
    """A whole number the Dutch way: 10.000."""
    return f"{number:,}".replace(",", ".")


def _row(label: str, values: list[str]) -> str:
    return f"| {label} | " + " | ".join(values) + " |"


def _fmt_run(r: Run | None) -> str:
    return "–" if r is None else f"{r.wall:.2f} s ({r.cpu:.2f} s cpu), {r.peak_mb:.0f} MB"


def benchmark(
    sizes: list[int],
    work: Path,
    *,
    baseline_max: int,
    render_sizes: set[int],
    repeats: int,
    search_sizes: set[int] = frozenset(),
    full_nav: bool = False,
    log=lambda msg: click.echo(msg, err=True),
) -> str:
    """Run every measurement; the report as Markdown."""
    results: dict[int, dict[str, object]] = {}
    for n in sizes:
        root, base, full = work / f"regio-{n}", work / f"kaal-{n}", work / f"kaal-volle-nav-{n}"
        for folder in (root, base, full):
            shutil.rmtree(folder, ignore_errors=True)
        log(f"[{n}] corpus schrijven")
        corpus = write_corpus(n, root)
        r: dict[str, object] = {"corpus": corpus}
        log(f"[{n}] groei check")
        # A check takes seconds: always the best of three, as timeit does, so a busy moment of the machine counts less.
        r["check"] = min(
            (measure(_groei("-C", str(root), "check")) for _ in range(max(3, repeats))), key=lambda x: x.wall
        )
        builds, bases, fulls = [], [], []
        for i in range(repeats):  # ours and the bare build alternately, so a busy spell hits both
            log(f"[{n}] groei build ({i + 1}/{repeats})")
            builds.append(measure(_groei("-C", str(root), "build")))
            sizes_now = page_sizes(root / "site")
            if i == 0 and sizes_now.pages <= baseline_max:
                write_baseline(corpus, sizes_now.pages, base)
                if full_nav:
                    write_baseline(corpus, sizes_now.pages, full, full_nav=True)
            if sizes_now.pages <= baseline_max:
                log(
                    f"[{n}] kale MkDocs-build van {sizes_now.pages} pagina's, alleen home in de nav ({i + 1}/{repeats})"
                )
                bases.append(measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(base / "mkdocs.yml")]))
                if full_nav:
                    log(f"[{n}] kale MkDocs-build, elke pagina in de nav ({i + 1}/{repeats})")
                    fulls.append(
                        measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(full / "mkdocs.yml")])
                    )
        r["build"] = min(builds, key=lambda x: x.wall)
        r["base"] = min(bases, key=lambda x: x.wall) if bases else None
        r["full"] = min(fulls, key=lambda x: x.wall) if fulls else None
        r["sizes"] = page_sizes(root / "site")
        r["base_sizes"] = page_sizes(base / "site") if bases else None
        if n in search_sizes:
            for query in SEARCH_QUERIES:
                log(f"[{n}] eerste zoekvraag '{query}' in Chromium")
                r[f"search:{query}"] = search_load(root / "site", query, pagefind=True)
                if bases:
                    r[f"lunr:{query}"] = search_load(base / "site", query, pagefind=False)
        if n in render_sizes:
            log(f"[{n}] eerste tekening in Chromium")
            r["render"] = first_render_ms(root / "site", screenshot=work / f"perspectief-{n}.png")
        results[n] = r
        for folder in (base, full):
            shutil.rmtree(folder / "site", ignore_errors=True)  # the bare build writes a lot

    def each(f) -> list[str]:
        return [f(results[n]) for n in sizes]

    lines = [
        f"Machine: {', '.join(f'{k} {v}' for k, v in machine().items())}",
        "",
        _row("projecten", [_n(n) for n in sizes]),
        _row("---", ["---"] * len(sizes)),
        _row("entries (bestanden), woorden", each(lambda r: f"{_n(r['corpus'].files)}, {_n(r['corpus'].words)}")),
        _row("`groei check`", each(lambda r: _fmt_run(r["check"]))),
        _row("`groei build`", each(lambda r: _fmt_run(r["build"]))),
        _row(
            "kale MkDocs + Material, zelfde aantal pagina's en tekst, alleen home in de nav",
            each(lambda r: _fmt_run(r["base"]) if r["base"] else "niet gemeten"),
        ),
        *(
            [
                _row(
                    "kale MkDocs + Material, elke pagina in de nav (kwadratisch)",
                    each(lambda r: _fmt_run(r["full"]) if r["full"] else "niet gemeten"),
                )
            ]
            if full_nav
            else []
        ),
        _row(
            "build / kale build met alleen home in de nav (wall; cpu)",
            each(
                lambda r: (
                    f"{r['build'].wall / r['base'].wall:.2f}×; {r['build'].cpu / r['base'].cpu:.2f}×"
                    if r["base"]
                    else "–"
                )
            ),
        ),
        _row("HTML-pagina's", each(lambda r: str(r["sizes"].pages))),
        _row(
            "HTML mediaan / grootste",
            each(
                lambda r: f"{r['sizes'].median_kb:.0f} KB / {r['sizes'].largest_kb:.0f} KB ({r['sizes'].largest_page})"
            ),
        ),
        _row("projectpagina mediaan", each(lambda r: f"{r['sizes'].project_median_kb:.1f} KB")),
        _row("gedeelde assets (thema + eigen)", each(lambda r: f"{r['sizes'].assets_kb:.0f} KB")),
        _row(
            "graafdata, zoekindex",
            each(lambda r: f"{r['sizes'].graphs_kb / 1024:.1f} MB, {r['sizes'].search_kb / 1024:.1f} MB"),
        ),
        _row(
            "hele site / kale site",
            each(
                lambda r: (
                    f"{r['sizes'].site_mb:.0f} MB / "
                    + (f"{r['base_sizes'].site_mb:.0f} MB" if r["base_sizes"] else "–")
                )
            ),
        ),
        *[
            _row(
                f"eerste zoekvraag '{query}': Pagefind (hier) / lunr (kale site); verzoeken, KB, KB gzip, tijd",
                each(lambda r, q=query: _fmt_search(r.get(f"search:{q}")) + " / " + _fmt_search(r.get(f"lunr:{q}"))),
            )
            for query in SEARCH_QUERIES
            if search_sizes & set(sizes)
        ],
        _row(
            "hele perspectief getekend (Chromium): vanaf navigatie; vanaf start figuur",
            each(lambda r: f"{r['render'][0]:.0f} ms; {r['render'][1]:.0f} ms" if "render" in r else "–"),
        ),
    ]
    return "\n".join(lines) + "\n" + _budgets(sizes, results)


def _fmt_search(s: SearchLoad | None) -> str:
    return "–" if s is None else f"{s.requests}, {s.raw_kb:.0f} KB, {s.gzip_kb:.0f} KB, {s.ms:.0f} ms"


def _budgets(sizes: list[int], results: dict[int, dict]) -> str:
    """The budgets of the issues (scale, then search and preview), each met or not."""
    out = ["", "Budgetten:"]

    def verdict(ok: bool | None, text: str) -> None:
        out.append(f"- {'gehaald' if ok else 'NIET gehaald' if ok is not None else 'niet gemeten'}: {text}")

    if 1000 in results:
        r = results[1000]
        verdict(
            r["check"].wall < 1,
            f"groei check bij 1.000 projecten onder 1 s ({r['check'].wall:.2f} s; cpu {r['check'].cpu:.2f} s)",
        )
        verdict(
            r["build"].wall <= 1.3 * r["base"].wall if r["base"] else None,
            "groei build bij 1.000 projecten binnen 1,3× de kale build met alleen home in de nav"
            + (
                f" ({r['build'].wall / r['base'].wall:.2f}×; cpu {r['build'].cpu / r['base'].cpu:.2f}×)"
                if r["base"]
                else ""
            ),
        )
        if "render" in r:
            verdict(
                r["render"][1] < 1000,
                f"hele perspectief getekend onder 1 s bij 1.000 projecten ({r['render'][1]:.0f} ms "
                f"vanaf de start van de figuur; {r['render'][0]:.0f} ms vanaf de navigatie)",
            )
        if 100 in results:
            ratio = r["sizes"].project_median_kb / results[100]["sizes"].project_median_kb
            verdict(ratio <= 1.2, f"projectpagina bij 1.000 hoogstens 1,2× die bij 100 ({ratio:.2f}×)")
        if "preview" in r:
            verdict(
                r["preview"] < 2,
                f"groei serve bij 1.000 projecten: opslaan tot bijgewerkte pagina onder 2 s ({r['preview']:.2f} s)",
            )
    for n in sorted(results):
        loads = [results[n][f"search:{q}"] for q in SEARCH_QUERIES if f"search:{q}" in results[n]]
        if loads:
            worst = max(loads, key=lambda x: x.gzip_kb)
            text = (
                f"eerste zoekvraag bij {_n(n)} projecten onder 300 KB (zwaarste: {worst.gzip_kb:.0f} KB met gzip, "
                f"{worst.raw_kb:.0f} KB zonder)"
            )
            if n >= 10000:
                verdict(worst.gzip_kb < 300, text)
            else:
                out.append(f"- ter vergelijking (budget geldt bij 10.000): {text}")
    if 10000 in results:
        r = results[10000]
        verdict(r["check"].wall < 5, f"groei check bij 10.000 projecten onder 5 s ({r['check'].wall:.2f} s)")
        verdict(r["build"].wall < 90, f"groei build bij 10.000 projecten onder 90 s ({r['build'].wall:.0f} s)")
        if "render" in r:
            out.append(
                f"- bij 10.000 projecten: projecten per opgave samengevoegd (groottes tonen het aantal); "
                f"getekend in {r['render'][1]:.0f} ms ({r['render'][0]:.0f} ms vanaf de navigatie)"
            )
    largest = max(results.values(), key=lambda r: r["sizes"].largest_kb)["sizes"]
    verdict(
        largest.largest_kb <= 200,
        f"geen pagina boven 200 KB HTML (grootste {largest.largest_kb:.0f} KB: {largest.largest_page})",
    )
    return "\n".join(out) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Benchmark van groei check en groei build op gegenereerde regio's."""


@main.command()
@click.argument("n", type=click.IntRange(1))
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--seed", default=7, show_default=True, help="Zaad van de generator: dezelfde waarde geeft dezelfde bestanden."
)
def corpus(n: int, target: Path, seed: int) -> None:
    """Schrijf een geldige regio met N projecten in map TARGET."""
    if target.exists() and any(target.iterdir()):
        raise click.ClickException(f"map '{target}' bestaat al en is niet leeg; kies een nieuwe map")
    c = write_corpus(n, target, seed=seed)
    click.echo(
        f"{target}: {c.projects} projecten, {c.opgaven} opgaven, {c.themes} thema's, "
        f"{c.organisations} organisaties ({c.files} bestanden, {c.words} woorden)."
    )


@main.command()
@click.option("--sizes", default="100,1000,10000", show_default=True, help="Aantallen projecten, met komma's.")
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Werkmap (standaard een tijdelijke map, na afloop verwijderd).",
)
@click.option(
    "--baseline-max",
    default=3000,
    show_default=True,
    help="Kale MkDocs-build alleen tot zoveel pagina's: met elke pagina in de navigatie groeit die kwadratisch.",
)
@click.option(
    "--render-sizes", default="1000,10000", show_default=True, help="Bij deze aantallen de eerste tekening meten."
)
@click.option(
    "--search-sizes", default="1000,10000", show_default=True, help="Bij deze aantallen de eerste zoekvraag meten."
)
@click.option(
    "--volle-nav", "full_nav", is_flag=True, help="Meet ook de kale build met elke pagina in de nav (kwadratisch)."
)
@click.option("--repeat", "repeats", default=1, show_default=True, help="Herhaal elke build; de snelste telt.")
def run(
    sizes: str,
    work: Path | None,
    baseline_max: int,
    render_sizes: str,
    search_sizes: str,
    full_nav: bool,
    repeats: int,
) -> None:
    """Meet check, build, paginagrootte, zoeken en eerste tekening; print een tabel in Markdown."""
    wanted = [int(x) for x in sizes.split(",") if x.strip()]
    options = {
        "baseline_max": baseline_max,
        "render_sizes": {int(x) for x in render_sizes.split(",") if x.strip()},
        "search_sizes": {int(x) for x in search_sizes.split(",") if x.strip()},
        "full_nav": full_nav,
        "repeats": repeats,
    }
    if work is None:
        with tempfile.TemporaryDirectory(prefix="groei-bench-") as tmp:
            click.echo(benchmark(wanted, Path(tmp), **options))
    else:
        work.mkdir(parents=True, exist_ok=True)
        click.echo(benchmark(wanted, work, **options))


@main.command()
@click.option("--n", "n", default=1000, show_default=True, help="Aantal projecten van de gegenereerde regio.")
@click.option("--repeat", "repeats", default=3, show_default=True, help="Zo vaak openen; de mediaan telt.")
def kaart(n: int, repeats: int) -> None:
    """Meet de kaartpagina van een regio met N projecten: grootte en tijd tot getekend (budget 200 KB, 1 s)."""
    from .build import build_site
    from .geo.benchmark import measure

    with tempfile.TemporaryDirectory(prefix="groei-kaart-") as tmp:
        root = Path(tmp) / "regio"
        write_corpus(n, root)
        site = build_site(root).site_dir
        m = measure(site, repeats=repeats)
    click.echo(
        f"kaart bij {n} projecten: pagina {m['page_kb']:.1f} KB HTML (+ {m['data_kb']:.1f} KB data), "
        f"eerste weergave {m['first_paint_ms']:.0f} ms, getekend en geteld {m['drawn_ms']:.0f} ms (mediaan van {repeats})"
    )
    ok_size, ok_time = m["page_kb"] + m["data_kb"] < 200, m["drawn_ms"] < 1000
    click.echo(f"- [{'x' if ok_size else ' '}] pagina met data onder 200 KB")
    click.echo(f"- [{'x' if ok_time else ' '}] getekend onder 1 s")
    if not (ok_size and ok_time):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
