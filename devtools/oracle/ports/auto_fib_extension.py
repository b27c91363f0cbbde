"""
@pyne

Auto Fib Extension, TradingView built-in, ported line by line: its own ``pivots()`` (it imports
the ZigZag library but does not use it), the pivot arrays kept bar by bar, and the last-bar walk
for a trend leg and its retracement. Chart points are (bar_index, price) pairs in two parallel
lists (time order is bar order); the script's lines only carry their end prices, so ``offset``
is taken from the same points. Plotted on the last bar: "Base" (the returned endPrice - offset,
level 0) and "Diff" (the signed leg), na before.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Auto Fib Extension.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, high, low, bar_index, barstate, math, na, nz
from pynecore.types import Persistent, Series

CASE = {"study": "Auto Fib Extension", "inputs": {}, "outputs": {"Base": "base", "Diff": "diff"},
        "runs": [{"inputs": {"depth": 6}, "template": {"Depth": 6}}]}


def pivots(src: Series[float], length, isHigh):
    if bar_index >= length:
        price = nz(src[int(length)])
        found = True
        for i in range(0, int(length * 2) + 1):
            v = src[i]
            if (isHigh and v > price) or (not isHigh and v < price):
                found = False
                break
        if found:
            return bar_index - int(length), price
    return None


@script.indicator("Auto Fib Extension", overlay=True)
def main(depth=input.int(title="Depth", defval=10, minval=2)):
    hs: Persistent[list] = []
    ls: Persistent[list] = []
    h_src: Series[float] = high
    l_src: Series[float] = low
    H = pivots(h_src, depth / 2, True)
    L = pivots(l_src, depth / 2, False)
    if len(hs) > 0 and len(ls) > 0:
        lastH = hs[-1]
        lastL = ls[-1]
        if lastH[0] > lastL[0]:
            if H is not None:
                if H[1] > lastH[1]:
                    hs[-1] = H
                H = None
        else:
            if L is not None:
                if L[1] < lastL[1]:
                    ls[-1] = L
                L = None
    if H is not None:
        hs.append(H)
    if L is not None:
        ls.append(L)

    base = na(float)
    diff = na(float)
    if barstate.islast and len(hs) > 0 and len(ls) > 0:
        hc = list(hs)
        lc = list(ls)
        startPrice = na(float)
        endPrice = na(float)
        offset = na(float)
        isHighLast = False
        done = False
        while len(hc) > 0 and len(lc) > 0:
            lastH = hc.pop()
            lastL = lc.pop()
            isHighLast = lastH[0] > lastL[0]
            piv = hc if isHighLast else lc
            i = len(piv) - 1
            while i >= 0:
                p = piv[i]
                if p[0] < lastL[0]:
                    break
                if p[1] > lastH[1]:
                    lastH = piv.pop()
                else:
                    del piv[i]
                i -= 1
            if len(hc) == 0 or len(lc) == 0:
                break
            isHighLast = lastH[0] > lastL[0]
            piv = hc if isHighLast else lc
            prevPivot = piv[-1]
            startPrice = prevPivot[1]
            if isHighLast:
                endPrice = lastL[1]
                d = math.abs(startPrice - endPrice)
                if lastH[1] > endPrice + d * 1.0 or lastH[1] < endPrice + d * 0.236:
                    lc.append(lastL)
                    continue
                offset = -math.abs(lastL[1] - lastH[1])  # lineLastLH: lastL -> lastH
            else:
                endPrice = lastH[1]
                d = math.abs(startPrice - endPrice)
                if lastL[1] < endPrice - d * 1.0 or lastL[1] > endPrice - d * 0.236:
                    hc.append(lastH)
                    continue
                offset = math.abs(lastH[1] - lastL[1])  # lineLastHL: lastH -> lastL
            done = True
            break
        if done:
            base = endPrice - offset
            diff = (-1 if isHighLast else 1) * math.abs(startPrice - endPrice)
    plot(base, "Base")
    plot(diff, "Diff")
