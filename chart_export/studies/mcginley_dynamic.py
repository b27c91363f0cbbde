"""McGinley Dynamic, TradingView's built-in::

    source = close
    mg = 0.0
    mg := na(mg[1]) ? ta.ema(source, length) : mg[1] + (source - mg[1]) / (length * math.pow(source/mg[1], 4))
    plot(mg, "McGinley Dynamic")

Seeded at bar ``length - 1`` with ``ta.ema``'s first value (the SMA of the first ``length``
closes), then the recursion, bar by bar; where it gives na (a division by zero) the next bar
starts again from the EMA."""

from __future__ import annotations

import math

import numpy as np

from ._pine import ema
from .spec import Plot, StudySpec, length


def mcginley(source: np.ndarray, n: int) -> np.ndarray:
    seed = ema(source, n)
    out = np.full(source.shape[0], np.nan)
    prev = math.nan
    for i, (x, e) in enumerate(zip(source.tolist(), seed.tolist())):
        if math.isnan(prev):
            prev = e
        else:
            den = n * (x / prev) ** 4 if prev != 0.0 else 0.0
            prev = prev + (x - prev) / den if den != 0.0 else math.nan
        out[i] = prev
    return out


STUDY = StudySpec(
    name="McGinley Dynamic",
    kind="mcginley",
    aliases=(),
    inputs=(length("length", 14, "in_0", "length", "Length"),),
    plots=(Plot("mg", color="#2962FF", width=1.3, names=("plot", "mg", "mcginley dynamic")),),
    compute=lambda c, p: {"mg": mcginley(c.close, p["length"])},
    legend=lambda p, last, fmt: [("mg", f"McGinley Dynamic ({p['length']})  {fmt.price(last['mg'])}")],
)
