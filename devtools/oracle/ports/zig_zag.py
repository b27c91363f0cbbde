"""
@pyne

Zig Zag, TradingView built-in, ported line by line with the library it imports
(``TradingView/ZigZag/7``): the library's calculation (findPivotPoint, calcDev, newPivot,
updatePivot, isMorePrice, lastPivot, updateLastPivot, newPivotFound, newPivotPointFound,
tryFindPivot, update) follows ZigZag-v8.pine beside its Pine text below. v8's header
("v8, 2025.03.26") gives no change list and no v7 text is stored; the script's own call
(``Settings.new`` with 9 fields: ``draw`` and the defaulted ``allowZigZagOnOneBar``) is v8's
type, and what v8 changed against the published v3 (signed ``calcDev`` with a direction per
pivot kind, ``depth = math.max(2, ...)``, ``allowZigZagOnOneBar``) is what our JavaScript
reference of v7 (oakscriptJS ``src/lib/zigzag``) also has. Lines and labels only carry the
pivots, so they are left out: a chart point is a (bar_index, price) pair (the script draws by
time; bar order is time order) and a Pivot a list [isHigh, vol, start, end].

The pivots are plotted as the library's state after ``update()`` on every bar (a pivot drawn on
the chart is moved later, which a bar's plot cannot do): "Count" (pivots.size()), the last
pivot's "Start bar", "Start", "End bar", "End" and "Volume"; with the extension (last bar only):
"Extension" (its end price) and "Extension volume". On the last bar the state history gives
every pivot: pivot k is the last pivot of the last bar on which Count was k + 1.
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Zig Zag.pine and
docs/official/libraries/TradingView/ZigZag-v8.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, high, low, volume, bar_index, barstate, math, na, nz
from pynecore.types import Persistent, Series

CASE = {"study": "Zig Zag", "inputs": {},
        "outputs": {"Count": "pivot_count", "Start bar": "leg_start_bar", "Start": "leg_start",
                    "End bar": "leg_end_bar", "End": "leg_end", "Volume": "leg_volume",
                    "Extension": "extension", "Extension volume": "extension_volume"},
        "runs": [{"inputs": {"deviationInput": 1.0, "depthInput": 4}, "template": {"in_0": 1.0, "in_1": 4}},
                 {"inputs": {"deviationInput": 0.3, "depthInput": 7}, "template": {"in_0": 0.3, "in_1": 7}}]}

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


@script.indicator("Zig Zag", overlay=True, max_lines_count=500, max_labels_count=500)
def main(deviationInput=input.float(5.0, "Price deviation for reversals (%)", 0.00001, 100.0, 0.5),
         depthInput=input.int(10, "Pivot legs", 2),
         extendInput=input.bool(True, "Extend to last bar")):
    # var zigZag = ZigZagLib.newInstance(ZigZagLib.Settings.new(deviationInput, depthInput, ..., extendInput, ..., true))
    zigZag: Persistent[dict] = newInstance(deviationInput, depthInput, extendInput)
    h_src: Series[float] = high
    l_src: Series[float] = low
    update(zigZag, h_src, l_src)                                   # zigZag.update()

    lp = lastPivot(zigZag)
    ext = zigZag["extend"]
    plot(len(zigZag["pivots"]), "Count")
    plot(lp[START][0] if lp is not None else na(float), "Start bar")
    plot(lp[START][1] if lp is not None else na(float), "Start")
    plot(lp[END][0] if lp is not None else na(float), "End bar")
    plot(lp[END][1] if lp is not None else na(float), "End")
    plot(lp[VOL] if lp is not None else na(float), "Volume")
    plot(ext[END][1] if ext is not None else na(float), "Extension")
    plot(ext[VOL] if ext is not None else na(float), "Extension volume")
