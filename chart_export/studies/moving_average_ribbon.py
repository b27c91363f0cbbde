"""Moving Average Ribbon, TradingView's built-in: four moving averages, each with its switch,
type (SMA, EMA, SMMA (RMA), WMA, VWMA), source, length and colour::

    ma1 = show_ma1 ? ma(ma1_source, ma1_length, ma1_type) : na
    ...
    plot(ma1, "MA #1", ma1_color, display = show_ma1 ? display.all : display.none)

Defaults SMA 20 / 50 / 100 / 200 of the close in #f6c309, #fb9800, #fb6500, #f60c0c. The inputs
have no titles (but "MA #N" for the switches): a template sets them by ``in_N`` in the script's
order (five per MA: switch, type, source, length, colour) or by the script's variable names. The
colour inputs (in_4, in_9, in_14, in_19, ``maN_color``) colour the lines at their own opacity;
a ``MA #N.color`` override still wins over them."""

from __future__ import annotations

from ._pine import ma
from .bollinger import BASIS
from .spec import Input, Plot, StudySpec, choice, colour, flag, length, price_source

COLORS = ("#f6c309", "#fb9800", "#fb6500", "#f60c0c")
LENGTHS = (20, 50, 100, 200)


def _inputs():
    for k in range(4):
        n, b = k + 1, 5 * k
        yield flag(f"show_ma{n}", True, f"in_{b}", f"MA #{n}", f"show_ma{n}")
        yield choice(f"ma{n}_type", "SMA", BASIS, f"in_{b + 1}", f"ma{n}_type")
        yield Input(f"ma{n}_source", "source", "close", (f"in_{b + 2}", f"ma{n}_source"))
        yield length(f"ma{n}_length", LENGTHS[k], f"in_{b + 3}", f"ma{n}_length")
        yield colour(f"ma{n}_color", COLORS[k], f"in_{b + 4}", f"ma{n}_color")


def _compute(c, p):
    out = {}
    for n in range(1, 5):
        if p[f"show_ma{n}"]:
            out[f"ma{n}"] = ma(p[f"ma{n}_type"], price_source(c, p[f"ma{n}_source"]), p[f"ma{n}_length"], c.volume)
    return out


def _legend(p, last, fmt):
    return [(f"ma{n}", f"{p[f'ma{n}_type']} ({p[f'ma{n}_length']})  {fmt.price(last[f'ma{n}'])}")
            for n in range(1, 5) if f"ma{n}" in last]


STUDY = StudySpec(
    name="Moving Average Ribbon",
    kind="ma_ribbon",
    aliases=("MA Ribbon",),
    inputs=tuple(_inputs()),
    plots=tuple(Plot(f"ma{n}", color=f"input:ma{n}_color", width=1.3, names=(f"ma #{n}",) + (("plot",) if n == 1 else ()))
                for n in range(1, 5)),
    compute=_compute,
    legend=_legend,
)
