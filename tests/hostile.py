"""Hostile content: script payloads in every free-text field of every entry kind, and in Markdown bodies.

Every payload, if it ever ran, would call ``__pwn(n)`` with its own number
``n = 100 * field + payload``, so a run names the field and the payload that
broke through. The browser tests define ``__pwn`` (and trap ``alert``) before
any page script runs.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from .conftest import BASE, Repo

# Payloads for any text: HTML and attribute breakouts, script-in-JSON, comments, template syntax, entities.
TEXT_PAYLOADS = [
    "<script>__pwn({n})</script>",
    "<img src=x onerror=__pwn({n})>",
    '"><img src=x onerror=__pwn({n})>',
    "'><img src=x onerror=__pwn({n})>",
    '" onmouseover="__pwn({n})" x="',
    "' onfocus='__pwn({n})' autofocus x='",
    "</script><script>__pwn({n})</script>",
    "--><script>__pwn({n})</script><!--",
    "<svg onload=__pwn({n})>",
    "<details open ontoggle=__pwn({n})>",
    "<iframe srcdoc='<script>parent.__pwn({n})</script>'>",
    "javascript:__pwn({n})",
    "&lt;script&gt;__pwn({n})&lt;/script&gt;",
    "{{{{ 'PW' ~ 'N{n}' }}}}",
    "{{% if 1 %}}PW{{% endif %}}N{n}",
    "${{__pwn({n})}}",
    "<style>*{{background:url(https://evil.example/{n})}}</style>",
    "\n\n<script>__pwn({n})</script>\n\n",
    "\n\n[klik](javascript:__pwn({n}))\n\n",
    "\n\n*tekst*{{: onmouseover=__pwn({n}) }}\n\n",
    "\x02wzxhzdk:0\x03",
    "[klik](javascript:__pwn({n}))",
    "*tekst*{{: onclick=__pwn({n}) }}",
    "\n## kop {{: onmouseover=__pwn({n}) }}\n",
    "GROEIBLOK0GROEIBLOK",
]
# Payloads that only make sense in a Markdown body (and editorial pages).
BODY_PAYLOADS = TEXT_PAYLOADS + [
    "[klik](JaVaScRiPt:__pwn({n}))",
    "[klik](<javascript:__pwn({n})>)",
    "[klik](java&#x09;script:__pwn({n}))",
    "[klik][ref{n}]\n\n[ref{n}]: javascript:__pwn({n})",
    "[klik](data:text/html,<script>__pwn({n})</script>)",
    "![beeld](https://evil.example/track-{n}.png)",
    "![beeld](//evil.example/track-{n}.png)",
    '<a href="javascript:__pwn({n})">klik</a>',
    "<form action=javascript:__pwn({n})><button>klik</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:__pwn({n})'>",
    "<base href=https://evil.example/>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__pwn({n})>",
    '<noscript><p title="</noscript><img src=x onerror=__pwn({n})>">',
    "<span onclick=__pwn({n})>klik</span>",
    # Sources a browser reads as another host once it drops tab, CR and LF and strips C0 controls (rule 5).
    '<img src="/&#9;/evil.example/track-{n}.png" alt="a">',
    '<img src="https&#9;://evil.example/track-{n}.png" alt="b">',
    '<img src="&#1;//evil.example/track-{n}.png" alt="c">',
    '<img src="ht&#13;&#10;tps://evil.example/track-{n}.png" alt="d">',
    "![e](/&#9;/evil.example/track-{n}.png)",
    "![f](\\\\\\\\evil.example/track-{n}.png)",  # Markdown halves the backslashes; a browser reads two as //
]

# Numbers of the fields, for the payload numbers.
FIELDS = {
    "organisatie.naam": 1,
    "organisatie.body": 2,
    "thema.titel": 3,
    "thema.samenvatting": 4,
    "tafel.naam": 5,
    "thema.body": 6,
    "opgave.titel": 7,
    "opgave.samenvatting": 8,
    "opgave.body": 9,
    "project.titel": 10,
    "project.samenvatting": 11,
    "deelnemer.toelichting": 12,
    "link.titel": 13,
    "project.body": 14,
    "redactionele pagina": 15,
    "home-intro": 16,
}
SUMMARY_MAX = 300


def payloads(field: str, body: bool = False) -> list[str]:
    code = FIELDS[field]
    return [p.format(n=code * 100 + i) for i, p in enumerate(BODY_PAYLOADS if body else TEXT_PAYLOADS)]


def _chunks(texts: list[str], prefix: str) -> list[str]:
    """Texts joined into as few summaries as fit the contract's 300 characters."""
    chunks, current = [], prefix
    for text in texts:
        if len(current) + len(text) + 1 > SUMMARY_MAX:
            chunks.append(current)
            current = prefix
        current += " " + text
    return chunks + [current]


def _entry(front: dict, body: str = "") -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10**6) + "---\n" + body + "\n"


def write_payload_region(root: Path) -> dict[str, int]:
    """The test region of ``conftest.BASE`` plus entries with every payload in every free-text field.

    Returns the number of payloads placed per field.
    """
    repo = Repo(root, BASE)
    placed: dict[str, int] = {}

    def text(field: str, label: str) -> str:
        found = payloads(field)
        placed[field] = len(found)
        return label + " " + " ".join(found)

    def body(field: str) -> str:
        found = payloads(field, body=True)
        placed[field] = len(found)
        return "\n\n".join(found)

    summaries = {
        kind: _chunks(payloads(f"{kind}.samenvatting"), f"Samenvatting {kind}")
        for kind in ("thema", "opgave", "project")
    }
    for kind in summaries:
        placed[f"{kind}.samenvatting"] = len(payloads(f"{kind}.samenvatting"))
    count = max(len(s) for s in summaries.values())

    for i in range(count):
        pick = {kind: chunks[i % len(chunks)] for kind, chunks in summaries.items()}
        repo.write(
            f"content/organisaties/kwaad-{i}.md",
            _entry(
                {
                    "naam": text("organisatie.naam", f"Organisatie {i}"),
                    "soort": "gemeente",
                    "kern": i == 0,
                    "website": 'https://kwaad.example/"><script>__pwn(1)</script>',
                },
                body("organisatie.body"),
            ),
        )
        repo.write(
            f"themes/kwaad-{i}/index.md",
            _entry(
                {
                    "titel": text("thema.titel", f"Thema {i}"),
                    "samenvatting": pick["thema"],
                    "tafels": [
                        {
                            "id": f"kwaad-tafel-{i}",
                            "naam": text("tafel.naam", f"Tafel {i}"),
                            "soort": "triple-helix",
                            "leden": [f"kwaad-{i}", "aa"],
                        }
                    ],
                },
                body("thema.body"),
            ),
        )
        repo.write(
            f"themes/kwaad-{i}/kwaad-opgave-{i}.md",
            _entry(
                {
                    "titel": text("opgave.titel", f"Opgave {i}"),
                    "samenvatting": pick["opgave"],
                    "hangt_af_van": ["net"],
                    "raakt_aan": ["groen"],
                },
                body("opgave.body"),
            ),
        )
        repo.write(
            f"projects/kwaad-{i}.md",
            _entry(
                {
                    "titel": text("project.titel", f"Project {i}"),
                    "samenvatting": pick["project"],
                    "opgaven": [f"kwaad-opgave-{i}", "net"],
                    "status": "verkenning",
                    "trekker": f"kwaad-{i}",
                    "deelnemers": {
                        f"kwaad-{i}": "volledig",
                        "aa": {
                            "variant": "instap",
                            "vanaf": 2027,
                            "toelichting": text("deelnemer.toelichting", "Later"),
                        },
                        "bee": "geen",
                        **{f"kwaad-{j}": "solidariteit" for j in range(count) if j != i},
                    },
                    "contact": "kwaad@example.nl",
                    "links": [{"titel": text("link.titel", "Link"), "url": "https://kwaad.example/pad?a=\"'<>"}],
                },
                body("project.body"),
            ),
        )
    # The kern organisation states a variant on the base projects too: only payloads differ from a clean region.
    for name in ("netwerk", "huizen"):
        path = root / "projects" / f"{name}.md"
        path.write_text(path.read_text().replace("deelnemers:\n", "deelnemers:\n  kwaad-0: geen\n", 1))
    repo.write("content/kwaad.md", "# Redactionele pagina\n\n" + body("redactionele pagina") + "\n")
    repo.write("content/index.md", "# Kwaadaardige regio\n\n" + body("home-intro") + "\n")
    repo.write(
        "mkdocs.yml",
        textwrap.dedent("""\
        site_name: Kwaadaardige regio
        docs_dir: content
        theme:
          name: material
          language: nl
        plugins:
          - groeiperspectief
        markdown_extensions:
          - attr_list
          - toc
        """),
    )
    return placed


OUTSIDE = Path(__file__).parent / "data" / "hostile"
"""An outside hostile region, written by hand against CONTENT-MODEL.md (not generated from the payloads above)."""
REFUSED = OUTSIDE / "refused"
"""Hostile pages ``groei check`` refuses; not part of the region (see its README)."""


@dataclass
class HostileSite:
    name: str
    repo: Path
    site: Path
    url: str
    payloads: int
    """How many payloads the region holds (each a distinct ``__pwn(n)``, in a field or a body)."""


def prepare(name: str, root: Path) -> tuple[Path, int]:
    """Write the hostile region ``name`` into ``root``; returns the root and its number of payloads."""
    if name == "payloads":
        return root, sum(write_payload_region(root).values())
    shutil.copytree(OUTSIDE, root, ignore=lambda folder, names: ["refused"] if Path(folder) == OUTSIDE else [])
    numbers = {
        m
        for path in root.rglob("*")
        if path.is_file()
        for m in re.findall(r"__pwn\((\d+)\)", path.read_text(encoding="utf-8"))
    }
    return root, len(numbers)
