"""The checker in one pass: every problem at once, only real problems, in a stable order (issue 17)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from groeiperspectief import analysis, export, render
from groeiperspectief.cli import main
from groeiperspectief.entries import read_all
from groeiperspectief.model import MODELS
from groeiperspectief.perspective import load
from groeiperspectief.problems import Problems

from .conftest import ROOT
from .test_validate import project

WHITE_SPOT = "themes/wonen/groen.md:1: waarschuwing: witte vlek: geen enkel project werkt aan opgave 'groen'"
"""The one warning of the base region: every other message in these tests is about a file written to be wrong."""


def test_an_entry_with_four_independent_mistakes_gets_four_messages(repo):
    """The issue's project: a misspelled variant, einde before start, a trekker who is not volledig, an unknown opgave."""
    repo.write(
        "projects/fiets.md",
        project(
            extra="trekker: bee\nstart: 2026\neinde: 2025\n",
            **{"[net]": "[nett]", "  bee: geen\n": "  bee: geen\n  prov: solidariteti\n"},
        ),
    )
    assert repo.messages() == [
        "projects/fiets.md:4: onbekende opgave 'nett' (bedoelde je 'net'?)",
        "projects/fiets.md:9: variant in deelnemers prov: 'solidariteti' is geen variant; kies uit volledig, solidariteit, instap, geen (bedoelde je 'solidariteit'?)",
        "projects/fiets.md:10: trekker 'bee' heeft variant geen; de trekker moet deelnemer zijn met variant volledig",
        "projects/fiets.md:12: einde 2025 ligt voor start 2026",
        WHITE_SPOT,
    ]


BROKEN = {
    "dubbele sleutel": lambda text: text.replace("---\n", "---\ntitel: x\n", 1),
    "kapotte YAML": lambda text: text.replace("---\n", "---\ntitel: [x\n", 1),
    "veldfout": lambda text: text.replace("---\n", "---\nonbekend: x\n", 1),
    "geen UTF-8": lambda text: text.encode() + b"\xff\n",
}


@pytest.mark.parametrize("how", BROKEN)
def test_a_broken_opgave_referenced_from_five_files_gives_one_error_in_its_own_file(repo, how):
    net = "themes/energie/net.md"
    repo.write(net, BROKEN[how]((repo.root / net).read_text()))
    for n in range(5):
        repo.write(f"projects/p{n}.md", project(Fiets=f"Fiets {n}"))
    messages = repo.messages()
    assert len([m for m in messages if m.startswith(net + ":")]) == 1, messages
    # No "onbekende opgave", and no note either: the files that name it are right (the error says where).
    assert [m for m in messages if not m.startswith(net + ":")] == [WHITE_SPOT]


@pytest.mark.parametrize("how", BROKEN)
def test_every_kind_of_reference_to_an_entry_with_errors_stays_quiet(repo, how):
    """trekker, deelnemers, locaties, table leden, ook_themas, hangt_af_van and opgaven all name entries that exist."""
    for path in ("content/organisaties/aa.md", "themes/wonen/index.md", "themes/energie/net.md"):
        repo.write(path, BROKEN[how]((repo.root / path).read_text()))
    repo.write("projects/fiets.md", project(extra="trekker: aa\nlocaties: [aa]\n"))
    repo.write(
        "themes/energie/zon.md", "---\ntitel: Zon\nsamenvatting: z\nook_themas: [wonen]\nhangt_af_van: [net]\n---\n"
    )
    errors = [p for p in repo.check().problems.errors]
    assert sorted({p.path for p in errors}) == [
        "content/organisaties/aa.md",
        "themes/energie/net.md",
        "themes/wonen/index.md",
    ]
    assert not any(p.code == "onbekende-verwijzing" for p in errors)


def test_a_theme_folder_without_index_still_exists_for_its_references(repo):
    repo.write("themes/water/dijk.md", "---\ntitel: Dijk\nsamenvatting: d\n---\n")
    repo.write("themes/energie/net.md", "---\ntitel: N\nsamenvatting: n\nook_themas: [water]\n---\n")
    assert repo.errors() == [
        "themes/water/index.md: thema-map 'water' heeft geen index.md; maak die met 'groei new thema water'"
    ]


def test_the_untouched_template_passes_once_filled_in_with_nog_geen_keuze_for_the_rest(repo):
    for oid in ("cee", "dee", "ee"):
        repo.write(
            f"content/organisaties/{oid}.md", f"---\nnaam: Gemeente {oid.title()}\nsoort: gemeente\nkern: true\n---\n"
        )
    assert CliRunner().invoke(main, ["-C", str(repo.root), "new", "project", "fiets"]).exit_code == 0
    path = repo.root / "projects/fiets.md"
    text = path.read_text()
    for old, new in {
        "titel:  ": "titel: Fiets  ",
        "samenvatting:  ": "samenvatting: Fietsen.  ",
        "opgaven: []": "opgaven: [net]",
        "  aa:\n": "  aa: volledig\n",
    }.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text)
    result = repo.check()
    assert result.ok, repo.errors()
    assert repo.messages("projects/fiets.md") == [
        "projects/fiets.md:11: waarschuwing: nog geen keuze van bee, cee, dee, ee: elke kerngemeente kiest een variant, "
        "ook 'geen' (kleur bekennen)"
    ]


def test_every_commented_example_in_the_template_is_valid_once_uncommented(repo):
    """The template shows every optional field as a commented example; uncommented, each is right."""
    assert CliRunner().invoke(main, ["-C", str(repo.root), "new", "project", "fiets"]).exit_code == 0
    path = repo.root / "projects/fiets.md"
    lines = []
    for line in path.read_text().splitlines():
        if re.match(r"# ?( *- | *[a-z_]+:)", line):  # a commented field or item, not an explanation
            line = line[2:]
        lines.append(line.replace("titel:  ", "titel: Fiets  ", 1).replace("samenvatting:  ", "samenvatting: F.  ", 1))
    text = "\n".join(lines).replace("opgaven: []", "opgaven: [net]").replace("  aa:\n", "  aa: volledig\n")
    text = re.sub(r"trekker: \S+", "trekker: aa", text)
    path.write_text(text + "\n")
    uncommented = {"start", "einde", "locaties", "financiering", "contact", "links", "zoekt", "mijlpalen", "lessen"}
    project = repo.check().entries.projecten.get("fiets")
    assert project is not None, repo.messages("projects/fiets.md")
    assert all(getattr(project, name) not in (None, []) for name in uncommented), text
    assert [p.code for p in repo.check().problems if p.path == "projects/fiets.md"] == ["kleur-bekennen"]


# Several entries, each with several mistakes (mostly independent of each other), in a region whose other files are right.
MISTAKES = {
    "projects/alpha.md": """\
        ---
        titel: Alpha
        samenvatting: A.
        opgaven: [dijk, woningbouw]
        status: lopend
        start: 2026-01
        einde: 2025-06
        trekker: bee
        deelnemers:
          aa: volledig
          bee:
            variant: instap
            vanaf: 2027
          prov:
            variant: geen
            vanaf: 2026
        locaties: [aa, prov]
        deelnemer: x
        ---
        """,
    "projects/beta.md": """\
        ---
        titel: Beta
        samenvatting: ''
        opgaven: [net]
        status: idee
        trekker: prov
        deelnemers:
          aa: vol
          bee:
          prov: volledig
        locaties: [Aa]
        financiering:
          component: 4
        links:
          - titel: Site
            url: javascript:alert(1)
        ---
        """,
    "projects/gamma.md": """\
        ---
        titel: Gamma
        samenvatting: G.
        opgaven: [net]
        status: afgerond
        contact: Jan Jansen
        deelnemers:
          aa: geen
          bee: geen
        ---
        """,
    "content/organisaties/cee.md": """\
        ---
        naam: Cee
        soort: overheid
        kern: true
        website: ftp://cee.example
        ---
        """,
    "themes/water/index.md": """\
        ---
        titel: Water
        samenvatting: Droge voeten.
        kleur: blauw
        tafels:
          - id: tafel-energie
            soort: bestuurlijk
            leden: [aa, prv]
        ---
        """,
    "themes/water/dijk.md": """\
        ---
        titel: Dijk
        samenvatting: """
    + "d" * 301
    + """
        hangt_af_van: [dijk, kade]
        ook_themas: [energi]
        raakt_aan: groen
        ---
        """,
    "themes/water/kade.md": """\
        ---
        titel: Kade
        samenvatting: Kades.
        hangt_af_van: [dijk]
        status: idee
        ---
        """,
    "themes/water/net.md": """\
        ---
        samenvatting: Nog een net.
        ---
        """,
}

# Where each message is and a part of its words (the words of field errors are issue 11's to tune), in output order.
EXPECTED = [
    ("content/organisaties/cee.md:1", "waarschuwing: organisatie 'cee' neemt aan geen enkel project deel"),
    ("content/organisaties/cee.md:4", "'kern: true' mag alleen bij soort gemeente, niet bij overheid"),
    ("content/organisaties/cee.md:5", "'ftp://cee.example' is geen geldig webadres"),
    ("projects/alpha.md:4", "onbekende opgave 'woningbouw'"),
    ("projects/alpha.md:5", "'lopend' is geen status"),
    ("projects/alpha.md:7", "einde 2025-06 ligt voor start 2026-01"),
    ("projects/alpha.md:8", "trekker 'bee' heeft variant instap; de trekker moet deelnemer zijn met variant volledig"),
    ("projects/alpha.md:16", "'vanaf' hoort alleen bij variant instap, niet bij geen (prov)"),
    ("projects/alpha.md:17", "locatie 'prov' is geen gemeente maar overheid"),
    ("projects/alpha.md:18", "onbekend veld 'deelnemer' (bedoelde je 'deelnemers'?)"),
    ("projects/beta.md:3", "verplicht veld 'samenvatting' is leeg"),
    ("projects/beta.md:7", "waarschuwing: nog geen keuze van bee: elke kerngemeente kiest een variant"),
    (
        "projects/beta.md:8",
        "'vol' is geen variant; kies uit volledig, solidariteit, instap, geen (bedoelde je 'volledig'?)",
    ),
    ("projects/beta.md:11", "'Aa' is geen geldige id"),
    ("projects/beta.md:13", "4 is geen financieringscomponent"),
    ("projects/beta.md:16", "'javascript:alert(1)' is geen geldig webadres"),
    ("projects/gamma.md:5", "waarschuwing: status afgerond zonder 'einde'"),
    ("projects/gamma.md:6", "'Jan Jansen' is geen e-mailadres"),
    ("projects/gamma.md:7", "minstens één deelnemer moet variant volledig hebben"),
    ("themes/water/dijk.md:3", "'samenvatting' is 301 tekens lang; hoogstens 300"),
    (
        "themes/water/dijk.md:4",
        "cyclus in hangt_af_van: dijk → kade → dijk (themes/water/dijk.md:4, themes/water/kade.md:4)",
    ),
    ("themes/water/dijk.md:4", "opgave 'dijk' kan niet van zichzelf afhangen of aan zichzelf raken (hangt_af_van)"),
    ("themes/water/dijk.md:5", "onbekend thema 'energi' (bedoelde je 'energie'?)"),
    ("themes/water/dijk.md:6", "'raakt_aan' moet een lijst zijn"),
    ("themes/water/index.md:4", "'blauw' is geen kleur"),
    ("themes/water/index.md:6", "tafel 'tafel-energie' bestaat al in themes/energie/index.md"),
    ("themes/water/index.md:6", "verplicht veld 'naam' ontbreekt"),
    ("themes/water/index.md:8", "onbekende organisatie 'prv' (bedoelde je 'prov'?)"),
    ("themes/water/kade.md:1", "waarschuwing: witte vlek: geen enkel project werkt aan opgave 'kade'"),
    ("themes/water/kade.md:5", "onbekend veld 'status'"),
    ("themes/water/net.md", "opgave 'net' bestaat al in themes/energie/net.md"),
    ("themes/water/net.md:1", "verplicht veld 'titel' ontbreekt"),
    ("themes/wonen/groen.md:1", "waarschuwing: witte vlek: geen enkel project werkt aan opgave 'groen'"),
]


def test_several_entries_with_several_mistakes_each_are_all_reported_in_the_first_run(repo):
    for path, text in MISTAKES.items():
        repo.write(path, text)
    messages = repo.messages()
    assert len(messages) == len(EXPECTED), messages
    for message, (where, words) in zip(messages, EXPECTED, strict=True):
        assert message.startswith(where + ": ") and words in message, (message, where, words)
    # Nothing about the files that are right; every file written wrong is named.
    assert {where.split(":")[0] for where, _ in EXPECTED} == set(MISTAKES) | {"themes/wonen/groen.md"}


def test_a_file_that_does_not_parse_leaves_no_warning_it_might_answer_and_every_other(repo):
    """The only project naming opgave groen has broken YAML: groen is written there, so it may well be worked on
    (no white spot); cee is written nowhere, so its warning is judged in the same run."""
    repo.write("projects/fiets.md", project(**{"[net]": "[groen]", "titel: Fiets": "titel: Fiets\n\tx"}))
    repo.write("content/organisaties/cee.md", "---\nnaam: Cee\nsoort: bedrijf\n---\n")
    assert [m.split(": ", 1)[1] for m in repo.messages()] == [
        "waarschuwing: organisatie 'cee' neemt aan geen enkel project deel en zit aan geen tafel",
        "YAML-fout: tabs zijn niet toegestaan; gebruik spaties om in te springen",
    ]


def test_a_field_with_errors_holds_back_only_the_warnings_about_the_ids_it_holds(repo):
    """'opgaven' written as text, not a list: it may name net, never groen."""
    repo.write("projects/fiets.md", project(**{"[net]": "net, bouw"}))
    repo.write("projects/twee.md", "---\ntitel: [\n---\n")  # does not parse, names nothing
    messages = repo.messages()
    assert "themes/wonen/groen.md:1: waarschuwing: witte vlek: geen enkel project werkt aan opgave 'groen'" in messages
    assert not any("witte vlek" in m and "'net'" in m for m in messages)


def test_a_key_written_twice_is_one_error_and_the_rest_of_the_file_is_still_checked(repo):
    """The first value is kept but not judged (which one is meant is not known): no rule reads a doubled key."""
    repo.write(
        "projects/fiets.md",
        project(
            extra="trekker: aa\nstart: 2026\neinde: 2025\n",
            **{"status: idee": "status: idee\nstatus: uitvoering", "  aa: volledig\n": "  aa: volledig\n  aa: geen\n"},
        ),
    )
    messages = repo.messages("projects/fiets.md")
    assert [m.split(": ", 1)[1] for m in messages] == [
        "YAML-fout: veld 'status' staat er twee keer (ook op regel 5); haal er één weg",
        "YAML-fout: veld 'aa' staat er twee keer (ook op regel 8); haal er één weg",
        "einde 2025 ligt voor start 2026",
    ], messages
    assert not repo.check().ok


def test_a_salvaged_entry_is_the_validated_one_when_nothing_is_wrong():
    """One definition per rule: the parts of an entry with errors are validated by the same types as the model's."""
    from groeiperspectief.validate import _salvage

    raws = read_all(ROOT, Problems())
    assert len(raws) > 50
    for raw in raws:
        model = MODELS[raw.kind]
        assert _salvage(model, raw.data, set()) == model.model_validate(raw.data), raw.path


# --- an empty variant on the site: "nog geen keuze", never geen -------------------------------------------


def test_empty_variants_are_nog_geen_keuze_on_the_site_and_in_the_export(repo):
    repo.write("projects/fiets.md", project(**{"bee: geen": "bee:\n  prov: ''"}))
    p = load(repo.root)[0]
    fiets = p.projecten["fiets"]
    assert list(fiets.deelnemers) == ["aa"] and fiets.undecided == ("bee", "prov")
    assert analysis.missing_stances_of(p, "fiets") == ["bee", "prov"]
    assert [item.variant for item in analysis.participation(p, "prov") if item.project == "fiets"] == [None]
    column = list(p.projecten).index("fiets")
    assert {oid: cells[column] for oid, cells in analysis.matrix(p)} == {"aa": "volledig", "bee": None, "prov": None}
    assert next(x for x in export.to_json(p)["projecten"] if x["id"] == "fiets")["nog_geen_keuze"] == ["bee", "prov"]
    renderer = render.Renderer(p, render.Settings())
    page = next(page for page in renderer.pages if page.src == "projecten/fiets.md")
    rows = re.findall(r'<tr class="gp-row--open"><th scope="row">.*?</tr>', renderer.render(page))
    assert len(rows) == 2 and all("Nog geen keuze" in row and "Geen deelname" not in row for row in rows)
    assert "Kerngemeente" in rows[0] and "Overheid" in rows[1]


# --- the output: sorted, stable, and a summary that counts the files ------------------------------------------


def test_summary_counts_the_files_with_problems(repo):
    repo.write("projects/fiets.md", project(**{"status: idee": "status: x", "[net]": "[nett]"}))
    repo.write("projects/twee.md", "")
    repo.write(
        "themes/wonen/index.md", '---\ntitel: Wonen\nsamenvatting: x\nkleur: "#ffee00"\n---\n'
    )  # too light: a warning; and groen is a white spot (the empty file names nothing)
    summary = CliRunner().invoke(main, ["-C", str(repo.root), "check"]).output.splitlines()[-1]
    # 12 entries and the editorial home page (content/index.md): editorial pages are checked too (issue 11).
    assert re.fullmatch(
        r"13 bestanden gecontroleerd: 3 fouten in 2 bestanden, 2 waarschuwingen in 2 bestanden "
        r"\(niet in orde, \d+\.\d\d s\)",
        summary,
    ), summary


def test_output_is_sorted_and_the_same_every_run_also_when_read_in_parallel(tmp_path):
    from groeiperspectief.bench import write_corpus
    from groeiperspectief.entries import PARALLEL_FROM

    root = tmp_path / "regio"
    write_corpus(400, root)
    projects = sorted((root / "projects").iterdir())
    for i, path in enumerate(projects[::40]):  # ten broken projects, spread over the region
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("status: ", "status: x", 1)
            .replace("opgaven: [", f"opgaven: [Fout{i}, ", 1)
            .replace("titel: ", "titel:\ntitel: ", 1 if i % 3 == 0 else 0),
            encoding="utf-8",
        )

    def run(seed: str) -> list[str]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-m", "groeiperspectief", "-C", str(root), "check"],
            capture_output=True,
            text=True,
            env=env,
        ).stdout.splitlines()
        return out[:-1] + [re.sub(r"\d+\.\d\d s", "s", out[-1])]

    first = run("1")
    assert len(list(root.rglob("*.md"))) >= PARALLEL_FROM
    assert run("2") == first
    lines = first[:-1]
    assert len(lines) > 10 and all(re.match(r"[^:\s]+\.md(:\d+)+: ", line) for line in lines)
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    assert keys == sorted(keys)


# --- the words: an item of a list is named by its number, once -------------------------------------------------


@pytest.mark.parametrize(
    "path, text, expected",
    [
        (
            "projects/fiets.md",
            project(extra='lessen: ["Goed.", ""]\n'),
            "projects/fiets.md:9: 'lessen' (nr. 2) is leeg; vul het in of haal de regel weg",
        ),
        (
            "themes/energie/zon.md",
            "---\ntitel: Zon\nsamenvatting: z\nhangt_af_van: [net, Net]\n---\n",
            "themes/energie/zon.md:4: hangt_af_van (nr. 2): 'Net' is geen geldige id: alleen kleine letters a-z, "
            "cijfers en enkele koppeltekens (bedoelde je 'net'?)",
        ),
        (
            "themes/water/index.md",
            "---\ntitel: Water\nsamenvatting: w\ntafels:\n  - {id: dijk, naam: Dijk, soort: bestuurlijk}\n"
            "  - {id: dijk, naam: Dijk 2, soort: triple-helix}\n---\n",
            "themes/water/index.md:6: tafel 'dijk' bestaat al op regel 5; tafel-ids zijn uniek over alle thema's",
        ),
    ],
)
def test_a_message_about_an_item_names_its_number_and_place_once(repo, path, text, expected):
    repo.write(path, text)
    assert expected in repo.messages(path)


# --- an outside check's findings: one mistake never hides another file's problems ------------------------------


def test_a_key_written_twice_in_deelnemers_hides_neither_the_volledig_rule_nor_who_takes_part(repo):
    repo.write("projects/fiets.md", project(**{"  aa: volledig\n": "  aa: solidariteit\n  aa: geen\n"}))
    repo.write("content/organisaties/cee.md", "---\nnaam: Cee\nsoort: bedrijf\n---\n")
    messages = [m.split(": ", 1)[1] for m in repo.messages("projects/fiets.md")]
    assert "minstens één deelnemer moet variant volledig hebben: wie trekt de kar?" in messages
    # Who is named in deelnemers is known (a doubled key is still a name): cee takes part nowhere.
    assert any("organisatie 'cee' neemt aan geen enkel project deel" in m for m in repo.messages())
    # Either value volledig: which one is meant is not known, so the rule is not judged.
    repo.write("projects/fiets.md", project(**{"  aa: volledig\n": "  aa: geen\n  aa: volledig\n"}))
    assert not any("minstens één" in m for m in repo.messages("projects/fiets.md"))


def test_a_project_without_opgaven_leaves_the_white_spots_of_the_others(repo):
    repo.write("projects/fiets.md", project(**{"opgaven: [net]\n": ""}))
    assert "themes/wonen/groen.md:1: waarschuwing: witte vlek: geen enkel project werkt aan opgave 'groen'" in (
        repo.messages()
    )


def test_a_file_whose_name_is_no_id_is_still_checked_and_exists_under_the_id_it_was_meant_to_have(repo):
    repo.write("content/organisaties/Water_Bedrijf.md", "---\nnaam: Waterbedrijf\nwebsite: ftp://x\n---\n")
    repo.write("projects/fiets.md", project(**{"  bee: geen\n": "  bee: geen\n  water-bedrijf: geen\n"}))
    assert [m.split(": ", 1)[1] for m in repo.messages("content/organisaties/Water_Bedrijf.md")] == [
        "'Water_Bedrijf' is geen geldige bestandsnaam: alleen kleine letters a-z, cijfers en enkele koppeltekens "
        "(bijvoorbeeld 'water-bedrijf')",
        "verplicht veld 'soort' ontbreekt",
        "website: 'ftp://x' is geen geldig webadres; begin met https:// (of http://)",
    ]
    assert repo.messages("projects/fiets.md") == []
    repo.write("content/organisaties/Water_Bedrijf.md", "---\nnaam: Waterbedrijf\nsoort: bedrijf\n---\n")
    result = repo.check()
    assert not result.ok and "water-bedrijf" not in result.entries.organisaties  # never on the site


def test_an_einde_before_start_judges_no_milestone(repo):
    repo.write(
        "projects/fiets.md",
        project(extra="start: 2026\neinde: 2025\nmijlpalen:\n  - {datum: 2027, titel: Klaar}\n"),
    )
    assert [m.split(": ", 1)[1] for m in repo.messages("projects/fiets.md")] == ["einde 2025 ligt voor start 2026"]


def test_yaml_errors_name_the_cause_and_its_line(repo):
    repo.write("projects/fiets.md", project(**{"opgaven: [net]": "opgaven:\n\t- net"}))
    repo.write("projects/twee.md", project(**{"titel: Fiets": 'titel: "Fiets'}))
    assert repo.messages("projects/fiets.md") == [
        "projects/fiets.md:5:1: YAML-fout: tabs zijn niet toegestaan; gebruik spaties om in te springen"
    ]
    assert repo.messages("projects/twee.md") == [
        "projects/twee.md:2:8: YAML-fout: dit aanhalingsteken wordt nergens gesloten; zet er een aan het eind van de tekst"
    ]


def test_a_field_inside_a_block_or_list_says_where_it_is(repo):
    repo.write(
        "projects/fiets.md",
        project(
            extra="financiering:\n  component: 3\n  bedrag: veel\nmijlpalen:\n  - {datum: 2027, titel: K, gehaald: ja}\n"
        ),
    )
    messages = [m.split(": ", 1)[1] for m in repo.messages("projects/fiets.md")]
    assert "'bedrag' in financiering moet een heel getal zijn, niet 'veel'" in messages
    assert "'gehaald' in mijlpalen (nr. 1) moet true of false zijn, niet 'ja'" in messages


def test_of_two_files_with_one_id_the_one_added_later_gets_the_message(repo):
    """A pull request adds a theme whose path sorts first; the files that were there keep their ids."""
    from .test_history import commit, git

    git(repo.root, "init", "-q")
    commit(repo, "begin", "2025-01-10T12:00:00")
    repo.write(
        "themes/aaa/index.md",
        "---\ntitel: A\nsamenvatting: a\ntafels:\n  - {id: tafel-energie, naam: T, soort: bestuurlijk}\n---\n",
    )
    repo.write("themes/aaa/net.md", "---\ntitel: Net\nsamenvatting: n\n---\n")
    repo.write("content/organisaties/aaa.md", "---\nnaam: A\nsoort: gemeente\ngemeentecode: GM0001\n---\n")
    repo.write("content/organisaties/zz.md", "---\nnaam: Z\nsoort: gemeente\ngemeentecode: GM0001\n---\n")
    errors = repo.errors()
    assert errors == [
        "content/organisaties/zz.md:4: gemeentecode GM0001 staat al bij content/organisaties/aaa.md; "
        "elke gemeentecode hoort bij één organisatie",
        "themes/aaa/index.md:5: tafel 'tafel-energie' bestaat al in themes/energie/index.md; "
        "tafel-ids zijn uniek over alle thema's",
        "themes/aaa/net.md: opgave 'net' bestaat al in themes/energie/net.md; opgave-ids zijn uniek over alle thema's",
    ], errors
    commit(repo, "zz first", "2025-02-10T12:00:00")  # both new files in one commit: path order decides
    assert repo.errors()[0].startswith("content/organisaties/zz.md:4: gemeentecode GM0001 staat al bij")


def test_slips_within_one_list_are_warned_and_a_long_form_written_flat_says_indent(repo):
    repo.write(
        "themes/energie/zon.md",
        "---\ntitel: Zon\nsamenvatting: z\nhangt_af_van: [net, net]\nook_themas: [energie, wonen]\n---\n",
    )
    repo.write(
        "projects/fiets.md",
        project(
            extra="links:\n  - {titel: Site, url: https://example.nl/fiets plan}\n",
            **{"  bee: geen\n": "  bee:\n  variant: instap\n  vanaf: 2027\n"},
        ),
    )
    assert [m.split(": ", 1)[1] for m in repo.messages("themes/energie/zon.md")] == [
        "waarschuwing: witte vlek: geen enkel project werkt aan opgave 'zon'",
        "waarschuwing: 'net' staat twee keer in 'hangt_af_van'",
        "waarschuwing: 'energie' is al het eigen thema van deze opgave (de map themes/energie/); "
        "'ook_themas' noemt alleen andere thema's",
    ]
    indent = "is geen organisatie maar een veld van de lange vorm: spring het in onder de organisatie"
    fiets = repo.messages("projects/fiets.md")
    assert [m.split(": ", 1)[0] for m in fiets if indent in m] == ["projects/fiets.md:9", "projects/fiets.md:10"]
    assert "'https://example.nl/fiets plan' is geen geldig webadres: er staat een spatie in" in "\n".join(fiets)


# --- a third outside check -------------------------------------------------------------------------------------


def test_a_theme_folder_whose_name_is_no_id_is_still_read_checked_and_known(repo):
    (repo.root / "themes/energie").rename(repo.root / "themes/Energie")
    repo.write("themes/Energie/zon.md", "---\ntitel: Zon\nsamenvatting: z\nfoo: x\n---\n")
    messages = repo.messages()
    assert messages[0] == (
        "themes/Energie/: 'Energie' is geen geldige themanaam: alleen kleine letters a-z, cijfers en enkele "
        "koppeltekens (bijvoorbeeld 'energie')"
    )
    assert any(m.startswith("themes/Energie/zon.md:4: onbekend veld 'foo'") for m in messages)
    # The projects that work on opgave net (in that folder) are right: no "onbekende opgave".
    assert not any("onbekende" in m for m in messages), messages
    assert "net" not in repo.check().entries.opgaven  # off the site until the folder is named right


@pytest.mark.parametrize("date", ["2023-00", "2022-03-00", "2023-00-10"])
def test_month_or_day_zero_is_no_date(repo, date):
    repo.write("projects/fiets.md", project(extra=f"start: {date}\n"))
    assert repo.messages("projects/fiets.md") == [
        f"projects/fiets.md:9: start: '{date}' is geen geldige datum; gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD, "
        "bijvoorbeeld 2024-03"
    ]


def test_quotes_inside_quotes_and_a_quoted_number_say_what_to_write(repo):
    repo.write("projects/fiets.md", project(**{"titel: Fiets": 'titel: "De "groene" fiets"'}))
    repo.write("projects/twee.md", project(extra='financiering:\n  component: 3\n  bedrag: "1500000"\n'))
    assert [m.split(": ", 1)[1] for m in repo.messages("projects/fiets.md")] == [
        "YAML-fout: aanhalingstekens binnen tekst tussen dezelfde aanhalingstekens: zet er enkele omheen "
        "('De \"groene\" kade') of laat de buitenste weg"
    ]
    assert [m.split(": ", 1)[1] for m in repo.messages("projects/twee.md")] == [
        "'bedrag' in financiering moet een getal zijn, zonder aanhalingstekens: bedrag: 1500000"
    ]
