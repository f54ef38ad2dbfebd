"""The JSON Schemas for editors: generated from the model, committed as generated, and agreeing with `groei check`."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator

from groeiperspectief.cli import main
from groeiperspectief.entries import discover, read_all
from groeiperspectief.model import MODELS
from groeiperspectief.problems import Problems
from groeiperspectief.schema import KIND_FILES, entry_schema
from groeiperspectief.sources import walk
from groeiperspectief.vscode import ERROR_PATTERN, WARNING_PATTERN, editor_files

from . import test_validate
from .conftest import ROOT
from .test_validate import project

VALIDATORS = {kind: Draft7Validator(entry_schema(kind)) for kind in MODELS}
# Rules between fields or files: `groei check` is their authority, the schemas do not hold them.
CROSS_FILE = {
    "onbekende-verwijzing",
    "trekker",
    "vanaf",
    "geen-volledig",
    "einde-voor-start",
    "locatie",
    "kern",
    "cyclus",
    "zelfverwijzing",
    "dubbele-id",
}


def as_editor_sees(value):
    """Front matter as VS Code's YAML 1.2 reader gives it: keys are text, dates stay text."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def front_matter(root: Path, relpath: str):
    [raw] = [r for r in read_all(root, Problems()) if r.path == relpath]
    return raw.kind, as_editor_sees(raw.data)


def schema_errors(kind: str, data) -> list[str]:
    return [e.message for e in VALIDATORS[kind].iter_errors(data)]


def test_committed_editor_files_are_the_generated_ones():
    generated = editor_files()
    assert {"schemas/project.schema.json", ".vscode/settings.json", ".vscode/tasks.json"} <= set(generated)
    stale = [rel for rel, text in generated.items() if (ROOT / rel).read_text(encoding="utf-8") != text]
    assert stale == [], f"verouderd: {stale}; draai 'groei schema'"


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_schemas_are_valid_draft_7_with_dutch_descriptions_and_enums(kind):
    schema = entry_schema(kind)
    Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert "groei check" in schema["description"]
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{kind}.{name} heeft geen uitleg"
    text = json.dumps(schema)
    assert "A project" not in text and "How one organisation" not in text  # no English docstrings for editors
    if kind == "project":
        assert schema["properties"]["status"]["enum"][0] == "idee"
        assert schema["$defs"]["Deelname"]["properties"]["variant"]["enum"] == [
            "volledig",
            "solidariteit",
            "instap",
            "geen",
        ]


def test_every_example_entry_is_accepted():
    raws = read_all(ROOT, Problems())
    assert len(raws) > 50 and all(raw.data for raw in raws)
    for raw in raws:
        assert schema_errors(raw.kind, as_editor_sees(raw.data)) == [], raw.path


# Edits of a valid project: the broken examples of the checker's tests, and valid variants near them.
BROKEN = [
    pytest.param(project(extra=extra), id=words)
    for extra, _, words in test_validate.test_wrong_values.pytestmark[0].args[1]
    if not extra.startswith("opgaven")
] + [
    pytest.param(project(**{"opgaven: [net]\n": ""}), id="verplicht veld ontbreekt"),
    pytest.param(project(**{"titel: Fiets": "titel:"}), id="verplicht veld leeg"),
    pytest.param(project(**{"titel: Fiets": "titel: '   '"}), id="alleen spaties"),
    pytest.param(project(extra="deelnemer: x\n"), id="onbekend veld"),
    pytest.param(project(**{"bee: geen": "bee:\n    variant: geen\n    uitleg: x"}), id="onbekend veld lange vorm"),
    pytest.param(project(**{"aa: volledig": "aa: vol"}), id="geen variant"),
    pytest.param(project(**{"bee: geen": "Bee: geen"}), id="deelnemer-id geen slug"),
    pytest.param(project(**{"status: idee": "status: bezig"}), id="geen status"),
    pytest.param(project(**{"samenvatting: Fietsen.": "samenvatting: " + "x" * 301}), id="samenvatting te lang"),
    pytest.param(project(**{"[net]": "[Net]"}), id="opgave-id geen slug"),
    pytest.param(project(**{"[net]": "[]"}), id="geen opgaven"),
    pytest.param(project(extra="einde: 2024-04-31\n"), id="31 april"),
    pytest.param(project(extra="start: 999\n"), id="jaar met drie cijfers"),
    pytest.param(project(extra="links:\n  - titel: x\n    url: 'https://a.nl b'\n"), id="spatie in url"),
    pytest.param(project(extra="financiering:\n  component: '3'\n"), id="component als tekst"),
    pytest.param(project(extra="financiering:\n  component: 3\n  bedrag: 5.5\n"), id="bedrag geen heel getal"),
    pytest.param(project(**{"titel: Fiets": "titel: true"}), id="titel true"),
]
VALID = [
    pytest.param(project(), id="geldig"),
    pytest.param(project(**{"titel: Fiets": "titel: 2030"}), id="getal als titel"),
    pytest.param(project(**{"[net]": "[2030]"}), id="getal als id"),
    pytest.param(project(extra="start: 2024\neinde: 2026-02-28\n"), id="datums"),
    pytest.param(project(extra="start: 2024-03-01\n"), id="YAML-datum"),
    pytest.param(project(extra="trekker:\n"), id="leeg optioneel veld"),
    pytest.param(project(**{"bee: geen": "bee:"}), id="lege variant: nog geen keuze"),
    pytest.param(project(**{"bee: geen": "bee: ''"}), id="lege tekst als variant: nog geen keuze"),
    pytest.param(project(extra="contact: ' info@example.nl '\n"), id="spaties om e-mailadres"),
    pytest.param(project(extra="links:\n  - titel: x\n    url: https://a.nl/b?c=1#d\n"), id="url"),
    pytest.param(
        project(**{"bee: geen": "bee:\n    variant: instap\n    vanaf: 2026-01-01\n    toelichting: 12"}),
        id="lange vorm",
    ),
]


def _verdicts(repo, path: str, text: str) -> tuple[list[str], list[str]]:
    repo.write(path, text)
    field_errors = [str(p) for p in repo.check().problems.errors if p.path == path and p.code not in CROSS_FILE]
    kind, data = front_matter(repo.root, path)
    return field_errors, schema_errors(kind, data)


@pytest.mark.parametrize("text", BROKEN)
def test_broken_projects_are_rejected_by_schema_and_checker(repo, text):
    checker, schema = _verdicts(repo, "projects/fiets.md", text)
    assert checker and schema, (checker, schema)


@pytest.mark.parametrize("text", VALID)
def test_valid_projects_are_accepted_by_schema_and_checker(repo, text):
    assert _verdicts(repo, "projects/fiets.md", text) == ([], [])


@pytest.mark.parametrize(
    "path, text, valid",
    [
        ("content/organisaties/prov.md", "---\nnaam: P\nsoort: provincie\n---\n", False),
        ("content/organisaties/prov.md", "---\nnaam: P\nsoort: gemeente\nkern: ja\n---\n", False),
        ("content/organisaties/prov.md", "---\nnaam: P\nsoort: gemeente\nkern: yes\n---\n", False),
        ("content/organisaties/prov.md", "---\nnaam: P\nsoort: overheid\nwebsite: ftp://x.nl\n---\n", False),
        ("content/organisaties/prov.md", "---\nnaam: 3M\nsoort: bedrijf\nwebsite: https://www.3m.nl\n---\n", True),
        ("themes/wonen/index.md", "---\ntitel: W\nsamenvatting: w\nkleur: rood\n---\n", False),
        ("themes/wonen/index.md", "---\ntitel: W\nsamenvatting: w\nkleur: #1f6f8b\n---\n", False),
        ("themes/wonen/index.md", "---\ntitel: W\nsamenvatting: w\nkleur: '#1f6f8b'\n---\n", True),
        (
            "themes/wonen/index.md",
            "---\ntitel: W\nsamenvatting: w\ntafels:\n  - id: t\n    naam: T\n    soort: x\n---\n",
            False,
        ),
        ("themes/wonen/groen.md", "---\ntitel: G\nsamenvatting: g\nhangt_af_van: bouw\n---\n", False),
        (
            "themes/wonen/groen.md",
            "---\ntitel: G\nsamenvatting: g\nraakt_aan: [bouw]\nook_themas: [energie]\n---\n",
            True,
        ),
    ],
)
def test_other_kinds_agree_with_the_checker(repo, path, text, valid):
    checker, schema = _verdicts(repo, path, text)
    assert (checker == [] and schema == []) if valid else (checker and schema), (checker, schema)


def test_rules_between_files_are_left_to_the_checker(repo):
    # An unknown opgave and a trekker without volledig: valid for the schema, refused by groei check.
    repo.write("projects/fiets.md", project(extra="trekker: bee\n", **{"[net]": "[nett]"}))
    kind, data = front_matter(repo.root, "projects/fiets.md")
    assert schema_errors(kind, data) == []
    codes = {p.code for p in repo.check().problems.errors}
    assert codes == {"onbekende-verwijzing", "trekker"}


def _matches(path: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, g) for g in globs if not g.startswith("!")) and not any(
        fnmatch.fnmatch(path, g[1:]) for g in globs if g.startswith("!")
    )


def test_vscode_maps_each_kind_schema_to_exactly_its_files():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = {Path(schema).name.split(".")[0]: globs for schema, globs in settings["yaml.schemas"].items()}
    assert mapping == KIND_FILES
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    for entry in discover(walk(ROOT, Problems()), Problems()):
        assert [kind for kind, globs in mapping.items() if _matches(entry.relpath, globs)] == [entry.kind], (
            entry.relpath
        )


def test_vscode_problem_matcher_reads_every_line_of_groei_check(repo):
    repo.write("projects/fiets.md", project(extra="links: [a\n"))  # YAML error: with column
    repo.write("projects/Kapot Ding.md", project())  # no line
    repo.write("projects/twee.md", project(**{"status: idee": "status: bezig"}))
    repo.write("themes/wonen/index.md", '---\ntitel: Wonen\nsamenvatting: x\nkleur: "#ffee00"\n---\n')  # a warning
    result = CliRunner().invoke(main, ["-C", str(repo.root), "check"])
    lines = [line for line in result.output.splitlines() if ".md" in line]
    problems = list(repo.check().problems)
    assert len(lines) == len(problems) >= 4
    tasks = json.loads((ROOT / ".vscode/tasks.json").read_text(encoding="utf-8"))
    assert {m["pattern"]["regexp"] for m in tasks["tasks"][0]["problemMatcher"]} == {ERROR_PATTERN, WARNING_PATTERN}
    for line, problem in zip(lines, problems):
        error, warning = re.match(ERROR_PATTERN, line), re.match(WARNING_PATTERN, line)
        match = error or warning
        assert match and bool(error) == problem.is_error and not (error and warning), line
        assert match[1] == problem.path and match[2] == (str(problem.line) if problem.line else None)
        assert match[4] == problem.message


def test_groei_schema_writes_the_editor_files_and_init_includes_them(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["-C", str(tmp_path), "init", "regio"]).exit_code == 0
    root = tmp_path / "regio"
    assert (root / "schemas/project.schema.json").read_text(encoding="utf-8") == editor_files()[
        "schemas/project.schema.json"
    ]
    assert (root / ".vscode/settings.json").is_file()
    (root / "schemas/thema.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["-C", str(root), "schema"])
    assert result.exit_code == 0 and "Bijgewerkt: schemas/thema.schema.json" in result.output
    assert "Alles was al bij" in runner.invoke(main, ["-C", str(root), "schema"]).output
