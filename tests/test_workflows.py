"""The editors' way to a merged pull request: the GitHub workflows, the pull-request template and the guide."""

from __future__ import annotations

import re

import yaml

from groeiperspectief.model import STATUSES, VARIANTS, Project
from groeiperspectief.validate import check

from .conftest import ROOT, copy_example

WORKFLOWS = ROOT / ".github" / "workflows"
GUIDE = ROOT / "content" / "bijdragen.md"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def run_steps(data: dict) -> list[str]:
    return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]


def commands(line: str) -> list[str]:
    """The commands of a shell line, without output redirections."""
    return [re.sub(r"\s*>\s*/dev/null", "", part).strip() for part in line.split("&&")]


def ci_commands() -> list[str]:
    """What .ci/run installs and runs, in order."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    found = [
        c
        for line in lines
        if line.strip().startswith(("apt-get install", "python3 -m venv"))
        for c in commands(line.strip())
    ]
    assert any("pytest" in c for c in found) and any("chromium" in c for c in found)
    return found


def test_workflows_are_github_actions_yaml():
    for name in ("check.yml", "publish.yml"):
        data = workflow(name)
        assert data["name"] and data["on"] and data["jobs"], name
        for job_id, job in data["jobs"].items():
            assert job["runs-on"] == "ubuntu-latest", (name, job_id)
            for step in job["steps"]:
                assert ("run" in step) != ("uses" in step), (name, step)
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_pull_request_check_runs_the_commands_of_ci_run():
    data = workflow("check.yml")
    assert "pull_request" in data["on"]
    steps = run_steps(data)
    script = "\n".join(steps)
    positions = [script.find(c) for c in ci_commands()]
    assert -1 not in positions, [c for c in ci_commands() if c not in script]
    assert positions == sorted(positions)
    order = [
        script.find(s)
        for s in (
            ".venv/bin/pip install",
            "groei check --format github",
            "groei build",
            "groei diff",
            ".venv/bin/python -m pytest",
        )
    ]
    assert -1 not in order and order == sorted(order), order


def test_diff_comment_waits_for_groei_diff_and_never_runs_on_forks():
    data = workflow("check.yml")
    [diff] = [s for s in run_steps(data) if "groei diff" in s]
    assert "groei diff --help" in diff and 'groei diff "origin/$BASE"' in diff
    assert "|| status=$?" in diff and '"$status" -gt 1' in diff  # exit 1 means "changes", not failure
    assert "${{" not in diff  # the base ref arrives through the environment, not pasted into the script
    [comment] = [
        s
        for job in data["jobs"].values()
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/github-script")
    ]
    assert "head.repo.full_name == github.repository" in comment["if"]
    assert data["permissions"]["pull-requests"] == "write"


def test_publish_builds_like_the_readme_and_deploys_pages():
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"]["pages"] == "write" and data["permissions"]["id-token"] == "write"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [build_line] = [
        line for line in readme.splitlines() if line.startswith("python3 -m venv") and "groei build" in line
    ]
    script = "\n".join(run_steps(data))
    for command in commands(build_line):
        assert command in script, command
    uses = [s["uses"] for job in data["jobs"].values() for s in job["steps"] if "uses" in s]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    [upload] = [
        s for s in data["jobs"]["bouwen"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")
    ]
    assert upload["with"]["path"] == "site/"


def test_pull_request_template_is_a_dutch_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 4
    assert any("groei check" in i for i in items) and any("groei serve" in i for i in items)
    assert any("kleur bekennen" in i for i in items)


# --- the guide ------------------------------------------------------------------------------------


def test_guide_explains_every_project_field_variant_and_status():
    text = GUIDE.read_text(encoding="utf-8")
    for name in [*Project.model_fields, *VARIANTS, *STATUSES]:
        assert f"`{name}`" in text, name
    for label in VARIANTS.values():
        assert label in text
    for command in ("groei new project", "groei serve", "groei check"):
        assert command in text


def test_guide_worked_example_passes_the_checker(tmp_path):
    text = GUIDE.read_text(encoding="utf-8")
    [example] = re.findall(r"^```markdown\n(.*?)^```$", text, flags=re.M | re.S)
    [command] = re.findall(r"^groei new project ([a-z0-9-]+)$", text, flags=re.M)
    root = copy_example(tmp_path / "regio")
    (root / "projects" / f"{command}.md").write_text(example, encoding="utf-8")
    result = check(root)
    mine = [str(p) for p in result.problems if p.path == f"projects/{command}.md"]
    assert result.ok and mine == [], mine  # no errors, and every kerngemeente chose (no warning)
    assert command in result.entries.projecten


def test_every_entity_page_links_to_the_guide(built_site):
    assert (built_site / "bijdragen" / "index.html").is_file()
    for page in ("projecten/circulaire-bouwhub", "opgaven/netcongestie", "themas/energie", "organisaties/dordrecht"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<p class="gp-edit">[^\n]*<a href="../../bijdragen/">Bijdragen</a>', html), page
