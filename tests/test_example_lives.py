"""The example lives: a fresh clone of the repository, built with the README's command, shows what changed
since the example's inspiratiedag (a commit on main named in mkdocs.yml) on the site and in every briefing."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from groeiperspectief.perspective import load

from .conftest import ROOT

NOT_SHOWN = "kan nu niet worden getoond"


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_a_fresh_clone_shows_real_changes_since_the_inspiratiedag_everywhere(tmp_path: Path):
    clone = tmp_path / "kloon"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    groei = Path(sys.executable).with_name("groei")  # `.venv/bin/groei build`, as the README says
    done = subprocess.run([str(groei), "build"], cwd=clone, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site = clone / "site"

    page = (site / "inspiratiedag/index.html").read_text(encoding="utf-8")
    assert NOT_SHOWN not in page
    kinds = re.findall(r'class="gp-change gp-change--([a-z-]+)"', page)
    assert len(kinds) >= 3, kinds
    # Real change of each sort the issue names: a new project, a changed stance, a new dependency.
    assert {"project-nieuw", "deelname", "afhankelijkheid-nieuw"} <= set(kinds), kinds
    assert re.search(r"\d+ veranderingen sinds de inspiratiedag van", text(page))
    # Honestly example content: the new project says it was added to the example after the inspiratiedag.
    project = text((site / "projecten/slim-laden-in-de-wijk/index.html").read_text(encoding="utf-8"))
    assert "Voorbeeldproject: na de inspiratiedag aan de voorbeeldinhoud toegevoegd" in project

    assert NOT_SHOWN not in (site / "index.html").read_text(encoding="utf-8")
    p, _ = load(clone)
    assert len(p.kern) == 7
    for oid in p.kern:
        briefing = (site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8")
        assert NOT_SHOWN not in briefing, oid
        news = briefing[briefing.index('<h2 id="wat-is-er-nieuw') :]
        news = news[: news.index("</ul>")]
        assert news.count("<li") >= 3, (oid, text(news))
        # Each line it shows concerns this municipality: it is named in it.
        for item in re.findall(r"<li>(.*?)</li>", news, re.S):
            assert p.organisaties[oid].naam in text(item) or "gaat van" in text(item), (oid, text(item))
