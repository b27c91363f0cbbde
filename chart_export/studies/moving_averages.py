"""Moving Average Simple (``ta.sma``) and Moving Average Exponential (``ta.ema``, SMA-seeded),
TradingView's built-ins with their Offset and "Smoothing" section (default None); Moving
Average Double, a chart-img study with no Pine source: two moving averages of the close,
``ta.sma``, ``ta.ema`` or ``ta.wma`` by ``method``; its inputs (firstPeriods 14, secondPeriods 21,
method Simple / Exponential / Weighted) and plot names ("Plot 1", "Plot 2") from Chart-IMG's API
documentation (doc.chart-img.com; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7). Its colours there
(orange rgb(255,109,0), blue rgb(33,150,243)) are not taken: the built-in templates draw it beside
Bollinger Bands' blue, so it keeps the shared palette's next free colours."""

from __future__ import annotations

from . import _smoothing
from ._math import ma
from ._pine import ema, sma
from .spec import MA_TYPES, Plot, StudySpec, choice, length, price_source, source


def _single(name: str, kind: str, slot: int, average, names: tuple[str, ...], aliases: tuple[str, ...]) -> StudySpec:
    def legend(p, last, fmt):
        src = "" if p["source"] == "close" else f", {p['source']}"
        return [("ma", f"{kind.upper()} ({p['length']}{src})  {fmt.price(last['ma'])}"),
                *_smoothing.legend(p, last, fmt.price)]

    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        inputs=(
            length("length", 9, "in_0", "Length", "length", "period"),
            source("source", "in_1", "Source", "src"),
            length("offset", 0, "in_2", "Offset", "offset", minimum=-500, maximum=500),
            *_smoothing.inputs(3, "None", length_title=None),
        ),
        plots=(Plot("ma", color=f"next:{slot}", names=names, offset="offset"),
               *(Plot(q.key, color=q.color, width=q.width, names=q.names, offset="offset")
                 for q in _smoothing.plots(f"{kind.upper()}-based MA"))),
        fills=_smoothing.FILLS,
        compute=lambda c, p: _smoothing.outputs("ma", average(price_source(c, p["source"]), p["length"]), p, c.volume),
        legend=legend,
    )


_DOUBLE_METHODS = {**MA_TYPES, "weighted": "WMA", "wma": "WMA"}


def _double_legend(p, last, fmt):
    name = p["method"]
    return [("ma1", f"{name} ({p['first']})  {fmt.price(last['ma1'])}"),
            ("ma2", f"{name} ({p['second']})  {fmt.price(last['ma2'])}")]


STUDIES = (
    _single("Moving Average", "sma", 0, sma, ("plot", "ma"), ("ma", "sma", "moving average simple")),
    _single("Moving Average Exponential", "ema", 1, ema, ("plot", "ema", "ma"), ("ema",)),
    StudySpec(
        name="Moving Average Double",
        source=("chart-img's catalogue (no Pine source): ta.sma / ta.ema / ta.wma of the close at two lengths; "
                "inputs and plots from doc.chart-img.com"),
        kind="ma_double",
        inputs=(
            length("first", 14, "firstPeriods", "in_0", maximum=10000),
            length("second", 21, "secondPeriods", "in_1", maximum=10000),
            choice("method", "SMA", _DOUBLE_METHODS, "method", "in_2"),
        ),
        plots=(
            Plot("ma1", color="next:0", names=("plot", "plot 1", "ma1")),
            Plot("ma2", color="next:1", names=("plot 2", "plot2", "ma2")),
        ),
        compute=lambda c, p: {"ma1": ma(c.close, p["first"], p["method"]),
                              "ma2": ma(c.close, p["second"], p["method"])},
        legend=_double_legend,
    ),
)
