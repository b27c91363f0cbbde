"""Chart-IMG's study catalogue, shared by ``tests/test_chart_img_catalogue.py`` (names, keys,
defaults, plot names) and ``tests/test_study_tv_inputs.py`` (what ``in_N`` means).

``tests/data/chart_img/studies.json`` is derived by ``devtools/chart_img_catalogue.py`` from
Chart-IMG's API documentation, https://doc.chart-img.com/ ("TradingView Snapshot v2" >
"TradingView Chart Indicators": 92 studies, each with its request example, "Parameter input" and
"Parameter override" tables), read from the copy of that page saved on 2025-12-17 in
github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API
Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df (the page's newest entry in
"Recent Changes": Nov 26, 2025)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "chart_img" / "studies.json"


@cache
def catalogue() -> dict[str, dict]:
    """Chart-IMG study name -> ``{"inputs": [row, ...], "plots": [name, ...]}`` (page order)."""
    return json.loads(TABLE.read_text(encoding="utf-8"))["studies"]


@cache
def defaults() -> dict[str, dict]:
    """Chart-IMG study name -> {documented input key: documented default}."""
    return {name: {r["key"]: r["default"] for r in entry["inputs"]} for name, entry in catalogue().items()}


def position(key: str) -> int | None:
    """``in_N`` -> N (None for a named key such as ``smoothingLine``)."""
    found = re.fullmatch(r"in_(\d+)", key)
    return int(found.group(1)) if found else None
