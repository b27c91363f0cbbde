"""Advance/Decline Ratio (Bars), TradingView's built-in (one symbol's own bars, no market breadth)::

    length   = input.int(9, minval=1)
    isUp     = (close - open) >= 0.0
    upBars   = math.sum(isUp ? 1 : 0, length)
    downBars = math.sum(not isUp ? 1 : 0, length)
    ad       = downBars == 0 ? upBars : upBars / downBars
    plot(ad, "ADR_B", #2962FF)
    hline(1.0, "Equality Line", #787B86)

(``>=`` is Pine's tolerant comparison; a bar without a close or open counts as down, as Pine's
comparison with na is false.)

Chart-IMG's "Advance/Decline" is the same ratio over its chart symbol's own bars: its API
documentation (doc.chart-img.com, "TradingView Chart Indicators" > Advance/Decline; saved copy in
217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API Documentation.htm,
commit aed440f7) gives one input, ``in_0`` length 10 (1..2000), and one line "Plot", blue
(rgb(33,150,243)); its picture (BTCUSDT daily, legend "AD 10") takes only the values k / (10 - k)
(4.00, 2.33, 1.50, 1.00, 0.67, 0.43), up bars over down bars of the last 10. That page does not
say whether a bar is up by its open or by the previous close: this study counts it as the
TradingView script above does (close >= open)."""

from __future__ import annotations

import numpy as np

from ._pine import EPSILON, msum
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    up = (c.close - c.open) >= -EPSILON  # NaN compares false: a down bar, as Pine
    n = p["length"]
    ups, downs = msum(up.astype(np.float64), n), msum((~up).astype(np.float64), n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"ad": np.where(downs == 0.0, ups, ups / downs)}


def _spec(name, kind, default, maximum, color, names, short, aliases, source=""):
    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        source=source,
        inputs=(length("length", default, "in_0", "length", "Length", maximum=maximum),),
        plots=(Plot("ad", color=color, names=names),),
        pane=Pane(include=(0.0,), lines=(1.0,), format="auto"),
        compute=_compute,
        legend=lambda p, last, fmt: [("ad", f"{short} ({p['length']})  {fmt.fixed2(last['ad'])}")],
    )


STUDIES = (
    _spec("Advance/Decline Ratio (Bars)", "adr_bars", 9, 5000, "#2962FF", ("plot", "adr_b", "ad"), "ADR_B",
          ("ADR_B", "Advance Decline Ratio (Bars)")),
    _spec("Advance/Decline", "advance_decline", 10, 2000, "#2196F3", ("plot", "ad"), "AD", (),
          source=("Chart-IMG's catalogue: TradingView's Advance/Decline Ratio (Bars) on the chart's own bars (up "
                  "bars / down bars of the last length, what its picture shows); length 10 from doc.chart-img.com")),
)
