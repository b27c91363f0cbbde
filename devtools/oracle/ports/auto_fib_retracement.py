"""
@pyne

Auto Fib Retracement, TradingView built-in, ported line by line with the library it imports
(``TradingView/ZigZag/7``, its calculation from ZigZag-v8.pine, as in ports/zig_zag.py: the
same block). The script's ``update()``: the threshold ``ta.atr(10) / close * 100 * Deviation``
set on every bar before the library's ``update()``, and, when that returns true, ``lastP`` (the
last pivot), ``startPrice`` (its end, its start with "Reverse") and ``height`` (the signed
distance to the other end); level m is drawn at ``startPrice + height * m``. Plotted on every
bar (the script's ``var`` state): "Start price", "Height", "Start bar" and "End bar" (lastP's).
``runtime.error`` ("Not enough data", on the last bar while the library holds fewer than two
pivots) stops TradingView's script and the chart shows nothing of it: plotted as "Not enough
data" (1 on that bar, else 0), the script then goes on.
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Auto Fib Retracement.pine
and docs/official/libraries/TradingView/ZigZag-v8.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, high, low, volume, bar_index, barstate, math, na, nz
from pynecore.types import Persistent, Series

CASE = {"study": "Auto Fib Retracement", "inputs": {},
        "outputs": {"Start price": "start_price", "Height": "height", "Start bar": "leg_start_bar",
                    "End bar": "leg_end_bar", "Not enough data": "not_enough_data"},
        "runs": [{"inputs": {"threshold_multiplier": 1.0, "depth": 6, "reverse": True},
                  "template": {"Deviation": 1.0, "Depth": 6, "Reverse": True}},
                 {"inputs": {"threshold_multiplier": 0.5, "depth": 4}, "template": {"in_0": 0.5, "in_1": 4}}]}

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

@script.indicator("Auto Fib Retracement", overlay=True)
def main(threshold_multiplier=input.float(title="Deviation", defval=3, minval=0),
         depth=input.int(title="Depth", defval=10, minval=2),
         reverse=input.bool(False, "Reverse")):
    # var settings = zigzag.Settings.new(threshold_multiplier, depth, color(na), false, false, false, false, "Absolute", true)
    zigZag: Persistent[dict] = newInstance(threshold_multiplier, depth, False)  # var zigzag.ZigZag zigZag = zigzag.newInstance(settings)
    lastP: Persistent[list] = []                                   # var zigzag.Pivot lastP = na (empty: na)
    startPrice: Persistent[float] = na(float)                      # var float startPrice = na
    height: Persistent[float] = na(float)                          # var float height = na
    notEnough = 0.0
    if barstate.islast and len(zigZag["pivots"]) < 2:              # if barstate.islast and zigZag.pivots.size() < 2
        notEnough = 1.0                                            #     runtime.error("Not enough data ...")
    zigZag["devThreshold"] = ta.atr(10) / close * 100 * threshold_multiplier  # settings.devThreshold := ...
    h_src: Series[float] = high
    l_src: Series[float] = low
    if update(zigZag, h_src, l_src):                               # if zigZag.update()
        lp = lastPivot(zigZag)                                     #     lastP := zigZag.lastPivot()
        lastP.clear()
        if lp is not None:                                         #     if not na(lastP)
            lastP.append(lp)
            startPrice = lp[START][1] if reverse else lp[END][1]   #         startPrice := reverse ? lastP.start.price : lastP.end.price
            endPrice = lp[END][1] if reverse else lp[START][1]     #         endPrice = reverse ? lastP.end.price : lastP.start.price
            height = (-1 if startPrice > endPrice else 1) * math.abs(startPrice - endPrice)

    plot(startPrice, "Start price")
    plot(height, "Height")
    plot(lastP[0][START][0] if len(lastP) > 0 else na(float), "Start bar")
    plot(lastP[0][END][0] if len(lastP) > 0 else na(float), "End bar")
    plot(notEnough, "Not enough data")
