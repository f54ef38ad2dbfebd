"""The fields zoekt, mijlpalen and lessen, and the warnings that keep a project honest over time
(CONTENT-MODEL.md: "Milestones, lessons and who a coalition looks for", and the warnings list)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest

from groeiperspectief.builddate import build_date
from groeiperspectief.model import Mijlpaal

from .test_validate import project

# 2026-03-15 12:00 UTC: the build's date of these tests.
EPOCH = str(int(dt.datetime(2026, 3, 15, 12, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


FIELDS = """\
zoekt:
  - soort: kennisinstelling
    rol: Onderzoek naar het gebruik
mijlpalen:
  - datum: 2025-06
    titel: Eerste tracé open
    gehaald: true
  - datum: 2026-02
    titel: Tweede tracé
  - datum: 2026-03
    titel: Derde tracé
lessen:
  - Begin met één tracé dat alle gemeenten raakt.
"""


def test_valid_fields_are_read(repo):
    repo.write("projects/fiets.md", project(extra=FIELDS))
    assert repo.errors() == [] and repo.warnings()[1:] == []  # only the white spot 'groen'
    fiets = repo.check().entries.projecten["fiets"]
    assert [(z.soort, z.rol) for z in fiets.zoekt] == [("kennisinstelling", "Onderzoek naar het gebruik")]
    assert [m.state(dt.date(2026, 3, 15)) for m in fiets.mijlpalen] == ["gehaald", "over-datum", "gepland"]
    assert fiets.lessen == ["Begin met één tracé dat alle gemeenten raakt."]


def test_milestone_state_counts_to_the_end_of_its_period():
    m = Mijlpaal(datum="2026-03", titel="x")
    assert m.state(dt.date(2026, 3, 31)) == "gepland"
    assert m.state(dt.date(2026, 4, 1)) == "over-datum"
    assert Mijlpaal(datum="2020", titel="x", gehaald=True).state(dt.date(2026, 1, 1)) == "gehaald"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "zoekt:\n  - soort: bedrijfje\n    rol: Bouwen\n",
            "projects/fiets.md:10: soort in zoekt (nr. 1): 'bedrijfje' is geen soort; kies uit gemeente, overheid, bedrijf, kennisinstelling, "
            "maatschappelijk (bedoelde je 'bedrijf'?)",
        ),
        ("zoekt:\n  - soort: bedrijf\n", "projects/fiets.md:10: verplicht veld 'rol' ontbreekt in zoekt (nr. 1)"),
        (
            "zoekt:\n  - soort: bedrijf\n    rol: " + "x" * 201 + "\n",
            "projects/fiets.md:11: 'rol' in zoekt (nr. 1) is 201 tekens lang; hoogstens 200",
        ),
        (
            "mijlpalen:\n  - titel: Open\n",
            "projects/fiets.md:10: verplicht veld 'datum' ontbreekt in mijlpalen (nr. 1)",
        ),
        (
            "mijlpalen:\n  - datum: 2026\n",
            "projects/fiets.md:10: verplicht veld 'titel' ontbreekt in mijlpalen (nr. 1)",
        ),
        (
            "mijlpalen:\n  - datum: 2026-13\n    titel: Open\n",
            "projects/fiets.md:10: datum in mijlpalen (nr. 1): '2026-13' is geen geldige datum; gebruik JJJJ, JJJJ-MM of "
            "JJJJ-MM-DD, bijvoorbeeld 2024-03",
        ),
        (
            "mijlpalen:\n  - datum: 2026\n    titel: Open\n    gehaald: ja\n",
            "projects/fiets.md:12: 'gehaald' in mijlpalen (nr. 1) moet true of false zijn, niet 'ja'",
        ),
        (
            "lessen:\n  - Kort.\n  - " + "y" * 301 + "\n",
            "projects/fiets.md:11: 'lessen' (nr. 2) is 301 tekens lang; hoogstens 300",
        ),
        (
            "lessen: Een les\n",
            "projects/fiets.md:9: 'lessen' moet een lijst zijn, bijvoorbeeld [a, b], niet 'Een les'",
        ),
    ],
)
def test_broken_fields_are_refused_in_dutch_with_file_and_line(repo, extra, message):
    repo.write("projects/fiets.md", project(extra=extra))
    assert repo.errors() == [message]


def warnings_of(repo, path="projects/fiets.md"):
    return [w for w in repo.warnings() if w.startswith(path)]


def test_einde_in_the_past_while_running(repo):
    repo.write("projects/fiets.md", project(extra="einde: 2026-02\n"))
    assert warnings_of(repo) == [
        "projects/fiets.md:9: waarschuwing: einde 2026-02 ligt voor de datum van deze versie (2026-03-15), maar de "
        "status is nog idee: zet de status op afgerond of gestopt, of schuif het einde op"
    ]
    for fine in (project(extra="einde: 2026-03\n"), project(extra="einde: 2026-02\n", **{"idee": "gestopt"})):
        repo.write("projects/fiets.md", fine)
        assert warnings_of(repo) == []


def test_vanaf_before_the_projects_start(repo):
    repo.write(
        "projects/fiets.md",
        project(extra="start: 2027-06\n", **{"bee: geen": "bee:\n    variant: instap\n    vanaf: 2027-05"}),
    )
    assert warnings_of(repo) == [
        "projects/fiets.md:10: waarschuwing: bee wil instappen vanaf 2027-05, voor de start van het project "
        "(2027-06); is dat de bedoeling?"
    ]
    repo.write(
        "projects/fiets.md",
        project(extra="start: 2027-06\n", **{"bee: geen": "bee:\n    variant: instap\n    vanaf: 2027"}),
    )
    assert warnings_of(repo) == []


@pytest.mark.parametrize("address", ["j.jansen@gmail.com", "Piet@Hotmail.nl", "fam@ziggo.nl", "x@yahoo.co.uk"])
def test_contact_at_a_personal_mail_provider(repo, address):
    repo.write("projects/fiets.md", project(extra=f"contact: {address}\n"))
    [warning] = warnings_of(repo)
    assert warning.startswith(f"projects/fiets.md:9: waarschuwing: contact '{address}' lijkt een persoonlijk adres")


def test_a_function_mailbox_is_fine(repo):
    repo.write("projects/fiets.md", project(extra="contact: fiets@dordrecht.nl\n"))
    assert warnings_of(repo) == []


def test_milestone_after_einde(repo):
    repo.write(
        "projects/fiets.md",
        project(
            extra="einde: 2027\nmijlpalen:\n  - datum: 2027-12-31\n    titel: Klaar\n  - datum: 2028-01\n    titel: Te laat\n"
        ),
    )
    assert warnings_of(repo) == [
        "projects/fiets.md:13: waarschuwing: mijlpaal 'Te laat' (2028-01) ligt na het einde van het project (2027)"
    ]


@pytest.mark.parametrize("status", ["afgerond", "gestopt"])
def test_zoekt_on_a_finished_project(repo, status):
    repo.write(
        "projects/fiets.md",
        project(extra="einde: 2025\nzoekt:\n  - soort: bedrijf\n    rol: Bouwen\n", **{"idee": status}),
    )
    assert warnings_of(repo) == [
        f"projects/fiets.md:10: waarschuwing: het project is {status} maar zoekt nog partners: haal 'zoekt' weg "
        "of pas de status aan"
    ]


def test_the_build_date_is_source_date_epoch_else_the_last_commit(tmp_path, monkeypatch):

    assert build_date(tmp_path) == dt.date(2026, 3, 15)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date(tmp_path) == dt.datetime.now(dt.UTC).date()  # no git: today
    env = {"GIT_COMMITTER_DATE": "2024-05-06T10:00:00Z", "GIT_AUTHOR_DATE": "2024-05-06T10:00:00Z"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a").write_text("a")
    subprocess.run(["git", "-C", str(tmp_path), "add", "a"], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a"],
        check=True,
        env={**os.environ, **env},
    )
    assert build_date(tmp_path) == dt.date(2024, 5, 6)
