"""`groei serve` under hostile input (issue 11, rules 7 and 10): reserved ids, odd request paths and a mkdocs.yml
broken while it runs give Dutch messages and error pages, never a traceback, and the server keeps running."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from .conftest import BASE, Repo
from .test_serve import preview
from .test_site_config import GOOD


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_serve_survives_reserved_ids_odd_paths_and_a_broken_mkdocs_yml(tmp_path):
    repo = Repo(tmp_path / "regio", {**BASE, "mkdocs.yml": GOOD})
    repo.write("projects/index.md", BASE["projects/huizen.md"])
    with preview(repo.root) as running:
        status, body = _get(running.url)
        assert status == 200 and "kan geen id zijn" in body
        for path in ("%00", "a%00b/", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fmkdocs.yml", "%ff%fe", "projecten/%0d%0a"):
            status, body = _get(running.url + path)
            assert status in (200, 400, 404), (path, status)
            assert "root:" not in body and "site_name" not in body
        pwned = tmp_path / "PWNED"
        repo.write(
            "mkdocs.yml",
            GOOD + f'hooks:\n  - evil.py\nextra:\n  x: !!python/object/apply:os.system ["touch {pwned}"]\n',
        )
        running.wait_for("de vorige versie van de site blijft staan")
        assert "mkdocs.yml:12:" in running.output() and "laat tags als !!python weg" in running.output()
        assert running.process.poll() is None and not pwned.exists()
        repo.write("mkdocs.yml", GOOD)
        repo.remove("projects/index.md")
        deadline = time.monotonic() + 90
        while "kan geen id zijn" in _get(running.url)[1] or "Huizen" not in _get(running.url + "projecten/")[1]:
            assert time.monotonic() < deadline, running.output()
            time.sleep(0.5)
        assert running.process.poll() is None
    assert "Traceback" not in running.output(), running.output()
