"""mkdocs.yml is untrusted input too (issue 11, rule 10): checked before MkDocs reads it, refused with its line
and a Dutch reason by `groei check`, `groei build` and `groei serve` (exit 1, never a traceback), and the texts
the theme shows run nothing in Chromium."""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from groeiperspectief.cli import main

from .browser import serve
from .conftest import ROOT, Repo, measured

GOOD = "site_name: Testregio\ndocs_dir: content\ntheme:\n  name: material\n  language: nl\nplugins:\n  - search\n  - groeiperspectief\n"

# Each: a hostile or broken mkdocs.yml, and words the message about it must hold.
HOSTILE = {
    "python-tag": ('site_name: !!python/object/apply:os.system ["touch {pwned}"]\n', "YAML-tag"),
    "python-name": ("markdown_extensions:\n  - toc:\n      slugify: !!python/name:os.system\n", "YAML-tag"),
    "env-tag": ("site_name: !ENV [GITHUB_TOKEN, HOME]\n", "YAML-tag"),
    "relative-tag": ("site_name: !relative $config_dir\n", "YAML-tag"),
    "inherit": ("INHERIT: ../../etc/mkdocs.yml\n", "INHERIT"),
    "hooks": ("hooks:\n  - evil.py\n", "hooks"),
    "docs-dir": ("docs_dir: projects\n", "docs_dir"),
    "site-dir-outside": ("site_dir: ../buiten\n", "site_dir"),
    "site-dir-absolute": ("site_dir: /tmp/elders\n", "site_dir"),
    "site-dir-content": ("site_dir: content/site\n", "site_dir"),
    "inspiratiedag-date": ("  - groeiperspectief:\n      inspiratiedag: 2025-13-45\n", "inspiratiedag"),
    "inspiratiedag-option": ("  - groeiperspectief:\n      inspiratiedag: '--output=/tmp/x'\n", "inspiratiedag"),
    "inspiratiedag-type": ("  - groeiperspectief:\n      inspiratiedag: [2025]\n", "inspiratiedag"),
    "inspiratiedag-datum": ("  - groeiperspectief:\n      inspiratiedag_datum: 14-11-2025\n", "inspiratiedag_datum"),
    "branch": ("  - groeiperspectief:\n      branch: 'a b'\n", "branch"),
    "wrong-type": ("use_directory_urls: ja\n", "use_directory_urls"),
    "wrong-type-name": ("site_name: [a, b]\n", "site_name"),
    "broken-yaml": ('site_description: "niet gesloten\n', "YAML-fout"),
    "not-a-mapping": ("- a\n- b\n", "instellingen"),
    "alias-bomb": (
        "extra:\n  a: &a ['"
        + "x" * 1000
        + "']\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
        "YAML-fout",
    ),
    "extra-javascript": ("extra_javascript:\n  - https://evil.example/x.js\n", "extra_javascript"),
    "extra-css": ("extra_css:\n  - stijl.css\n", "extra_css"),
    "logo-remote": ("theme:\n  name: material\n  logo: https://evil.example/logo.png\n", "theme.logo"),
    "favicon-outside": ("theme:\n  name: material\n  favicon: ../../../etc/passwd\n", "theme.favicon"),
    "custom-dir": ("theme:\n  name: material\n  custom_dir: overrides\n", "custom_dir"),
    "other-theme": ("theme:\n  name: readthedocs\n", "theme.name"),
    "snippets": ("markdown_extensions:\n  - pymdownx.snippets\n", "pymdownx.snippets"),
    "toc-text": ("markdown_extensions:\n  - toc:\n      permalink: '<img src=x onerror=alert(1)>'\n", "permalink"),
    "plugin": ("  - macros\n", "macros"),
    "repo-url": ("repo_url: javascript:alert(1)\n", "repo_url"),
    "nav": ("nav:\n  - '<img src=x onerror=alert(1)>': over.md\n", "nav"),
    "analytics": ("extra:\n  analytics:\n    provider: google\n    property: G-X\n", "extra.analytics"),
    "social": ("extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: javascript:alert(1)\n", "social"),
    "unknown": ("sitename: x\n", "site_name"),
}


def _config(case: str, pwned: Path) -> str:
    """The case's lines with the rest of a good mkdocs.yml (a plugin line goes under its plugins:)."""
    text = HOSTILE[case][0].replace("{pwned}", str(pwned))
    if text.startswith("  - "):
        return GOOD + text
    if text.startswith("- "):
        return text
    keys = {line.split(":", 1)[0] for line in text.splitlines() if line[:1].isalpha()}
    blocks = re.split(r"\n(?=\S)", GOOD.strip())
    return text + "".join(block + "\n" for block in blocks if block.split(":", 1)[0] not in keys)


@pytest.fixture
def site_repo(repo: Repo) -> Repo:
    repo.write("mkdocs.yml", GOOD)
    return repo


def _run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


SLOWEST: dict[str, float] = {}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_mkdocs_yml_is_refused_by_check_and_build_with_its_line(site_repo: Repo, case: str, tmp_path):
    pwned = tmp_path / "PWNED"
    site_repo.write("mkdocs.yml", _config(case, pwned))
    started = time.perf_counter()
    checked = _run(site_repo.root, "check")
    check_seconds = time.perf_counter() - started
    started = time.perf_counter()
    built = _run(site_repo.root, "build")
    build_seconds = time.perf_counter() - started
    SLOWEST[case] = max(check_seconds, build_seconds)
    measured("mkdocs.yml: slowest hostile case (check/build s)", max(SLOWEST.items(), key=lambda kv: kv[1]))
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
    word = HOSTILE[case][1]
    lines = [line for line in checked.output.splitlines() if line.startswith("mkdocs.yml")]
    assert lines and any(word in line for line in lines), checked.output
    assert all(line.startswith("mkdocs.yml:") for line in lines)
    assert any(line.split(":")[1].isdigit() for line in lines) or case == "not-a-mapping", lines
    assert not pwned.exists(), "MkDocs' loader ran the file's code"
    assert not (site_repo.root / "site").exists()
    assert check_seconds < 10 and build_seconds < 10


def test_the_example_and_a_fresh_init_pass(tmp_path):
    from groeiperspectief.problems import Problems
    from groeiperspectief.site_config import check_config

    problems = Problems()
    assert check_config(ROOT, problems) is not None and list(problems) == []
    assert _run(tmp_path, "init", str(tmp_path / "nieuw")).exit_code == 0
    assert check_config(tmp_path / "nieuw", problems) is not None and list(problems) == []


def test_serve_refuses_a_broken_mkdocs_yml_in_dutch(site_repo: Repo):
    site_repo.write("mkdocs.yml", GOOD + "hooks:\n  - evil.py\n")
    result = _run(site_repo.root, "serve", "-a", "127.0.0.1:65001")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "mkdocs.yml is niet bruikbaar" in result.output and "mkdocs.yml:9: 'hooks' is niet toegestaan" in result.output
    )


def test_an_unwritable_repository_root_is_a_dutch_message(site_repo: Repo, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = _run(site_repo.root, "build")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "kan de site niet schrijven in" in result.output and "Permission denied" in result.output


TEXTS = {
    "site_name": "<img src=x onerror=alert(1)>",
    "site_description": '"><img src=x onerror=alert(2)>',
    "site_author": "'><svg onload=alert(3)>",
    "copyright": "<script>alert(4)</script>&copy; A & B",
}


def test_the_theme_shows_mkdocs_texts_as_text(site_repo: Repo, page, tmp_path):
    yml = GOOD.replace("site_name: Testregio\n", "")
    yml = "".join(f"{key}: '{value.replace(chr(39), chr(39) * 2)}'\n" for key, value in TEXTS.items()) + yml
    site_repo.write("mkdocs.yml", yml)
    assert _run(site_repo.root, "check").exit_code == 0
    built = _run(site_repo.root, "build")
    assert built.exit_code == 0, built.output
    page.add_init_script("window.alert = (n) => { window.__pwned = (window.__pwned || []).concat([String(n)]); };")
    with serve(site_repo.root / "site") as url:
        for path in ("", "projecten/", "projecten/netwerk/", "404.html"):
            page.goto(url + path)
            page.mouse.move(10, 10)
            page.keyboard.press("Tab")
            assert page.evaluate("window.__pwned || []") == [], path
            assert page.locator("img[src=x], svg[onload], script:not([src])").filter(has_text="alert").count() == 0
        page.goto(url)
        assert TEXTS["site_name"] in page.title()
        assert TEXTS["site_name"] in page.locator(".md-header__topic").first.inner_text()
        assert "<script>alert(4)</script>© A & B" in page.locator(".md-copyright").inner_text()
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "groei-site-config-390.png"))
