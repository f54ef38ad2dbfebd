"""JSON Schemas of the entry kinds, generated from the content model so the contract is never written twice.

``schemas/<kind>.schema.json`` in a content repository lets an editor (VS Code with
the YAML extension) complete field names, variants and statuses and show mistakes
while typing (in YAML mode: see ``vscode.py``). The schemas hold what one file can say about itself: types, allowed
values, required and unknown fields, patterns. Rules between files (does the opgave
exist, is the trekker a deelnemer with variant volledig, cycles) are for
``groei check``, which stays the authority.

Regenerate after changing ``model.py`` with ``groei schema`` (which also writes
the VS Code files, ``vscode.py``); a test keeps the committed files equal.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .kinds import ENTRY_KINDS
from .model import MODELS, STATUSES, VARIANTS

__all__ = ["SCHEMA_DIR", "KIND_FILES", "entry_schema", "schemas"]

SCHEMA_DIR = "schemas"
# Where the entries of each kind live, as globs relative to the content repository ("!" excludes).
KIND_FILES: dict[str, list[str]] = {name: list(kind.files) for name, kind in ENTRY_KINDS.items()}
_ABOUT = {name: (kind.label, kind.about) for name, kind in ENTRY_KINDS.items()}
_CROSS_RULES = (
    "Verwijzingen naar andere items (bestaat de opgave, de organisatie?) en regels tussen velden "
    "controleert 'groei check'."
)
# Shown when completing a value, so the editor sees what the choice means.
_ENUM_NOTES = {tuple(VARIANTS): list(VARIANTS.values()), tuple(STATUSES): list(STATUSES.values())}


class _EditorSchema(GenerateJsonSchema):
    """pydantic's schema, adjusted where the models read YAML more leniently than the plain types say."""

    def str_schema(self, schema):
        js = super().str_schema(schema)
        if schema.get("strip_whitespace"):  # text is stripped before it is checked
            if "pattern" in js and js["pattern"].startswith("^") and js["pattern"].endswith("$"):
                js["pattern"] = rf"^\s*(?:{js['pattern'][1:-1]})\s*$"
            elif schema.get("min_length"):
                js.setdefault("pattern", r"\S")  # blanks alone are empty
        # The models read a YAML number as its text (coerce_numbers_to_str): `titel: 2030` is fine,
        # and so is a number whose digits fit the pattern.
        pattern = js.get("pattern")
        if pattern is None or re.search(pattern, "-1.5"):
            return {**js, "type": ["string", "number"]}
        if re.search(pattern, "2030"):
            return {"anyOf": [js, {"type": "integer", "minimum": 0}]}
        return js

    def dict_schema(self, schema):
        js = super().dict_schema(schema)
        pattern = schema.get("keys_schema", {}).get("pattern")
        if pattern:  # keys are ids; a key that is no id is an error, as in the checker
            values = js.pop("additionalProperties", None) or next(iter(js.pop("patternProperties").values()))
            # additionalProperties rather than patternProperties: only then does VS Code complete the values.
            js["additionalProperties"], js["propertyNames"] = values, {"pattern": pattern}
        return js

    def literal_schema(self, schema):
        js = super().literal_schema(schema)
        notes = _ENUM_NOTES.get(tuple(js.get("enum", ())))
        if notes:
            js["enumDescriptions"] = notes
        return js


def _tidy(node: Any) -> Any:
    """Drop what only helps developers: English class docstrings and ``default: null`` (completion would insert it)."""
    if isinstance(node, dict):
        out = {k: _tidy(v) for k, v in node.items() if not (k == "default" and v is None)}
        if "properties" in out and isinstance(out.get("description"), str) and out.get("type") == "object":
            out.pop("description")
        return out
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


def entry_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 7, as the VS Code YAML extension reads it) of one entry kind's front matter."""
    generated = _tidy(MODELS[kind].model_json_schema(schema_generator=_EditorSchema))
    title, about = _ABOUT[kind]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **generated,
        "title": title,
        "description": f"{about} {_CROSS_RULES}",
        # yaml-language-server reads a whole .md file as YAML documents: the front matter is the first,
        # the Markdown body (and any '---' in it) the next ones, which no schema should judge.
        "schemaSequence": [{"$ref": "#"}, *[{}] * 9],
    }


def schemas() -> dict[str, str]:
    """File name -> text of every schema, as committed under ``schemas/``."""
    return {
        f"{kind}.schema.json": json.dumps(entry_schema(kind), ensure_ascii=False, indent=2) + "\n" for kind in MODELS
    }
