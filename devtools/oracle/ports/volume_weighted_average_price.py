"""
@pyne

Volume Weighted Average Price, TradingView built-in, ported line by line (the Earnings /
Dividends / Splits anchors, which need request.* data, and "Hide VWAP on 1D or Above", off by
default, left out). The bars' exchange time zone is UTC here, as our charts' default.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Volume Weighted Average Price.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hlc3, na, timeframe, year
from pynecore.types import Series

CASE = {"study": "VWAP", "inputs": {},
        "outputs": {"VWAP": "vwap", "Upper Band #1": "upper_1", "Lower Band #1": "lower_1",
                    "Upper Band #2": "upper_2", "Lower Band #2": "lower_2"},
        "runs": [{"inputs": {"anchor": a, "showBand_2": True}, "template": {"Anchor Period": a, "showBand_2": True}}
                 for a in ("Week", "Month", "Year")]
        + [{"inputs": {"calcModeInput": "Percentage"}, "template": {"Bands Calculation Mode": "Percentage"}},
           # the intraday series as a NASDAQ symbol (09:30-16:00 New York): the session's day
           {"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


@script.indicator(title="Volume Weighted Average Price", shorttitle="VWAP", overlay=True)
def main(anchor=input.string(defval="Session", title="Anchor Period",
                             options=["Session", "Week", "Month", "Quarter", "Year", "Decade", "Century"]),
         src=input(title="Source", defval=hlc3), offset=input.int(0, title="Offset", minval=0),
         calcModeInput=input.string("Standard Deviation", "Bands Calculation Mode",
                                    options=["Standard Deviation", "Percentage"]),
         showBand_1=input(True, title=""), bandMult_1=input.float(1.0, title="Bands Multiplier #1", minval=0),
         showBand_2=input(False, title=""), bandMult_2=input.float(2.0, title="Bands Multiplier #2", minval=0),
         showBand_3=input(False, title=""), bandMult_3=input.float(3.0, title="Bands Multiplier #3", minval=0)):
    s: Series[float] = src
    if anchor == "Session":
        isNewPeriod = timeframe.change("D")
    elif anchor == "Week":
        isNewPeriod = timeframe.change("W")
    elif anchor == "Month":
        isNewPeriod = timeframe.change("M")
    elif anchor == "Quarter":
        isNewPeriod = timeframe.change("3M")
    elif anchor == "Year":
        isNewPeriod = timeframe.change("12M")
    elif anchor == "Decade":
        isNewPeriod = timeframe.change("12M") and year % 10 == 0
    elif anchor == "Century":
        isNewPeriod = timeframe.change("12M") and year % 100 == 0
    else:
        isNewPeriod = False
    if na(s[1]):
        isNewPeriod = True
    _vwap, _stdevUpper, _ = ta.vwap(src, isNewPeriod, 1)
    vwapValue = _vwap
    stdevAbs = _stdevUpper - _vwap
    bandBasis = stdevAbs if calcModeInput == "Standard Deviation" else _vwap * 0.01
    plot(vwapValue, title="VWAP")
    # TradingView computes a hidden band and does not display it; our study leaves it out (na)
    plot(_vwap + bandBasis * bandMult_1 if showBand_1 else na, title="Upper Band #1")
    plot(_vwap - bandBasis * bandMult_1 if showBand_1 else na, title="Lower Band #1")
    plot(_vwap + bandBasis * bandMult_2 if showBand_2 else na, title="Upper Band #2")
    plot(_vwap - bandBasis * bandMult_2 if showBand_2 else na, title="Lower Band #2")
