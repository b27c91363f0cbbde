"""
@pyne

Bollinger Bars, TradingView built-in, ported line by line. Its two ``plotcandle`` calls are
plotted as they are (PyneCore writes each candle's four values: "Bollinger Bars Wicks (open)"
... "Bollinger Bars Body (close)"); with ``wickcolor = na`` a candle draws its open-close body
only, so the wicks candle (high, high, low, low) is a body from high to low. The body's colour
``close > open ? #089981 : #F23645`` (a Pine comparison: tolerant, ``close - open > 1e-10``) is
plotted as "Body up" (1: #089981, 0: #F23645), so what determines the drawing is checked bar
for bar.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Bollinger Bars.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, plotcandle, display, open, high, low, close, na
from pynecore.types.color import Color

CASE = {"study": "Bollinger Bars", "inputs": {},
        "outputs": {"Bollinger Bars Wicks (open)": "range_open", "Bollinger Bars Wicks (high)": "range_high",
                    "Bollinger Bars Wicks (low)": "range_low", "Bollinger Bars Wicks (close)": "range_close",
                    "Bollinger Bars Body (open)": "open", "Bollinger Bars Body (high)": "high",
                    "Bollinger Bars Body (low)": "low", "Bollinger Bars Body (close)": "close",
                    "Body up": "up"}}


@script.indicator("Bollinger Bars", overlay=True, explicit_plot_zorder=True, behind_chart=False)
def main():
    plotcandle(high, high, low, low, "Bollinger Bars Wicks", color=Color("#0D349E"), bordercolor=Color("#0D349E"),
               wickcolor=na, display=display.pane)
    col = Color("#089981") if close > open else Color("#F23645")
    plotcandle(open, high, low, close, "Bollinger Bars Body", color=col, bordercolor=col, wickcolor=na)
    plot(1 if col == Color("#089981") else 0, "Body up")
