"""Every rule of CONTENT-MODEL.md: a valid example passes, a broken one is refused with file, line and words."""

from __future__ import annotations

import pytest

PROJECT = """\
---
titel: Fiets
samenvatting: Fietsen.
opgaven: [net]
status: idee
deelnemers:
  aa: volledig
  bee: geen
{extra}---
"""


def project(extra: str = "", **replace: str) -> str:
    text = PROJECT.format(extra=extra)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_base_region_is_valid_with_exactly_the_promised_warnings(repo):
    result = repo.check()
    assert result.ok
    assert repo.errors() == []
    # groen is worked on by nobody: a white spot; nothing else to warn about.
    assert repo.warnings() == [
        "themes/wonen/groen.md:1: waarschuwing: witte vlek: geen enkel project werkt aan opgave 'groen'"
    ]
    assert set(result.entries.projecten) == {"netwerk", "huizen"}
    assert result.entries.kern == ["aa", "bee"]


def test_entries_keep_short_and_long_form_and_dates(repo):
    entries = repo.check().entries
    netwerk = entries.projecten["netwerk"]
    assert netwerk.deelnemers["aa"].variant == "volledig"
    assert netwerk.deelnemers["bee"].variant == "instap"
    assert str(netwerk.deelnemers["bee"].vanaf) == "2026"
    assert netwerk.deelnemers["bee"].toelichting == "Later."
    assert str(netwerk.start) == "2024-03" and str(netwerk.einde) == "2027"
    assert str(entries.projecten["huizen"].start) == "2020-01-15"  # a YAML date
    assert entries.opgaven["groen"].themes == ["wonen", "energie"]
    assert entries.projecten["netwerk"].path == "projects/netwerk.md"


# --- reading ---------------------------------------------------------------------------------


def test_yaml_error_names_line_and_column(repo):
    repo.write("projects/fiets.md", project(extra="links: [a\n"))
    [msg] = repo.errors()
    assert msg.startswith("projects/fiets.md:10:") and "YAML-fout" in msg


def test_yaml_colon_in_value_gets_dutch_hint(repo):
    repo.write("projects/fiets.md", project(**{"titel: Fiets": "titel: Fiets: de route: snel"}))
    [msg] = repo.errors()
    assert msg.startswith("projects/fiets.md:2:") and "YAML-fout" in msg and "aanhalingstekens" in msg


@pytest.mark.parametrize(
    "content, line, words",
    [
        ("", 1, "leeg bestand"),
        ("Alleen tekst, geen front matter.\n", 1, "front matter ontbreekt"),
        ("---\ntitel: x\n", 2, "niet afgesloten"),
        ("---\n- a\n- b\n---\n", 2, "front matter is een lijst"),
        ("---\n---\nTekst\n", 1, "front matter is leeg"),
        ("---\ntitel: !!python/object:os.system x\n---\n", 2, "onbekende YAML-tag"),
    ],
)
def test_unreadable_front_matter(repo, content, line, words):
    repo.write("projects/fiets.md", content)
    errors = [m for m in repo.errors() if m.startswith("projects/fiets.md")]
    assert errors and errors[0].startswith(f"projects/fiets.md:{line}:") and words in errors[0], errors


def test_invalid_utf8_names_the_line(repo):
    repo.write("projects/fiets.md", project().encode() + b"caf\xe9\n")
    [msg] = repo.errors()
    assert msg == "projects/fiets.md:10: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"


def test_alias_bomb_is_refused_quickly(repo):
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi")
        )
        + "---\n"
    )
    repo.write("projects/fiets.md", bomb)
    [msg] = repo.errors()
    assert "te veel waarden" in msg and msg.startswith("projects/fiets.md:")


def test_recursive_alias_and_deep_nesting_are_refused(repo):
    repo.write("projects/fiets.md", "---\na: &x [*x]\n---\n")
    repo.write("projects/diep.md", "---\na: " + "[" * 200 + "]" * 200 + "\n---\n")
    errors = repo.errors()
    assert any(m.startswith("projects/fiets.md:") and "YAML-fout" in m for m in errors)
    assert any(m.startswith("projects/diep.md:") and "te diep genest" in m for m in errors)


@pytest.mark.parametrize(
    "name, words",
    [
        ("Fiets Route.md", "'Fiets Route' is geen geldige bestandsnaam"),
        ("fiets_route.md", "(bijvoorbeeld 'fiets-route')"),
        ("fiets--route.md", "geen geldige bestandsnaam"),
    ],
)
def test_file_name_must_be_a_slug(repo, name, words):
    repo.write(f"projects/{name}", project())
    [msg] = repo.errors()
    assert msg.startswith(f"projects/{name}: ") and words in msg


def test_theme_folder_without_index_and_misplaced_files(repo):
    repo.write("themes/water/dijk.md", "---\ntitel: Dijk\nsamenvatting: x\n---\n")
    repo.write("themes/los.md", "---\ntitel: x\n---\n")
    errors = repo.errors()
    assert any(m.startswith("themes/water/index.md: ") and "geen index.md" in m for m in errors)
    assert any(m.startswith("themes/los.md: ") and "onverwachte plek" in m for m in errors)


def test_reading_in_several_processes_gives_the_same_entries_and_problems(repo, monkeypatch, forks):
    from groeiperspectief import entries as reading
    from groeiperspectief.problems import Problems

    base = len(repo.check().entries.projecten)
    repo.write("projects/kapot.md", project(extra="links: [a\n"))
    repo.write("projects/geen-utf8.md", b"---\ntitel: \xff\n---\n")
    for n in range(12):
        repo.write(f"projects/p{n}.md", project(Fiets=f"Fiets {n}"))

    def read(parallel_from: int):
        monkeypatch.setattr(reading, "PARALLEL_FROM", parallel_from)
        problems = Problems()
        found = reading.read_all(repo.root, problems)
        return [(e.path, e.data, e.lines, e.body) for e in found], [str(p) for p in problems]

    in_one = read(10_000)
    assert forks == []
    in_several = read(2)
    assert forks == ["fork"]
    assert in_several == in_one
    projects = [path for path, *_ in in_one[0] if path.startswith("projects/")]
    assert len(projects) == base + 14 and len(in_one[1]) == 2


# --- fields ----------------------------------------------------------------------------------


def test_missing_required_key_points_at_line_1(repo):
    repo.write("projects/fiets.md", project(**{"opgaven: [net]\n": ""}))
    assert repo.errors() == ["projects/fiets.md:1: verplicht veld 'opgaven' ontbreekt"]


def test_empty_required_key(repo):
    repo.write("projects/fiets.md", project(**{"titel: Fiets": "titel:"}))
    assert repo.errors() == ["projects/fiets.md:2: verplicht veld 'titel' is leeg"]


def test_unknown_key_suggests_the_closest_and_lists_allowed(repo):
    repo.write("projects/fiets.md", project(extra="deelnemer: x\n"))
    [msg] = repo.errors()
    assert msg.startswith("projects/fiets.md:9: onbekend veld 'deelnemer' (bedoelde je 'deelnemers'?)")
    assert "toegestaan: titel, samenvatting, opgaven, status" in msg


def test_unknown_key_in_long_form_and_table(repo):
    repo.write("projects/fiets.md", project(**{"bee: geen": "bee:\n    variant: geen\n    uitleg: x"}))
    [msg] = repo.errors()
    assert (
        msg.startswith("projects/fiets.md:10: onbekend veld 'uitleg'")
        and "toegestaan: variant, vanaf, toelichting" in msg
    )


def test_wrong_variant_lists_values_and_suggests(repo):
    repo.write("projects/fiets.md", project(**{"aa: volledig": "aa: vol"}))
    # Only the variant: whether one deelnemer is volledig cannot be judged while a variant is unknown.
    assert repo.messages("projects/fiets.md") == [
        "projects/fiets.md:7: variant in deelnemers aa: 'vol' is geen variant; kies uit volledig, solidariteit, instap, geen (bedoelde je 'volledig'?)",
    ]


def test_wrong_status_and_soort(repo):
    repo.write("projects/fiets.md", project(**{"status: idee": "status: bezig"}))
    repo.write("content/organisaties/prov.md", "---\nnaam: P\nsoort: provincie\n---\n")
    errors = repo.errors()
    assert (
        "content/organisaties/prov.md:3: soort: 'provincie' is geen soort; kies uit gemeente, overheid, bedrijf, kennisinstelling, maatschappelijk"
        in errors[0]
    )
    assert errors[1].startswith("projects/fiets.md:5: status: 'bezig' is geen status; kies uit idee, verkenning")


def test_summary_longer_than_300(repo):
    repo.write("projects/fiets.md", project(**{"samenvatting: Fietsen.": "samenvatting: " + "x" * 301}))
    assert repo.errors() == ["projects/fiets.md:3: 'samenvatting' is 301 tekens lang; hoogstens 300"]


@pytest.mark.parametrize(
    "extra, line, words",
    [
        ("start: 2024-13\n", 9, "'2024-13' is geen geldige datum"),
        ("start: maart\n", 9, "'maart' is geen geldige datum"),
        ("einde: 2024-02-30\n", 9, "geen geldige datum"),
        ("contact: Jan Jansen\n", 9, "'Jan Jansen' is geen e-mailadres"),
        ("links:\n  - titel: x\n    url: javascript:alert(1)\n", 11, "'javascript:alert(1)' is geen geldig webadres"),
        ("financiering:\n  component: 4\n", 10, "4 is geen financieringscomponent; kies uit 1, 2, 3"),
        ("financiering:\n  component: 3\n  bedrag: -5\n", 11, "'bedrag' in financiering mag niet negatief zijn"),
        ("locaties: dordrecht\n", 9, "'locaties' moet een lijst zijn"),
        ("opgaven: [Net]\n", 9, "opgaven (nr. 1): 'Net' is geen geldige id"),
    ],
)
def test_wrong_values(repo, extra, line, words):
    text = project(extra=extra)
    if extra.startswith("opgaven"):
        text = text.replace("opgaven: [net]\n", "")
        line = 8
    repo.write("projects/fiets.md", text)
    [msg] = repo.errors()
    assert msg.startswith(f"projects/fiets.md:{line}: ") and words in msg, msg


def test_website_must_be_http(repo):
    repo.write("content/organisaties/prov.md", "---\nnaam: P\nsoort: overheid\nwebsite: ftp://x.nl\n---\n")
    assert repo.errors() == [
        "content/organisaties/prov.md:4: website: 'ftp://x.nl' is geen geldig webadres; begin met https:// (of http://)"
    ]


def test_colour_must_be_hex_and_unquoted_colour_is_explained(repo):
    repo.write("themes/wonen/index.md", "---\ntitel: Wonen\nsamenvatting: x\nkleur: rood\n---\n")
    assert repo.errors() == [
        'themes/wonen/index.md:4: kleur: \'rood\' is geen kleur; gebruik "#rrggbb" tussen aanhalingstekens, bijvoorbeeld "#1f6f8b"'
    ]
    repo.write("themes/wonen/index.md", "---\ntitel: Wonen\nsamenvatting: x\nkleur: #1f6f8b\n---\n")
    [msg] = repo.errors()
    assert msg.startswith("themes/wonen/index.md:4: kleur is leeg") and "commentaar" in msg


def test_kern_only_for_gemeente(repo):
    repo.write("content/organisaties/prov.md", "---\nnaam: P\nsoort: overheid\nkern: true\n---\n")
    assert (
        "content/organisaties/prov.md:4: 'kern: true' mag alleen bij soort gemeente, niet bij overheid" in repo.errors()
    )


def test_kern_must_be_boolean(repo):
    repo.write("content/organisaties/prov.md", "---\nnaam: P\nsoort: gemeente\nkern: ja\n---\n")
    assert repo.errors() == ["content/organisaties/prov.md:4: 'kern' moet true of false zijn, niet 'ja'"]


# --- references ------------------------------------------------------------------------------


def test_unknown_opgave_suggests(repo):
    repo.write("projects/fiets.md", project(**{"[net]": "[ne]"}))
    assert repo.errors() == ["projects/fiets.md:4: onbekende opgave 'ne' (bedoelde je 'net'?)"]


def test_unknown_organisation_theme_and_table_member(repo):
    repo.write("projects/fiets.md", project(**{"bee: geen": "bee: geen\n  bea: geen"}))
    repo.write("themes/wonen/groen.md", "---\ntitel: G\nsamenvatting: g\nook_themas: [wone]\n---\n")
    repo.write(
        "themes/wonen/index.md",
        "---\ntitel: W\nsamenvatting: w\ntafels:\n  - id: t\n    naam: T\n    soort: triple-helix\n    leden: [prv]\n---\n",
    )
    errors = repo.errors()
    assert "projects/fiets.md:9: onbekende organisatie 'bea' (bedoelde je 'bee'?)" in errors
    assert "themes/wonen/groen.md:4: onbekend thema 'wone' (bedoelde je 'wonen'?)" in errors
    assert "themes/wonen/index.md:8: onbekende organisatie 'prv' (bedoelde je 'prov'?)" in errors


def test_duplicate_opgave_over_themes(repo):
    repo.write("themes/wonen/net.md", "---\ntitel: N\nsamenvatting: n\n---\n")
    assert repo.errors() == [
        "themes/wonen/net.md: opgave 'net' bestaat al in themes/energie/net.md; opgave-ids zijn uniek over alle thema's"
    ]


def test_duplicate_table_over_themes(repo):
    repo.write(
        "themes/wonen/index.md",
        "---\ntitel: W\nsamenvatting: w\ntafels:\n  - id: tafel-energie\n    naam: T\n    soort: bestuurlijk\n---\n",
    )
    [msg] = repo.errors()
    assert msg.startswith("themes/wonen/index.md:5: tafel 'tafel-energie' bestaat al in themes/energie/index.md")


def test_cycle_of_three_names_every_member_with_file_and_line(repo):
    repo.write("themes/energie/net.md", "---\ntitel: N\nsamenvatting: n\nhangt_af_van: [groen]\n---\n")
    repo.write("themes/wonen/groen.md", "---\ntitel: G\nsamenvatting: g\n\nhangt_af_van: [bouw]\n---\n")
    assert repo.errors() == [
        "themes/wonen/bouw.md:4: cyclus in hangt_af_van: bouw → net → groen → bouw "
        "(themes/wonen/bouw.md:4, themes/energie/net.md:4, themes/wonen/groen.md:5)"
    ]


def test_self_reference(repo):
    repo.write("themes/energie/net.md", "---\ntitel: N\nsamenvatting: n\nraakt_aan: [net]\n---\n")
    [msg] = repo.errors()
    assert msg.startswith("themes/energie/net.md:4: opgave 'net' kan niet van zichzelf afhangen of aan zichzelf raken")


def test_touching_on_both_sides_is_fine(repo):
    repo.write("themes/wonen/groen.md", "---\ntitel: G\nsamenvatting: g\nraakt_aan: [bouw]\n---\n")
    assert repo.errors() == []


def test_trekker_must_take_part_fully(repo):
    repo.write("projects/fiets.md", project(extra="trekker: bee\n"))
    assert repo.errors() == [
        "projects/fiets.md:9: trekker 'bee' heeft variant geen; de trekker moet deelnemer zijn met variant volledig"
    ]
    repo.write("projects/fiets.md", project(extra="trekker: prov\n"))
    assert repo.errors() == [
        "projects/fiets.md:9: trekker 'prov' staat niet bij de deelnemers; de trekker moet deelnemer zijn met variant volledig"
    ]


def test_at_least_one_volledig(repo):
    repo.write("projects/fiets.md", project(**{"aa: volledig": "aa: solidariteit"}))
    assert repo.errors() == [
        "projects/fiets.md:6: minstens één deelnemer moet variant volledig hebben: wie trekt de kar?"
    ]


def test_vanaf_only_with_instap(repo):
    repo.write("projects/fiets.md", project(**{"bee: geen": "bee:\n    variant: solidariteit\n    vanaf: 2026"}))
    assert repo.errors() == [
        "projects/fiets.md:10: 'vanaf' hoort alleen bij variant instap, niet bij solidariteit (bee)"
    ]


def test_einde_before_start(repo):
    repo.write("projects/fiets.md", project(extra="start: 2025-06\neinde: 2025-05-31\n"))
    assert repo.errors() == ["projects/fiets.md:10: einde 2025-05-31 ligt voor start 2025-06"]
    repo.write("projects/fiets.md", project(extra="start: 2025-06\neinde: 2025\n"))
    assert repo.errors() == []


def test_locatie_must_be_a_gemeente(repo):
    repo.write("projects/fiets.md", project(extra="locaties: [prov]\n"))
    assert repo.errors() == ["projects/fiets.md:9: locatie 'prov' is geen gemeente maar overheid"]


@pytest.mark.parametrize("empty", ["bee:", "bee: null", "bee: ''", "bee: ~"])
def test_an_empty_variant_is_nog_geen_keuze_as_a_missing_line_is(repo, empty):
    """CONTENT-MODEL.md, kleur bekennen: listed with an empty value is the same warning as not listed."""
    repo.write("projects/fiets.md", project(**{"bee: geen": empty}))
    listed_empty = repo.messages("projects/fiets.md")
    repo.write("projects/fiets.md", project(**{"  bee: geen\n": ""}))
    assert (
        listed_empty
        == repo.messages("projects/fiets.md")
        == [
            "projects/fiets.md:6: waarschuwing: nog geen keuze van bee: elke kerngemeente kiest een variant, ook 'geen' (kleur bekennen)"
        ]
    )


def test_a_partner_with_an_empty_variant_is_nog_geen_keuze_too(repo):
    repo.write("projects/fiets.md", project(**{"bee: geen": "bee: geen\n  prov:"}))
    assert repo.messages("projects/fiets.md") == [
        "projects/fiets.md:9: waarschuwing: nog geen keuze van prov: kies een variant "
        "(volledig, solidariteit, instap, geen) of haal de regel weg"
    ]


def test_a_trekker_with_an_empty_variant_is_named_so(repo):
    repo.write("projects/fiets.md", project(extra="trekker: bee\n", **{"bee: geen": "bee:"}))
    assert repo.errors() == [
        "projects/fiets.md:9: trekker 'bee' heeft nog geen variant; de trekker moet deelnemer zijn met variant volledig"
    ]


def test_only_empty_variants_is_no_volledig(repo):
    repo.write("projects/fiets.md", project(**{"aa: volledig": "aa:", "bee: geen": "bee:"}))
    assert repo.errors() == [
        "projects/fiets.md:6: minstens één deelnemer moet variant volledig hebben: wie trekt de kar?"
    ]


# --- warnings --------------------------------------------------------------------------------


def test_missing_stance_is_a_warning_naming_the_municipality(repo):
    repo.write("projects/fiets.md", project(**{"  bee: geen\n": ""}))
    result = repo.check()
    assert result.ok
    assert (
        "projects/fiets.md:6: waarschuwing: nog geen keuze van bee: elke kerngemeente kiest een variant, ook 'geen' (kleur bekennen)"
        in repo.warnings()
    )


def test_organisation_without_role_and_afgerond_without_einde(repo):
    repo.write("content/organisaties/los.md", "---\nnaam: Los\nsoort: bedrijf\n---\n")
    repo.write("projects/fiets.md", project(**{"status: idee": "status: afgerond"}))
    warnings = repo.warnings()
    assert (
        "content/organisaties/los.md:1: waarschuwing: organisatie 'los' neemt aan geen enkel project deel en zit aan geen tafel"
        in warnings
    )
    assert (
        "projects/fiets.md:5: waarschuwing: status afgerond zonder 'einde': wanneer is het project afgerond?"
        in warnings
    )


def test_all_problems_are_reported_at_once_each_once(repo):
    repo.write("projects/fiets.md", project(extra="deelnemer: x\n", **{"status: idee": "status: x", "[net]": "[nett]"}))
    repo.write("projects/twee.md", "")
    errors = repo.errors()
    # the unknown field, the status, the unknown opgave (checked although the entry has field errors), the empty file
    assert len(errors) == len(set(errors)) == 4
    assert "projects/fiets.md:4: onbekende opgave 'nett' (bedoelde je 'net'?)" in errors


def test_a_theme_colour_too_light_to_see_on_white_is_a_warning(repo):
    repo.write("themes/wonen/index.md", '---\ntitel: Wonen\nsamenvatting: x\nkleur: "#ffee00"\n---\n')
    assert repo.errors() == []
    assert (
        "themes/wonen/index.md:4: waarschuwing: kleur #ffee00 is te licht: 1,2:1 tegen de witte achtergrond, minstens 3:1 "
        "is nodig om balken en stippen te zien (toegankelijkheid); kies een donkerdere tint" in repo.warnings()
    )
    repo.write("themes/wonen/index.md", '---\ntitel: Wonen\nsamenvatting: x\nkleur: "#767676"\n---\n')  # 4.5:1
    assert not any("te licht" in w for w in repo.warnings())


def test_an_entry_with_field_errors_still_gets_its_references_checked(repo):
    """One run shows every problem: a wrong status does not hide an unknown opgave or organisation."""
    repo.write(
        "projects/fiets.md",
        project(
            **{"status: idee": "status: bezig", "opgaven: [net]": "opgaven: [nett, Net]", "bee: geen": "bea: geen"}
        ),
    )
    errors = repo.errors()
    assert any(e.startswith("projects/fiets.md:5: ") and "'bezig'" in e for e in errors), errors
    assert "projects/fiets.md:4: onbekende opgave 'nett' (bedoelde je 'net'?)" in errors
    assert "projects/fiets.md:8: onbekende organisatie 'bea' (bedoelde je 'bee'?)" in errors
    # 'Net' is no valid id: it gets that message only, not a second one about an unknown opgave.
    assert [e for e in errors if "'Net'" in e] == [next(e for e in errors if "'Net'" in e and "geen geldige id" in e)]
