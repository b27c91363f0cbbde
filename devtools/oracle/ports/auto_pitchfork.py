"""
@pyne

Auto Pitchfork, TradingView built-in, ported line by line with the library it imports
(``TradingView/ZigZag/7``, its calculation from ZigZag-v8.pine, as in ports/zig_zag.py: the
same block; here threshold 0, no extension, no drawing). A chart point is a [bar_index, price]
list (the script's points are by index). The lines are set on every bar and the chart shows the
last bar's: plotted on the last bar (na before) are the three pivots ("Prev2", "Prev", "Last":
bar and price), getMedianData's two points ("Median start", "Median end": bar and price) and,
for the levels shown by default (0.5 and 1), drawLevel's two lines per level ("L<level> -" for
(-iDiff, -pDiff), "L<level> +" for (iDiff, pDiff)): start bar, start price and end price (the
end bar is the start's + 1).
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Auto Pitchfork.pine and
docs/official/libraries/TradingView/ZigZag-v8.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, high, low, volume, bar_index, barstate, math, na, nz
from pynecore.types import Persistent, Series

CASE = {"study": "Auto Pitchfork", "inputs": {},
        "outputs": {"Prev2 bar": "prev2_bar", "Prev2": "prev2", "Prev bar": "prev_bar", "Prev": "prev",
                    "Last bar": "last_bar", "Last": "last", "Median start bar": "median_start_bar",
                    "Median start": "median_start", "Median end bar": "median_end_bar", "Median end": "median_end",
                    **{f"L{lv} {s} {k}": f"level_{lv.replace('.', '_')}_{'lo' if s == '-' else 'hi'}_{k}"
                       for lv in ("0.5", "1") for s in ("-", "+") for k in ("x0", "y0", "y1")}},
        "runs": [{"inputs": {"depth": 6, "typeP": "Schiff"}, "template": {"Depth": 6, "Type": "Schiff"}},
                 {"inputs": {"depth": 4, "typeP": "Modified Schiff"}, "template": {"in_0": 4, "in_1": "Modified Schiff"}},
                 {"inputs": {"depth": 8, "typeP": "Inside"}, "template": {"depth": 8, "typeP": "Inside"}},
                 {"inputs": {"depth": 5}, "template": {"Depth": 5}}]}

ISHIGH, VOL, START, END = 0, 1, 2, 3


# ---- TradingView/ZigZag library (ZigZag-v8.pine), its calculation: a ZigZag is a dict
# {"devThreshold", "depth", "extendLast", "allowZigZagOnOneBar", "pivots", "sumVol", "extend"}.

# findPivotPoint(series float src, series float length, simple bool isHigh) =>
def findPivotPoint(src: Series[float], length, isHigh):
    pivotPrice = nz(src[length])                                   # float pivotPrice = nz(src[length])
    if length == 0:                                                # if length == 0
        return (bar_index, pivotPrice)                             #     chart.point.new(time, bar_index, pivotPrice)
    elif length * 2 <= bar_index:                                  # else if length * 2 <= bar_index
        isFound = True                                             #     bool isFound = true
        for i in range(0, int(math.abs(length - 1)) + 1):          #     for i = 0 to math.abs(length - 1)
            if (isHigh and src[i] > pivotPrice) or (not isHigh and src[i] < pivotPrice):
                isFound = False
                break
        for i in range(length + 1, 2 * length + 1):                #     for i = length + 1 to 2 * length
            if (isHigh and src[i] >= pivotPrice) or (not isHigh and src[i] <= pivotPrice):
                isFound = False
                break
        if isFound:                                                #     if isFound
            return (bar_index - length, pivotPrice)                #         chart.point.new(time[length], bar_index[length], pivotPrice)
    return None


def calcDev(basePrice, price):
    return 100 * (price - basePrice) / math.abs(basePrice)         # 100 * (price - basePrice) / math.abs(basePrice)


def updatePivot(this, end, vol):                                   # method updatePivot(Pivot this, chart.point end, float vol, ...)
    this[END] = end                                                #     this.end := end
    this[VOL] = vol                                                #     this.vol := vol


def newPivot(start, end, vol, isHigh):                             # newPivot(start, end, vol, isHigh, settings) =>
    p = [isHigh, vol, start, end]                                  #     Pivot p = Pivot.new(na, na, isHigh, vol, start, end)
    updatePivot(p, end, vol)                                       #     p.updatePivot(end, vol, settings)
    return p


def isMorePrice(this, point):                                      # method isMorePrice(Pivot this, chart.point point) =>
    m = 1 if this[ISHIGH] else -1                                  #     int m = this.isHigh ? 1 : -1
    return point[1] * m > this[END][1] * m                         #     point.price * m > this.end.price * m


def lastPivot(this):                                               # export method lastPivot(ZigZag this) =>
    return this["pivots"][-1] if len(this["pivots"]) > 0 else None


def updateLastPivot(this, point):                                  # method updateLastPivot(ZigZag this, chart.point point) =>
    lp = lastPivot(this)
    if len(this["pivots"]) == 1:                                   #     if this.pivots.size() == 1
        lp[START] = point                                          #         lastPivot.start := point
    updatePivot(lp, point, lp[VOL] + this["sumVol"])               #     lastPivot.updatePivot(point, lastPivot.vol + this.sumVol, ...)
    this["sumVol"] = 0.0                                           #     this.sumVol := 0


def newPivotFound(this, new):                                      # method newPivotFound(ZigZag this, Pivot new) =>
    this["pivots"].append(new)                                     #     this.pivots.push(new)
    this["sumVol"] = 0.0                                           #     this.sumVol := 0


def newPivotPointFound(this, isHigh, point):                       # method newPivotPointFound(this, isHigh, point) =>
    result = False
    lp = lastPivot(this)
    if lp is not None:                                             #     if not na(lastPivot)
        if lp[ISHIGH] == isHigh:                                   #         if lastPivot.isHigh == isHigh
            if isMorePrice(lp, point):                             #             if lastPivot.isMorePrice(point)
                updateLastPivot(this, point)
                result = True
        else:
            dev = calcDev(lp[END][1], point[1])                    #             float dev = calcDev(lastPivot.end.price, point.price)
            if (not lp[ISHIGH] and dev >= this["devThreshold"]) or (lp[ISHIGH] and dev <= -1 * this["devThreshold"]):
                newPivotFound(this, newPivot(lp[END], point, this["sumVol"], isHigh))
                result = True
    else:
        newPivotFound(this, newPivot(point, point, this["sumVol"], isHigh))
        result = True
    return result


def tryFindPivot(this, src: Series[float], isHigh, depth, registerPivot=True):
    point = findPivotPoint(src, depth, isHigh)                     # chart.point point = findPivotPoint(src, depth, isHigh)
    return newPivotPointFound(this, isHigh, point) if point is not None and registerPivot else False


def update(this, h_src: Series[float], l_src: Series[float]):     # export method update(ZigZag this) =>
    depth = int(math.max(2, math.floor(this["depth"] / 2)))        #     int depth = math.max(2, math.floor(this.settings.depth / 2))
    this["sumVol"] += nz(volume[depth])                            #     this.sumVol += nz(volume[depth])
    somethingChanged = tryFindPivot(this, h_src, True, depth)      #     bool somethingChanged = this.tryFindPivot(high, true, depth)
    somethingChanged = tryFindPivot(this, l_src, False, depth,     #     somethingChanged := this.tryFindPivot(low, false, depth,
                                    this["allowZigZagOnOneBar"] or not somethingChanged) or somethingChanged
    lp = lastPivot(this)                                           #     Pivot lastPivot = this.lastPivot()
    remVol = math.sum(volume, int(math.max(depth, 1)))             #     float remVol = math.sum(volume, math.max(depth, 1))
    if this["extendLast"] and barstate.islast and lp is not None:  #     if this.settings.extendLast and barstate.islast and not na(lastPivot)
        isHigh = not lp[ISHIGH]                                    #         bool isHigh = not lastPivot.isHigh
        curSeries = high if isHigh else low                        #         float curSeries = isHigh ? high : low
        end = (bar_index, curSeries)                               #         chart.point end = chart.point.new(time, bar_index, curSeries)
        if this["extend"] is None or somethingChanged:             #         if na(this.extend) or somethingChanged
            this["extend"] = newPivot(lp[END], end, this["sumVol"], isHigh)
        updatePivot(this["extend"], end, this["sumVol"] + remVol)  #         this.extend.updatePivot(end, this.sumVol + remVol, ...)
    return somethingChanged


def newInstance(devThreshold, depth, extendLast, allowZigZagOnOneBar=True):
    return {"devThreshold": devThreshold, "depth": depth, "extendLast": extendLast,
            "allowZigZagOnOneBar": allowZigZagOnOneBar, "pivots": [], "sumVol": 0.0, "extend": None}
# ---- end of the library

def _calcOffsetPrice(start, end):
    return (start[1] - end[1]) * 0.5 / math.abs(start[0] - end[0] - 0.5)


def _calcSlope(start, end):
    return (end[1] - start[1]) / (end[0] - start[0])


def _calcAvgFloorBarIndex(start, end):
    return [math.floor(math.avg(start[0], end[0])), math.avg(start[1], end[1])]


def getMedianData(type_, prev2P, prevP, lastP):
    startMedian = None                                             # chart.point startMedian = na
    endMedian = _calcAvgFloorBarIndex(prevP, lastP)                # chart.point endMedian = _calcAvgFloorBarIndex(prevP, lastP)
    needOffsetEndMedianPrice = (lastP[0] - prevP[0]) % 2 != 0
    if type_ == "Original":
        startMedian = list(prev2P)                                 # chart.point.copy(prev2P)
        endMedian[1] += _calcOffsetPrice(startMedian, endMedian) if needOffsetEndMedianPrice else 0
    elif type_ == "Schiff":
        startMedian = list(prev2P)
        startMedian[1] = math.avg(prevP[1], prev2P[1])
        endMedian[1] += _calcOffsetPrice(startMedian, endMedian) if needOffsetEndMedianPrice else 0
    elif type_ == "Modified Schiff":
        startMedian = [math.floor(math.avg(prevP[0], prev2P[0])), math.avg(prevP[1], prev2P[1])]
        offsetPrice = _calcOffsetPrice(startMedian, endMedian)
        startMedian[1] += offsetPrice if (prev2P[0] - prevP[0]) % 2 != 0 else 0
        endMedian[1] += offsetPrice if needOffsetEndMedianPrice else 0
    elif type_ == "Inside":
        startMedian = list(lastP)
        slopeInside = (math.avg(prevP[1], prev2P[1]) - lastP[1]) / (math.avg(prevP[0], prev2P[0]) - lastP[0])
        startMedian[1] = slopeInside * (startMedian[0] - math.avg(prevP[0], lastP[0])) + endMedian[1]
        endMedian[1] -= _calcOffsetPrice(startMedian, endMedian) if needOffsetEndMedianPrice else 0
    return startMedian, endMedian


def drawLevel(iDiff, pDiff, level, slopeMedian, prevP, lastP):
    iEndMedian = (prevP[0] + lastP[0]) / 2
    pEndMedian = (prevP[1] + lastP[1]) / 2
    isSlopeUp = prevP[1] > lastP[1]
    temp = iEndMedian + (iDiff if isSlopeUp else -iDiff) * level
    start = [math.ceil(temp), pEndMedian - pDiff * level]
    end = [start[0] + 1, slopeMedian * (start[0] + 1 - temp) + start[1]]
    isIntBarIndex = temp - math.ceil(temp)
    offset = 0 if isIntBarIndex == 0 else (start[1] - end[1]) * isIntBarIndex / (temp - end[0])
    start[1] -= offset
    return start, end


@script.indicator("Auto Pitchfork", overlay=True)
def main(depth=input.int(10, "Depth", minval=2),
         typeP=input.string("Original", "Type", options=["Original", "Schiff", "Modified Schiff", "Inside"])):
    lastP: Persistent[list] = []                                   # var chart.point lastP = na (empty: na)
    prevP: Persistent[list] = []
    prev2P: Persistent[list] = []
    # var zigzag.ZigZag zigZag = zigzag.newInstance(zigzag.Settings.new(0, depth, color(na), false, ..., false))
    zigZag: Persistent[dict] = newInstance(0, depth, False)
    h_src: Series[float] = high
    l_src: Series[float] = low
    if update(zigZag, h_src, l_src):                               # if zigZag.update()
        pivots = zigZag["pivots"]
        pivotsCount = len(pivots)
        if pivotsCount > 1:
            p = pivots[pivotsCount - 2]
            lastP[:] = p[END]                                      # lastP := p.end
            prevP[:] = p[START]                                    # prevP := p.start
            if pivotsCount > 2:
                p2 = pivots[pivotsCount - 3]
                prev2P[:] = p2[START]                              # prev2P := p2.start
    ready = not (len(lastP) == 0 or len(prevP) == 0 or len(prev2P) == 0)

    vals = {}
    if ready and barstate.islast:
        startMedian, endMedian = getMedianData(typeP, prev2P, prevP, lastP)
        vals = {"Prev2 bar": prev2P[0], "Prev2": prev2P[1], "Prev bar": prevP[0], "Prev": prevP[1],
                "Last bar": lastP[0], "Last": lastP[1], "Median start bar": startMedian[0],
                "Median start": startMedian[1], "Median end bar": endMedian[0], "Median end": endMedian[1]}
        # processLevel(show, level, ...) for the levels shown by default
        iDiff = math.abs(prevP[0] - lastP[0]) / 2
        pDiff = math.abs(prevP[1] - lastP[1]) / 2
        slopeMedian = _calcSlope(startMedian, endMedian)
        for lv, level in (("0.5", 0.5), ("1", 1.0)):
            for s, sign in (("-", -1), ("+", 1)):
                start, end = drawLevel(sign * iDiff, sign * pDiff, level, slopeMedian, prevP, lastP)
                vals[f"L{lv} {s} x0"] = start[0]
                vals[f"L{lv} {s} y0"] = start[1]
                vals[f"L{lv} {s} y1"] = end[1]
    plot(vals.get("Prev2 bar", na(float)), "Prev2 bar")
    plot(vals.get("Prev2", na(float)), "Prev2")
    plot(vals.get("Prev bar", na(float)), "Prev bar")
    plot(vals.get("Prev", na(float)), "Prev")
    plot(vals.get("Last bar", na(float)), "Last bar")
    plot(vals.get("Last", na(float)), "Last")
    plot(vals.get("Median start bar", na(float)), "Median start bar")
    plot(vals.get("Median start", na(float)), "Median start")
    plot(vals.get("Median end bar", na(float)), "Median end bar")
    plot(vals.get("Median end", na(float)), "Median end")
    plot(vals.get("L0.5 - x0", na(float)), "L0.5 - x0")
    plot(vals.get("L0.5 - y0", na(float)), "L0.5 - y0")
    plot(vals.get("L0.5 - y1", na(float)), "L0.5 - y1")
    plot(vals.get("L0.5 + x0", na(float)), "L0.5 + x0")
    plot(vals.get("L0.5 + y0", na(float)), "L0.5 + y0")
    plot(vals.get("L0.5 + y1", na(float)), "L0.5 + y1")
    plot(vals.get("L1 - x0", na(float)), "L1 - x0")
    plot(vals.get("L1 - y0", na(float)), "L1 - y0")
    plot(vals.get("L1 - y1", na(float)), "L1 - y1")
    plot(vals.get("L1 + x0", na(float)), "L1 + x0")
    plot(vals.get("L1 + y0", na(float)), "L1 + y0")
    plot(vals.get("L1 + y1", na(float)), "L1 + y1")
