"""Change over time: the perspective at a git revision, what changed, `groei diff` and the site's "wat is er nieuw"."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from groeiperspectief.cli import main
from groeiperspectief.history import HistoryError, Ref, compare, describe, perspective_at, resolve, since, to_markdown
from groeiperspectief.perspective import load

from .conftest import BASE, Repo

MKDOCS = "site_name: Test\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n  - groeiperspectief:\n      inspiratiedag: {day}\n"


def git(root: Path, *args: str, date: str = "2025-01-10T12:00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redactie",
        "GIT_AUTHOR_EMAIL": "redactie@example.nl",
        "GIT_COMMITTER_NAME": "Redactie",
        "GIT_COMMITTER_EMAIL": "redactie@example.nl",
        "GIT_AUTHOR_DATE": f"{date}+00:00",
        "GIT_COMMITTER_DATE": f"{date}+00:00",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Repo, message: str, date: str) -> None:
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def history(tmp_path) -> Repo:
    """The small region, committed on 10 January 2025."""
    repo = Repo(tmp_path / "regio", BASE)
    git(repo.root, "init", "-q", "-b", "main")
    commit(repo, "Begin", "2025-01-10T12:00:00")
    return repo


def edit(repo: Repo, path: str, old: str, new: str) -> None:
    text = (repo.root / path).read_text()
    assert old in text, old
    (repo.root / path).write_text(text.replace(old, new))


def three_changes(repo: Repo) -> None:
    """A project added, Gemeente Bee from instap to volledig, a new dependency."""
    repo.write(
        "projects/fietsen.md",
        """\
        ---
        titel: Snelle fietsroutes
        samenvatting: Fietsen tussen de kernen.
        opgaven: [groen]
        status: idee
        deelnemers:
          aa: volledig
          bee: volledig
        ---
        """,
    )
    edit(
        repo, "projects/netwerk.md", "  bee:\n    variant: instap\n    vanaf: 2026\n", "  bee:\n    variant: volledig\n"
    )
    edit(repo, "themes/wonen/groen.md", "ook_themas: [energie]\n", "ook_themas: [energie]\nhangt_af_van: [net]\n")


EXPECTED = [
    "Nieuw project Snelle fietsroutes (idee), werkt aan Groen: Gemeente Aa en Gemeente Bee doen volledig mee.",
    "Gemeente Bee gaat bij Netwerk van Instapmodel naar Volledige participatie.",
    "Opgave Groen hangt nu af van Netcongestie.",
]


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_a_commit_with_three_changes_is_reported_as_exactly_those_three_by_diff_and_site(history):
    from groeiperspectief.build import build_site

    three_changes(history)
    commit(history, "Fietsroutes; Bee stapt in; groen wacht op net", "2025-06-01T12:00:00")

    result = CliRunner().invoke(main, ["-C", str(history.root), "diff", "HEAD~1"])
    assert result.exit_code == 1, result.output
    items = [line[2:].replace("**", "") for line in result.output.splitlines() if line.startswith("- ")]
    assert items == EXPECTED
    assert "3 veranderingen" in result.output

    history.write("mkdocs.yml", MKDOCS.format(day="2025-03-01"))
    site = build_site(history.root).site_dir
    page = (site / "inspiratiedag/index.html").read_text()
    assert "Wat is er nieuw sinds de inspiratiedag van 1 maart 2025" in plain(page)
    shown = [plain(li) for li in re.findall(r'<li class="gp-change[^"]*">(.*?)</li>', page, re.S)]
    assert shown == EXPECTED
    assert 'href="../projecten/fietsen/"' in page  # the new project links to its page
    # Bee's briefing tells Bee's changes; the home page points to the list.
    briefing = plain((site / "inspiratiedag/bee/index.html").read_text())
    assert EXPECTED[0] in briefing and EXPECTED[1] in briefing and EXPECTED[2] not in briefing
    assert EXPECTED[1] in plain((site / "index.html").read_text())


def test_diff_exit_codes_no_changes_and_errors(history, tmp_path):
    runner = CliRunner()
    same = runner.invoke(main, ["-C", str(history.root), "diff", "HEAD"])
    assert same.exit_code == 0 and "Geen veranderingen" in same.output
    unknown = runner.invoke(main, ["-C", str(history.root), "diff", "v9-bestaat-niet"])
    assert unknown.exit_code == 2 and "onbekende revisie 'v9-bestaat-niet'" in unknown.output
    (history.root / "projects/kapot.md").write_text("---\ntitel: x\n---\n")
    broken = runner.invoke(main, ["-C", str(history.root), "diff", "HEAD"])
    assert broken.exit_code == 2 and "projects/kapot.md:1: verplicht veld" in broken.output
    outside = Repo(tmp_path / "los", BASE)
    nogit = runner.invoke(main, ["-C", str(outside.root), "diff", "HEAD"])
    assert nogit.exit_code == 2 and "geen git-repository" in nogit.output
    assert "Traceback" not in broken.output + nogit.output + unknown.output


def test_a_date_names_the_last_commit_on_or_before_that_day(history):
    first = git(history.root, "rev-parse", "HEAD").strip()
    three_changes(history)
    commit(history, "Later", "2025-06-01T12:00:00")
    assert resolve(history.root, "2025-05-31").sha == first
    assert resolve(history.root, "2025-06-01").sha != first
    with pytest.raises(HistoryError, match="ligt voor het begin van de geschiedenis.*10 januari 2025"):
        resolve(history.root, "2024-12-31")
    with pytest.raises(HistoryError, match="geen geldige datum"):
        resolve(history.root, "2025-02-30")


def test_the_old_version_is_read_without_touching_the_working_tree(history):
    three_changes(history)  # uncommitted edits
    before = git(history.root, "status", "--porcelain")
    old = perspective_at(history.root, resolve(history.root, "HEAD"))
    assert "fietsen" not in old.projecten and old.projecten["netwerk"].deelnemers["bee"].variant == "instap"
    assert git(history.root, "status", "--porcelain") == before
    assert (history.root / "projects/fietsen.md").is_file()
    # Compared with the working tree: the same three changes.
    current, _ = load(history.root)
    assert [
        "".join(x if isinstance(x, str) else x.label for x in describe(c)) for c in compare(old, current)
    ] == EXPECTED


def test_clear_messages_instead_of_tracebacks(history, tmp_path, monkeypatch):
    current, _ = load(history.root)
    shallow = tmp_path / "ondiep"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(shallow)], check=True, capture_output=True
    )
    assert "ondiepe kloon" in since(shallow, "2025-01-10", current).message
    assert "geen git-repository" in since(Repo(tmp_path / "los", BASE).root, "2025-01-10", current).message
    empty = Repo(tmp_path / "leeg", BASE)
    git(empty.root, "init", "-q")
    assert "nog geen commits" in since(empty.root, "HEAD", current).message
    # Content with errors at the old version: said, not raised.
    (history.root / "projects/kapot.md").write_text("---\ntitel: x\n---\n")
    commit(history, "Kapot", "2025-02-01T12:00:00")
    message = since(history.root, "HEAD", current).message
    assert message.startswith("De inhoud van versie") and "projects/kapot.md:1" in message
    monkeypatch.setenv("PATH", str(tmp_path / "leeg-pad"))
    assert "Git is niet geïnstalleerd" in since(history.root, "HEAD", current).message


def test_every_kind_of_change_in_dutch(repo, tmp_path):
    old, _ = load(repo.root)
    edit(repo, "projects/huizen.md", "status: afgerond\n", "status: gestopt\n")
    edit(repo, "projects/huizen.md", "  bee: geen\n", "  prov: solidariteit\n")  # bee leaves, prov joins
    edit(repo, "projects/netwerk.md", "status: uitvoering\n", "status: afgerond\n")
    edit(repo, "themes/wonen/bouw.md", "hangt_af_van: [net]\n", "hangt_af_van: [wind]\n")
    repo.write("themes/energie/wind.md", "---\ntitel: Wind\nsamenvatting: Wind op land.\nhangt_af_van: [net]\n---\n")
    repo.write("content/organisaties/haven.md", "---\nnaam: Havenbedrijf\nsoort: bedrijf\n---\n")
    repo.remove("content/organisaties/prov.md")
    repo.write("content/organisaties/provincie.md", "---\nnaam: Provincie Zuid\nsoort: overheid\n---\n")
    for path in ("projects/huizen.md", "projects/netwerk.md"):
        edit(repo, path, "prov: solidariteit", "provincie: solidariteit")
    new, _ = load(repo.root)
    changes = compare(old, new)
    text = {c.kind: [] for c in changes}
    for c in changes:
        text[c.kind].append("".join(x if isinstance(x, str) else x.label for x in describe(c)))
    assert text["status"] == ["Huizen is gestopt (was afgerond).", "Netwerk is afgerond (was uitvoering)."]
    assert sorted(text["deelname"]) == sorted(
        [
            "Gemeente Bee staat niet meer bij de deelnemers van Huizen (was Geen deelname).",
            "Provincie Zuid sluit aan bij Huizen: Solidariteitsprincipe.",
            "Provincie staat niet meer bij de deelnemers van Netwerk (was Solidariteitsprincipe).",
            "Provincie Zuid sluit aan bij Netwerk: Solidariteitsprincipe.",
        ]
    )
    assert text["opgave-nieuw"] == ["Nieuwe opgave Wind in het thema Energie, hangt af van Netcongestie."]
    assert text["afhankelijkheid-nieuw"] == ["Opgave Woningbouw hangt nu af van Wind."]
    assert text["afhankelijkheid-weg"] == ["Opgave Woningbouw hangt niet meer af van Netcongestie."]
    assert text["organisatie-nieuw"] == ["Nieuwe organisatie Havenbedrijf.", "Nieuwe organisatie Provincie Zuid."]
    assert text["organisatie-weg"] == ["Organisatie Provincie is verwijderd."]
    assert [c.kind for c in changes.concerning("bee")] == ["status", "status", "deelname"]  # its projects, its stance
    assert [c.kind for c in changes.concerning("haven")] == ["organisatie-nieuw"]
    # Nothing changed: nothing reported; and the same input compares the same.
    assert not compare(new, new) and len(compare(old, new)) == len(changes)


def test_markdown_for_a_pull_request_escapes_what_editors_wrote():
    from groeiperspectief.history import Change, Changes

    evil = Ref("project", "x", "Fiets <img src=x onerror=alert(1)> *vet* [link](https://evil.example)")
    text = to_markdown(Changes([Change("status", evil, old="idee", new="verkenning")]), "main")
    line = next(x for x in text.splitlines() if x.startswith("- "))
    assert not re.search(r"(?<!\\)[<*\[]", line.replace("**", "", 1)[: -len("** gaat van idee naar verkenning.")])
    assert "\\<img" in line and "\\*vet\\*" in line and "\\[link\\]" in line
    assert line.endswith("gaat van idee naar verkenning.")
    assert to_markdown(Changes([]), "main").startswith("Geen veranderingen")


def test_a_revision_with_the_day_itself_shows_that_day(history):
    """inspiratiedag names a commit (made later than the meeting, as often); inspiratiedag_datum is the day shown."""
    from groeiperspectief.build import build_site

    three_changes(history)
    commit(history, "Na de inspiratiedag", "2025-06-01T12:00:00")
    revision = git(history.root, "rev-parse", "HEAD~1").strip()
    history.write("mkdocs.yml", MKDOCS.format(day=f'"{revision}"') + "      inspiratiedag_datum: 2025-03-14\n")
    page = plain((build_site(history.root).site_dir / "inspiratiedag/index.html").read_text())
    assert "Wat is er nieuw sinds de inspiratiedag van 14 maart 2025" in page
    assert f"vergeleken met versie {revision[:7]})" in page  # the commit's own date would contradict the day
