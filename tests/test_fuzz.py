"""Fuzzing the reader and the checker with hypothesis.

Whatever lands in an entry file (random keys and types, unicode, deep nesting,
huge strings, YAML anchors, aliases and tags, alias bombs, binary bytes), the
answer is either a perspective that renders, or problems that name the file
and the line, in Dutch: never a traceback, a hang or unbounded memory.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from groeiperspectief.entries import MAX_BYTES
from groeiperspectief.model import SOORTEN, STATUSES, VARIANTS
from groeiperspectief.perspective import Perspective
from groeiperspectief.render import Settings, docs_tree
from groeiperspectief.validate import check

from .conftest import BASE, Repo, measured

FUZZ = settings(
    max_examples=180,
    deadline=dt.timedelta(seconds=5),  # a hang fails the example
    database=None,  # a fresh clone in CI has none; locally, keep the work tree clean
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # "explain" reruns a failure for minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# Problems without a line concern a whole file (unreadable, misnamed, misplaced, a duplicate id).
WHOLE_FILE = {"lezen", "id", "plek", "dubbele-id"}
# pydantic's, PyYAML's and Python's English must never reach an editor.
ENGLISH = re.compile(
    r"Input should|Field required|Extra inputs|validation error|Value error|Traceback|object has no"
    r"|YAML-fout: (found|did not|expected|exceeded|unacceptable|while|could not|mapping)"
)

_cases = {"examples": 0, "tracebacks": 0}


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Repo:
    """One small valid region, reused by every example (each example restores what it changed)."""
    return Repo(tmp_path_factory.mktemp("fuzz") / "regio", BASE)


def _lines(path: Path) -> int:
    return len(path.read_bytes().decode("utf-8", errors="replace").splitlines()) + 1


def answer(region: Repo, files: dict[str, bytes]):
    """Write ``files`` into the region, check it, and prove the answer is well-formed; then restore the region."""
    _cases["examples"] += 1
    measured("fuzz cases (reader + checker)", _cases["examples"])
    measured("fuzz tracebacks", _cases["tracebacks"])
    for path, data in files.items():
        region.write(path, data)
    try:
        try:
            result = check(region.root)
        except Exception:
            _cases["tracebacks"] += 1
            measured("fuzz tracebacks", _cases["tracebacks"])
            raise
        for problem in result.problems:
            assert problem.path and problem.message, problem
            assert not ENGLISH.search(problem.message), str(problem)
            target = region.root / problem.path.rstrip("/")
            assert target.exists() or target.parent.is_dir(), str(problem)
            if problem.line is None:
                assert problem.code in WHOLE_FILE, str(problem)
            else:
                assert 1 <= problem.line <= _lines(target), str(problem)
        if result.ok:
            # Weird but valid input (unicode, long text, RTL marks) must render too.
            tree = docs_tree(Perspective.from_entries(result.entries), Settings())
            assert "index.md" in tree
        return result
    finally:
        for path in files:
            if path in BASE:
                region.write(path, BASE[path])
            else:
                (region.root / path).unlink(missing_ok=True)
                folder = (region.root / path).parent
                while folder != region.root and not any(folder.iterdir()):
                    folder.rmdir()  # a folder a file made (a theme) must not outlive it
                    folder = folder.parent


# --- values an editor (or an attacker) might write ---------------------------------------------

NASTY = [
    "\u202eesrever",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u0085",
    "\x00",
    "\x1b[31m",
    "\r",
    "\t",
    "👩🏽‍🚀",
    "e\u0301",
    "ﷺ",
    "𒐫",
    "Ω≈ç√",
    "ａｂｃ",
    "İ",
    "ß",
    "‮",
    "\U0010ffff",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "---",
    "...",
    "# kop",
    "|a|b|",
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "\x02wzxhzdk:0\x03",
    "]]>",
    "&amp;",
    "\\",
    "'\"",
    "\n\n",
    "*",
    "`",
    "~~~",
]
ids = st.sampled_from(
    ["aa", "bee", "prov", "net", "bouw", "groen", "energie", "wonen", "tafel-energie", "fuzz", "netwerk"]
)
slugs = ids | st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True) | st.text(max_size=12)
texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=6), min_size=1, max_size=8).map("".join),
)
huge = st.builds(
    lambda piece, n: piece * n, st.sampled_from(["a", "ä", "👩🏽‍🚀", "<b>", "\n"]), st.integers(2_000, 250_000)
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    texts,
    st.dates(),
    st.datetimes(),
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
    max_leaves=20,
)
urls = (
    st.sampled_from(
        [
            "https://example.nl/pad?q=1#x",
            "http://a.b",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " https://a.nl ",
            "data:text/html,<script>alert(1)</script>",
            'https://x.nl/"onmouseover=alert(1)',
            "//evil.example/x",
            "https://x.nl/<script>",
            "vbscript:msgbox(1)",
            "https://",
            "ftp://x.nl/a",
        ]
    )
    | texts
)
dates = st.one_of(
    st.dates(),
    st.integers(-5, 100_000),
    st.sampled_from(["2024-13", "2024-02-30", "0000", "2024-3", "9999-12-31"]),
    texts,
)
colours = (
    st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)
    | st.sampled_from(["red", "#fff", "#12345g", "", "url(x)"])
    | texts
)


def maybe(valid):
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(valid, valid, valid, anything)


tafels = st.fixed_dictionaries(
    {"id": slugs, "naam": texts, "soort": st.sampled_from(["bestuurlijk", "triple-helix", "anders"])},
    optional={"leden": st.lists(slugs, max_size=4), "extra": anything},
)
deelnames = st.sampled_from([*VARIANTS, "vol", "Volledig", ""]) | st.fixed_dictionaries(
    {"variant": st.sampled_from([*VARIANTS, "vol"])}, optional={"vanaf": dates, "toelichting": texts, "extra": anything}
)

FIELDS = {
    "organisatie": (
        {"naam": texts, "soort": st.sampled_from([*SOORTEN, "gemeent", "Gemeente"])},
        {"kern": st.booleans(), "website": urls},
    ),
    "thema": ({"titel": texts, "samenvatting": texts}, {"kleur": colours, "tafels": st.lists(tafels, max_size=3)}),
    "opgave": (
        {"titel": texts, "samenvatting": texts},
        {
            "hangt_af_van": st.lists(slugs, max_size=3),
            "raakt_aan": st.lists(slugs, max_size=3),
            "ook_themas": st.lists(slugs, max_size=2),
        },
    ),
    "project": (
        {
            "titel": texts,
            "samenvatting": texts,
            "opgaven": st.lists(slugs, min_size=1, max_size=3),
            "status": st.sampled_from([*STATUSES, "klaar"]),
            "deelnemers": st.dictionaries(slugs, deelnames, min_size=1, max_size=4),
        },
        {
            "start": dates,
            "einde": dates,
            "trekker": slugs,
            "locaties": st.lists(slugs, max_size=3),
            "financiering": st.fixed_dictionaries(
                {"component": st.sampled_from([1, 2, 3, 4, "1"])}, optional={"bedrag": st.integers(-5, 10**30)}
            ),
            "contact": st.sampled_from(["a@b.nl", "x", "<a@b.nl>", 'a@b.nl"onclick=1']) | texts,
            "links": st.lists(st.fixed_dictionaries({"titel": texts, "url": urls}), max_size=2),
        },
    ),
}
# Where an entry of each kind lives; the file name is the identifier (sometimes no slug, sometimes taken).
PLACES = {
    "organisatie": "content/organisaties/{}.md",
    "thema": "themes/{}/index.md",
    "opgave": "themes/{}/{}.md",
    "project": "projects/{}.md",
}
names = st.sampled_from(["fuzz", "fuzz", "fuzz", "net", "aa", "energie", "Fuzz Ü", "a--b", "-x", "ünï"])


@st.composite
def front_matter(draw, kind: str) -> dict:
    required, optional = FIELDS[kind]
    data = {key: draw(maybe(value)) for key, value in required.items()}
    for key in draw(st.sets(st.sampled_from(list(required)), max_size=1)):
        del data[key]  # a missing required field
    data |= draw(st.fixed_dictionaries({}, optional={k: maybe(v) for k, v in optional.items()}))
    data |= draw(
        st.dictionaries(
            st.sampled_from(["deelnemer", "titels", "Titel", "kleur ", "x"]) | st.text(max_size=10),
            anything,
            max_size=2,
        )
    )
    if draw(st.integers(0, 19)) == 0:
        data[draw(st.sampled_from(list(required)))] = draw(huge)
    return data


def dump(data: dict, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, sort_keys=False, width=10**6)


# Raw YAML that a dump never writes: anchors, aliases, merges, tags, directives, broken syntax.
SNIPPETS = [
    "x: &a [1, 2]\ny: *a\n",
    "<<: *nope\n",
    "a: &a [*a]\n",
    "m: &m {k: 1}\nn:\n  <<: *m\n",
    "t: !!python/object/apply:os.system ['echo hi']\n",
    "t: !!binary aGVsbG8=\n",
    "t: !!set {a, b}\n",
    "t: !!omap [a: 1]\n",
    "t: !!float nan\n",
    "t: !custom x\n",
    "t: !<tag:x,2024:y> z\n",
    "? [a, b]\n: c\n",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\tt: tab\n",
    "t: 'open\n",
    't: "\\uD800"\n',
    't: "\\x00"\n',
    "{\n",
    "[\n",
    "t: |\n  a\n\n  b\n",
    "t: >-\n  x\n",
    "- a\n",
    "t: 0x1F\n",
    "t: 1e400\n",
    "t: .inf\n",
    "t: 2024-02-30\n",
    "t: 12:30:00\n",
    "t: ~\n",
    "t: no\n",
    "t: 0o17\n",
    "t: 1_000\n",
    "t: 2001-12-14t21:59:43.10-05:00\n",
    "'quoted key': 1\n",
    "1: int key\n",
    "null: x\n",
    "t: &a\n",
    "*a: b\n",
    "titel: a\ntitel: b\n",
]


def alias_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\ntitel: *a{levels - 1}\n"


def nesting(depth: int, flow: bool) -> str:
    if flow:
        return "titel: " + "[" * depth + "]" * depth + "\n"
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b\n"


yaml_text = st.one_of(
    st.sampled_from(SNIPPETS),
    st.builds(alias_bomb, st.integers(2, 40), st.integers(2, 12)),
    st.builds(nesting, st.integers(30, 3000), st.booleans()),
)


@st.composite
def entry_file(draw, kind: str) -> bytes:
    """A whole entry file as bytes: front matter (dumped, then maybe mutated), body, line endings."""
    text = dump(draw(front_matter(kind)), draw(st.sampled_from([False, True, None])), draw(st.booleans()))
    mutation = draw(st.integers(0, 5))
    lines = text.splitlines(keepends=True)
    if mutation == 1:  # raw YAML in between the fields
        lines.insert(draw(st.integers(0, len(lines))), draw(yaml_text))
    elif mutation == 2:  # cut off anywhere
        text = text[: draw(st.integers(0, len(text)))]
        lines = [text]
    elif mutation == 3:  # a stray character anywhere
        at = draw(st.integers(0, len(text)))
        lines = [
            text[:at],
            draw(st.sampled_from([":", "-", "[", "{", "&", "*", "!", "|", ">", "#", "'", '"', "%", "@", "`", " "])),
            text[at:],
        ]
    body = draw(
        st.one_of(st.text(max_size=200), st.lists(st.sampled_from(NASTY), max_size=10).map("".join), st.just(""))
    )
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    opening = draw(st.sampled_from(["---\n", "---\n", "---\n", "\ufeff---\n", "--- \n", "", "---\r\n"]))
    closing = draw(st.sampled_from(["---\n", "---\n", "---\n", "...\n", "", "----\n"]))
    whole = opening + "".join(lines) + closing + body
    raw = whole.replace("\n", newline).encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # binary bytes in an otherwise plausible file
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


@st.composite
def entry_files(draw) -> dict[str, bytes]:
    """One to three entry files, of any kind, at plausible (or wrong) places."""
    files = {}
    for kind in draw(st.lists(st.sampled_from(list(FIELDS)), min_size=1, max_size=3)):
        name = draw(names)
        place = (
            PLACES[kind].format(draw(st.sampled_from(["energie", "wonen", "fuzz"])), name)
            if kind == "opgave"
            else PLACES[kind].format(name)
        )
        files[place] = draw(entry_file(kind))
    return files


# --- the properties ----------------------------------------------------------------------------


@FUZZ
@given(files=entry_files())
def test_any_entry_gives_a_perspective_or_file_line_messages(region, files):
    event("renders" if answer(region, files).ok else "refused with messages")


@settings(FUZZ, max_examples=400)
@given(
    kind=st.sampled_from(list(PLACES)),
    raw=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
        st.builds(lambda t: ("---\n" + t + "\n---\n").encode("utf-16"), st.text(max_size=50)),
        st.builds(
            lambda t: ("---\n" + t + "\n---\n").encode("utf-8", errors="surrogatepass"),
            st.text(st.characters(codec=None, categories=["Cs", "Cc", "Co", "Zl", "Zp"]), max_size=50),
        ),
        yaml_text.map(lambda t: ("---\n" + t + "---\n").encode()),
    ),
)
def test_any_bytes_give_file_line_messages(region, kind, raw):
    path = PLACES[kind].format("energie", "fuzz") if kind == "opgave" else PLACES[kind].format("fuzz")
    answer(region, {path: raw})


@settings(FUZZ, max_examples=80)
@given(kind=st.sampled_from(list(PLACES)), data=st.data())
def test_valid_entries_with_weird_text_render(region, kind, data):
    """Every field plausible, every text weird: the region must check clean and render."""
    required, optional = FIELDS[kind]
    weird = (
        st.lists(
            st.sampled_from([n for n in NASTY if n not in ("\x00",)]) | st.text(min_size=1, max_size=20),
            min_size=1,
            max_size=6,
        )
        .map("".join)
        .filter(lambda t: t.strip() and "\x00" not in t)
    )
    fm: dict = {"titel": data.draw(weird), "samenvatting": data.draw(weird)[:300]}
    if kind == "organisatie":
        fm = {"naam": data.draw(weird), "soort": "gemeente"}
    elif kind == "project":
        fm |= {
            "opgaven": ["groen"],
            "status": "idee",
            "deelnemers": {"aa": {"variant": "volledig", "toelichting": data.draw(weird)}, "bee": "geen"},
            "links": [{"titel": data.draw(weird), "url": "https://example.nl/x"}],
        }
    elif kind == "thema":
        fm |= {"tafels": [{"id": "fuzz-tafel", "naam": data.draw(weird), "soort": "triple-helix", "leden": ["prov"]}]}
    elif kind == "opgave":
        fm |= {"raakt_aan": ["net"]}
    if fm.get("samenvatting") is not None and not fm["samenvatting"].strip():
        fm["samenvatting"] = "x"
    body = data.draw(weird)
    path = PLACES[kind].format("energie", "fuzz") if kind == "opgave" else PLACES[kind].format("fuzz")
    raw = ("---\n" + dump(fm, None, True) + "---\n" + body).encode()
    result = answer(region, {path: raw})
    assert result.ok, [str(p) for p in result.problems.errors]


def test_hostile_yaml_costs_bounded_time_and_memory(region):
    """The worst cases by name: the answer comes in well under a second or two, using a few MB."""
    worst = {
        "billion laughs": alias_bomb(9, 9),
        "wide bomb": alias_bomb(3, 3000),
        "deep bomb": alias_bomb(60, 2),
        "self-reference": "a: &a [*a, *a]\ntitel: *a\n",
        "deep flow nesting": nesting(1_000_000, True),
        "deep block nesting": nesting(3000, False),
        "huge string": "titel: " + "a" * (MAX_BYTES - 100) + "\n",
        "many items": "opgaven: [" + ", ".join(["x"] * 100_000) + "]\n",
        "too big": "titel: " + "a" * (MAX_BYTES + 10) + "\n",
    }
    for name, yaml_text_ in worst.items():
        files = {"projects/fuzz.md": ("---\n" + yaml_text_ + "---\n").encode()}
        # CPU time, not wall time: the bound is on the work hostile input causes, not on the machine's load;
        # and measured without tracemalloc, which makes every allocation several times slower.
        started = time.process_time()
        result = answer(region, files)
        seconds = time.process_time() - started
        tracemalloc.start()
        answer(region, files)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert any(p.path == "projects/fuzz.md" and p.is_error for p in result.problems), name
        assert seconds < 3, (name, seconds)
        assert peak < 64 * 2**20, (name, peak)
