"""Moving Average (SMA), Moving Average Exponential (EMA), Moving Average Double."""

from __future__ import annotations

from .. import indicators as ind
from ._math import ma
from .spec import MA_TYPES, Plot, StudySpec, choice, length, price_source, source


def _single(name: str, kind: str, slot: int, average, names: tuple[str, ...], aliases: tuple[str, ...]) -> StudySpec:
    def legend(p, last, fmt):
        src = "" if p["source"] == "close" else f", {p['source']}"
        return [("ma", f"{kind.upper()} ({p['length']}{src})  {fmt.price(last['ma'])}")]

    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        inputs=(length("length", 9, "length", "in_0", "period"), source("source", "in_1", "src")),
        plots=(Plot("ma", color=f"next:{slot}", names=names),),
        compute=lambda c, p: {"ma": average(price_source(c, p["source"]), p["length"])},
        legend=legend,
    )


def _double_legend(p, last, fmt):
    name = "EMA" if p["method"] == "EMA" else "SMA"
    return [("ma1", f"{name} ({p['first']})  {fmt.price(last['ma1'])}"),
            ("ma2", f"{name} ({p['second']})  {fmt.price(last['ma2'])}")]


STUDIES = (
    _single("Moving Average", "sma", 0, ind.sma, ("plot", "ma"), ("ma", "sma", "moving average simple")),
    _single("Moving Average Exponential", "ema", 1, ind.ema, ("plot", "ema", "ma"), ("ema",)),
    StudySpec(
        name="Moving Average Double",
        kind="ma_double",
        inputs=(
            length("first", 14, "firstPeriods", "in_0"),
            length("second", 21, "secondPeriods", "in_1"),
            choice("method", "SMA", MA_TYPES, "method", "in_2"),
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
