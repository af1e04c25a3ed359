"""A minimal TOML writer for test data: plain nested tables as parsed by ``tomllib``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


def toml_key(key: str) -> str:
    """A key, quoted unless it is a bare TOML key (``"regime.name"`` needs quotes)."""
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A value as TOML text: numbers (incl. nan, inf), booleans, strings, arrays, inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON escapes are valid TOML escapes
    if isinstance(value, Mapping):
        items = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    return "[" + ", ".join(toml_value(item) for item in value) + "]"


def to_toml(tables: Mapping[str, Any]) -> str:
    """A TOML document: one ``[table]`` per top-level key, nested tables written inline."""
    lines = []
    for name, table in tables.items():
        if isinstance(table, Mapping):
            lines.append(f"[{toml_key(name)}]")
            lines.extend(f"{toml_key(key)} = {toml_value(value)}" for key, value in table.items())
        else:
            lines.insert(0, f"{toml_key(name)} = {toml_value(table)}")
        lines.append("")
    return "\n".join(lines)
