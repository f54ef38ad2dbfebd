"""Shared fixtures: a small valid region written into a temporary repository."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from groeiperspectief.validate import check

ROOT = Path(__file__).resolve().parent.parent

# A minimal valid region: two core municipalities, a partner, two themes,
# three opgaven (one a white spot) and two projects.
BASE: dict[str, str] = {
    "content/index.md": "# Testregio\n",
    "content/organisaties/aa.md": """\
        ---
        naam: Gemeente Aa
        soort: gemeente
        kern: true
        website: https://www.aa.example
        ---
        Gemeente Aa.
        """,
    "content/organisaties/bee.md": """\
        ---
        naam: Gemeente Bee
        soort: gemeente
        kern: true
        ---
        """,
    "content/organisaties/prov.md": """\
        ---
        naam: Provincie
        soort: overheid
        ---
        """,
    "themes/energie/index.md": """\
        ---
        titel: Energie
        samenvatting: Een energieneutrale regio.
        kleur: "#8a4b08"
        tafels:
          - id: tafel-energie
            naam: Bestuurlijke tafel Energie
            soort: bestuurlijk
            leden: [aa, bee]
        ---
        Over energie.
        """,
    "themes/wonen/index.md": """\
        ---
        titel: Wonen
        samenvatting: Genoeg woningen.
        ---
        """,
    "themes/energie/net.md": """\
        ---
        titel: Netcongestie
        samenvatting: Het net zit vol.
        ---
        """,
    "themes/wonen/bouw.md": """\
        ---
        titel: Woningbouw
        samenvatting: Sneller bouwen.
        hangt_af_van: [net]
        raakt_aan: [groen]
        ---
        """,
    "themes/wonen/groen.md": """\
        ---
        titel: Groen
        samenvatting: Groen bij de woningen.
        ook_themas: [energie]
        ---
        """,
    "projects/netwerk.md": """\
        ---
        titel: Netwerk
        samenvatting: Meer netcapaciteit.
        opgaven: [net]
        status: uitvoering
        start: 2024-03
        einde: 2027
        trekker: aa
        deelnemers:
          aa: volledig
          bee:
            variant: instap
            vanaf: 2026
            toelichting: Later.
          prov: solidariteit
        locaties: [aa]
        financiering:
          component: 3
          bedrag: 1000
        contact: net@example.nl
        links:
          - titel: Site
            url: https://example.nl/net
        ---
        Tekst.
        """,
    "projects/huizen.md": """\
        ---
        titel: Huizen
        samenvatting: Bouwen.
        opgaven: [bouw]
        status: afgerond
        start: 2020-01-15
        einde: 2023-12-01
        deelnemers:
          aa: volledig
          bee: geen
        ---
        """,
}


class Repo:
    """A content repository in a temporary folder, with helpers to change and check it."""

    def __init__(self, root: Path, files: dict[str, str]) -> None:
        self.root = root
        for path, text in files.items():
            self.write(path, text)

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def remove(self, path: str) -> None:
        (self.root / path).unlink()

    def check(self):
        return check(self.root)

    def messages(self, path: str | None = None) -> list[str]:
        """Every message of a check, in the order of the output; only those about ``path`` when given."""
        return [str(p) for p in self.check().problems if path is None or p.path == path]

    def errors(self) -> list[str]:
        return [str(p) for p in self.check().problems.errors]

    def warnings(self) -> list[str]:
        return [str(p) for p in self.check().problems.warnings]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "regio", BASE)


# --- the built example site, served and opened in Chromium ----------------------------------

EXAMPLE_PARTS = ("content", "themes", "projects", "mkdocs.yml")


def copy_example(target: Path, history: bool = True) -> Path:
    """A copy of the example region (content only, no build output) in ``target``.

    With ``history`` (and a git repository to take it from) the copy is a clone of the repository's
    history with the working tree's example content on top, so "Wat is er nieuw" and the briefings
    compare with the example's inspiratiedag as on a fresh clone, and the build's date is the last
    commit's; without, a folder outside git.
    """
    import shutil
    import subprocess

    if history and (ROOT / ".git").exists() and not (target.exists() and any(target.iterdir())):
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True)
    target.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def example_repo(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("example") / "regio")


@pytest.fixture(scope="session")
def built_site(example_repo: Path) -> Path:
    """The example site, built once per test session with ``groei build``'s own function."""
    from groeiperspectief.build import build_site

    return build_site(example_repo).site_dir


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    from .browser import serve

    with serve(built_site) as url:
        yield url


def pytest_collection_modifyitems(items) -> None:
    """Every test that starts Chromium (through the ``browser`` fixture) carries the ``browser`` marker,
    so ``pytest -m "not browser"`` is a fast loop that never starts a browser."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, CHROMIUM_ARGS, chromium_available

    if not chromium_available():
        pytest.fail("Chromium ontbreekt: installeer Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def requests_seen():
    from .browser import Requests

    return Requests()


@pytest.fixture
def page(browser, requests_seen):
    """A fresh page; every browser test also proves that no request leaves the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    requests_seen.attach(context)
    errors: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()
    assert requests_seen.blocked == [], f"verzoeken naar derden: {requests_seen.blocked}"
    assert errors == [], errors


# --- what the trust tests measured, and no skipped test -----------------------------------------

MEASURED: dict[str, str] = {}
"""Numbers the trust tests (fuzzing, injection, accessibility, privacy, reproducibility) measured in this
run, printed at the end of every run so CI logs show them."""


def measured(name: str, value: object) -> None:
    MEASURED[name] = str(value)


_skipped: list[str] = []


def pytest_runtest_logreport(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    # A skipped test proves nothing: CI must run every test, so a skip fails the run.
    if _skipped and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter) -> None:
    if MEASURED:
        terminalreporter.section("measured")
        for name, value in MEASURED.items():
            terminalreporter.write_line(f"{name}: {value}")
    if _skipped:
        terminalreporter.section("skipped tests fail the run")
        for nodeid in _skipped:
            terminalreporter.write_line(nodeid)


# --- hostile regions (payloads in every field; an outside hostile set), built and served once -----


@pytest.fixture(scope="session", params=["payloads", "outside"])
def hostile_site(request, tmp_path_factory):
    """A built and served hostile region: ``payloads`` (generated) or ``outside`` (``tests/data/hostile``)."""
    from groeiperspectief.build import build_site

    from .browser import serve
    from .hostile import HostileSite, prepare

    root, payloads = prepare(request.param, tmp_path_factory.mktemp(f"hostile-{request.param}") / "regio")
    site = build_site(root).site_dir
    with serve(site) as url:
        yield HostileSite(request.param, root, site, url, payloads)


@pytest.fixture
def forks(monkeypatch) -> list[str]:
    """Every fork ``groeiperspectief.parallel`` makes, recorded, as on a machine with two cores where
    no other thread runs (a session-wide test server may run here)."""
    import multiprocessing
    import threading

    from groeiperspectief import parallel

    seen: list[str] = []
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method: seen.append(method) or real(method))
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    return seen


@pytest.fixture(scope="session")
def unchecked_site(tmp_path_factory):
    """The outside hostile region plus the pages ``groei check`` refuses (``tests/data/hostile/refused``), built and
    served with the page checker switched off: what the plugin alone makes of them (defence in depth)."""
    import shutil

    from groeiperspectief import editorial
    from groeiperspectief.build import build_site

    from .browser import serve
    from .hostile import REFUSED, HostileSite, prepare

    root, payloads = prepare("outside", tmp_path_factory.mktemp("hostile-unchecked") / "regio")
    for page in sorted((REFUSED / "content").glob("*.md")):
        shutil.copy(page, root / "content" / page.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(editorial, "check_pages", lambda root, problems, sources: 0)
        site = build_site(root).site_dir
    with serve(site) as url:
        yield HostileSite("unchecked", root, site, url, payloads)
