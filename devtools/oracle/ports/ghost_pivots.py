"""
@pyne

Rob Booker - Ziv Ghost Pivots, TradingView built-in, ported line by line but for the requested
value: the script plots ``request.security(syminfo.tickerid, tf, hlc3[0], barmerge.gaps_off,
barmerge.lookahead_on)`` for tf "240", "D", "W", "M", which on TradingView's historical bars is
the FINAL hlc3 of the period each chart bar belongs to. PyneCore 6.11 gives a bare value with
``lookahead_on`` as the period built so far (``pynecore/lib/request.py``, ``security``;
devtools/oracle/README.md), so this port requests ``hlc3[1]`` instead: a value fixed when the
period opens (the previous period's final hlc3), which PyneCore does give as TradingView does
on the chart bar where the period starts.

THE MAPPING (applied by tests/test_oracle.py, ``next_period``): the ghost value TradingView
draws on every bar of period k = this port's value on the FIRST chart bar of period k+1. It is
the same number: inside a ``lookahead_on`` request the expression is evaluated on the
higher-timeframe bar the chart bar belongs to, and ``hlc3[1]`` there is the higher-timeframe
bar before it, i.e. period k, which has closed by then, so its hlc3 is final (high, low and
close of the whole period), exactly TradingView's ``hlc3[0]`` on the bars of period k.
The periods are the request's own: each context's ``time`` (the period's opening time, also
fixed when the period opens) is plotted as "<char> period" (seconds), and a new value of it
marks a period's first bar. The last period of a series has no next period: its bars are
compared to nothing. The period plots are drawn whatever the toggles (the test needs them); the
ghost plots follow the toggles as the script's.

As the script, "Show Next 4 HR Pivot" (s4) gates nothing: the "240" value follows sd. The
contexts are built by PyneCore from the chart's own bars (``generate.feed``), cut in the
oracle symbol's time zone and session: 24 hours UTC, as our study cuts them with no exchange;
the "NASDAQ" run's 09:30-16:00 New York (``generate.EXCHANGES``), where PyneCore starts the
"240" bars at the session open (``aggregate_ohlcv``'s ``session_starts``), as TradingView.
Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Rob Booker - Ziv Ghost Pivots.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, request, syminfo, barmerge, close, hlc3, time, na

# intraday (30-minute bars): 240 / D / W / M, each toggle off once; daily: sd off (a "240"
# request on daily bars asks a LOWER timeframe, whose value is a 4-hour bar's, not the day's:
# not what ours draws, and daily bars cannot tell it), W and M; short: W; intraday again as a
# NASDAQ symbol (09:30-16:00 New York: the "240" periods start at 09:30 and 13:30); eurusd_tv (30-minute
# bars, declared "30": 240 / D; one week and one month, so "w" / "m" compare nothing there).
CASE = {"study": "Rob Booker - Ziv Ghost Pivots", "inputs": {}, "series": ["intraday"],
        "outputs": {"Close Price": "close", "8": "four_hour", "d": "day", "w": "week", "m": "month"},
        "next_period": {"8": "8 period", "d": "d period", "w": "w period", "m": "m period"},
        "security": ["240", "D", "W", "M"],
        "runs": [{"inputs": {k: False}, "template": {t: False}, "series": ["intraday"]}
                 for k, t in (("s4", "Show Next 4 HR Pivot"), ("sd", "Show Next Day (8 HR) Pivot"),
                              ("sw", "Show Next Week Pivot"), ("sm", "Show Next Month Pivot"))]
        + [{"inputs": {"sd": False}, "template": {"Show Next Day (8 HR) Pivot": False}, "series": ["daily", "short"]},
           {"inputs": {"sd": False, "sw": False},
            "template": {"Show Next Day (8 HR) Pivot": False, "Show Next Week Pivot": False}, "series": ["daily"]},
           {"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"},
           {"inputs": {}, "template": {}, "series": ["eurusd_tv"]}]}


@script.indicator(title="Rob Booker - Ziv Ghost Pivots", shorttitle="Ghost Pivots", overlay=True)
def main(s4=input(True, title="Show Next 4 HR Pivot"),
         sd=input(True, title="Show Next Day (8 HR) Pivot"),
         sw=input(True, title="Show Next Week Pivot"),
         sm=input(True, title="Show Next Month Pivot")):
    plot(close, "Close Price")
    # request.security(syminfo.tickerid, "240", hlc3[0], barmerge.gaps_off, barmerge.lookahead_on) -> hlc3[1]
    # (see THE MAPPING), with the period's opening time beside it
    etime = request.security(syminfo.tickerid, "240", (hlc3[1], time), barmerge.gaps_off, barmerge.lookahead_on)
    dtime = request.security(syminfo.tickerid, "D", (hlc3[1], time), barmerge.gaps_off, barmerge.lookahead_on)
    wtime = request.security(syminfo.tickerid, "W", (hlc3[1], time), barmerge.gaps_off, barmerge.lookahead_on)
    mtime = request.security(syminfo.tickerid, "M", (hlc3[1], time), barmerge.gaps_off, barmerge.lookahead_on)
    etime_pivot = etime[0] if sd == True else na(float)  # noqa: E712  (the script's sd == true)
    dtime_pivot = dtime[0] if sd == True else na(float)  # noqa: E712
    wtime_pivot = wtime[0] if sw == True else na(float)  # noqa: E712
    mtime_pivot = mtime[0] if sm == True else na(float)  # noqa: E712
    plot(etime_pivot, "8")  # plotchar(etime_pivot, color=#00BCD4, char="8", location = location.absolute)
    plot(dtime_pivot, "d")
    plot(wtime_pivot, "w")
    plot(mtime_pivot, "m")
    plot(etime[1] / 1000, "8 period")
    plot(dtime[1] / 1000, "d period")
    plot(wtime[1] / 1000, "w period")
    plot(mtime[1] / 1000, "m period")

