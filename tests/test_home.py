"""The home page: its view model (home.py) and the parts a first-time visitor meets, in the built HTML."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner
from markupsafe import escape

from groeiperspectief import analysis, home, joining
from groeiperspectief.build import build_site
from groeiperspectief.cli import main
from groeiperspectief.perspective import Perspective
from groeiperspectief.validate import check

from .conftest import BASE, Repo
from .test_joining import DAY, outside_region
from .test_site import html, text


def _example(example_repo) -> Perspective:
    return Perspective.from_entries(check(example_repo).entries)


def test_theme_cards_carry_the_key_numbers_of_each_theme(example_repo):
    p = _example(example_repo)
    view = home.view(p, dt.date(2026, 1, 1))
    assert [c.id for c in view.cards] == list(p.themas)
    assert sum(c.opgaven for c in view.cards) == len(p.opgaven)
    assert sum(c.witte_vlekken for c in view.cards) == len(analysis.white_spots(p)) == view.white_spots
    for c in view.cards:
        assert c.projecten == len(p.theme_projects(c.id))
    # The example has one white spot (bodemdaling, in wonen): the numbers are not all the same by chance.
    assert {c.id: c.witte_vlekken for c in view.cards}["wonen"] == 1


def test_a_few_open_requests_one_per_project(example_repo):
    p = _example(example_repo)
    view = home.view(p, dt.date(2026, 1, 1))
    everything = joining.open_requests(p)
    assert view.requests_total == len(everything) > len(view.requests) == home.REQUESTS_SHOWN
    assert len({r.project for r in view.requests}) == len(view.requests)
    assert view.request_projects == len({r.project for r in everything})


def test_milestones_reached_newest_first_and_coming_soonest_first(example_repo):
    p = _example(example_repo)
    today = dt.date(2026, 1, 1)
    view = home.view(p, today)
    assert view.reached and view.coming
    reached = [m.mijlpaal.datum.last_day for m in view.reached]
    assert reached == sorted(reached, reverse=True) and all(m.mijlpaal.gehaald for m in view.reached)
    every_reached = [m.datum.last_day for x in p.projecten.values() for m in x.mijlpalen if m.gehaald]
    assert reached[0] == max(every_reached)
    coming = [m.mijlpaal.datum.first_day for m in view.coming]
    assert coming == sorted(coming) and all(m.mijlpaal.state(today) == "gepland" for m in view.coming)
    # A later build date moves milestones from "coming" to "over datum": the view follows the date.
    later = home.view(p, dt.date(2040, 1, 1))
    assert later.coming == [] and later.reached == view.reached


def test_the_newest_lessons_and_their_total(example_repo):
    p = _example(example_repo)
    view = home.view(p, dt.date(2026, 1, 1))
    assert view.lessons == joining.newest_lessons(p, home.LESSONS_SHOWN)
    assert view.lessons_total == len(joining.lessons(p)) > len(view.lessons)


def test_the_built_home_page_has_every_part_and_links_where_it_should(built_site, example_repo):
    p = _example(example_repo)
    page = html(built_site, "")
    words = text(page)
    # What the groeiperspectief is, in two sentences, above the picture.
    hero = page[page.index('class="gp-hero"') : page.index('id="samenhang"')]
    intro = text(hero[hero.index("</h1>") : hero.index("<blockquote")])
    assert len(re.findall(r"[.!?](?:\s|$)", intro.strip())) == 2, intro
    for target in ("opgaven/", "projecten/", "organisaties/", "aansluiten/"):
        assert f'class="gp-stat" href="{target}"' in hero
    # The lens picker and the picture, in this order, then the themes, joining, news and lessons.
    order = [
        'class="gp-lens"',
        'class="gf"',
        'id="themas"',
        'id="aansluiten"',
        'id="nieuw"',
        'id="lessen"',
    ]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)
    for tid, t in p.themas.items():
        assert f'href="themas/{tid}/">{t.titel}</a>' in page
    view = home.view(p, dt.date.today())
    for r in view.requests:
        assert f'href="projecten/{r.project}/"' in page
    assert f"Alle {view.requests_total} open verzoeken op Aansluiten" in words
    assert 'href="lessen/"' in page and 'href="tijdlijn/"' in page and 'href="inspiratiedag/"' in page
    for les in view.lessons:
        assert escape(les.text.split(";")[0]) in page
    # No long table on the home page, and the figure's own text alternative is the only one.
    assert "<table" not in page
    assert page.count('class="gf-text"') == 1


def test_an_outside_region_home_page_escapes_what_editors_wrote(tmp_path, monkeypatch):
    repo = outside_region(tmp_path, monkeypatch)
    page = html(repo.root / "site", "")
    # The lesson's <b> arrives as text, never as markup.
    assert "Vraag de netbeheerder &lt;b&gt;vroeg&lt;/b&gt; om mee te doen." in page
    assert "<b>vroeg</b>" not in page
    words = text(page)
    assert "Gezocht: bedrijf" in words and "Een aannemer die kabels legt" in words
    # The build date (SOURCE_DATE_EPOCH, 1 June 2025) decides what is reached and what is coming.
    p = Perspective.from_entries(repo.check().entries)
    view = home.view(p, DAY)
    assert [m.mijlpaal.titel for m in view.reached] == ["Plan klaar"]
    assert [m.mijlpaal.titel for m in view.coming] == ["Kabel ligt"]
    news = page[page.index('id="nieuw"') : page.index('id="lessen"')]
    assert "Plan klaar" in news and "Kabel ligt" in news and "Vergunning" not in news  # over datum: neither


def test_a_region_without_requests_or_lessons_says_so(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["-C", str(tmp_path), "init", "west"]).exit_code == 0
    repo = Repo(tmp_path / "west", {k: v for k, v in BASE.items() if k != "content/index.md"})
    page = html(build_site(repo.root).site_dir, "")
    words = text(page)
    assert "Op dit moment zoekt geen coalitie" in words
    assert "Nog geen project heeft lessen vastgelegd" in words
    assert 'id="themas"' in page
