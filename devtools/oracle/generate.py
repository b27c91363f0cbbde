"""Run the Pyne ports of TradingView's built-in studies on the committed bars and write the
expected vectors (``tests/data/oracle/<port>.json``). Oracle venv only (``make oracle``):
PyneCore is never a dependency of the package or of the tests.

A port (``ports/<name>.py``) is a Pyne script that follows its Pine source line by line; its
module constant ``CASE`` (an expression of literals) tells the test which of our studies it checks:
``{"study": name, "inputs": {template key: value}, "outputs": {plot title: our output key}}``
and optionally ``"series"`` (default: every series but ``NAMED_ONLY``), ``"runs"`` (extra input sets, each
``{"inputs": {port input: value}, "template": {template key: value}}``, optionally with its own
``"series"``, for a window study ``"visible": [first bar, last bar]``, the bars the test
gives it, and ``"exchange"``: the symbol's session, ``EXCHANGES``, which the test gives our
study), ``"security"`` (the timeframes the port's ``request.security`` calls ask for: each is
served from the chart's own bars, see ``feed``) and ``"next_period"`` (``{plot title:
title of the plot of its period's opening time}``: the test compares the bars of each period
with the plot's value on the next period's first bar, Ghost Pivots; the period plots are
written beside the outputs).
Usage: ``python devtools/oracle/generate.py [port ...]``.
"""

from __future__ import annotations

import ast
import csv
import json
import math
import os
import shutil
import sys
import tempfile
from datetime import time
from pathlib import Path

os.environ.setdefault("PYNE_NO_COLOR_LOG", "1")

from pynecore.core import import_hook  # noqa: F401  (must come before the scripts are imported)
from pynecore.core.ohlcv import OHLCVWriter
from pynecore.core.script_runner import ScriptRunner
from pynecore.core.syminfo import SymInfo, SymInfoInterval, SymInfoSession
from pynecore.types.ohlcv import OHLCV

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BARS = ROOT / "tests" / "data" / "oracle" / "bars"
OUT = ROOT / "tests" / "data" / "oracle"
NAMED_ONLY = {"weekly"}  # series a port runs only when its CASE names them (not in "every series")
SCRATCH = Path(tempfile.gettempdir()) / f"oracle-feeds-{os.getpid()}"


# a run's "exchange": the symbol's regular session as chart_export/sessions.py has it (time zone,
# open, close, weekdays 0 = Monday); the test gives our study that exchange's session. Without
# one, every series trades 24 hours a day, every day, in UTC.
EXCHANGES = {"NASDAQ": ("America/New_York", time(9, 30), time(16, 0), range(5))}


def syminfo(name: str, exchange: str | None = None) -> SymInfo:
    if exchange is not None:
        zone, start, end, days = EXCHANGES[exchange]
        info = syminfo(name)
        info.timezone = zone
        info.opening_hours = [SymInfoInterval(day=d, start=start, end=end) for d in days]
        info.session_starts = [SymInfoSession(day=d, time=start) for d in days]
        info.session_ends = [SymInfoSession(day=d, time=end) for d in days]
        return info
    every_day = range(7)
    return SymInfo(
        prefix="ORACLE", description=name, ticker=name.upper(), currency="USD",
        period={"intraday": "30", "eurusd_tv": "30", "weekly": "1W"}.get(name, "1D"),
        type="stock", mintick={"intraday": 0.0001, "eurusd_tv": 0.00001}.get(name, 0.01),
        pricescale={"intraday": 10000, "eurusd_tv": 100000}.get(name, 100), minmove=1, pointvalue=1,
        mincontract=1, timezone="UTC", volumetype="base", taker_fee=0.0, maker_fee=0.0,
        opening_hours=[SymInfoInterval(day=d, start=time(0, 0), end=time(23, 59, 59)) for d in every_day],
        session_starts=[SymInfoSession(day=d, time=time(0, 0)) for d in every_day],
        session_ends=[SymInfoSession(day=d, time=time(23, 59, 59)) for d in every_day],
    )


def bars(name: str) -> list[OHLCV]:
    with (BARS / f"{name}.csv").open() as f:
        return [OHLCV(int(r["time"]) * 1000, float(r["open"]), float(r["high"]), float(r["low"]),
                      float(r["close"]), float(r["volume"])) for r in csv.DictReader(f)]


def case(path: Path) -> dict:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["CASE"]:
            return eval(compile(ast.Expression(node.value), str(path), "eval"), {})  # a literal or a comprehension
    raise SystemExit(f"{path}: no CASE literal")


def number(v) -> float | None:
    """A plotted value, na as None; 12 significant digits (the tests allow 1e-9)."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return float(f"{f:.12g}") if math.isfinite(f) else None


def feed(series: str, exchange: str | None = None) -> Path:
    """The series as a PyneCore data file (``.ohlcv`` and its ``.toml`` symbol info, in a scratch
    directory): ``request.security`` reads its contexts from files only, and a same-symbol
    context built from this file is the higher timeframe aggregated from the chart's own bars
    (cut by the symbol info's time zone and sessions)."""
    path = SCRATCH / (f"{series}.ohlcv" if exchange is None else f"{series}-{exchange}.ohlcv")
    if not path.exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        info = syminfo(series, exchange)
        with OHLCVWriter(path, str(info.period), minmove=1, pricescale=info.pricescale, truncate=True) as w:
            for b in bars(series):
                w.write(b)
        info.save_toml(path.with_suffix(".toml"))
    return path


def run(path: Path, series: str, inputs: dict, titles, security: tuple = (), exchange: str | None = None
        ) -> dict[str, list]:
    sys.modules.pop(path.stem, None)
    extra = {}
    if security:  # the port's request.security timeframes, all on the chart's own symbol
        data = feed(series, exchange)
        extra = {"security_data": {tf: str(data) for tf in security}, "chart_data_path": data}
    runner = ScriptRunner(path, bars(series), syminfo(series, exchange), inputs=inputs or None, **extra)
    cols: dict[str, list] = {t: [] for t in titles}
    for _candle, plotted in runner.run_iter():
        for t in titles:
            cols[t].append(number(plotted.get(t)))
    return cols


def generate(path: Path) -> None:
    c = case(path)
    names = c.get("series") or sorted(p.stem for p in BARS.glob("*.csv") if p.stem not in NAMED_ONLY)
    runs = [{"inputs": {}, "template": {}}, *c.get("runs", ())]
    out = {"port": f"devtools/oracle/ports/{path.name}", "study": c["study"], "inputs": c.get("inputs", {}),
           "outputs": c["outputs"], **({"next_period": c["next_period"]} if "next_period" in c else {}), "runs": []}
    for r in runs:
        titles = [*c["outputs"], *c.get("next_period", {}).values()]
        vectors = {s: run(path, s, r["inputs"], titles, tuple(c.get("security", ())), r.get("exchange"))
                   for s in r.get("series") or names}
        out["runs"].append({"template": {**out["inputs"], **r["template"]}, "series": vectors,
                            **({"visible": r["visible"]} if "visible" in r else {}),
                            **({"exchange": r["exchange"]} if "exchange" in r else {})})
    text = json.dumps(out, separators=(",", ":"), allow_nan=False)
    (OUT / f"{path.stem}.json").write_text(text + "\n")
    path.with_suffix(".toml").unlink(missing_ok=True)  # PyneCore's record of the script's inputs
    print(f"{path.stem}: {len(runs)} run(s) x {len(names)} series")


def main(argv: list[str]) -> None:
    ports = sorted((HERE / "ports").glob("[!_]*.py"))
    if argv:
        ports = [p for p in ports if p.stem in argv]
    try:
        for p in ports:
            generate(p)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
