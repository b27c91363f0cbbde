"""The inputs of TradingView's published built-in scripts, in declaration order: one JSON table.

    .venv/bin/python devtools/pine_inputs.py [--pine DIR] [--out tests/data/pine/inputs.json] [--check]

``--pine`` (default ``$TRADINGVIEW_PINE_DIR``) is a checkout of deepentropy/oakscriptJS's
``docs/official/indicators_standard/`` (134 ``.pine`` files). Every ``input*()`` call of each
script (``input``, ``input.int``, ``input.float``, ``input.bool``, ``input.string``,
``input.source``, ``input.color``, ``input.session``, ``input.timeframe``, ``input.symbol``,
``input.text_area``, ``input.enum``, ...), multi-line, keyword or positional, is one row:

- ``index``: its position among the script's inputs, counted from 0 (TradingView's ``in_N``);
- ``type``: the ``input.<type>`` name, or for an untyped ``input(...)`` the type of its default
  (``bool``, ``int``, ``float``, ``string``, ``source``, ``color``; a declared type wins);
- ``title``: the title as written (``None`` when the call gives none), ``name``: the variable it
  is assigned to, ``label``: what TradingView's settings show (the title, else the variable name,
  as Pine's reference says for a missing title);
- ``default`` (a Python value when it is a literal or a constant of the script, else the Pine
  text), ``options``, ``minval`` / ``maxval`` / ``step``, ``group``, ``inline``.

The output is our own derived table (no script text), with the source repository, folder and
commit in its header; ``tests/test_study_tv_inputs.py`` reads it without the Pine folder.
``--check`` exits 1 when the committed table differs from what the folder gives.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "pine" / "inputs.json"
SOURCE = {
    "repository": "deepentropy/oakscriptJS",
    "path": "docs/official/indicators_standard",
    "commit": "be99ba4eca42b59ad4bf48ccb7bd21020b029b43",
}

CALL = re.compile(r"(?<![\w.])input(?:\.(\w+))?\s*\(")
KEYWORD = re.compile(r"^\s*([A-Za-z_]\w*)\s*=(?!=)")
# Positional parameters after ``defval, title`` (Pine v6 reference), per input type.
POSITIONAL = {
    None: ("defval", "title", "tooltip", "inline", "group"),
    "int": ("defval", "title", "minval", "maxval", "step", "tooltip", "inline", "group"),
    "float": ("defval", "title", "minval", "maxval", "step", "tooltip", "inline", "group"),
    "string": ("defval", "title", "options", "tooltip", "inline", "group"),
    "session": ("defval", "title", "options", "tooltip", "inline", "group"),
    "timeframe": ("defval", "title", "options", "tooltip", "inline", "group"),
    "enum": ("defval", "title", "options", "tooltip", "inline", "group"),
}
SOURCES = ("open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4", "hlcc4")
TYPES = ("int", "float", "bool", "string", "color", "source")


def string_end(text: str, start: int) -> int:
    """The index just past the string literal whose opening quote is at ``start`` (backslash
    escapes skipped; the end of ``text`` when it is not closed)."""
    quote, i, n = text[start], start + 1, len(text)
    while i < n:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return n


def strip_comments(text: str) -> str:
    """The text with ``//`` comments blanked (strings kept), same length."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] in "\"'":
            end = string_end(text, i)
            out.append(text[i:end])
            i = end
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def call_args(text: str, start: int) -> tuple[list[str], int]:
    """The top-level comma-separated arguments of the call whose ``(`` is at ``start``."""
    depth, i, args, cur = 0, start, [], []
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            end = string_end(text, i)
            cur.append(text[i:end])
            i = end
            continue
        if ch in "([":
            depth += 1
            if depth > 1:
                cur.append(ch)
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                args.append("".join(cur))
                return [a.strip() for a in args if a.strip()], i
            cur.append(ch)
        elif ch == "," and depth == 1:
            args.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    raise ValueError(f"unclosed call at {start}")


def string_literal(text: str) -> str | None:
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        return t[1:-1].encode().decode("unicode_escape") if "\\" in t else t[1:-1]
    return None


def constants(text: str) -> dict[str, str]:
    """Top-level ``NAME = expr`` (with ``var`` / a type) of the script: name -> expression text."""
    out: dict[str, str] = {}
    for m in re.finditer(r"^(?:var\s+)?(?:(?:const\s+)?\w+\s+)?([A-Za-z_]\w*)\s*=(?!=)\s*(.+?)\s*$", text, re.M):
        out.setdefault(m.group(1), m.group(2))
    return out


def enums(text: str) -> dict[str, dict[str, str]]:
    """``enum Name`` blocks: name -> {field: title}."""
    out: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"^enum\s+(\w+)\s*\n((?:[ \t]+.*\n?)+)", text, re.M):
        fields = {}
        for line in m.group(2).splitlines():
            f = re.match(r"\s*(\w+)\s*(?:=\s*(.+?))?\s*$", line)
            if f and f.group(1):
                fields[f.group(1)] = string_literal(f.group(2) or "") or f.group(1)
        out[m.group(1)] = fields
    return out


def value(expr: str | None, consts: dict[str, str], enum_types: dict[str, dict[str, str]], depth: int = 0) -> Any:
    """A Python value for a literal or a script constant, else the Pine text."""
    if expr is None:
        return None
    t = expr.strip()
    s = string_literal(t)
    if s is not None:
        return s
    if t in ("true", "false"):
        return t == "true"
    if re.fullmatch(r"[-+]?\d+", t):
        return int(t)
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", t):
        return float(t)
    if t.startswith("[") and t.endswith("]"):
        inner, _ = call_args(t, 0)
        return [value(a, consts, enum_types, depth + 1) for a in inner]
    if re.fullmatch(r"#[0-9A-Fa-f]{6,8}", t):
        return t.upper()
    enum = re.fullmatch(r"(\w+)\.(\w+)", t)
    if enum and enum.group(1) in enum_types:
        return enum_types[enum.group(1)].get(enum.group(2), t)
    if t in SOURCES:
        return t
    if depth < 4 and re.fullmatch(r"[A-Za-z_]\w*", t) and t in consts:
        return value(consts[t], consts, enum_types, depth + 1)
    return t


def infer_type(default: Any, raw: str, declared: str | None) -> str:
    if declared in TYPES:
        return declared
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "float"
    raw = raw.strip()
    if raw in SOURCES:
        return "source"
    if raw.startswith(("#", "color.")) or (isinstance(default, str) and re.fullmatch(r"#[0-9A-F]{6,8}", default)):
        return "color"
    if isinstance(default, str) and string_literal(raw) is not None:
        return "string"
    return "unknown"


def target(text: str, start: int) -> tuple[str | None, str | None]:
    """(variable name, declared type) the call at ``start`` is assigned to."""
    line_start = text.rfind("\n", 0, start) + 1
    m = re.search(r"(?:var\s+)?(?:(\w+)\s+)?([A-Za-z_]\w*)\s*:?=\s*$", text[line_start:start])
    if not m:
        return None, None
    declared = m.group(1) if m.group(1) not in (None, "var", "varip") else None
    return m.group(2), declared


def parse_script(text: str) -> list[dict[str, Any]]:
    code = strip_comments(text.replace("\r\n", "\n"))
    consts = constants(code)
    enum_types = enums(code)
    rows = []
    for m in CALL.finditer(code):
        if _in_string(code, m.start()):
            continue
        kind = m.group(1)
        args, _ = call_args(code, m.end() - 1)
        given: dict[str, str] = {}
        names = POSITIONAL.get(kind, POSITIONAL[None])
        position = 0
        for a in args:
            kw = KEYWORD.match(a)
            if kw:
                given[kw.group(1)] = a[kw.end():].strip()
                continue
            name = names[position] if position < len(names) else f"arg{position}"
            if name == "minval" and a.startswith("["):  # input.int(defval, title, options, ...)
                name = "options"
            given[name] = a
            position += 1
        var, declared = target(code, m.start())
        default = value(given.get("defval"), consts, enum_types)
        title = value(given["title"], consts, enum_types) if "title" in given else None
        typ = kind if kind else infer_type(default, given.get("defval", ""), declared)
        options = value(given.get("options"), consts, enum_types)
        if kind == "enum" and options is None:
            enum_name = given.get("defval", "").split(".")[0]
            options = list(enum_types.get(enum_name, {}).values()) or None
        rows.append({
            "index": len(rows),
            "type": typ,
            "name": var,
            "title": title,
            "label": title if title is not None else var,
            "default": default,
            "options": options,
            "minval": value(given.get("minval"), consts, enum_types),
            "maxval": value(given.get("maxval"), consts, enum_types),
            "step": value(given.get("step"), consts, enum_types),
            "group": value(given.get("group"), consts, enum_types),
            "inline": value(given.get("inline"), consts, enum_types),
            "line": code.count("\n", 0, m.start()) + 1,
        })
    return rows


def _in_string(code: str, pos: int) -> bool:
    """Whether ``pos`` is inside a string literal of its line."""
    i = code.rfind("\n", 0, pos) + 1
    while i < pos:
        if code[i] in "\"'":
            i = string_end(code, i)
            if i > pos:
                return True
        else:
            i += 1
    return False


def table(folder: Path) -> dict[str, Any]:
    scripts = {}
    for path in sorted(folder.glob("*.pine"), key=lambda p: p.stem.lower()):
        text = path.read_text(encoding="utf-8", errors="replace")
        declared = re.search(r"^(indicator|strategy)\s*\(", text, re.M)
        scripts[path.stem] = {"declaration": declared.group(1) if declared else "unknown",
                              "inputs": parse_script(text)}
    return {
        "source": SOURCE,
        "generated_by": "devtools/pine_inputs.py",
        "note": "Derived table: each input*() call of each script in declaration order (index = TradingView's in_N). "
                "label = title, else the variable name (Pine: a missing title shows the variable name).",
        "scripts": scripts,
    }


def dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    env = os.environ.get("TRADINGVIEW_PINE_DIR")
    parser.add_argument("--pine", type=Path, default=Path(env) if env else None, help="the .pine folder")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from the folder's table")
    args = parser.parse_args(argv)
    if args.pine is None or not args.pine.is_dir():
        print(f"--pine {args.pine}: not a folder (set TRADINGVIEW_PINE_DIR)", file=sys.stderr)
        return 2
    text = dump(table(args.pine))
    if args.check:
        if not args.out.exists() or args.out.read_text() != text:
            print(f"{args.out} is out of date: run devtools/pine_inputs.py --pine {args.pine}", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    doc = json.loads(text)
    n = sum(len(s["inputs"]) for s in doc["scripts"].values())
    print(f"{args.out}: {len(doc['scripts'])} scripts, {n} inputs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
