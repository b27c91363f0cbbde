"""Trading Sessions, TradingView's built-in: the Tokyo (09:00-15:00 Asia/Tokyo), London
(08:30-16:30 Europe/London) and New York (09:30-16:00 America/New_York) sessions, each a box
over its bars' range with its open and close lines (dashed, the band between them filled),
its average close (dotted, 2 px) and a label under the box: "Range: <ticks>", "Avg: <price>"
and its name (Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Trading
Sessions.pine, commit be99ba4e).

As the script (``update``): a bar is in a session when its open time, in the session's time
zone, is in the session (``not na(time("", session, timezone))``: ``[start, end)``; a session
string without days: every day of the week); a session's display is created on its first bar
and on a new day of the chart (``timeframe.change("1D")``), and grown bar by bar by
``updateSessionDisplay`` (box top / bottom the highest high / lowest low, the close line at the
latest close, ``sumClose / numOfBars``) and ``setName`` (the label at the box's bottom, its text
"Range: " ``(top - bottom) / syminfo.mintick`` and "Avg: " the average, each written by Pine's
``str.tostring(.., format.mintick)``: rounded to the tick half away from zero, in the tick's
decimals, no thousands separator: "Range: 14.0000" on a 0.0001 tick; ``syminfo.mintick`` is
the data's price tick). The open / close lines and their band only with "Draw session open and
close lines", the average line and "Avg" only with "Show average price per session".
TradingView keeps the newest 500 boxes, labels and lines (``max_*_count = 500``): older ones
are not drawn (:func:`_kept`). Colours #2962FF, #FF9800, #089981 (boxes and the open-close band
85 % transparent). Intraday charts only (the script stops with an error on D / W / M bars): on
those the study draws nothing and says so. Each session's name, session string and time zone
are inputs at the script's positions (``in_5``..``in_7``, ``in_10``..``in_12``,
``in_15``..``in_17``; every ``input*()`` counts) and by the script's variable names
(``firstSessionName``, ``firstSessionTime``, ``firstSessionTZ``...; the titles "Displayed name",
"Session time", "Session timezone" repeat in the three groups: they name the first session's, as
Pine's repeated titles do here): a session string as Pine's (``0930-1600``, ``0930-1600:23456``),
a time zone an IANA name or ``UTC+N`` / ``GMT-N``, validated by :mod:`._session`; its colour
(``in_8`` / ``in_13`` / ``in_18``, ``firstSessionColor``...; default the script's
``color.new(c, 85)``) fills the boxes with its opacity and draws the lines and labels opaque, as
the script. "A new day of the chart" is the exchange's trading day (``inputs["tz"]``,
:mod:`chart_export.sessions`). Outputs: ``tokyo``, ``london``, ``new_york`` (the first, second
and third session's average close on its bars, NaN outside: the legend's values) and the
script's state after each bar, ``<session>_<STATE>`` (:func:`session_state`), which the oracle
(devtools/oracle/ports/trading_sessions.py) checks on every bar of the intraday series."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from .._render.numbers import price_tick
from ._drawing import Box, Label, Line
from ._math import period_ids
from ._session import check_session, check_timezone, in_session, parse_timezone
from .spec import Computed, Plot, StudySpec, colour, flag, geometry, split_colour, text

# (output key, show input, name / session / time zone input keys, default name, session, time zone,
#  colour, the script's prefix, in_N of its "Show session")
SESSIONS = (("tokyo", "show_first", "Tokyo", "0900-1500", "Asia/Tokyo", "#2962FF", "first", 4),
            ("london", "show_second", "London", "0830-1630", "Europe/London", "#FF9800", "second", 9),
            ("new_york", "show_third", "New York", "0930-1600", "America/New_York", "#089981", "third", 14))


def intraday(t: np.ndarray) -> bool:
    t = np.asarray(t, dtype=np.int64)
    return t.shape[0] < 2 or int(np.median(np.diff(t))) < 86400


def runs(c, session: str, tz, chart_tz) -> list[tuple[int, int]]:
    """The session's drawings as bar ranges [a, b]: in-session bars (``session`` read in
    ``tz``), split at a new day of ``chart_tz`` (the exchange's trading day). The script's
    ``update``: in session, ``createSessionDisplay`` when ``na(this.active) or isChange``, else
    ``updateSessionDisplay``; out of session ``this.active := na``."""
    inside = in_session(c.time, session, tz)
    day = period_ids(c.time, chart_tz, "day")
    n = inside.shape[0]
    new_day = np.r_[True, day[1:] != day[:-1]] if n else np.zeros(0, dtype=bool)
    starts = inside & (np.r_[True, ~inside[:-1]] | new_day)
    out = []
    s = np.flatnonzero(starts).tolist()
    for i, a in enumerate(s):
        b = a
        limit = s[i + 1] if i + 1 < len(s) else n
        while b + 1 < limit and inside[b + 1]:
            b += 1
        out.append((a, b))
    return out


def _each(c, p):
    chart_tz = p.get("tz") or UTC
    if len(c) == 0 or not intraday(c.time):
        return
    for key, show, _, _, _, col, prefix, _ in SESSIONS:
        if p[show]:
            found = runs(c, p[f"{prefix}_session"], parse_timezone(p[f"{prefix}_timezone"]), chart_tz)
            yield key, p[f"{prefix}_name"], p[f"{prefix}_color"], found


# the script's state after each bar, per session (the oracle's plots): its active display's box
# (left bar, top, bottom), open / close / average lines' y, the label's y and the two numbers its text
# writes; NaN where the session has no active display, or the script leaves the line / number out
STATE = ("left", "top", "bottom", "open", "close", "average", "label_y", "range", "label_average")


def session_state(c, p, found) -> dict[str, np.ndarray]:
    """updateSessionDisplay / setName, bar by bar, over each drawing ``[a, b]`` of ``found``:
    ``box.set_top(math.max(top, high))``, ``box.set_bottom(math.min(bottom, low))``,
    ``sumClose += close``, ``avg = sumClose / numOfBars``, the close line at ``close``, the label
    at the box's bottom, "Range: " ``(top - bottom) / syminfo.mintick`` (the data's price tick)."""
    n = len(c)
    st = {k: np.full(n, np.nan) for k in STATE}
    tick = price_tick(c.open, c.high, c.low, c.close) if n else None
    for a, b in found:
        s = slice(a, b + 1)
        st["left"][s] = a                                                  # box.new(bar_index, ...)
        st["top"][s] = np.maximum.accumulate(c.high[s])
        st["bottom"][s] = np.minimum.accumulate(c.low[s])
        st["label_y"][s] = st["bottom"][s]                                 # sessionLabel.set_y(sessionBox.get_bottom())
        if p["show_oc"]:
            st["open"][s] = c.open[a]                                      # line.new(bar_index, open, ...)
            st["close"][s] = c.close[s]                                    # closeLine.set_y1(close)
        if p["show_average"]:
            avg = np.cumsum(c.close[s]) / np.arange(1, b - a + 2)          # sumClose / numOfBars
            st["average"][s] = avg
            st["label_average"][s] = avg
        if p["show_range"]:
            st["range"][s] = (st["top"][s] - st["bottom"][s]) / (tick or np.nan)
    return st


def _script(c, p):
    """Each shown session's drawings (``runs``) and state after every bar (``session_state``)."""
    return {key: (name, col, found, session_state(c, p, found)) for key, name, col, found in _each(c, p)}


def _compute(c, p):
    n = len(c)
    out = {key: np.full(n, np.nan) for key, *_ in SESSIONS}
    out |= {f"{key}_{k}": np.full(n, np.nan) for key, *_ in SESSIONS for k in STATE}
    script = _script(c, p)
    close = np.asarray(c.close, dtype=np.float64)
    for key, (_, _, found, st) in script.items():
        for a, b in found:  # the legend's value: the average so far, shown or not
            out[key][a:b + 1] = np.cumsum(close[a:b + 1]) / np.arange(1, b - a + 2)
        out |= {f"{key}_{k}": v for k, v in st.items()}
    return Computed(out, script, p)


MAX_COUNT = 500  # indicator(max_boxes_count = 500, max_lines_count = 500, max_labels_count = 500)


def _kept(script, p):
    """Which of the drawings TradingView still shows: each kind keeps its newest 500 (the
    oldest is deleted when the 501st is created). The script creates them in bar order, the
    sessions of one bar in the loop's order; each display: box, label, open, close, average
    line (the lines only when shown). -> {(key, a): (box and label kept, open / close / average
    line kept)}; a linefill goes with its lines."""
    order = sorted((a, i, key) for i, (key, (_, _, found, _)) in enumerate(script.items()) for a, _ in found)
    per_run = 2 * bool(p["show_oc"]) + bool(p["show_average"])
    n_runs, n_lines = len(order), per_run * len(order)
    kept = {}
    for r, (a, _, key) in enumerate(order):
        first_line = r * per_run
        lines = [first_line + j >= n_lines - MAX_COUNT for j in range(per_run)]
        oc, avg = (lines[:2], lines[2:]) if p["show_oc"] else ([False, False], lines)
        kept[(key, a)] = (r >= n_runs - MAX_COUNT, oc[0], oc[1], bool(avg and avg[0]))
    return kept


def _drawings(c, p, out):
    drawn = []
    script = geometry(out, p, lambda: _script(c, p))
    kept = _kept(script, p)
    for key, (name, colour_input, found, st) in script.items():
        col, fill = split_colour(colour_input)  # the script: boxes in the colour, lines and labels opaque
        for a, b in found:  # each drawing as the script leaves it on its last bar
            top, bottom, avg = float(st["top"][b]), float(st["bottom"][b]), float(st["average"][b])
            o, cl = float(c.open[a]), float(c.close[b])
            box_kept, open_kept, close_kept, avg_kept = kept[(key, a)]
            if box_kept:
                drawn.append(Box(a, bottom, b, top, col, alpha=fill, plot=key, key=key))
            if p["show_oc"]:  # linefill.new(openLine, closeLine, boxColor) and the two dashed lines
                if open_kept and close_kept:
                    drawn.append(Box(a, o, b, cl, col, alpha=fill, plot=key))
                if open_kept:
                    drawn.append(Line(a, o, b, o, col, style="dashed", plot=key))
                if close_kept:
                    drawn.append(Line(a, cl, b, cl, col, style="dashed", plot=key))
            if p["show_average"] and avg_kept:
                drawn.append(Line(a, avg, b, avg, col, width=2, style="dotted", plot=key))
            parts, nums = [], []
            if p["show_range"]:  # "Range: " + str.tostring((top - bottom) / syminfo.mintick, format.mintick)
                parts.append("Range: {}")
                nums.append(("mintick", float(st["range"][b])))
            if p["show_average"]:  # "Avg: " + str.tostring(sumClose / numOfBars, format.mintick)
                parts.append("Avg: {}")
                nums.append(("mintick", avg))
            if p["show_names"]:
                parts.append(name)
            if parts and box_kept:  # (an empty label draws nothing)
                drawn.append(Label(a, bottom, "\n".join(parts), numbers=tuple(nums), style="upper_left", align="left",
                                   text_color=col, plot=key, key=key + "_label"))
    return drawn


def _note(window, series):
    return None if intraday(window.time) else "intraday bars only"


def _legend(p, last, fmt):
    out = []
    for key, _, _, _, _, col, prefix, _ in SESSIONS:
        chosen = split_colour(p[f"{prefix}_color"])[0]
        out.append((key if chosen == col.lower() else chosen, f"{p[f'{prefix}_name']}  {fmt.price(last[key])}"))
    return out


def _session_inputs(show, name, session, zone, col, prefix, at):
    var = {"first": "firstSession", "second": "secondSession", "third": "thirdSession"}[prefix]
    # the titles repeat in the three groups: the first session holds them (as SMA's two "Length")
    titles = ("Show session", "Displayed name", "Session time", "Session timezone", "Session color")
    t = [(x,) if prefix == "first" else () for x in titles]
    return (flag(show, True, f"in_{at}", f"show{prefix.capitalize()}", *t[0]),
            text(f"{prefix}_name", name, f"in_{at + 1}", f"{var}Name", *t[1]),
            text(f"{prefix}_session", session, f"in_{at + 2}", f"{var}Time", *t[2], check=check_session),
            text(f"{prefix}_timezone", zone, f"in_{at + 3}", f"{var}TZ", *t[3], check=check_timezone),
            colour(f"{prefix}_color", col.lower() + "26", f"in_{at + 4}", f"{var}Color", *t[4]))  # color.new(c, 85)


STUDY = StudySpec(
    name="Trading Sessions",
    kind="trading_sessions",
    aliases=("Sessions",),
    inputs=(
        flag("show_names", True, "in_0", "Show session names"),
        flag("show_oc", True, "in_1", "Draw session open and close lines"),
        flag("show_range", True, "in_2", "Show tick range for each session"),
        flag("show_average", True, "in_3", "Show average price per session"),
        # each session: show, name, session, time zone, colour
        *(i for key, show, name, session, zone, col, prefix, at in SESSIONS
          for i in _session_inputs(show, name, session, zone, col, prefix, at)),
    ),
    plots=tuple(Plot(key, kind="custom", color=col, names=(("plot",) if key == "tokyo" else ()) + (name.lower(),))
                for key, _, name, _, _, col, _, _ in SESSIONS),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
    note=_note,
    calendar=True,
)
