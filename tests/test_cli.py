"""The ``groei`` command as an editor uses it: init, new, check, -C, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from groeiperspectief.cli import main

from .conftest import ROOT


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_makes_a_repository_that_check_accepts(tmp_path):
    result = run("-C", str(tmp_path), "init", "regio-west", "--naam", 'Regio "West"')
    assert result.exit_code == 0, result.output
    root = tmp_path / "regio-west"
    assert (root / "mkdocs.yml").read_text().count('site_name: "Regio \\"West\\""') == 1
    for folder in ("content/organisaties", "themes", "projects"):
        assert (root / folder).is_dir()
    check = run("-C", str(root), "check")
    assert check.exit_code == 0
    assert "0 fouten" in check.output


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text("a")
    result = run("-C", str(tmp_path), "init", "x")
    assert result.exit_code == 1 and "niet leeg" in result.output


def test_check_outside_a_repository_is_a_clear_message(tmp_path):
    result = run("-C", str(tmp_path), "check")
    assert result.exit_code == 1
    assert "geen groeiperspectief" in result.output and "Traceback" not in result.output


def test_check_exit_codes_and_strict(repo):
    assert run("-C", str(repo.root), "check").exit_code == 0  # one warning (white spot)
    strict = run("-C", str(repo.root), "check", "--strict")
    assert strict.exit_code == 1 and "witte vlek" in strict.output
    repo.write("projects/kapot.md", "---\ntitel: x\n---\n")
    broken = run("-C", str(repo.root), "check")
    assert broken.exit_code == 1
    assert "projects/kapot.md:1: verplicht veld 'samenvatting' ontbreekt" in broken.output


def test_check_github_annotations(repo):
    repo.write("projects/kapot.md", "---\ntitel: x\n---\n")
    repo.write("themes/wonen/index.md", '---\ntitel: Wonen\nsamenvatting: x\nkleur: "#ffee00"\n---\n')
    out = run("-C", str(repo.root), "check", "--format", "github").output
    assert "::error file=projects/kapot.md,line=1::verplicht veld 'samenvatting' ontbreekt" in out
    assert "::warning file=themes/wonen/index.md,line=4::kleur #ffee00 is te licht" in out


@pytest.mark.parametrize(
    "kind, entry_id, args, path",
    [
        ("organisatie", "cee", [], "content/organisaties/cee.md"),
        ("thema", "water", [], "themes/water/index.md"),
        ("opgave", "dijk", ["--thema", "wonen"], "themes/wonen/dijk.md"),
        ("project", "fiets", [], "projects/fiets.md"),
    ],
)
def test_new_template_is_refused_until_filled_in_then_passes(repo, kind, entry_id, args, path):
    result = run("-C", str(repo.root), "new", kind, entry_id, *args)
    assert result.exit_code == 0, result.output
    assert path in result.output
    text = (repo.root / path).read_text()
    assert text.count("#") > 3  # commented
    assert any(m.startswith(path) for m in repo.errors())  # empty required fields are named
    filled = {
        "organisatie": {"naam:  ": "naam: Gemeente Cee  ", "soort:  ": "soort: gemeente  "},
        "thema": {"titel:  ": "titel: Water  ", "samenvatting:  ": "samenvatting: Droge voeten.  "},
        "opgave": {"titel:  ": "titel: Dijk  ", "samenvatting:  ": "samenvatting: Sterke dijken.  "},
        "project": {
            "titel:  ": "titel: Fiets  ",
            "samenvatting:  ": "samenvatting: Fietsen.  ",
            "opgaven: []": "opgaven: [net]",
            "  aa:\n": "  aa: volledig\n",
            "  bee:\n": "  bee: geen\n",
        },
    }[kind]
    for old, new in filled.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    (repo.root / path).write_text(text)
    assert [m for m in repo.errors() if m.startswith(path)] == []


def test_new_project_lists_the_core_municipalities(repo):
    run("-C", str(repo.root), "new", "project", "fiets")
    text = (repo.root / "projects/fiets.md").read_text()
    assert "\n  aa:\n" in text and "\n  bee:\n" in text and "prov" not in text


def test_new_opgave_infers_or_asks_the_theme(repo):
    result = run("-C", str(repo.root), "new", "opgave", "dijk")
    assert result.exit_code == 1 and "--thema" in result.output and "energie, wonen" in result.output
    result = run("-C", str(repo.root), "new", "opgave", "dijk", "--thema", "wone")
    assert result.exit_code == 1 and "bedoelde je 'wonen'?" in result.output


def test_new_refuses_bad_id_and_existing_file(repo):
    assert "geen geldige id" in run("-C", str(repo.root), "new", "project", "Fiets Route").output
    assert "bestaat al" in run("-C", str(repo.root), "new", "project", "netwerk").output


def test_example_content_passes_with_only_the_honest_warnings():
    result = subprocess.run(
        [sys.executable, "-m", "groeiperspectief", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    lines = [line for line in result.stdout.splitlines() if ": waarschuwing: " in line]
    kinds = {("kleur bekennen" in line, "witte vlek" in line) for line in lines}
    assert kinds <= {(True, False), (False, True)}, lines  # only missing stances and white spots
    assert any("witte vlek" in line for line in lines) and any("kleur bekennen" in line for line in lines)
