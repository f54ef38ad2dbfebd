"""Editor support for VS Code, generated like the schemas: settings, tasks and recommended extensions.

Measured with yaml-language-server 1.25 (the engine of VS Code's YAML extension):
it reads a Markdown entry only as YAML, and then every body in the example
content shows YAML syntax errors. So entries stay Markdown files; the schemas
are mapped for YAML mode (an editor switches a file to YAML to get completion),
and the tasks run ``groei check`` / ``groei serve`` with a problem matcher, so
the checker's own messages show on the right line in the Problems panel.
"""

from __future__ import annotations

import json
from pathlib import Path

from .schema import KIND_FILES, SCHEMA_DIR, schemas

__all__ = [
    "ERROR_PATTERN",
    "WARNING_PATTERN",
    "CHECK_BEGINS",
    "CHECK_ENDS",
    "vscode_files",
    "editor_files",
    "write_editor_files",
]

# One line of `groei check`: path:line[:column]: [waarschuwing: ]message (see problems.Problem.__str__).
# Errors and warnings are two matchers, as VS Code only knows the English severity words.
ERROR_PATTERN = r"^([^:\s][^:]*\.md)(?::(\d+))?(?::(\d+))?: (?!waarschuwing: )(.*)$"
WARNING_PATTERN = r"^([^:\s][^:]*\.md)(?::(\d+))?(?::(\d+))?: waarschuwing: (.*)$"
# While serving, the plugin starts each check with this line and ends it with the summary.
CHECK_BEGINS = r"^Controle van de inhoud"
CHECK_ENDS = r"^\d+ bestand(en)? gecontroleerd"


def _matchers(background: bool = False) -> list[dict]:
    matchers = []
    for severity, regexp in (("error", ERROR_PATTERN), ("warning", WARNING_PATTERN)):
        matcher = {
            "owner": "groei",
            "source": "groei",
            "fileLocation": ["relative", "${workspaceFolder}"],
            "severity": severity,
            "pattern": {"regexp": regexp, "file": 1, "line": 2, "column": 3, "message": 4},
        }
        if background:
            matcher["background"] = {
                "activeAtBeginning": True,
                "beginsPattern": CHECK_BEGINS,
                "endsPattern": CHECK_ENDS,
            }
        matchers.append(matcher)
    return matchers


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def vscode_files() -> dict[str, str]:
    """``.vscode/*.json`` of a content repository: path -> text."""
    settings = {
        "yaml.schemas": {f"./{SCHEMA_DIR}/{kind}.schema.json": globs for kind, globs in KIND_FILES.items()},
        "yaml.yamlVersion": "1.2",
    }
    tasks = {
        "version": "2.0.0",
        "tasks": [
            {
                "label": "groei: controleer",
                "type": "shell",
                "command": "groei check",
                "group": {"kind": "build", "isDefault": True},
                "problemMatcher": _matchers(),
                "presentation": {"reveal": "always", "clear": True},
            },
            {
                "label": "groei: voorbeeld",
                "type": "shell",
                "command": "groei serve",
                "isBackground": True,
                "problemMatcher": _matchers(background=True),
            },
        ],
    }
    extensions = {"recommendations": ["redhat.vscode-yaml"]}
    return {
        ".vscode/settings.json": _json(settings),
        ".vscode/tasks.json": _json(tasks),
        ".vscode/extensions.json": _json(extensions),
    }


def editor_files() -> dict[str, str]:
    """Every generated editor file of a content repository: the schemas and the VS Code files."""
    return {**{f"{SCHEMA_DIR}/{name}": text for name, text in schemas().items()}, **vscode_files()}


def write_editor_files(root: Path) -> list[Path]:
    """Write the editor files into ``root``; returns those that changed."""
    changed = []
    for rel, text in editor_files().items():
        target = root / rel
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed
