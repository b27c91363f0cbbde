"""
@pyne

Pivot Points Standard, TradingView built-in, ported line by line: the anchors (``autoAnchor``,
``pivotTimeframe``, ``pivotYearMultiplier``, ``timeframe.change(..) and year % N == 0``), both
paths ("Use Daily-based Values" on: ``request.security(syminfo.tickerid, pivotTimeframe, [levels,
counter], lookahead = barmerge.lookahead_on)``; off: the chart's own bars) and the draw conditions.
The lines are plotted: each bar gets the levels of the pivots drawn last (``drawNewPivots`` on
``securityPivotDrawConditionStatic or localPivotDrawConditionStatic``; a na level draws no line);
``maxHistoricalPivots`` deletes old rows afterwards, which a plot cannot show, so the runs keep
200 (every period of the series). ``localPivotDrawConditionDeveloping`` is computed by the
script but never drawn; the "draw from the first bar" fallback and the runtime errors are left
out (the runs always have a period).
``ta.pivot_point_levels``: PyneCore 6.11's gives na for Traditional R4/S4/R5/S5, Woodie and
Classic R4/S4 and Camarilla R5/S5, and its Classic R3/S3 are Traditional's (R1 +/- range): those
come from TradingView's Help Center formulas ("Pivot Points Standard"), written out in
``help_center`` below; every other level is PyneCore's. Period high, low and close as PyneCore
(the bars since the previous anchor; the close before the anchor; Woodie: the current period's
open). A request.security context here is built by PyneCore from the chart's own bars
(``generate.feed``): the daily-based path is checked for its timing, not for TradingView's own
daily feed.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Pivot Points Standard.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import (script, input, plot, ta, timeframe, year, bar_index, request, syminfo, barmerge,
                          open, high, low, close, na)
from pynecore.types import Persistent, Series

_TYPES = ["Traditional", "Fibonacci", "Woodie", "Classic", "DM", "Camarilla"]

# the default run: Traditional, "Auto", daily-based, on the three series; Traditional "Auto" from
# the chart's bars; every other type (daily-based, the daily series); every anchor for
# Traditional, each daily-based and not, on the series where the anchor has periods (else a
# runtime error). "Number of Pivots Back" 200: no period deleted (the port draws them all).
CASE = {"study": "Pivot Points Standard", "inputs": {"Number of Pivots Back": 200},
        "series": ["daily", "intraday", "weekly"],
        "outputs": {t: t.lower() for t in ("P", "R1", "S1", "R2", "S2", "R3", "S3", "R4", "S4", "R5", "S5")},
        "security": ["1D", "1W", "1M", "3M", "12M"],
        "runs": [{"inputs": {"pivotTypeInput": k, "pivotAnchorInput": a, "isDailyBasedInput": b},
                  "template": {"Type": k, "Pivots Timeframe": a, "Use Daily-based Values": b}, "series": s}
                 for k, a, b, s in [("Traditional", "Auto", False, ["daily", "intraday", "weekly"])]
                 + [(k, "Auto", True, ["daily"]) for k in ("Fibonacci", "Woodie", "Classic", "DM", "Camarilla")]
                 + [("Traditional", a, b, s) for a, s in (
                     ("Daily", ["intraday"]), ("Weekly", ["daily", "intraday"]), ("Monthly", ["daily", "intraday"]),
                     ("Quarterly", ["daily"]), ("Yearly", ["daily", "weekly"]), ("Biyearly", ["weekly"]),
                     ("Triyearly", ["weekly"]), ("Quinquennially", ["weekly"]), ("Decennially", ["weekly"]))
                    for b in (True, False)]]
        # the intraday series as a NASDAQ symbol (09:30-16:00 New York): Auto (a week on 30-minute
        # bars) and Daily, from the chart's bars and daily-based
        + [{"inputs": {"pivotAnchorInput": a, "isDailyBasedInput": b},
            "template": {"Pivots Timeframe": a, "Use Daily-based Values": b}, "series": ["intraday"], "exchange": "NASDAQ"}
           for a in ("Auto", "Daily") for b in (True, False)]
        # eurusd_tv (30-minute bars, 24 hours UTC, five days): Daily, from the chart's bars and daily-based
        + [{"inputs": {"pivotAnchorInput": "Daily", "isDailyBasedInput": b},
            "template": {"Pivots Timeframe": "Daily", "Use Daily-based Values": b}, "series": ["eurusd_tv"]}
           for b in (True, False)]}


def help_center(kind, h, l, c, o, o_cur):
    """TradingView Help Center, "Pivot Points Standard": every level of every type."""
    p = (h + l + c) / 3
    r = h - l
    if kind == "Traditional":
        return [p, p * 2 - l, p * 2 - h, p + r, p - r, p * 2 + (h - 2 * l), p * 2 - (2 * h - l),
                p * 3 + (h - 3 * l), p * 3 - (3 * h - l), p * 4 + (h - 4 * l), p * 4 - (4 * h - l)]
    if kind == "Woodie":
        p = (h + l + 2 * o_cur) / 4
        r3 = h + 2 * (p - l)
        s3 = l - 2 * (h - p)
        return [p, 2 * p - l, 2 * p - h, p + r, p - r, r3, s3, r3 + r, s3 - r, na(float), na(float)]
    if kind == "Classic":
        return [p, 2 * p - l, 2 * p - h, p + r, p - r, p + 2 * r, p - 2 * r, p + 3 * r, p - 3 * r, na(float),
                na(float)]
    if kind == "Camarilla":
        r5 = h / l * c
        return [p, c + r * 1.1 / 12, c - r * 1.1 / 12, c + r * 1.1 / 6, c - r * 1.1 / 6, c + r * 1.1 / 4,
                c - r * 1.1 / 4, c + r * 1.1 / 2, c - r * 1.1 / 2, r5, c - (r5 - c)]
    return [na(float)] * 11


# the levels PyneCore's ta.pivot_point_levels leaves na or computes otherwise than the Help Center
_FROM_HELP_CENTER = {"Traditional": (7, 8, 9, 10), "Woodie": (7, 8), "Classic": (5, 6, 7, 8), "Camarilla": (9, 10)}


def pivot_point_levels(kind, anchor):
    """ta.pivot_point_levels(kind, anchor): PyneCore's, completed from the Help Center."""
    pine = ta.pivot_point_levels(kind, anchor)
    # the period's high, low, open and close as PyneCore's function keeps them
    prev_h: Persistent[float] = na(float)
    prev_l: Persistent[float] = na(float)
    prev_c: Persistent[float] = na(float)
    prev_o: Persistent[float] = na(float)
    cur_h: Persistent[float] = na(float)
    cur_l: Persistent[float] = na(float)
    cur_o: Persistent[float] = na(float)
    if anchor:
        prev_h = cur_h
        prev_l = cur_l
        prev_c = close[1] if bar_index > 0 else close
        prev_o = cur_o
        cur_h = high
        cur_l = low
        cur_o = open
    elif na(cur_h):
        cur_h = high
        cur_l = low
        cur_o = open
    else:
        if high > cur_h:
            cur_h = high
        if low < cur_l:
            cur_l = low
    if kind not in _FROM_HELP_CENTER or na(prev_h) or na(prev_l) or na(prev_c):
        return pine
    hc = help_center(kind, prev_h, prev_l, prev_c, prev_o, cur_o)
    return [hc[i] if i in _FROM_HELP_CENTER[kind] else pine[i] for i in range(11)]


def pivotTimeframeChangeCounter(condition):
    count: Persistent[int] = 0
    if condition and bar_index > 0:
        count += 1
    return count


@script.indicator("Pivot Points Standard", "Pivots", overlay=True, max_lines_count=500, max_labels_count=500)
def main(pivotTypeInput=input.string(title="Type", defval="Traditional", options=_TYPES),
         pivotAnchorInput=input.string(title="Pivots Timeframe", defval="Auto",
                                       options=["Auto", "Daily", "Weekly", "Monthly", "Quarterly", "Yearly", "Biyearly",
                                                "Triyearly", "Quinquennially", "Decennially"]),
         maxHistoricalPivotsInput=input.int(title="Number of Pivots Back", defval=15, minval=1, maxval=200),
         isDailyBasedInput=input.bool(title="Use Daily-based Values", defval=True)):
    if timeframe.isintraday:
        autoAnchor = "1D" if timeframe.multiplier <= 15 else "1W"
    elif timeframe.isdaily:
        autoAnchor = "1M"
    else:
        autoAnchor = "12M"
    pivotTimeframe = {"Auto": autoAnchor, "Daily": "1D", "Weekly": "1W", "Monthly": "1M",
                      "Quarterly": "3M"}.get(pivotAnchorInput, "12M")
    pivotYearMultiplier = {"Biyearly": 2, "Triyearly": 3, "Quinquennially": 5, "Decennially": 10}.get(pivotAnchorInput, 1)

    localPivotTimeframeChange = timeframe.change(pivotTimeframe) and year % pivotYearMultiplier == 0
    securityPivotTimeframeChange = timeframe.change(timeframe.period) and year % pivotYearMultiplier == 0

    localPivots = pivot_point_levels(pivotTypeInput, localPivotTimeframeChange)
    securityPivotPointsArray = pivot_point_levels(pivotTypeInput, securityPivotTimeframeChange)

    securityResult = request.security(syminfo.tickerid, pivotTimeframe,
                                                            (securityPivotPointsArray,
                                                             pivotTimeframeChangeCounter(securityPivotTimeframeChange)),
                                                            lookahead=barmerge.lookahead_on)
    securityPivots = securityResult[0]
    securityPivotCounter: Series[float] = securityResult[1]  # a Series to read [1]
    pivotPointsArray = securityPivots if isDailyBasedInput else localPivots

    localPivotDrawConditionStatic = not isDailyBasedInput and localPivotTimeframeChange
    securityPivotDrawConditionStatic = isDailyBasedInput and securityPivotCounter != securityPivotCounter[1]

    drawn: Persistent[list] = [na(float)] * 11  # the levels of the last drawNewPivots
    if securityPivotDrawConditionStatic or localPivotDrawConditionStatic:
        drawn = [v for v in pivotPointsArray]

    plot(drawn[0], "P")
    plot(drawn[1], "R1")
    plot(drawn[2], "S1")
    plot(drawn[3], "R2")
    plot(drawn[4], "S2")
    plot(drawn[5], "R3")
    plot(drawn[6], "S3")
    plot(drawn[7], "R4")
    plot(drawn[8], "S4")
    plot(drawn[9], "R5")
    plot(drawn[10], "S5")
