"""`groei serve` as a new editor uses it: add a project, see it, break it, read the message, fix it, see it back.

The preview runs as its own process (as an editor starts it) on a free loopback
port; Chromium keeps one page open and must be reloaded by the preview itself.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from groeiperspectief.cli import main
from groeiperspectief.vscode import CHECK_BEGINS, CHECK_ENDS

from .conftest import copy_example

pytestmark = pytest.mark.browser

START_TIMEOUT = 40  # s: the first build of the example site
RELOAD_TIMEOUT = 30_000  # ms: one rebuild and the browser's reload


class Preview:
    """A running `groei serve`: its URL and everything it printed."""

    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process, self.url, self.lines = process, url, []

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = RELOAD_TIMEOUT / 1000) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            assert time.monotonic() < deadline, f"niet gezien: {text}\n{self.output()}"
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def preview(root: Path) -> Iterator[Preview]:
    """Start `groei serve` in ``root``; always stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "groeiperspectief", "-C", str(root), "serve", "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    running = Preview(process, f"http://127.0.0.1:{port}/")
    threading.Thread(
        target=lambda: running.lines.extend(line.rstrip("\n") for line in process.stdout), daemon=True
    ).start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while f"Voorbeeld van de site: {running.url}" not in running.output():
            assert process.poll() is None, f"groei serve stopte:\n{running.output()}"
            assert time.monotonic() < deadline, f"groei serve start niet:\n{running.output()}"
            time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def line_of(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(prefix))


def _reloaded_to(page, text: str) -> None:
    """Wait until the preview itself reloaded the page (the marker is gone) and ``text`` shows."""
    page.wait_for_function(
        "t => window.groeiMarker === undefined && document.body && document.body.innerText.includes(t)",
        arg=text,
        timeout=RELOAD_TIMEOUT,
    )
    page.evaluate("window.groeiMarker = 1")


def test_new_editor_walk_add_see_break_fix(tmp_path, page):
    root = copy_example(tmp_path / "regio")
    with preview(root) as running:
        new = CliRunner().invoke(main, ["-C", str(root), "new", "project", "fietsbrug"])
        assert new.exit_code == 0, new.output
        assert "http://127.0.0.1:8000/projecten/fietsbrug/" in new.output  # where to look, said by groei new
        source = root / "projects" / "fietsbrug.md"

        # The untouched template names what is missing, in the terminal and on the page it will become.
        text = source.read_text(encoding="utf-8")
        empty_title = f"projects/fietsbrug.md:{line_of(text, 'titel:')}: verplicht veld 'titel' is leeg"
        running.wait_for(empty_title)
        page.goto(running.url + "projecten/fietsbrug/")
        assert page.locator("h1").inner_text() == "De inhoud bevat fouten"
        assert empty_title in page.locator(".gp-problems").inner_text()
        page.evaluate("window.groeiMarker = 1")

        # Filled in as the guide says (every kerngemeente chooses): the page reloads into the project.
        for old, new_text in {
            "titel:  ": "titel: Fietsbrug over de Noord  ",
            "samenvatting:  ": "samenvatting: Een fietsbrug.  ",
            "opgaven: []": "opgaven: [regionaal-fietsnetwerk]",
        }.items():
            assert old in text, old
            text = text.replace(old, new_text)
        text = re.sub(
            r"^  ([a-z0-9-]+):$",
            lambda m: f"  {m[1]}: {'volledig' if m[1] == 'dordrecht' else 'geen'}",
            text,
            flags=re.M,
        )
        source.write_text(text, encoding="utf-8")
        _reloaded_to(page, "Fietsbrug over de Noord")
        assert page.locator("h1").inner_text() == "Fietsbrug over de Noord"
        assert "Volledige participatie" in page.locator("main").inner_text()

        # Broken: the same page shows the checker's message with file and line, and so does the terminal.
        source.write_text(text.replace("status: idee", "status: bezig"), encoding="utf-8")
        _reloaded_to(page, "'bezig' is geen status")
        message = f"projects/fietsbrug.md:{line_of(text, 'status:')}: status: 'bezig' is geen status; kies uit idee, verkenning"
        assert page.locator(".gp-problems li").first.inner_text().startswith(message)
        assert message in running.output()
        assert page.locator("article").get_by_role("link", name="Bijdragen").count() == 1
        page.screenshot(path=str(tmp_path / "fout.png"))

        # Fixed: the project is back, without a reload by hand.
        source.write_text(text, encoding="utf-8")
        _reloaded_to(page, "Fietsbrug over de Noord")
        assert page.locator("h1").inner_text() == "Fietsbrug over de Noord"
        assert "De fouten zijn hersteld" in running.output()
        page.goto("about:blank")  # leave before the preview stops, as an editor closes the tab
    assert "Traceback" not in running.output()
    # Each check in the terminal is framed as the VS Code task's problem matcher expects.
    assert re.search(CHECK_BEGINS, running.output(), flags=re.M) and re.search(CHECK_ENDS, running.output(), flags=re.M)


def test_a_fresh_init_repository_serves(tmp_path):
    assert CliRunner().invoke(main, ["-C", str(tmp_path), "init", "regio-west"]).exit_code == 0
    with preview(tmp_path / "regio-west") as running:
        with urllib.request.urlopen(running.url, timeout=10) as response:
            home = response.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(running.url + "bestaat-niet/", timeout=10)
        assert missing.value.code == 404 and "Pagina niet gevonden" in missing.value.read().decode("utf-8")
    assert "Groeiperspectief Regio West" in home


def test_serve_says_in_dutch_when_the_port_is_taken(tmp_path):
    assert CliRunner().invoke(main, ["-C", str(tmp_path), "init", "regio"]).exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["-C", str(tmp_path / "regio"), "serve", "-a", str(port)])
    assert result.exit_code == 1
    assert f"adres 127.0.0.1:{port} is al in gebruik" in result.output and f"-a 127.0.0.1:{port + 1}" in result.output


def test_error_pages_escape_what_the_editor_wrote_and_stand_at_every_page():
    from groeiperspectief.problems import Problems
    from groeiperspectief.serve import error_tree

    problems = Problems()
    problems.add("projects/x.md", 5, "'<script>alert(1)</script>' is geen status", code="literal_error")
    tree = error_tree(problems, ["projecten/oud.md"], guide=True)
    assert {"index.md", "projecten/oud.md", "projecten/x.md", "themas/index.md"} <= set(tree)
    page = tree["projecten/x.md"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="../../bijdragen/">Bijdragen</a>' in page


# A value with blank lines would end the error page's HTML block: what follows would be Markdown, and a link
# or attr_list in it live (issue 11, rule 8). In a field's value, and in a file name.
HOSTILE_STATUS = (
    "bezig\\n\\n[klik](javascript:__pwn(301))\\n\\n*nadruk*{: onmouseover=__pwn(302) }\\n\\n"
    "<img src=x onerror=__pwn(303)>\\n\\n## kop {: #__config }\\n\\n\\r\\n\\r\\n[r](javascript:__pwn(304))\\n"
)
HOSTILE_NAME = "kwaad\n\n[klik](javascript:__pwn(305))\n\n*x*{: onclick=__pwn(306) }\n\n.md"


def test_the_error_page_shows_hostile_values_as_text(tmp_path, page):
    from .test_injection import DOM_CHECK, TRAP, _hover_and_focus, _pwned

    root = copy_example(tmp_path / "regio")
    project = root / "projects" / "circulaire-bouwhub.md"
    text = project.read_text(encoding="utf-8")
    project.write_text(
        re.sub(r"^status: .*$", f'status: "{HOSTILE_STATUS}"', text, count=1, flags=re.M), encoding="utf-8"
    )
    (root / "projects" / HOSTILE_NAME).write_text(text, encoding="utf-8")
    page.context.add_init_script(TRAP)
    with preview(root) as running:
        running.wait_for("is geen status")
        running.wait_for("is geen geldige bestandsnaam")
        page.goto(running.url + f"projecten/{project.stem}/")
        assert page.locator("h1").inner_text() == "De inhoud bevat fouten"
        problems = page.locator(".gp-problems").inner_text()
        # Shown as written, as text: every payload, in its message.
        for shown in (
            "[klik](javascript:__pwn(301))",
            "*nadruk*{: onmouseover=__pwn(302) }",
            "<img src=x onerror=__pwn(303)>",
            "## kop {: #__config }",
            "[klik](javascript:__pwn(305))",
            "*x*{: onclick=__pwn(306) }",
        ):
            assert shown in problems, shown
        assert page.locator(".gp-problems li").count() == 2
        bad = page.evaluate(DOM_CHECK)
        assert page.evaluate("() => [...document.querySelectorAll('[id=\"__config\"]')].map(e => e.tagName)") == [
            "SCRIPT"
        ]
        _hover_and_focus(page)
        bad += page.evaluate(DOM_CHECK)
        assert bad == [] and _pwned(page) == []
        page.goto("about:blank")
    assert "Traceback" not in running.output()
