"""
@pyne

Technical Ratings, TradingView built-in, ported line by line with the library it imports
(``TradingView/TechnicalRating/3``: calcRatingAll, TechnicalRating-v3.pine) and the functions
that library takes from ``TradingView/ta/9`` (ao, ichimoku with its midpoint, stochFull,
stochRsi, uo with uoAverage: ta-v10.pine, the published text; the other ``ta.*`` calls are
Pine's built-ins). Plotted: "Rating (indicator timeframe)" (userRating for "Rating is based
on") and the three ratings "All", "Osc", "MAs" (calcRatingAll's tuple).
Not ported: ``request.security`` — with "Indicator Timeframe" left empty (the default) the
plotted rating is ``request.security("", timeframe.period, [rt, ro, rma])``, the chart's own
values (ported as the values); the table's other timeframes (60, 240, 1D, 1W, 1M) are other
timeframes' bars, which the oracle does not request; the table, colours and alerts are display.
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Technical Ratings.pine,
docs/official/libraries/TradingView/TechnicalRating-v3.pine and
docs/official/libraries/TradingView/ta-v10.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, math, array, close, high, low, hl2, na, nz
from pynecore.types import Series

CASE = {"study": "Technical Ratings", "inputs": {},
        "outputs": {"Rating (indicator timeframe)": "rating", "All": "all", "Osc": "osc", "MAs": "ma"},
        "runs": [{"inputs": {"ratingSignal": "MAs"}, "template": {"Rating is based on": "MAs"}},
                 {"inputs": {"ratingSignal": "Oscillators"}, "template": {"in_1": "Oscillators"}}]}


# ---- TradingView/ta (ta-v10.pine): the functions calcRatingAll uses
def ao(source: Series[float], shortLength=5, longLength=34):      # export ao(source = hl2, shortLength = 5, longLength = 34) =>
    return ta.sma(source, shortLength) - ta.sma(source, longLength)


def midpoint(length):                                             # midpoint(series int length) =>
    return math.avg(ta.highest(length), ta.lowest(length))


def ichimoku(conLength=9, baseLength=26, senkouLength=52):        # export ichimoku(...) =>
    tenkan = midpoint(conLength)
    kijun = midpoint(baseLength)
    senkouSpan1 = math.avg(tenkan, kijun)
    senkouSpan2 = midpoint(senkouLength)
    chikou = close
    return tenkan, kijun, senkouSpan1, senkouSpan2, chikou


def stochFull(periodK, smoothK, periodD):                         # export stochFull(periodK, smoothK, periodD) =>
    k = ta.sma(ta.stoch(close, high, low, periodK), smoothK)
    d = ta.sma(k, periodD)
    return k, d


def stochRsi(lengthRsi, periodK, smoothK, periodD, source: Series[float]):  # export stochRsi(..., source = close) =>
    rsi: Series[float] = ta.rsi(source, lengthRsi)
    k = ta.sma(ta.stoch(rsi, rsi, rsi, periodK), smoothK)
    d = ta.sma(k, periodD)
    return k, d


def uoAverage(bp: Series[float], trange: Series[float], length):  # uoAverage(bp, trange, length) =>
    return math.sum(bp, length) / math.sum(trange, length)


def uo(fastLen, midLen, slowLen):                                 # export uo(fastLen, midLen, slowLen) =>
    tMax = math.max(high, close[1])
    tMin = math.min(low, close[1])
    tr: Series[float] = tMax - tMin
    bp: Series[float] = close - tMin
    avg1 = uoAverage(bp, tr, fastLen)
    avg2 = uoAverage(bp, tr, midLen)
    avg3 = uoAverage(bp, tr, slowLen)
    return 100 * (4 * avg1 + 2 * avg2 + avg3) / 7


# ---- TradingView/TechnicalRating (TechnicalRating-v3.pine)
def calcRatingMA(ma, src):                                        # calcRatingMA(ma, src) => math.sign(src - ma)
    return math.sign(src - ma)


def calcRating(src, bullCond, bearCond):                          # calcRating(src, bullCond, bearCond) =>
    return na(int) if na(src) else (1 if bullCond else (-1 if bearCond else 0))


def calcRatingAll():                                              # export calcRatingAll() =>
    con, base, lead1_, lead2_, _ = ichimoku()                     #     [con, base, lead1, lead2, _] = ta.ichimoku()
    lead1: Series[float] = lead1_
    lead2: Series[float] = lead2_
    kStoch_, dStoch_ = stochFull(14, 3, 3)
    kStoch: Series[float] = kStoch_
    dStoch: Series[float] = dStoch_
    src: Series[float] = close
    kStochRsi, dStochRsi = stochRsi(14, 14, 3, 3, src)
    diP, diN, adx_ = ta.dmi(14, 14)
    adx: Series[float] = adx_
    macd, signal, _ = ta.macd(close, 12, 26, 9)
    bullPower: Series[float] = high - ta.ema(close, 13)
    bearPower: Series[float] = low - ta.ema(close, 13)
    rsi: Series[float] = ta.rsi(close, 14)
    cci: Series[float] = ta.cci(close, 20)
    mom: Series[float] = ta.mom(close, 10)
    priceAvg = ta.ema(close, 50)
    downTrend = close < priceAvg
    upTrend = close > priceAvg
    uo_ = uo(7, 14, 28)
    wr: Series[float] = ta.wpr(14)
    hl: Series[float] = hl2
    ao_: Series[float] = ao(hl)

    indRatings = []                                               #     var array<float> indRatings; array.clear(indRatings)
    indRatings.append(calcRatingMA(ta.sma(close, 10), close))
    indRatings.append(calcRatingMA(ta.sma(close, 20), close))
    indRatings.append(calcRatingMA(ta.sma(close, 30), close))
    indRatings.append(calcRatingMA(ta.sma(close, 50), close))
    indRatings.append(calcRatingMA(ta.sma(close, 100), close))
    indRatings.append(calcRatingMA(ta.sma(close, 200), close))
    indRatings.append(calcRatingMA(ta.ema(close, 10), close))
    indRatings.append(calcRatingMA(ta.ema(close, 20), close))
    indRatings.append(calcRatingMA(ta.ema(close, 30), close))
    indRatings.append(calcRatingMA(ta.ema(close, 50), close))
    indRatings.append(calcRatingMA(ta.ema(close, 100), close))
    indRatings.append(calcRatingMA(ta.ema(close, 200), close))
    indRatings.append(calcRatingMA(ta.hma(close, 9), close))
    indRatings.append(calcRatingMA(ta.vwma(close, 20), close))
    indRatings.append(calcRating(lead2,
                                 lead1[26] > lead2[26] and base > lead1[26] and con > base and close > con,
                                 lead1[26] < lead2[26] and base < lead1[26] and con < base and close < con))
    ratingMA = array.avg(indRatings)                              #     float ratingMA = array.avg(indRatings)

    indRatings = []                                               #     array.clear(indRatings)
    indRatings.append(calcRating(rsi[1], rsi < 30 and rsi[1] < rsi, rsi > 70 and rsi[1] > rsi))
    indRatings.append(calcRating(dStoch[1],
                                 kStoch < 20 and dStoch < 20 and kStoch > dStoch,
                                 kStoch > 80 and dStoch > 80 and kStoch < dStoch))
    indRatings.append(calcRating(cci[1], cci < -100 and cci > cci[1], cci > 100 and cci < cci[1]))
    indRatings.append(calcRating(adx,
                                 adx > 20 and adx > adx[1] and diP > diN,
                                 adx > 20 and adx > adx[1] and diP < diN))
    indRatings.append(calcRating(ao_[1],
                                 ta.crossover(ao_, 0) or (ao_ > 0 and ao_[1] > 0 and ao_ > ao_[1] and ao_[2] > ao_[1]),
                                 ta.crossunder(ao_, 0) or (ao_ < 0 and ao_[1] < 0 and ao_ < ao_[1] and ao_[2] < ao_[1])))
    indRatings.append(calcRating(mom[1], mom > mom[1], mom < mom[1]))
    indRatings.append(calcRating(signal, macd > signal, macd < signal))
    indRatings.append(calcRating(priceAvg,
                                 downTrend and kStochRsi < 20 and dStochRsi < 20 and kStochRsi > dStochRsi,
                                 upTrend and kStochRsi > 80 and dStochRsi > 80 and kStochRsi < dStochRsi))
    indRatings.append(calcRating(wr[1], wr < -80 and wr > wr[1], wr > -20 and wr < wr[1]))
    indRatings.append(calcRating(priceAvg,
                                 upTrend and bearPower < 0 and bearPower > bearPower[1],
                                 downTrend and bullPower > 0 and bullPower < bullPower[1]))
    indRatings.append(calcRating(uo_, uo_ > 70, uo_ < 30))
    ratingOther = array.avg(indRatings)                           #     float ratingOther = array.avg(indRatings)

    total = nz(ratingMA, 0) + nz(ratingOther, 0)
    if not na(ratingMA) and not na(ratingOther):
        ratingTotal = total / 2
    elif not na(ratingMA) or not na(ratingOther):
        ratingTotal = total
    else:
        ratingTotal = na(float)
    return ratingTotal, ratingOther, ratingMA


@script.indicator("Technical Ratings", "Technicals", precision=2)
def main(ratingSignal=input.string("All", "Rating is based on", options=["MAs", "Oscillators", "All"])):
    rt, ro, rma = calcRatingAll()                                 # [rt, ro, rma] = TVtr.calcRatingAll()
    plotTotal, plotOsc, plotMA = rt, ro, rma                      # request.security("", currentTf, [rt, ro, rma]): the chart's
    if ratingSignal == "MAs":                                     # float userRating = switch ratingSignal
        userRating = plotMA
    elif ratingSignal == "Oscillators":
        userRating = plotOsc
    else:
        userRating = plotTotal
    plot(userRating, "Rating (indicator timeframe)")
    plot(rt, "All")
    plot(ro, "Osc")
    plot(rma, "MAs")
