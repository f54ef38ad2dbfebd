"""The dependency picture's geometry, computed in Python: readable, never overlapping, deterministic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from groeiperspectief import analysis
from groeiperspectief.figures import layered
from groeiperspectief.figures.dependencies import HOME_LIMIT, PHONE_WIDTH, figure_of
from groeiperspectief.figures.text import width, wrap
from groeiperspectief.perspective import load

from .conftest import ROOT


@pytest.fixture(scope="module")
def example():
    p, _ = load(ROOT)
    return p


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    from groeiperspectief.bench import write_corpus

    root = tmp_path_factory.mktemp("groot") / "regio"
    write_corpus(1000, root)
    p, _ = load(root)
    return p


def _overlap(a, b, gap: float = 0.0) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw + gap and bx < ax + aw + gap and ay < by + bh + gap and by < ay + ah + gap


def _label_rects(box) -> list[tuple[float, float, float, float]]:
    """Each label line as measured in the site font: baseline minus ascent, the line's height."""
    top = box.y + layered.PAD_Y
    return [
        (box.x + layered.PAD_X, top + i * layered.LINE, width(line, layered.FONT), layered.LINE)
        for i, line in enumerate(box.lines)
    ]


def _assert_readable(layout) -> None:
    boxes = list(layout.boxes.values())
    assert layered.FONT >= 13
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlap((a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h), gap=4), (a.id, b.id)
        for rect in _label_rects(a):
            x, y, w, h = rect
            assert a.x <= x and x + w <= a.x + a.w - 4, (a.id, a.lines)  # inside its own box, clear of the badge
            assert a.y <= y and y + h <= a.y + a.h + 0.01, a.id
        lane = next(lane for lane in layout.lanes if lane.theme == a.lane)
        assert lane.y + layered.LANE_TITLE - 4 <= a.y and a.y + a.h <= lane.y + lane.h, a.id  # below the lane title
        assert 0 <= a.x and a.x + a.w <= layout.width


def test_example_labels_fit_their_boxes_and_nothing_overlaps(example):
    _assert_readable(figure_of(example, "samenhang").layout)


def test_large_region_labels_fit_and_nothing_overlaps(large):
    for scope in ("home", "samenhang"):
        _assert_readable(figure_of(large, scope).layout)


def test_labels_wrap_at_spaces_and_hyphens_never_mid_word(example):
    for box in figure_of(example, "samenhang").layout.boxes.values():
        title = example.opgaven[box.id].titel
        assert " ".join(box.lines).replace("- ", "-") == " ".join(title.split())
    assert wrap("Spoorzone Dordrecht-Zwijndrecht", 100, 14) == ["Spoorzone", "Dordrecht-", "Zwijndrecht"]
    assert wrap("Woningbouwversnelling", 40, 14) == ["Woningbouwversnelling"]  # too wide, still whole


def test_layers_read_from_what_must_move_first(example):
    boxes = figure_of(example, "samenhang").layout.boxes
    for waits, on in example.dependencies.edges:
        assert boxes[on].column < boxes[waits].column, (waits, on)
    # An opgave that waits for nothing stands right before the first opgave that waits for it.
    g = example.dependencies
    for n in g:
        if g.out_degree(n) == 0 and g.in_degree(n):
            assert boxes[n].column == min(boxes[w].column for w in g.predecessors(n)) - 1


def test_opgaven_without_dependencies_have_their_own_column(example):
    layout = figure_of(example, "samenhang").layout
    g = example.dependencies
    lonely = {n for n in g if not g.degree(n)}
    assert lonely, "the example has opgaven without dependencies"
    for oid, box in layout.boxes.items():
        assert (box.column >= layout.columns) == (oid in lonely), oid
        assert (box.x > layout.isolated_x) == (oid in lonely), oid


def test_crossings_are_counted_and_reduced_from_alphabetical_order(example, large):
    assert layered.crossings({"a": (0, 0), "b": (1, 1), "c": (0, 1), "d": (1, 0)}, [("a", "b"), ("c", "d")]) == 1
    assert layered.crossings({"a": (0, 0), "b": (1, 0), "c": (0, 1), "d": (1, 1)}, [("a", "b"), ("c", "d")]) == 0
    small = figure_of(example, "samenhang").layout
    assert small.crossings < small.crossings_alphabetical
    big = figure_of(large, "samenhang").layout
    assert big.crossings < 0.9 * big.crossings_alphabetical
    # The count is of the drawn positions.
    pos = {o: (b.column, b.cy) for o, b in big.boxes.items()}
    assert layered.crossings(pos, big.edges) == big.crossings


def test_longest_cross_theme_chain_is_highlighted(example):
    chain = analysis.longest_cross_theme_chain(example)
    assert len(chain) >= 3
    assert any(example.opgaven[a].theme != example.opgaven[b].theme for a, b in zip(chain, chain[1:]))
    for a, b in zip(chain, chain[1:]):
        assert b in example.opgaven[a].hangt_af_van
    fig = figure_of(example, "samenhang")
    assert fig.chain == chain
    svg = str(fig.svg_wide)
    for a, b in zip(chain, chain[1:]):
        assert re.search(rf'class="[^"]*gf-edge--chain[^"]*" data-from="{b}" data-to="{a}"', svg)
    assert svg.count("gf-node--chain") == len(chain)


def test_cross_theme_chain_none_without_a_border(repo):
    repo.write(
        "themes/wonen/bouw.md",
        "---\ntitel: Woningbouw\nsamenvatting: Bouwen.\nhangt_af_van: [groen]\n---\n",
    )
    p, _ = load(repo.root)
    assert analysis.longest_chain(p) == ["bouw", "groen"]  # a chain, but within one theme
    assert analysis.longest_cross_theme_chain(p) == []


def test_centrality_in_words(example):
    top = analysis.most_waited_on(example)
    oid, waiting, themes = top[0]
    assert waiting == len(analysis.unblocks(example, oid))
    assert themes == len({example.opgaven[o].theme for o in analysis.unblocks(example, oid)})
    assert [row[1] for row in top] == sorted((row[1] for row in top), reverse=True)


def test_white_spots_are_dashed_and_counts_shown(example):
    fig = figure_of(example, "samenhang")
    svg = str(fig.svg_wide)
    for oid in analysis.white_spots(example):
        assert re.search(rf'class="gf-node gf-node--white[^"]*" data-id="{oid}"', svg)
    assert 'class="gf-badge__n"' in svg


def test_home_shows_the_most_connected_and_the_chain(large):
    fig = figure_of(large, "home")
    assert len(fig.ids) <= HOME_LIMIT and fig.limited
    assert set(analysis.longest_cross_theme_chain(large)) <= set(fig.ids)
    assert fig.chain


def test_deterministic(tmp_path):
    from groeiperspectief.perspective import Perspective
    from groeiperspectief.validate import check

    a = figure_of(Perspective.from_entries(check(ROOT).entries), "samenhang")
    b = figure_of(Perspective.from_entries(check(ROOT).entries), "samenhang")
    assert str(a.svg_wide) == str(b.svg_wide) and str(a.svg_phone) == str(b.svg_phone)


def test_phone_version_fits_a_phone_and_never_overlaps(example, large):
    for p in (example, large):
        fig = figure_of(p, "home")
        rows, heads, height = fig.phone
        spans = sorted((cy - (len(lines) * layered.LINE + 12) / 2, len(lines)) for _, lines, cy in rows.values())
        for (top_a, n_a), (top_b, _) in zip(spans, spans[1:]):
            assert top_a + n_a * layered.LINE + 12 <= top_b + 0.01
        for _, lines, _ in rows.values():
            for line in lines:
                assert 78 + width(line, layered.FONT) <= PHONE_WIDTH - 26
        assert f'width="{PHONE_WIDTH}"' in str(fig.svg_phone)


def test_editor_values_are_escaped_in_svg_and_json(repo):
    repo.write(
        "themes/energie/net.md",
        '---\ntitel: "Net <script>alert(1)</script> & \\"x\\" </script>"\nsamenvatting: "<img src=x onerror=alert(1)>"\n---\n',
    )
    p, _ = load(repo.root)
    fig = figure_of(p, "samenhang")
    for text in (str(fig.svg_wide), str(fig.svg_phone)):
        assert "<script" not in text and "&lt;script&gt;" in text
    data = str(fig.data_json(lambda kind, id_: f"../{kind}/{id_}/"))
    assert "<" not in data and ">" not in data


def test_example_site_carries_figure_on_home_and_samenhang(built_site: Path):
    home = (built_site / "index.html").read_text("utf-8")
    samenhang = (built_site / "samenhang" / "index.html").read_text("utf-8")
    for page in (home, samenhang):
        assert page.count('class="gf-svg gf-svg--wide"') == 1 and page.count('class="gf-svg gf-svg--phone"') == 1
        assert "groei-figure.js" in page
        assert "De figuur in tekst" in page
    assert "data-graph=" not in home  # the vis-network hairball left the home page
    assert "wachten hierop" in samenhang and "betweenness" not in samenhang
    other = (built_site / "projecten" / "index.html").read_text("utf-8")
    assert "groei-figure.js" not in other
