"""devtools/pine_inputs.py reads every input*() call of a script in declaration order: keyword and
positional forms, multi-line calls, untyped input(), constants, enums, comments and strings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from devtools import pine_inputs

SCRIPT = '''//@version=6
indicator("Made up", overlay=true)
GRP = "Smoothing"
enum Mode
    a = "Alpha"
    b = "Beta"
// input.int(99, "commented out") is not an input
tip = "a tooltip that says input.int(1) is not one either"
length = input.int(14, minval=1)
src    = input(close, title="Source")
mult   = input.float(title="StdDev", defval=2.0, minval=0.001, maxval=50, step=0.5)
kind   = input.string("SMA", "Type", options = ["None", "SMA", "EMA"], group = GRP)
show   = input(true, "", inline = "row")
color  tint = input(#2962ff, "Tint", inline = "row")
mode   = input.enum(Mode.b, "Mode")
choice = input.int(
     10,
     "Choice",
     [5, 10, 20],
     tooltip = tip)
offset = nz(input.int(0, "Offset", -500, 500) / 2)
'''


def rows() -> list[dict]:
    return pine_inputs.parse_script(SCRIPT)


def test_every_call_in_order_with_its_index() -> None:
    got = [(r["index"], r["type"], r["name"], r["label"]) for r in rows()]
    assert got == [(0, "int", "length", "length"), (1, "source", "src", "Source"), (2, "float", "mult", "StdDev"),
                   (3, "string", "kind", "Type"), (4, "bool", "show", ""), (5, "color", "tint", "Tint"),
                   (6, "enum", "mode", "Mode"), (7, "int", "choice", "Choice"), (8, "int", None, "Offset")]


def test_defaults_options_bounds_and_groups() -> None:
    r = rows()
    assert [x["default"] for x in r] == [14, "close", 2.0, "SMA", True, "#2962FF", "Beta", 10, 0]
    assert r[0]["title"] is None and r[4]["title"] == ""
    assert (r[2]["minval"], r[2]["maxval"], r[2]["step"]) == (0.001, 50, 0.5)
    assert r[3]["options"] == ["None", "SMA", "EMA"] and r[3]["group"] == "Smoothing"
    assert r[6]["options"] == ["Alpha", "Beta"]
    assert r[7]["options"] == [5, 10, 20] and r[7]["minval"] is None
    assert (r[8]["minval"], r[8]["maxval"]) == (-500, 500)
    assert r[4]["inline"] == "row"


def test_the_committed_table_has_the_shape_the_tests_read() -> None:
    doc = json.loads(pine_inputs.OUT.read_text())
    assert doc["source"] == pine_inputs.SOURCE
    macd = doc["scripts"]["Moving Average Convergence Divergence"]
    assert macd["declaration"] == "indicator"
    assert [r["label"] for r in macd["inputs"]] == ["Fast Length", "Slow Length", "Source", "Signal Smoothing",
                                                  "Oscillator MA Type", "Signal Line MA Type"]


PINE = os.environ.get("TRADINGVIEW_PINE_DIR")


@pytest.mark.skipif(not PINE or not Path(PINE).is_dir(), reason="TRADINGVIEW_PINE_DIR (the .pine folder) not set")
def test_the_committed_table_is_the_folders() -> None:
    assert pine_inputs.main(["--pine", PINE, "--check"]) == 0


def test_strings_hide_commas_comments_quotes_and_calls() -> None:
    """One string scanner (``string_end``) serves comments, arguments and the in-string check."""
    text = 'x = input.string("a, \\"b\\" // c", "T") // input.int(1)\ny = "input.int(2)"\n'
    assert pine_inputs.string_end(text, text.index('"')) == text.index(', "T"')
    assert pine_inputs.string_end('"open', 0) == 5
    assert len(pine_inputs.strip_comments(text)) == len(text)
    got = pine_inputs.parse_script(text)
    assert [(r["default"], r["title"]) for r in got] == [('a, "b" // c', "T")]
