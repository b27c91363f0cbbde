"""Chart-IMG's study catalogue (API v2 "TradingView Chart Indicators"), as one JSON table.

    .venv/bin/python devtools/chart_img_catalogue.py [--html FILE] [--out tests/data/chart_img/studies.json] [--check]

The page is Chart-IMG's API documentation, https://doc.chart-img.com/, as saved on 2025-12-17 in
github.com/217th/tda_worker_chart_export, ``docs-worker-chart-export/chart-img-docs/API
Documentation.htm`` at commit aed440f7cddd9a1841523bbc2eb00cafced220df. ``--html`` reads that file
(default: ``git show`` of it from ``$CHART_IMG_REPO``, a clone of that repository). Each study of the
"TradingView Chart Indicators" section (one ``<h2>`` each) gives one entry:

- ``inputs``: its "Parameter input" table in order: ``key`` (``in_N`` or a named key such as
  ``smoothingLine``), ``type`` (Chart-IMG's: Integer, Float, Boolean, String, Source), ``default``
  (a Python value), ``title`` (the description's words before its bounds or options: ``length``,
  ``divisor``), ``min`` / ``max``, ``options``;
- ``plots``: the names its "Parameter override" table styles (``Plot`` of ``Plot.color``,
  ``Histogram`` of ``Histogram.color.0``), in order: plots, and also its bands and hlines
  (``UpperLimit``, ``Hlines Background``, ``Zero``); the volume profile's ``graphics.*`` keys are left out;
- ``overrides``: every row of that table in order: ``key`` (``Plot.color``, ``Histogram.color.0``,
  ``UpperLimit.value``, ``graphics.horizlines.pocLines.color``), ``type`` (Chart-IMG's: Color,
  Integer, Float, String, Boolean) and ``default`` (as the page writes it, numbers as numbers).

The output is our own derived table (no page text beyond the names, titles and values);
``tests/test_chart_img_catalogue.py`` and ``tests/test_study_tv_inputs.py`` read it. ``--check``
exits 1 when the committed table differs from what the page gives.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "chart_img" / "studies.json"
SOURCE = {
    "page": "https://doc.chart-img.com/ (TradingView Snapshot v2 > TradingView Chart Indicators)",
    "repository": "217th/tda_worker_chart_export",
    "path": "docs-worker-chart-export/chart-img-docs/API Documentation.htm",
    "commit": "aed440f7cddd9a1841523bbc2eb00cafced220df",
}

SECTION = re.compile(r'<h1 id="tradingview-chart-indicators">(.*?)(?=<h1 id=)', re.S)
STUDY = re.compile(r'<h2 id="[^"]*">(.*?)</h2>(.*?)(?=<h2 id=|\Z)', re.S)
TABLE = re.compile(r'<h3 id="parameter-(input|override)[^"]*">.*?</h3>\s*<table>.*?<tbody>(.*?)</tbody>', re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td>(.*?)</td>", re.S)
TAG = re.compile(r"<[^>]+>")


def text(cell: str) -> str:
    return " ".join(html.unescape(TAG.sub("", cell)).split())


def number(s: str) -> int | float:
    return float(s) if re.search(r"[.eE]", s) else int(s)


def value(kind: str, s: str) -> Any:
    if kind == "Boolean":
        return {"true": True, "false": False}[s.lower()]
    if kind in ("Integer", "Float"):
        try:
            v = number(s)
        except ValueError:
            return s
        return float(v) if kind == "Float" else v
    return s


def describe(kind: str, cell: str) -> dict[str, Any]:
    """The description cell: ``title (Min: a, Max: b)`` or ``title [opt, opt]``."""
    out: dict[str, Any] = {"title": None, "min": None, "max": None, "options": None}
    options = re.search(r"\[(.*)\]", cell, re.S)
    if options:
        out["options"] = [value(kind, text(o)) for o in re.findall(r"<code>(.*?)</code>", options.group(1), re.S)]
        cell = cell[:options.start()] + cell[options.end():]
    bounds = re.search(r"\(Min:(.*?),\s*Max:(.*?)\)", cell, re.S)
    if bounds:
        out["min"], out["max"] = (number(text(b)) for b in bounds.groups())
        cell = cell[:bounds.start()] + cell[bounds.end():]
    out["title"] = text(cell) or None
    return out


def parse(page: str) -> dict[str, dict]:
    section = SECTION.search(page)
    if section is None:
        raise SystemExit("no 'TradingView Chart Indicators' section")
    studies: dict[str, dict] = {}
    for head, body in STUDY.findall(section.group(1)):
        name = text(head)
        entry: dict[str, Any] = {"inputs": [], "plots": [], "overrides": []}
        for which, rows in TABLE.findall(body):
            for row in ROW.findall(rows):
                cells = CELL.findall(row)
                if len(cells) != 4:
                    continue
                key, kind, default = text(cells[0]), text(cells[1]), text(cells[2])
                kind = "Color" if kind.startswith("Color") else kind  # the page writes "Color2196F3" twice
                if which == "input":
                    entry["inputs"].append({"key": key, "type": kind, "default": value(kind, default),
                                            **describe(kind, cells[3])})
                    continue
                entry["overrides"].append({"key": key, "type": kind, "default": value(kind, default)})
                if "." in key and not key.startswith("graphics."):  # "Plot.color", "Histogram.color.0"
                    plot = key.split(".", 1)[0]
                    if plot not in entry["plots"]:
                        entry["plots"].append(plot)
        studies[name] = entry
    return studies


def read_page(path: str | None) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8")
    repo = os.environ.get("CHART_IMG_REPO")
    if not repo:
        raise SystemExit("give --html FILE or CHART_IMG_REPO (a clone of 217th/tda_worker_chart_export)")
    git = ["git", f"--git-dir={repo}"] if repo.endswith(("repo", ".git")) else ["git", "-C", repo]
    return subprocess.run([*git, "show", f"{SOURCE['commit']}:{SOURCE['path']}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", help="the saved page (default: git show from $CHART_IMG_REPO)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when --out differs from the page")
    args = ap.parse_args(argv)
    doc = {"source": SOURCE, "studies": parse(read_page(args.html))}
    out = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == out
        print("up to date" if same else f"{args.out} differs from the page")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(out, encoding="utf-8")
    print(f"{len(doc['studies'])} studies -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
