"""Chart-IMG's older volatility estimators, annualised and in percent, each in its own pane. No
Pine source; the textbook estimators (as documented by e.g. the R package TTR's ``volatility()``),
with r = ln(close / close[1]), n = ``length`` and N = ``annual`` bars per year:

* Volatility Close-to-Close: 100 * sqrt(N) * the sample standard deviation (n - 1 in the
  denominator) of the last n returns.
* Volatility Zero Trend Close-to-Close: the same about a zero mean, 100 * sqrt(N * sum(r^2) / n).
* Volatility O-H-L-C: Garman and Klass (1980), 100 * sqrt(N / n * sum(ln(H/L)^2 / 2 -
  (2 ln 2 - 1) ln(C/O)^2)).

Defaults: length 10, 252 bars per year (trading days; set 365 for a market that never closes)."""

from __future__ import annotations

import numpy as np

from ._pine import div, log, msum, shift
from .spec import Pane, Plot, StudySpec, length

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
    n = p["length"]
    term = 0.5 * _log(c.high, c.low) ** 2 - (2 * LN2 - 1) * _log(c.close, c.open) ** 2
    return {"vol": 100.0 * np.sqrt(np.maximum(msum(term, n), 0.0) / n * p["annual"])}


def _spec(name, kind, short, compute, formula, aliases, minimum=1):
    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        source=f"Chart-IMG's catalogue (no Pine source): {formula}, annualised x sqrt(bars per year), in percent",
        inputs=(length("length", 10, "length", "Length", "period", "in_0", minimum=minimum),
                length("annual", 252, "annual", "Days Per Year", "daysPerYear", "in_1", maximum=100000)),
        plots=(Plot("vol", color="#2962FF", names=("plot", "vol")),),
        pane=Pane(include=(0.0,)),
        compute=compute,
        legend=lambda p, last, fmt: [("vol", f"{short} ({p['length']}, {p['annual']})  {fmt.fixed2(last['vol'])}")],
    )


STUDIES = (
    _spec("Volatility Close-to-Close", "vol_cc", "Vol C-C", _close_to_close,
          "sample standard deviation of the log returns over length bars", ("Volatility C-C",), minimum=2),
    _spec("Volatility Zero Trend Close-to-Close", "vol_zt", "Vol ZT C-C", _zero_trend,
          "root mean square of the log returns over length bars", ("Volatility Zero Trend C-C",)),
    _spec("Volatility O-H-L-C", "vol_ohlc", "Vol OHLC", _ohlc,
          "Garman-Klass estimator over length bars", ("Volatility OHLC",)),
)
