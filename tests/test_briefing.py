"""The inspiratiedag: a briefing per core municipality that prints on A4, the timeline, and the home page's "wat is er nieuw"."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from groeiperspectief.analysis import participation_by_variant
from groeiperspectief.model import VARIANTS
from groeiperspectief.perspective import load
from groeiperspectief.render import timeline


@pytest.fixture(scope="module")
def example(example_repo):
    return load(example_repo)[0]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def squeeze(value: str) -> str:
    """Text without any whitespace: PDF text breaks lines (and hyphenated words) where the layout does."""
    return re.sub(r"\s+", "", value)


def test_every_core_municipality_has_a_briefing_linked_from_the_inspiratiedag(built_site, example):
    index = (built_site / "inspiratiedag/index.html").read_text(encoding="utf-8")
    assert example.kern
    for oid in example.kern:
        naam = example.organisaties[oid].naam
        page = (built_site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>Briefing {re.escape(naam)}</h1>", page), oid
        assert f'href="{oid}/"' in index and f"Briefing {naam}" in index
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') : home.index("md-sidebar--secondary")]
    for label in ("Inspiratiedag", "Tijdlijn", "Open data"):
        assert re.search(rf'<span class="md-ellipsis">\s*{label}\s*</span>', nav), label
    assert "Wat is er nieuw" in text(home) and 'href="inspiratiedag/"' in home


def test_a_briefing_shows_each_choice_grouped_by_variant_and_theme(built_site, example):
    html = (built_site / "inspiratiedag/papendrecht/index.html").read_text(encoding="utf-8")
    page = text(html)
    sections = dict(zip(re.findall(r'<h2 id="([^"]+)"', html), map(text, re.split(r'<h2 id="[^"]+"', html)[1:])))
    groups = participation_by_variant(example, "papendrecht")
    for variant, heading in (
        ("volledig", "doet-mee"),
        ("solidariteit", "betaalt-mee"),
        ("instap", "kan-later-instappen"),
        ("geen", "doet-niet-mee"),
    ):
        assert sorted(t for t in (x.titel for x in example.projecten.values()) if t in sections[heading]) == sorted(
            example.projecten[item.project].titel for item in groups[variant]
        ), variant
    assert "Wil instappen vanaf" in sections["kan-later-instappen"]  # instap with vanaf
    assert "Bereikbaarheid en mobiliteit" in sections["doet-mee"] and "Energietransitie" in sections["doet-mee"]
    assert "Hangt af van" in page and "Tafels" in page and "Bestuurlijke tafel" in page
    # Not chosen yet: its own section (kleur bekennen), never read as geen.
    open_choices = text((built_site / "inspiratiedag/hardinxveld-giessendam/index.html").read_text(encoding="utf-8"))
    assert "Kwartiermaker Albert Cuyp-landschapspark" in open_choices[open_choices.index("Nog te kiezen Bij deze") :]
    # The example is built with its history: what changed since its inspiratiedag, not a message.
    assert "kan nu niet worden getoond" not in page
    assert "Nieuw project Slim laden in de wijk" in page


def test_briefings_print_on_at_most_four_a4_pages_without_cut_rows(page, site_url, example):
    page.emulate_media(media="print")
    for oid in example.kern:
        page.goto(f"{site_url}inspiratiedag/{oid}/")
        assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        assert 1 <= len(pdf.pages) <= 4, (oid, len(pdf.pages))
        width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points
        pages = [squeeze(p.extract_text()) for p in pdf.pages]
        whole = "".join(pages)
        assert squeeze(f"Briefing {example.organisaties[oid].naam}") in pages[0]
        assert "GroeiperspectiefDrechtsteden" not in whole  # the site's header and footer stay off paper
        for variant, items in participation_by_variant(example, oid).items():
            assert squeeze(f"{VARIANTS[variant] if variant else 'Nog geen keuze'}: {len(items)} project") in whole, (
                oid,
                variant,
            )
            for item in items:
                project = example.projecten[item.project]
                assert squeeze(project.titel) in whole, (oid, item.project)
                if variant != "geen":  # a row with its summary: on one page, never cut across two
                    assert any(squeeze(project.samenvatting) in p for p in pages), (oid, item.project)


def test_timeline_places_bars_on_a_shared_year_axis(repo):
    p = load(repo.root)[0]
    data = timeline(p)
    assert [year for year, _ in data["years"]] == list(range(2020, 2028))
    bars = {row["project"]: row for _, rows in data["themes"] for row in rows}
    assert bars["huizen"]["left"] == pytest.approx(100 * 14 / 2922, abs=0.01)  # 15 January 2020 on 2020-2027
    assert bars["huizen"]["left"] + bars["huizen"]["width"] == pytest.approx(
        100 * 1431 / 2922, abs=0.02
    )  # to the end of 1 December 2023
    assert bars["netwerk"]["left"] + bars["netwerk"]["width"] == pytest.approx(100)  # ends with the axis in 2027
    assert [tid for tid, _ in data["themes"]] == ["energie", "wonen"] and data["undated"] == []


def test_timeline_page_is_readable_without_the_picture(built_site, example, page, site_url):
    html = (built_site / "tijdlijn/index.html").read_text(encoding="utf-8")
    dated = [x for x in example.projecten.values() if x.start]
    assert html.count('class="gp-timeline__bar') == len(dated)
    table = text(html[html.index("gp-timeline-table") :])
    for project in dated:
        assert f"{project.titel} {project.start.label}" in table, project.id
    for project in example.projecten.values():
        if not project.start:
            assert project.titel in text(html[html.index("Zonder startdatum") :])
    page.goto(site_url + "tijdlijn/")
    chart = page.get_by_role("img", name=re.compile("^Tijdlijn van de projecten"))
    assert chart.is_visible()
    assert chart.locator("a, button, input, [tabindex]").count() == 0  # nothing focusable hidden in the picture
    boxes = [b.bounding_box() for b in page.locator(".gp-timeline__bar").all()[:5]]
    assert all(box and box["width"] > 2 and box["height"] > 4 for box in boxes)


# --- a region too big to show whole: every list shows its most relevant part and refers onward ----------------

ROW = re.compile(r'<tr[^>]*><th scope="row"[^>]*><a href="([^"]+)">')


def _sections(html: str) -> dict[str, str]:
    """The HTML under each ``<h2 id>`` of a page, by id."""
    return dict(zip(re.findall(r'<h2 id="([^"]+)"', html), re.split(r'<h2 id="[^"]+"', html)[1:]))


def _project_ids(hrefs: list[str]) -> list[str]:
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A generated region of 160 projects with a year of git history, built with small limits.

    Half the projects and a few status changes came after the inspiratiedag, so there are more
    changes than the inspiratiedag page shows; the limits are lowered so a small region is cut.
    """
    from groeiperspectief import render
    from groeiperspectief.bench import write_corpus
    from groeiperspectief.build import build_site

    from .test_history import git

    root = tmp_path_factory.mktemp("groot") / "regio"
    write_corpus(160, root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - groeiperspectief\n", "  - groeiperspectief:\n      inspiratiedag: 2025-03-01\n")
    )
    later = sorted((root / "projects").glob("*.md"))[::2]
    aside = {path: path.read_text() for path in later}
    for path in later:
        path.unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Begin", date="2025-01-10T12:00:00")
    for path, body in aside.items():
        path.write_text(body)
    for path in sorted((root / "projects").glob("*.md"))[1::4]:
        path.write_text(re.sub(r"^status: \w+$", "status: afgerond", path.read_text(), count=1, flags=re.M))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Nieuwe projecten", date="2025-06-01T12:00:00")
    limits = {
        "BRIEFING_LIMIT": 4,
        "BRIEFING_SIDE_LIMIT": 2,
        "CHANGES_LIMIT": 3,
        "CHANGES_PAGE_SIZE": 10,
        "TIMELINE_LIMIT": 4,
        "TIMELINE_PAGE_SIZE": 8,
    }
    with pytest.MonkeyPatch.context() as mp:
        for name, value in limits.items():
            mp.setattr(render, name, value)
        site = build_site(root).site_dir
    return {"root": root, "site": site, "p": load(root)[0], **limits}


def test_a_briefing_of_a_big_region_shows_the_most_relevant_projects_and_refers_onward(big):
    p, site, limit = big["p"], big["site"], big["BRIEFING_LIMIT"]
    status_rank = ["uitvoering", "voorbereiding", "verkenning", "idee", "afgerond", "gestopt"]
    for oid in p.kern:
        html = (site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8")
        sections, naam = _sections(html), p.organisaties[oid].naam
        groups = participation_by_variant(p, oid)
        heading = {
            "volledig": "doet-mee",
            "solidariteit": "betaalt-mee",
            "instap": "kan-later-instappen",
            None: "nog-te-kiezen",
        }
        for variant, items in groups.items():
            # The summary counts every project, whatever the lists show.
            assert re.search(
                rf"{VARIANTS[variant] if variant else 'Nog geen keuze'}</span>: {len(items)} project", html
            ), (oid, variant)
            if variant == "geen":
                continue
            part = sections[heading[variant]]
            shown = _project_ids(ROW.findall(part))
            cap = big["BRIEFING_SIDE_LIMIT"] if variant in ("solidariteit", "instap") else limit
            assert len(shown) == min(cap, len(items)), (oid, variant)
            if len(items) > cap:
                more = text(part[part.index("gp-briefing__more") :])
                assert (
                    f"Dit zijn {cap} van de {len(items)} projecten" in more and f"De andere {len(items) - cap}" in more
                )
                assert f'href="../../organisaties/{oid}/#variant-{variant or "open"}">de pagina van {naam}</a>' in part
                assert 'href="../../wie-doet-waar-mee/"' in part
                assert f"(de {cap} actueelste van {len(items)})</caption>" in part
                # Most relevant first: a hidden project never runs while a finished one is shown.
                hidden = [x for x in items if x.project not in shown]
                worst_shown = max(status_rank.index(p.projecten[pid].status) for pid in shown)
                best_hidden = min(status_rank.index(p.projecten[x.project].status) for x in hidden)
                assert not (worst_shown >= status_rank.index("afgerond") > best_hidden), (oid, variant)
            else:
                assert "gp-briefing__more" not in part
        if len(groups.get("geen", [])) > limit:
            part = sections["doet-niet-mee"]
            assert part.count('<a href="../../projecten/') == limit
            assert f"en {len(groups['geen']) - limit} meer: zie" in text(part)
            assert f'href="../../organisaties/{oid}/#variant-geen"' in part
        opgaven = sections["opgaven"]
        assert len(ROW.findall(opgaven)) <= limit
        worked_on = {o for x in groups.get("volledig", []) for o in p.projecten[x.project].opgaven}
        if len(worked_on) > limit:
            assert (
                f"Dit zijn {limit} van de {len(worked_on)} opgaven" in text(opgaven)
                and 'href="../../opgaven/"' in opgaven
            )


def test_a_briefing_shows_a_limited_number_of_changes(big):
    p, site, limit = big["p"], big["site"], big["CHANGES_LIMIT"]
    cut = 0
    for oid in p.kern:
        html = (site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8")
        new = html[html.index('id="wat-is-er-nieuw') :]
        assert len(re.findall(r"<li>", new[: new.index("</ul>")])) <= limit
        if "veranderingen meer voor" in new:
            cut += 1
            assert 'href="../"' in new  # the inspiratiedag page: every change in the region
    assert cut  # the history has more changes per municipality than a briefing shows


def test_the_inspiratiedag_shows_a_few_changes_per_section_and_all_of_them_on_pages_of_their_own(big):
    site, limit, size = big["site"], big["CHANGES_LIMIT"], big["CHANGES_PAGE_SIZE"]
    index = (site / "inspiratiedag/index.html").read_text(encoding="utf-8")
    total = int(re.search(r"(\d+) veranderingen sinds de inspiratiedag", text(index))[1])
    sections = re.findall(r'<section class="gp-changes" aria-label="([^"]+)">(.*?)</section>', index, re.S)
    assert sections and total > limit * len(sections)
    for title, part in sections:
        assert len(re.findall(r'<li class="gp-change', part)) <= limit, title
    assert 'href="veranderingen/">alle veranderingen</a>' in index
    # The full list: pages of `size`, every change once, in the order of the sections, linked both ways.
    pages = [site / "inspiratiedag/veranderingen/index.html"] + [
        site / f"inspiratiedag/veranderingen/pagina/{n}/index.html" for n in range(2, -(-total // size) + 1)
    ]
    assert len(list((site / "inspiratiedag/veranderingen").rglob("index.html"))) == len(pages)
    seen: list[str] = []
    for number, path in enumerate(pages, start=1):
        html = path.read_text(encoding="utf-8")
        items = re.findall(r'<li class="gp-change[^"]*">(.*?)</li>', html, re.S)
        assert len(items) == (size if number < len(pages) else total - size * (len(pages) - 1))
        seen += [text(item) for item in items]
        assert f"Pagina {number} van {len(pages)}" in text(html) and 'aria-current="page">' + str(number) in html
        assert re.search(r'<a href="(\.\./)+">Terug naar de inspiratiedag</a>', html)
    assert len(seen) == total == len(set(seen))
    for title, part in sections:
        if "En " in text(part):  # a section that was cut links to where it starts on those pages
            anchor = re.search(r'href="(veranderingen/[^"]*)#(rubriek-[a-z-]+)"', part)
            assert anchor, title
            target = (site / "inspiratiedag" / anchor[1] / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor[2]}" aria-label="{title}"' in target


def test_the_timeline_shows_a_few_bars_per_theme_and_each_theme_on_its_own_paged_timeline(big):
    p, site, limit, size = big["p"], big["site"], big["TIMELINE_LIMIT"], big["TIMELINE_PAGE_SIZE"]
    data = timeline(p)
    index = (site / "tijdlijn/index.html").read_text(encoding="utf-8")
    figure = index[index.index('class="gp-timeline"') : index.index("gp-timeline-table")]
    table = index[index.index("gp-timeline-table") :]
    axis = re.search(r"gp-timeline__row--axis.*?</div>", index, re.S)[0]
    for tid, rows in data["themes"]:
        titel = p.themas[tid].titel
        assert len(rows) > limit  # the region is big enough to cut every theme
        # Figure and table show the same projects: the theme's most relevant ones, in order of start.
        bars = re.findall(
            r'gp-timeline__label[^"]*">(.*?) <span',
            figure[figure.index(f'theme-name">{titel}<') :].split('gp-timeline__theme"')[0],
        )
        group = table[table.index(f"{titel}</a></th></tr>") :].split("</tbody>")[0]
        listed = _project_ids(ROW.findall(group))
        assert len(listed) == limit and bars == [p.projecten[pid].titel for pid in listed]
        starts = [r["left"] for r in rows if r["project"] in listed]
        assert starts == sorted(starts)
        assert f"En {len(rows) - limit} projecten meer in dit thema." in text(figure)
        assert f'zie <a href="{tid}/" data-lens-link>de tijdlijn van {titel}</a>' in group
        assert f'<a href="{tid}/" data-lens-link>{titel}</a>' in index  # the list of the themes' timelines
        # The theme's own timeline: every project once, in order of start, on pages of `size` with one year axis.
        pages = [site / f"tijdlijn/{tid}/index.html"] + [
            site / f"tijdlijn/{tid}/pagina/{n}/index.html" for n in range(2, -(-len(rows) // size) + 1)
        ]
        seen = []
        for number, path in enumerate(pages, start=1):
            html = path.read_text(encoding="utf-8")
            page_rows = _project_ids(ROW.findall(html))
            page_bars = re.findall(r'gp-timeline__label[^"]*">(.*?) <span', html)
            assert page_bars == [p.projecten[pid].titel for pid in page_rows] and 0 < len(page_rows) <= size
            seen += page_rows
            assert re.search(r"gp-timeline__row--axis.*?</div>", html, re.S)[0] == axis
            assert re.search(r'<a href="(\.\./)+" data-lens-link>Terug naar de tijdlijn van alle thema\'s</a>', html)
            if len(pages) > 1:
                assert f"Pagina {number} van {len(pages)}" in text(html) and '<nav class="gp-pager"' in html
            assert "gp-timeline__more" not in html
        assert seen == [r["project"] for r in rows]
        assert not (site / f"tijdlijn/{tid}/pagina/{len(pages) + 1}").exists()


def test_pages_of_a_big_region_link_within_the_site(big):
    from .walk import broken_links

    checked, broken = broken_links(big["site"])
    assert checked > 1000 and broken == []


@pytest.mark.browser
def test_axe_finds_no_violations_on_the_cut_and_paged_pages(page, big):
    from .browser import serve
    from .test_a11y import _violations
    from .walk import visit

    tid = timeline(big["p"])["themes"][0][0]
    urls = [
        "tijdlijn/",
        f"tijdlijn/{tid}/",
        f"tijdlijn/{tid}/pagina/2/",
        "inspiratiedag/",
        "inspiratiedag/veranderingen/",
        "inspiratiedag/veranderingen/pagina/2/",
        f"inspiratiedag/{big['p'].kern[0]}/",
    ]
    with serve(big["site"]) as url:
        found = {}
        for path in urls:
            visit(page, url + path)
            found[path] = _violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_page_weight_does_not_grow_with_the_region(tmp_path):
    """The briefings and the timeline of a region three times as big weigh (almost) the same."""
    from groeiperspectief.bench import write_corpus
    from groeiperspectief.render import Renderer, Settings

    sizes = {}
    for n in (300, 900):  # both with five themes: the timeline grows with the themes, not the projects
        write_corpus(n, tmp_path / str(n))
        renderer = Renderer(load(tmp_path / str(n))[0], Settings())
        sizes[n] = {
            page.src: len(renderer.render(page).encode())
            for page in renderer.pages
            if page.src.startswith(("tijdlijn/", "inspiratiedag/"))
        }
    for src in ("tijdlijn/index.md", *(f"inspiratiedag/{oid}.md" for oid in load(tmp_path / "300")[0].kern)):
        assert sizes[900][src] < 1.15 * sizes[300][src], (src, sizes[300][src], sizes[900][src])
    largest = max(sizes[900].values())
    assert largest < 120_000, largest  # the page around it (navigation, header) adds some 25 kB


def test_the_example_shows_everything_and_each_theme_has_its_own_timeline(built_site, example):
    html = {oid: (built_site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8") for oid in example.kern}
    html["tijdlijn"] = (built_site / "tijdlijn/index.html").read_text(encoding="utf-8")
    for name, page in html.items():
        for cut in ("gp-briefing__more", "gp-timeline__more", "gp-timeline-table__more", "actueelste van"):
            assert cut not in page, (name, cut)
    index = html["tijdlijn"]
    for tid, rows in timeline(example)["themes"]:
        assert f'<a href="{tid}/" data-lens-link>{example.themas[tid].titel}</a>' in index
        own = (built_site / f"tijdlijn/{tid}/index.html").read_text(encoding="utf-8")
        assert _project_ids(ROW.findall(own)) == [r["project"] for r in rows]
        assert own.count('class="gp-timeline__bar') == len(rows) and "gp-pager" not in own
        assert not (built_site / f"tijdlijn/{tid}/pagina").exists()
