"""MA with EMA Cross: Chart-IMG's older study, a simple and an exponential moving average of the
close over the price pane (their crossings are the signal). No Pine source: the TradingView
charting library's old "MA with EMA Cross" ("Length MA" 10, "Length EMA" 10): ``ta.sma`` and
``ta.ema`` (SMA-seeded) as TradingView computes them.

Inputs and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` MA length 10, ``in_1`` EMA
length 10 (1..2000); "MA" orange (rgb(255,109,0)), "EMA" green (rgb(67,160,71)). That page also
has a "Crosses" plot (markers where the two cross), not drawn here."""

from __future__ import annotations

from ._pine import ema, sma
from .spec import Plot, StudySpec, length

STUDY = StudySpec(
    name="MA with EMA Cross",
    kind="ma_ema_cross",
    aliases=("MA EMA Cross", "MA/EMA Cross"),
    source="Chart-IMG's catalogue (no Pine source): ta.sma(close, length MA) and ta.ema(close, length EMA)",
    inputs=(length("ma_length", 10, "in_0", "lengthMA", "Length MA", maximum=2000),
            length("ema_length", 10, "in_1", "lengthEMA", "Length EMA", maximum=2000)),
    plots=(Plot("ma", color="#FF6D00", names=("plot", "ma")), Plot("ema", color="#43A047", names=("ema",))),
    compute=lambda c, p: {"ma": sma(c.close, p["ma_length"]), "ema": ema(c.close, p["ema_length"])},
    legend=lambda p, last, fmt: [("ma", f"MA ({p['ma_length']})  {fmt.price(last['ma'])}"),
                                 ("ema", f"EMA ({p['ema_length']})  {fmt.price(last['ema'])}")],
)
