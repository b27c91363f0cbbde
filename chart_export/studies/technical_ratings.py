"""Technical Ratings: TradingView's built-in of that name (``Technical Ratings.pine``, short title
"Technicals"): the mean of buy (+1) / neutral (0) / sell (-1) votes of 15 moving averages and
11 oscillators, drawn as columns in its own pane, with a table of the rating's category per
timeframe.

The script calls ``TradingView/TechnicalRating/3``'s ``calcRatingAll``, published in the same
repository (docs/official/libraries/TradingView/TechnicalRating-v3.pine, with the ``ta``
library functions it imports: ta-v10.pine); ported with the script to the oracle
(devtools/oracle/ports/technical_ratings.py) and equal to it on every committed series. Its
votes (Pine's comparisons, tolerant by 1e-10: ``_pine.gt`` / ``lt``; a vote is na while its
first argument is, and left out of its group's mean):

* MAs (15): ``math.sign(close - ma)`` of SMA and EMA 10, 20, 30, 50, 100, 200, Hull MA 9, VWMA
  20; Ichimoku (the ta library's: undisplaced midpoints 9, 26, 52 of high / low): buy when span
  A > span B 26 bars back, base > that span A, conversion > base and close > conversion; sell
  all reversed; na while the current span B is.
* Oscillators (11): RSI 14 (< 30 and rising / > 70 and falling; na while RSI[1] is);
  Stochastic 14, 3, 3 (%K and %D < 20 and %K > %D / both > 80 and %K < %D); CCI 20 of close
  (< -100 and rising / > 100 and falling); ADX 14, 14 (ADX > 20 and rising, and +DI > -DI /
  +DI < -DI); Awesome Oscillator (crosses over 0, or above 0 two bars running, rising, after a
  dip: ``ao[2] > ao[1]`` / the mirror); Momentum 10 (rising / falling); MACD 12, 26, 9 (line
  above / below signal); Stochastic RSI 14, 14, 3, 3 (close below its EMA 50 and %K, %D < 20
  and %K > %D / above, both > 80, %K < %D); Williams %R 14 (< -80 and rising / > -20 and
  falling); Bull Bear Power 13 (close above EMA 50, bear power < 0 and rising / below, bull
  power > 0 and falling); Ultimate Oscillator 7, 14, 28 (> 70 / < 30).
* All: the mean of the MA and oscillator ratings when both are defined, the defined one
  otherwise. Categories (``ratingStatus``): Strong Sell below -0.5, Sell below -0.1, Strong Buy
  above 0.5, Buy above 0.1, else Neutral.

The table's other timeframes (the script's defaults 1D, 1W and 1M on; 60 and 240 off) are
the same symbol's bars of that timeframe, which we build from the chart's bars (open of the
first, highest high, lowest low, close of the last, summed volume, calendar periods of the
exchange's trading day (:mod:`chart_export.sessions`; the chart's time zone when unknown); 60 and
240 minutes from the regular session's open, ``session_open``, as TradingView's intraday bars: on
NASDAQ 09:30, 10:30... and 09:30, 13:30 New York, around the clock from the trading day's start,
``_math.intraday_periods``): the last, still open, period's
rating, as ``request.security`` without lookahead gives on the last bar (not checked against
the oracle: PyneCore's ``lookahead_off`` keeps the last closed period there, and a row needs 200
of its bars, more than the committed series hold; devtools/oracle/README.md). "Indicator
Timeframe" (``in_0``, empty: the chart's) rates that timeframe in the plot and the table's first row:
a period's rating from its last bar on, the previous period's before it, as TradingView's
historical bars (:func:`on_timeframe`; "Plot confirmed ratings only", ``in_2``: the previous
period's on every bar); the plot's ratings warm up on the periods the chart's bars hold, as the
chart's own do (TradingView's request reaches further back). A timeframe that has
fewer than 200 of its bars in the history (the longest MA) or is lower than the chart's shows
``-`` (TradingView's text for a missing rating) rather than a rating from a shorter history; a
timeframe equal to an earlier one is left out, as the script does. The five timeframes are
inputs (``in_4`` .. ``in_12``, ``mtf1`` .. ``mtf5``: minutes up to 1440, 1D, 1W, 1M, 3M, 12M), each
with its toggle. The table's colours are the script's inputs (``in_16`` .. ``in_22``: text, buy,
strong buy, neutral, sell, strong sell, headers); the columns are drawn in the strong buy / strong
sell colours by sign (the script's gradient by strength is not reproduced). The table's text
size is named as an ignored key, with the reason.
"""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import intraday_periods, period_ids
from ._pine import change, div, ema, gt, highest, lowest, lt, msum, rsi, shift, sma, stoch, vwma, wma
from ._table import Cell, Table
from .commodity_channel_index import cci
from .directional_movement import dmi
from .spec import NA, Pane, Plot, StudySpec, choice, colour, flag, ignored, text

COLORS = {"Strong Sell": "#f44336", "Sell": "#ef9a9a", "Neutral": "#a8adbc", "Buy": "#5b9cf6",
          "Strong Buy": "#2962ff", "-": "#a8adbc"}
# a cell's status -> its colour input (cellBgColor)
CELL_COLOURS = {"Strong Sell": "col_strong_sell", "Sell": "col_sell", "Neutral": "col_neutral", "Buy": "col_buy",
                "Strong Buy": "col_strong_buy", "-": "col_neutral"}
HEADER = "#295b79"
MIN_BARS = 200
SIGNALS = {"all": "All", "mas": "MAs", "oscillators": "Oscillators"}
MTF = (("use_mtf1", "60"), ("use_mtf2", "240"), ("use_mtf3", "1D"), ("use_mtf4", "1W"), ("use_mtf5", "1M"))
_CALENDAR = {"D": "day", "W": "week", "M": "month"}
_MONTHS = {1: "month", 3: "quarter", 12: "year"}


def timeframe_unit(tf: str) -> int | str:
    """A Pine timeframe string of the table (``input.timeframe``) as seconds (minutes: ``"60"``) or a
    calendar unit of ``period_ids`` (``"1D"`` / ``"D"``, ``"1W"``, ``"1M"``, ``"3M"``, ``"12M"``)."""
    t = tf.strip().upper()
    if t.isdigit() and 0 < int(t) <= 1440:
        return int(t) * 60
    n, unit = (t[:-1] or "1"), t[-1:]
    if n.isdigit() and unit in _CALENDAR:
        k = int(n)
        if unit == "M" and k in _MONTHS:
            return _MONTHS[k]
        if k == 1:
            return _CALENDAR[unit]
    raise ValueError("must be a timeframe of minutes (60, 240, up to 1440), 1D, 1W, 1M, 3M or 12M "
                     "(the table's bars are built from the chart's)")


def check_indicator_tf(tf: str) -> str:
    """"Indicator Timeframe": empty (the chart's) or a table timeframe."""
    return check_timeframe(tf) if tf.strip() else ""


def check_timeframe(tf: str) -> str:
    """``text`` check of a table timeframe: the text as TradingView writes it in the table."""
    timeframe_unit(tf)
    return tf.strip().upper()


def _vote(buy: np.ndarray, sell: np.ndarray, defined: np.ndarray) -> np.ndarray:
    out = np.where(buy, 1.0, np.where(sell, -1.0, 0.0))
    out[~defined] = np.nan
    return out


def _ok(*xs: np.ndarray) -> np.ndarray:
    d = np.ones(len(xs[0]), dtype=bool)
    for x in xs:
        d &= np.isfinite(x)
    return d


def _cross_over(a, b):
    return (a > b) & (shift(a) <= shift(b))


def _cross_under(a, b):
    return (a < b) & (shift(a) >= shift(b))


def _mean(votes: list[np.ndarray]) -> np.ndarray:
    v = np.vstack(votes)
    n = np.sum(np.isfinite(v), axis=0)
    s = np.nansum(v, axis=0)
    return np.where(n > 0, s / np.maximum(n, 1), np.nan)


def _rising_falling_vote(defined_by, x, buy_zone, sell_zone):
    prev = shift(x)
    return _vote(buy_zone & gt(x, prev), sell_zone & lt(x, prev), np.isfinite(defined_by))


def ma_votes(c) -> list[np.ndarray]:
    """calcRatingAll's first array: ``math.sign(close - ma)`` per MA, then the Ichimoku vote."""
    close = np.asarray(c.close, dtype=np.float64)
    mas = [f(close, n) for f in (sma, ema) for n in (10, 20, 30, 50, 100, 200)]
    raw = 2.0 * wma(close, 4) - wma(close, 9)  # ta.hma(close, 9): wma(2 wma(9 / 2) - wma(9), floor(sqrt(9)))
    mas += [wma(raw, 3), vwma(close, np.asarray(c.volume, dtype=np.float64), 20)]
    votes = [_vote(m < close, m > close, _ok(m, close)) for m in mas]
    # ta.ichimoku() of TradingView/ta: midpoints of the 9 / 26 / 52 bars' high and low, undisplaced;
    # the vote reads the spans 26 bars back and is na only while the current span B is
    conv = (highest(c.high, 9) + lowest(c.low, 9)) / 2
    base = (highest(c.high, 26) + lowest(c.low, 26)) / 2
    lead1, lead2 = (conv + base) / 2, (highest(c.high, 52) + lowest(c.low, 52)) / 2
    l1, l2 = shift(lead1, 26), shift(lead2, 26)
    buy = gt(l1, l2) & gt(base, l1) & gt(conv, base) & gt(close, conv)
    sell = lt(l1, l2) & lt(base, l1) & lt(conv, base) & lt(close, conv)
    votes.append(_vote(buy, sell, np.isfinite(lead2)))
    return votes


def oscillator_votes(c) -> list[np.ndarray]:
    """calcRatingAll's second array (``calcRating(src, bull, bear)``: na while ``src`` is na)."""
    h, lo = np.asarray(c.high, dtype=np.float64), np.asarray(c.low, dtype=np.float64)
    close = np.asarray(c.close, dtype=np.float64)
    votes = []
    r = rsi(close, 14)
    votes.append(_rising_falling_vote(shift(r), r, lt(r, 30), gt(r, 70)))
    k = sma(stoch(close, h, lo, 14), 3)  # stochFull(14, 3, 3)
    d = sma(k, 3)
    votes.append(_vote(lt(k, 20) & lt(d, 20) & gt(k, d), gt(k, 80) & gt(d, 80) & lt(k, d), np.isfinite(shift(d))))
    cc = cci(close, 20)
    votes.append(_rising_falling_vote(shift(cc), cc, lt(cc, -100), gt(cc, 100)))
    plus, minus, adx = dmi(h, lo, close, 14, 14)
    rising = gt(adx, 20) & gt(adx, shift(adx))
    votes.append(_vote(rising & gt(plus, minus), rising & lt(plus, minus), np.isfinite(adx)))
    ao = sma((h + lo) / 2, 5) - sma((h + lo) / 2, 34)
    a1, a2 = shift(ao), shift(ao, 2)
    zero = np.zeros_like(ao)
    votes.append(_vote(_cross_over(ao, zero) | (gt(ao, 0) & gt(a1, 0) & gt(ao, a1) & gt(a2, a1)),
                       _cross_under(ao, zero) | (lt(ao, 0) & lt(a1, 0) & lt(ao, a1) & lt(a2, a1)), np.isfinite(a1)))
    mom = change(close, 10)
    every = np.ones(len(close), bool)
    votes.append(_rising_falling_vote(shift(mom), mom, every, every))
    macd = ema(close, 12) - ema(close, 26)
    signal = ema(macd, 9)
    votes.append(_vote(gt(macd, signal), lt(macd, signal), np.isfinite(signal)))
    trend = ema(close, 50)  # priceAvg
    up, down = gt(close, trend), lt(close, trend)
    rs = rsi(close, 14)  # stochRsi(14, 14, 3, 3)
    sk = sma(stoch(rs, rs, rs, 14), 3)
    sd = sma(sk, 3)
    votes.append(_vote(down & lt(sk, 20) & lt(sd, 20) & gt(sk, sd), up & gt(sk, 80) & gt(sd, 80) & lt(sk, sd),
                       np.isfinite(trend)))
    hh, ll = highest(h, 14), lowest(lo, 14)
    wr = 100.0 * div(close - hh, hh - ll)
    votes.append(_rising_falling_vote(shift(wr), wr, lt(wr, -80), gt(wr, -20)))
    e13 = ema(close, 13)
    bull, bear = h - e13, lo - e13
    votes.append(_vote(up & lt(bear, 0) & gt(bear, shift(bear)), down & gt(bull, 0) & lt(bull, shift(bull)),
                       np.isfinite(trend)))
    pc = shift(close)
    low_ = np.minimum(lo, pc)
    bp, trr = close - low_, np.maximum(h, pc) - low_

    def avg(n):
        return div(msum(bp, n), msum(trr, n))

    uo = 100.0 * (4.0 * avg(7) + 2.0 * avg(14) + avg(28)) / 7.0
    votes.append(_vote(gt(uo, 70), lt(uo, 30), _ok(uo)))
    return votes


def ratings(c) -> dict[str, np.ndarray]:
    """``{"ma", "osc", "all"}`` on every bar of ``c``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ma = _mean(ma_votes(c))
        osc = _mean(oscillator_votes(c))
    return {"ma": ma, "osc": osc, "all": _mean([ma, osc])}


def status(v: float) -> str:
    """TradingView's category of a rating."""
    if not np.isfinite(v):
        return "-"
    if v > 0.5:
        return "Strong Buy"
    if v > 0.1:
        return "Buy"
    if v >= -0.1:
        return "Neutral"
    if v >= -0.5:
        return "Sell"
    return "Strong Sell"


def _compute(c, p):
    r = ratings(c)
    if p["indicator_tf"]:
        r = on_timeframe(c, p, p["indicator_tf"], p["confirmed"], r)
    key = {"all": "all", "mas": "ma", "oscillators": "osc"}[p["signal"]]
    return {"rating": r[key], "ma": r["ma"], "osc": r["osc"], "all": r["all"]}


class _Bars:
    """Bars of a higher timeframe built from the chart's bars."""

    def __init__(self, c, ids: np.ndarray) -> None:
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        ends = np.r_[starts[1:], len(ids)] - 1
        self.open = np.asarray(c.open, dtype=np.float64)[starts]
        self.high = np.maximum.reduceat(np.asarray(c.high, dtype=np.float64), starts)
        self.low = np.minimum.reduceat(np.asarray(c.low, dtype=np.float64), starts)
        self.close = np.asarray(c.close, dtype=np.float64)[ends]
        self.volume = np.add.reduceat(np.asarray(c.volume, dtype=np.float64), starts)

    def __len__(self) -> int:
        return len(self.close)


def _tf_label(seconds: float | None) -> str:
    if not seconds:
        return "Chart"
    s = int(seconds)
    if s % 2592000 == 0 or 2419200 <= s <= 2678400:
        return "1M"
    if s % 604800 == 0:
        return f"{s // 604800}W"
    if s % 86400 == 0:
        return f"{s // 86400}D"
    if s % 60 == 0:
        return str(s // 60)
    return f"{s}S"


_UNIT_SECONDS = {"day": 86400, "week": 604800, "month": 2592000, "quarter": 7776000, "year": 31536000}


def _step(c) -> int | None:
    return c.timeframe_seconds() if hasattr(c, "timeframe_seconds") else None


def _period_ids(c, p, tf: str) -> tuple[np.ndarray | None, bool]:
    """(the period of each chart bar on timeframe ``tf``, or None when ``tf`` is the chart's own;
    whether ``tf`` is below the chart's, which its bars cannot give)."""
    unit, step = timeframe_unit(tf), _step(c)
    secs = unit if isinstance(unit, int) else _UNIT_SECONDS[unit]
    if step and secs < step * 0.99:
        return None, True
    if step and isinstance(unit, int) and secs <= step * 1.01:
        return None, False
    if isinstance(unit, int):  # from the session open, as TradingView's intraday bars (NASDAQ 240: 09:30, 13:30)
        return intraday_periods(c.time, p.get("tz") or UTC, unit // 60, p.get("session_open", 0))[0], False
    return period_ids(c.time, p.get("tz") or UTC, unit), False


def on_timeframe(c, p, tf: str, confirmed: bool, r: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The ratings of "Indicator Timeframe" ``tf`` on every chart bar, as ``request.security("", tf,
    [rt, ro, rma])`` gives them: a period's rating (its bars built from the chart's) from the period's
    last bar on, the previous period's before it (TradingView's historical bars; on the chart's last
    bar the open period's so far, as in realtime); with "Plot confirmed ratings only" the previous
    period's on every bar (``[rt[1], ...]`` with lookahead). A timeframe below the chart's: na; the
    chart's own: ``r``."""
    ids, below = _period_ids(c, p, tf)
    n = len(c)
    if below:
        return {k: np.full(n, np.nan) for k in r}
    if ids is None or not n:
        return r
    new = np.r_[True, ids[1:] != ids[:-1]]
    k = np.cumsum(new) - 1
    last = np.r_[ids[1:] != ids[:-1], True]
    if last.all():  # one bar a period: the chart's timeframe (and no confirmed shift: not a higher one)
        return r
    rr = ratings(_Bars(c, ids))
    use = k - 1 if confirmed else np.where(last, k, k - 1)
    return {key: np.where(use >= 0, v[np.maximum(use, 0)], np.nan) for key, v in rr.items()}


def _row(c, p, tf: str) -> dict[str, float]:
    """A table row of timeframe ``tf``: its ratings on the chart's last bar (``-`` below the chart's
    timeframe or with fewer than 200 of its bars)."""
    ids, below = _period_ids(c, p, tf)
    none = {"ma": np.nan, "osc": np.nan, "all": np.nan}
    if below:
        return none
    bars = _Bars(c, ids) if ids is not None and len(ids) else c
    if len(bars) < MIN_BARS and ids is not None:
        return none
    return {k: float(v[-1]) if len(v) else float("nan") for k, v in ratings(bars).items()}


def timeframe_rows(c, p, r: dict[str, np.ndarray] | None = None) -> list[tuple[str, dict[str, float]]]:
    """(timeframe, its last ratings) per table row: the indicator timeframe's (the chart's by
    default; ``r``: the chart's ratings, when computed already), then the enabled others."""
    if p["indicator_tf"]:
        rows = [(p["indicator_tf"], _row(c, p, p["indicator_tf"]))]
    else:
        r = {k: r[k] for k in ("ma", "osc", "all")} if r is not None else ratings(c)
        rows = [(_tf_label(_step(c)), {k: float(v[-1]) if len(v) else float("nan") for k, v in r.items()})]
    for key, _ in MTF:
        label = p[key.replace("use_", "")]
        if not p[key] or any(label == lab for lab, _ in rows):
            continue
        rows.append((label, _row(c, p, label)))
    return rows


def _drawings(c, p, outputs):
    rows = timeframe_rows(c, p, None if p["indicator_tf"] else outputs)
    cols = {"all": [("MAs", "ma"), ("Osc", "osc"), ("All", "all")], "mas": [("MAs", "ma")],
            "oscillators": [("Osc", "osc")]}[p["signal"]]
    text, header = p["col_text"], p["col_header"]  # the script's colText / tableTitleColor
    colours = {s: p[key] for s, key in CELL_COLOURS.items()}  # cellBgColor
    cells = [Cell(0, 0, "TF", text_color=text, background=header)]
    cells += [Cell(j + 1, 0, title, text_color=text, background=header) for j, (title, _) in enumerate(cols)]
    for i, (label, values) in enumerate(rows, start=1):
        cells.append(Cell(0, i, label, text_color=text, background=header))
        for j, (_, key) in enumerate(cols):
            s = status(values[key])
            cells.append(Cell(j + 1, i, s, text_color=text, background=colours[s], value=values[key]))
    return [Table(f"{p['position_y']}_{p['position_x']}", len(cols) + 1, len(rows) + 1, tuple(cells),
                  header_rows=1, drop="bottom", key="ratings")]


def _legend(p, last, fmt):
    v = last.get("rating", float("nan"))
    return [("rating", f"Technicals ({SIGNALS[p['signal']]})  {fmt.fixed2(v)}"), ("muted", f"Rating  {status(v) if np.isfinite(v) else NA}")]


_POS_X = {"left": "left", "center": "center", "right": "right"}
_POS_Y = {"top": "top", "middle": "middle", "bottom": "bottom"}

STUDY = StudySpec(
    name="Technical Ratings", kind="technical_ratings", aliases=("Technicals", "Technical Rating"),
    inputs=(
        text("indicator_tf", "", "Indicator Timeframe", "in_0", check=check_indicator_tf, max_length=8),
        choice("signal", "all", {"all": "all", "mas": "mas", "oscillators": "oscillators", "osc": "oscillators"},
               "Rating is based on", "ratingSignal", "in_1"),
        flag("confirmed", False, "Plot confirmed ratings only", "plotConfirmed", "in_2"),
        *(i for n, (key, tf) in enumerate(MTF, 1)
          for i in (flag(key, n >= 3, f"useMtf{n}", f"in_{2 * n + 1}"),
                    text(f"mtf{n}", tf, f"mtf{n}", f"in_{2 * n + 2}", check=check_timeframe, max_length=8))),
        choice("position_y", "middle", _POS_Y, "Position", "in_14"),
        choice("position_x", "right", _POS_X, "in_15"),
        colour("col_text", "#ffffff", "Text", "colText", "in_16"),
        colour("col_buy", COLORS["Buy"], "Buy", "colBuy", "in_17"),
        colour("col_strong_buy", COLORS["Strong Buy"], "colStrongBuy", "in_18"),
        colour("col_neutral", COLORS["Neutral"], "Neutral", "colNeutral", "in_19"),
        colour("col_sell", COLORS["Sell"], "Sell", "colSell", "in_20"),
        colour("col_strong_sell", COLORS["Strong Sell"], "colStrongSell", "in_21"),
        colour("col_header", HEADER, "Headers", "tableTitleColor", "in_22"),
    ),
    ignored=(ignored("the table is drawn in the chart's font, one point smaller where that fits its pane (no text "
                     "size of its own)", "Size", "tableSizeInput", "in_13"),),
    plots=(Plot("rating", kind="histogram", colors=("input:col_strong_buy", "input:col_strong_sell"), alpha=0.6,
                rule="sign",
                names=("plot", "rating (indicator timeframe)")),
           Plot("ma", kind="custom", color="#5b9cf6", names=("mas",)),
           Plot("osc", kind="custom", color="#5b9cf6", names=("oscillators",)),
           Plot("all", kind="custom", color="#5b9cf6", names=("all",))),
    pane=Pane(range=(-1.0, 1.0), lines=(-0.5, 0.5), mid=0.0),
    compute=_compute, calendar=True, drawings=_drawings, legend=_legend,
)
