"""
@pyne

RSI Divergence Indicator, TradingView built-in, ported line by line (the four plotshape calls
plotted as their series, before their offset -lbR: "Regular Bullish Label" = bullCond ? osc[lbR]
: na, and so on; the pivot-line plots are drawn from the same conditions).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/RSI Divergence Indicator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, high, low, na
from pynecore.types import Series

CASE = {"study": "RSI Divergence Indicator", "inputs": {},
        "outputs": {"RSI": "rsi", "Regular Bullish Label": "bull", "Hidden Bullish Label": "hidden_bull",
                    "Regular Bearish Label": "bear", "Hidden Bearish Label": "hidden_bear"},
        "runs": [{"inputs": {"plotHiddenBull": True, "plotHiddenBear": True, "lbR": 3, "lbL": 4, "rangeLower": 2},
                  "template": {"Plot Hidden Bullish": True, "Plot Hidden Bearish": True, "in_2": 3, "in_3": 4,
                               "Min of Lookback Range": 2}}]}


@script.indicator(title="RSI Divergence Indicator")
def main(len_=input.int(title="RSI Period", minval=1, defval=14),
         src=input(title="RSI Source", defval=close),
         lbR=input(title="Pivot Lookback Right", defval=5),
         lbL=input(title="Pivot Lookback Left", defval=5),
         rangeUpper=input(title="Max of Lookback Range", defval=60),
         rangeLower=input(title="Min of Lookback Range", defval=5),
         plotBull=input(title="Plot Bullish", defval=True),
         plotHiddenBull=input(title="Plot Hidden Bullish", defval=False),
         plotBear=input(title="Plot Bearish", defval=True),
         plotHiddenBear=input(title="Plot Hidden Bearish", defval=False)):
    osc: Series[float] = ta.rsi(src, len_)
    plot(osc, title="RSI")
    plFound: Series[bool] = False if na(ta.pivotlow(osc, lbL, lbR)) else True
    phFound: Series[bool] = False if na(ta.pivothigh(osc, lbL, lbR)) else True

    barsPl = ta.barssince(plFound[1] == True)  # noqa: E712  (the script's ``cond == true``)
    inRangePl = rangeLower <= barsPl and barsPl <= rangeUpper
    oscHL = osc[lbR] > ta.valuewhen(plFound, osc[lbR], 1) and inRangePl
    priceLL = low[lbR] < ta.valuewhen(plFound, low[lbR], 1)
    bullCond = plotBull and priceLL and oscHL and plFound
    plot(osc[lbR] if bullCond else na(float), title="Regular Bullish Label")

    oscLL = osc[lbR] < ta.valuewhen(plFound, osc[lbR], 1) and inRangePl
    priceHL = low[lbR] > ta.valuewhen(plFound, low[lbR], 1)
    hiddenBullCond = plotHiddenBull and priceHL and oscLL and plFound
    plot(osc[lbR] if hiddenBullCond else na(float), title="Hidden Bullish Label")

    barsPh = ta.barssince(phFound[1] == True)  # noqa: E712
    inRangePh = rangeLower <= barsPh and barsPh <= rangeUpper
    oscLH = osc[lbR] < ta.valuewhen(phFound, osc[lbR], 1) and inRangePh
    priceHH = high[lbR] > ta.valuewhen(phFound, high[lbR], 1)
    bearCond = plotBear and priceHH and oscLH and phFound
    plot(osc[lbR] if bearCond else na(float), title="Regular Bearish Label")

    oscHH = osc[lbR] > ta.valuewhen(phFound, osc[lbR], 1) and inRangePh
    priceLH = high[lbR] < ta.valuewhen(phFound, high[lbR], 1)
    hiddenBearCond = plotHiddenBear and priceLH and oscHH and phFound
    plot(osc[lbR] if hiddenBearCond else na(float), title="Hidden Bearish Label")
