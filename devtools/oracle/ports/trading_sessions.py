"""
@pyne

Trading Sessions, TradingView built-in, ported line by line: the three sessions
(``time("", session, timezone)``, each in its own time zone), a session's display created on its
first bar and on a new chart day (``timeframe.change("1D")``), grown bar by bar by
``updateSessionDisplay`` (box top / bottom / right, the close line, the average line) and
``setName`` (the label under the box: "Range: " the box height in ticks, "Avg: " the average
close, the name). The drawings are revised on every bar of their session, so the port plots the
active display's state after each bar (na where the session has none): its box (left, top,
bottom; the right edge is the bar itself), open / close / average lines' y, the label's y and
the numbers its text writes (``(top - bottom) / syminfo.mintick`` and ``sumClose / numOfBars``,
before ``str.tostring(.., format.mintick)``; na when the script leaves them out of the text).
Plot titles: "<first|second|third> <what>", the session's slot in the inputs.
``timeframe.change("1D")`` stays inside ``update`` as in the script (one call site, called once
per session in the loop): measured, its vectors equal those of a port that calls it once per bar
in ``main`` and hands it over.
Colours, styles, the linefill and ``runtime.error`` on D/W/M charts draw nothing that is plotted.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Trading Sessions.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.core.pine_udt import udt
from pynecore.lib import (script, input, plot, time, timeframe, syminfo, bar_index, box, label, line, math,
                          open, high, low, close, na)
from pynecore.types import Persistent

SLOTS = ("first", "second", "third")
WHAT = ("left", "top", "bottom", "open", "close", "average", "label y", "range ticks", "label average")

# default sessions; custom session strings / time zones (an off-grid start, overnight in UTC across
# the chart's day, a fixed offset, weekdays only); a session off; texts and lines off
CASE = {"study": "Trading Sessions", "inputs": {}, "series": ["intraday"],
        "outputs": {f"{s} {w}": f"{k}_{o}" for s, k in (("first", "tokyo"), ("second", "london"), ("third", "new_york"))
                    for w, o in (("left", "left"), ("top", "top"), ("bottom", "bottom"), ("open", "open"),
                                 ("close", "close"), ("average", "average"), ("label y", "label_y"),
                                 ("range ticks", "range"), ("label average", "label_average"))},
        "runs": [{"inputs": {"firstSessionTime": "1445-1715", "firstSessionTZ": "UTC",
                             "secondSessionTime": "1800-1500", "secondSessionTZ": "GMT+1",
                             "thirdSessionTime": "1000-1400:246", "thirdSessionTZ": "America/Chicago"},
                  "template": {"in_6": "1445-1715", "in_7": "UTC", "secondSessionTime": "1800-1500",
                               "secondSessionTZ": "GMT+1", "in_16": "1000-1400:246", "in_17": "America/Chicago"}},
                 {"inputs": {"showSecond": False, "firstSessionTime": "1500-1900", "firstSessionTZ": "Europe/Paris"},
                  "template": {"in_9": False, "firstSessionTime": "1500-1900", "firstSessionTZ": "Europe/Paris"}},
                 {"inputs": {"showSessionOC": False, "showSessionAverage": False, "showSessionTickRange": False,
                             "showThird": False, "firstSessionTime": "0000-0000", "firstSessionTZ": "Asia/Tokyo"},
                  "template": {"Draw session open and close lines": False, "Show average price per session": False,
                               "Show tick range for each session": False, "showThird": False,
                               "in_6": "0000-0000", "in_7": "Asia/Tokyo"}},
                 # the intraday series as a NASDAQ symbol (09:30-16:00 New York): the chart's new day
                 {"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"},
                 # eurusd_tv: 30-minute bars around the clock (each session whole)
                 {"inputs": {}, "template": {}, "series": ["eurusd_tv"]}]}


@udt
class SessionDisplay:                                             # type SessionDisplay
    sessionBox: object = None                                     #     box   sessionBox
    sessionLabel: object = None                                   #     label sessionLabel
    openLine: object = None                                       #     line  openLine
    avgLine: object = None                                        #     line  avgLine
    closeLine: object = None                                      #     line  closeLine
    sumClose: float = 0.0                                         #     float sumClose
    numOfBars: int = 0                                            #     int   numOfBars
    rangeTicks: float = 0.0                                       # (the port's: the numbers setName writes)
    average: float = 0.0


@udt
class SessionInfo:                                                # type SessionInfo
    color: object = None                                          #     color  color
    name: str = ""                                                #     string name
    session: str = ""                                             #     string session
    timezone: str = ""                                            #     string timezone
    active: object = None                                         #     SessionDisplay active = na
    slot: str = ""                                                # (the port's: which plots)


def setName(this, name, showSessionNames, showSessionTickRange, showSessionAverage):
    sessionLabel = this.sessionLabel
    sessionBox = this.sessionBox
    boxText = []
    this.rangeTicks = na(float)
    this.average = na(float)
    if showSessionTickRange:
        this.rangeTicks = (box.get_top(sessionBox) - box.get_bottom(sessionBox)) / syminfo.mintick
        boxText.append("Range: " + str(this.rangeTicks))          # str.tostring(.., format.mintick)
    if showSessionAverage:
        this.average = this.sumClose / this.numOfBars
        boxText.append("Avg: " + str(this.average))                # str.tostring(.., format.mintick)
    if showSessionNames:
        boxText.append(name)
    label.set_y(sessionLabel, box.get_bottom(sessionBox))          # sessionLabel.set_y(sessionBox.get_bottom())
    label.set_text(sessionLabel, "\n".join(boxText))


def createSessionDisplay(this, shows):
    showSessionNames, showSessionOC, showSessionTickRange, showSessionAverage = shows
    dis = SessionDisplay.new(
        sessionBox=box.new(bar_index, high, bar_index, low),
        sessionLabel=label.new(bar_index, low, ""),
        openLine=line.new(bar_index, open, bar_index, open) if showSessionOC else None,
        closeLine=line.new(bar_index, close, bar_index, close) if showSessionOC else None,
        avgLine=line.new(bar_index, close, bar_index, close) if showSessionAverage else None,
        sumClose=close,
        numOfBars=1)
    setName(dis, this.name, showSessionNames, showSessionTickRange, showSessionAverage)
    this.active = dis


def updateSessionDisplay(this, shows):
    showSessionNames, showSessionOC, showSessionTickRange, showSessionAverage = shows
    sessionDisp = this.active
    sessionBox = sessionDisp.sessionBox
    openLine = sessionDisp.openLine
    closeLine = sessionDisp.closeLine
    avgLine = sessionDisp.avgLine
    sessionDisp.sumClose += close
    sessionDisp.numOfBars += 1

    box.set_top(sessionBox, math.max(box.get_top(sessionBox), high))
    box.set_bottom(sessionBox, math.min(box.get_bottom(sessionBox), low))
    box.set_right(sessionBox, bar_index)
    setName(sessionDisp, this.name, showSessionNames, showSessionTickRange, showSessionAverage)

    if showSessionOC:
        line.set_x2(openLine, bar_index)
        line.set_x2(closeLine, bar_index)
        line.set_y1(closeLine, close)
        line.set_y2(closeLine, close)

    if showSessionAverage:
        line.set_x2(avgLine, bar_index)
        avg = sessionDisp.sumClose / sessionDisp.numOfBars
        line.set_y1(avgLine, avg)
        line.set_y2(avgLine, avg)
    return sessionDisp


def update(this, shows):                                          # method update(SessionInfo this) =>
    isChange = timeframe.change("1D")                              #     bool isChange = timeframe.change("1D")
    if not na(time("", this.session, this.timezone)):              # inSession
        if this.active is None or isChange:
            createSessionDisplay(this, shows)
        else:
            updateSessionDisplay(this, shows)
    elif this.active is not None:
        this.active = None


@script.indicator("Trading Sessions", overlay=True, max_boxes_count=500, max_lines_count=500, max_labels_count=500)
def main(showSessionNames=input.bool(True, "Show session names"),
         showSessionOC=input.bool(True, "Draw session open and close lines"),
         showSessionTickRange=input.bool(True, "Show tick range for each session"),
         showSessionAverage=input.bool(True, "Show average price per session"),
         showFirst=input.bool(True, "Show session"),
         firstSessionName=input.string("Tokyo", "Displayed name"),
         firstSessionTime=input.session("0900-1500", "Session time"),
         firstSessionTZ=input.string("Asia/Tokyo", "Session timezone"),
         showSecond=input.bool(True, "Show session"),
         secondSessionName=input.string("London", "Displayed name"),
         secondSessionTime=input.session("0830-1630", "Session time"),
         secondSessionTZ=input.string("Europe/London", "Session timezone"),
         showThird=input.bool(True, "Show session"),
         thirdSessionName=input.string("New York", "Displayed name"),
         thirdSessionTime=input.session("0930-1600", "Session time"),
         thirdSessionTZ=input.string("America/New_York", "Session timezone")):
    shows = (showSessionNames, showSessionOC, showSessionTickRange, showSessionAverage)

    def getSessionInfos():
        sessionInfos = []
        if showFirst:
            sessionInfos.append(SessionInfo.new(None, firstSessionName, firstSessionTime, firstSessionTZ, None, "first"))
        if showSecond:
            sessionInfos.append(SessionInfo.new(None, secondSessionName, secondSessionTime, secondSessionTZ, None,
                                                "second"))
        if showThird:
            sessionInfos.append(SessionInfo.new(None, thirdSessionName, thirdSessionTime, thirdSessionTZ, None, "third"))
        return sessionInfos

    sessionInfos: Persistent[list] = getSessionInfos()             # var array<SessionInfo> sessionInfos
    for info in sessionInfos:
        update(info, shows)

    # the port's: each slot's active display after the bar
    state = {s: [na(float)] * len(WHAT) for s in SLOTS}
    for info in sessionInfos:
        d = info.active
        if d is not None:
            b = d.sessionBox
            state[info.slot] = [box.get_left(b), box.get_top(b), box.get_bottom(b),
                                line.get_y1(d.openLine) if d.openLine is not None else na(float),
                                line.get_y1(d.closeLine) if d.closeLine is not None else na(float),
                                line.get_y1(d.avgLine) if d.avgLine is not None else na(float),
                                label.get_y(d.sessionLabel), d.rangeTicks, d.average]
    v = state["first"] + state["second"] + state["third"]
    plot(v[0], "first left")
    plot(v[1], "first top")
    plot(v[2], "first bottom")
    plot(v[3], "first open")
    plot(v[4], "first close")
    plot(v[5], "first average")
    plot(v[6], "first label y")
    plot(v[7], "first range ticks")
    plot(v[8], "first label average")
    plot(v[9], "second left")
    plot(v[10], "second top")
    plot(v[11], "second bottom")
    plot(v[12], "second open")
    plot(v[13], "second close")
    plot(v[14], "second average")
    plot(v[15], "second label y")
    plot(v[16], "second range ticks")
    plot(v[17], "second label average")
    plot(v[18], "third left")
    plot(v[19], "third top")
    plot(v[20], "third bottom")
    plot(v[21], "third open")
    plot(v[22], "third close")
    plot(v[23], "third average")
    plot(v[24], "third label y")
    plot(v[25], "third range ticks")
    plot(v[26], "third label average")
