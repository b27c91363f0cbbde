"""Chart-IMG's older volatility estimators, annualised and in percent, each in its own pane. No
Pine source; the textbook estimators (as documented by e.g. the R package TTR's ``volatility()``),
with r = ln(close / close[1]), n = ``length`` and N = ``annual`` bars per year:

* Volatility Close-to-Close: 100 * sqrt(N) * the sample standard deviation (n - 1 in the
  denominator) of the last n returns.
* Volatility Zero Trend Close-to-Close: the same about a zero mean, 100 * sqrt(N * sum(r^2) / n).
* Volatility O-H-L-C: Garman and Klass (1980), 100 * sqrt(N / n * sum(ln(H/L)^2 / 2 -
  (2 ln 2 - 1) ln(C/O)^2)); with a fraction f > 0 of the day closed (``closed``), their
  estimator with the opening jump, each bar's term 0.12 ln(O / C[1])^2 / f + 0.88 term / (1 - f).

Inputs and defaults from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart
Indicators"; saved copy in 217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7): ``periods`` 10 (Close-to-Close from 2), ``daysPerYear``
252 (Close-to-Close up to 366), O-H-L-C's ``marketClosedPercentage`` 0 (0..0.999); plot "Plot",
blue (rgb(33,150,243)), O-H-L-C red (rgb(255,82,82)). The page names no ``in_N``: the positions
follow its input tables' order. The formulas are not on that page (the textbook ones above)."""

from __future__ import annotations

import numpy as np

from ._pine import div, log, msum, shift
from .spec import Pane, Plot, StudySpec, length, number

LN2 = float(np.log(2.0))


def _log(a, b) -> np.ndarray:
    """ln(a / b), na where the ratio is na, infinite or not positive (as Historical Volatility)."""
    return log(div(a, b))


def _close_to_close(c, p):
    r, n = _log(c.close, shift(c.close, 1)), p["length"]
    mean = msum(r, n) / n
    var = np.maximum(msum(r * r, n) - n * mean * mean, 0.0) / (n - 1)
    return {"vol": 100.0 * np.sqrt(var * p["annual"])}


def _zero_trend(c, p):
    r, n = _log(c.close, shift(c.close, 1)), p["length"]
    # a rolling sum of squares can end a rounding residue below 0 (TradingView's machine)
    return {"vol": 100.0 * np.sqrt(np.maximum(msum(r * r, n), 0.0) / n * p["annual"])}


def _ohlc(c, p):
    n, f = p["length"], p["closed"]
    term = 0.5 * _log(c.high, c.low) ** 2 - (2 * LN2 - 1) * _log(c.close, c.open) ** 2
    if f > 0:
        term = 0.12 * _log(c.open, shift(c.close, 1)) ** 2 / f + 0.88 * term / (1.0 - f)
    return {"vol": 100.0 * np.sqrt(np.maximum(msum(term, n), 0.0) / n * p["annual"])}


def _closed(p) -> str:
    return f"{p['closed']:g}, " if "closed" in p else ""


def _spec(name, kind, short, compute, formula, aliases, minimum=1, color="#2196F3", closed=False, max_days=100000):
    extra = (number("closed", 0.0, "marketClosedPercentage", "Market Closed Percentage", "in_1", minimum=0.0,
                    maximum=0.999),) if closed else ()
    days = f"in_{1 + len(extra)}"
    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        source=f"Chart-IMG's catalogue (no Pine source): {formula}, annualised x sqrt(bars per year), in percent",
        inputs=(length("length", 10, "periods", "length", "Length", "period", "in_0", minimum=minimum,
                       maximum=100000),
                *extra,
                length("annual", 252, "daysPerYear", "annual", "Days Per Year", days, maximum=max_days)),
        plots=(Plot("vol", color=color, names=("plot", "vol")),),
        pane=Pane(include=(0.0,)),
        compute=compute,
        legend=lambda p, last, fmt: [("vol", f"{short} ({p['length']}, {_closed(p)}{p['annual']})  "
                                             f"{fmt.fixed2(last['vol'])}")],
    )


STUDIES = (
    _spec("Volatility Close-to-Close", "vol_cc", "Vol C-C", _close_to_close,
          "sample standard deviation of the log returns over length bars", ("Volatility C-C",), minimum=2,
          max_days=366),
    _spec("Volatility Zero Trend Close-to-Close", "vol_zt", "Vol ZT C-C", _zero_trend,
          "root mean square of the log returns over length bars", ("Volatility Zero Trend C-C",)),
    _spec("Volatility O-H-L-C", "vol_ohlc", "Vol OHLC", _ohlc,
          "Garman-Klass estimator over length bars (with the opening jump when part of the day is closed)",
          ("Volatility OHLC",), color="#FF5252", closed=True),
)
