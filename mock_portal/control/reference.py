"""The control API's reference in Markdown, generated from the same table as everything else.

``docs/control-api.md`` holds, below its marker line, exactly what :func:`markdown` returns;
``tests/control/test_reference.py`` fails when they differ, and
``python -m mock_portal.control.reference`` rewrites the page. It reads the OpenAPI document
(:func:`mock_portal.control.openapi.document`), so the reference cannot say what the server does
not check.

Usage::

    python -m mock_portal.control.reference            # rewrite docs/control-api.md
    python -m mock_portal.control.reference --check    # exit 1 when the page is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mock_portal.control.openapi import document
from mock_portal.control.table import CALLS

MARKER = "<!-- generated from the control API table: do not edit below -->"
PAGE = Path(__file__).resolve().parents[2] / "docs" / "control-api.md"
_METHOD_ORDER = ("get", "post", "put", "delete")


def markdown() -> str:
    """Every call: method and path, what it does, its parameters and body fields with their
    rules, and each answer's status. Ends with a newline."""
    spec = document("http://127.0.0.1:8000")
    schemas: dict[str, Any] = spec["components"]["schemas"]
    parts: list[str] = []
    clients = {(call.method, "/__admin" + call.path): call.client for call in CALLS}
    for path, operations in spec["paths"].items():
        for method in sorted(operations, key=_METHOD_ORDER.index):
            section = _call(method.upper(), path, operations[method], schemas)
            client = clients[(method.upper(), path)]
            parts.append(section + f"\nFrom Python: `admin.{client}(...)` (`AdminClient`).\n")
    return "\n".join(parts)


def _call(method: str, path: str, operation: dict[str, Any], schemas: dict[str, Any]) -> str:
    lines = [f"### `{method} {path}`", "", operation["summary"] + ".", ""]
    parameters = [
        p for p in operation.get("parameters", []) if "$ref" not in p and p["in"] != "header"
    ]
    if parameters:
        lines += ["| parameter | in | required | rule |", "|---|---|---|---|"]
        for parameter in parameters:
            rule = _rule(parameter.get("schema", {}), schemas)
            required = "yes" if parameter.get("required") else "no"
            lines.append(f"| `{parameter['name']}` | {parameter['in']} | {required} | {rule} |")
        lines.append("")
    body = operation.get("requestBody")
    if body:
        schema = _resolve(body["content"]["application/json"]["schema"], schemas)
        required_fields = set(schema.get("required", []))
        lines.append("Body (JSON)" + (", required:" if body.get("required") else ", optional:"))
        lines += ["", "| field | required | rule |", "|---|---|---|"]
        for name, field in schema.get("properties", {}).items():
            required = "yes" if name in required_fields else "no"
            lines.append(f"| `{name}` | {required} | {_rule(field, schemas)} |")
        lines.append("")
    answers = [
        _answer(status, answer, schemas) for status, answer in operation["responses"].items()
    ]
    lines += ["Answers: " + "; ".join(answers) + ".", ""]
    return "\n".join(lines)


def _answer(status: str, answer: dict[str, Any], schemas: dict[str, Any]) -> str:
    """A success as its status and body fields; a refusal as its status and why."""
    if not status.startswith("2"):
        return f"{status} {_cell(answer['description'])}"
    content = answer.get("content", {}).get("application/json")
    if content is None:
        return status
    schema = _resolve(content["schema"], schemas)
    fields = list(schema.get("properties", {}))
    if schema.get("type") == "array":
        item = _resolve(schema.get("items", {}), schemas)
        return f"{status} with a list of {_fields(list(item.get('properties', {})))}"
    return f"{status} with {_fields(fields)}" if fields else f"{status} with a JSON object"


def _fields(names: list[str]) -> str:
    return "{" + ", ".join(f"`{name}`" for name in names) + "}" if names else "objects"


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _rule(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    """One table cell saying what a value may be: type, enum, pattern, lengths, bounds."""
    schema = _resolve(schema, schemas)
    options = [_resolve(s, schemas) for s in schema.get("anyOf", [schema])]
    nullable = any(o.get("type") == "null" for o in options)
    described = [_one(o, schemas) for o in options if o.get("type") != "null"]
    text = " or ".join(d for d in described if d) or "any"
    if nullable:
        text += " (or null)"
    if "default" in schema and schema["default"] is not None:
        text += f"; default `{schema['default']}`"
    if schema.get("description"):
        text += f"; {schema['description']}"
    return _cell(text)


def _one(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    if "enum" in schema:
        return " / ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:  # a Literal of one value
        return f"`{schema['const']}`"
    kind = schema.get("type", "")
    bits = [kind] if isinstance(kind, str) and kind else []
    if schema.get("format"):
        bits.append(schema["format"])
    if kind == "array" and "items" in schema:
        bits.append("of " + _rule(schema["items"], schemas))
    if "minLength" in schema or "maxLength" in schema:
        bits.append(f"{schema.get('minLength', 0)}-{schema.get('maxLength', '')} characters")
    for key, word in (("minimum", ">="), ("maximum", "<=")):
        if key in schema:
            bits.append(f"{word} {schema[key]}")
    if "pattern" in schema:
        bits.append(f"matching `{schema['pattern']}`")
    return ", ".join(bits)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page_with_reference(page: str) -> str:
    """``page`` with everything below :data:`MARKER` replaced by the generated reference.

    Raises ValueError when the page has no marker line."""
    head, found, _ = page.partition(MARKER)
    if not found:
        raise ValueError(f"no line {MARKER!r} in the page")
    return head + MARKER + "\n\n" + markdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mock_portal.control.reference")
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    parser.add_argument("--page", type=Path, default=PAGE)
    args = parser.parse_args(argv)
    current = args.page.read_text(encoding="utf-8")
    wanted = page_with_reference(current)
    if args.check:
        if current != wanted:
            print(f"{args.page} is stale: run python -m mock_portal.control.reference")
            return 1
        return 0
    args.page.write_text(wanted, encoding="utf-8")
    print(f"wrote {args.page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
