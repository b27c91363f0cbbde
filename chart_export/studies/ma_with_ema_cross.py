"""MA with EMA Cross: Chart-IMG's older study, a simple and an exponential moving average of the
close over the price pane (their crossings are the signal). No Pine source: the TradingView
charting library's old "MA with EMA Cross" ("Length MA" 10, "Length EMA" 10): ``ta.sma`` and
``ta.ema`` (SMA-seeded) as TradingView computes them."""

from __future__ import annotations

from ._pine import ema, sma
from .spec import Plot, StudySpec, length

STUDY = StudySpec(
    name="MA with EMA Cross",
    kind="ma_ema_cross",
    aliases=("MA EMA Cross", "MA/EMA Cross"),
    source="Chart-IMG's catalogue (no Pine source): ta.sma(close, length MA) and ta.ema(close, length EMA)",
    inputs=(length("ma_length", 10, "lengthMA", "Length MA", "in_0"),
            length("ema_length", 10, "lengthEMA", "Length EMA", "in_1")),
    plots=(Plot("ma", color="next:0", names=("plot", "ma")), Plot("ema", color="next:1", names=("ema",))),
    compute=lambda c, p: {"ma": sma(c.close, p["ma_length"]), "ema": ema(c.close, p["ema_length"])},
    legend=lambda p, last, fmt: [("ma", f"MA ({p['ma_length']})  {fmt.price(last['ma'])}"),
                                 ("ema", f"EMA ({p['ema_length']})  {fmt.price(last['ema'])}")],
)
