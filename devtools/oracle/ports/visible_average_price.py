"""
@pyne

Visible Average Price, TradingView built-in, ported line by line. ``chart.left_visible_bar_time``
and ``chart.right_visible_bar_time`` (the chart's scroll position, which PyneCore has not) are
inputs of the port, given as the bar indices of the first and last visible bars
(``visibleLeft``, ``visibleRight``: ``time >= chart.left_visible_bar_time and time <=
chart.right_visible_bar_time`` is ``bar_index >= visibleLeft and bar_index <= visibleRight`` on
bars in time order; the default, -1, stands for the last bar). ``show_last = 1``: the plot shows
its last bar's value only, so the port plots na elsewhere; ``offset = -100000`` moves that value
off to the left, where ``trackprice`` draws it as a line across the pane. The test runs our
window study on the visible bars (the run's ``visible``) and compares its value with that one.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Visible Average Price.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, close, bar_index, barstate, array, na
from pynecore.types import Persistent

CASE = {"study": "Visible Average Price", "inputs": {}, "outputs": {"Avg Price": "avg"},
        "runs": [{"inputs": {"visibleLeft": a, "visibleRight": b, "src": s}, "template": {"Source": s},
                  "visible": [a, b]} for a, b, s in ((3, 9, "close"), (0, 11, "hl2"), (5, 5, "high"))]
        + [{"inputs": {"visibleLeft": 150, "visibleRight": 380, "src": "ohlc4"}, "template": {"Source": "ohlc4"},
            "visible": [150, 380], "series": ["daily", "intraday", "weekly", "eurusd_tv"]}]}


@script.indicator(title="Visible Average Price", shorttitle="Avg Price", overlay=True)
def main(src=input(title="Source", defval=close), visibleLeft=input.int(0, "First visible bar"),
         visibleRight=input.int(-1, "Last visible bar")):
    src_vals: Persistent[list] = []
    timeLeft = visibleLeft
    timeRight = visibleRight if visibleRight >= 0 else bar_index
    if bar_index >= timeLeft and bar_index <= timeRight:
        array.unshift(src_vals, src)
    avgSRC = array.avg(src_vals)
    plot(avgSRC if barstate.islast else na(float), 'Avg Price')
