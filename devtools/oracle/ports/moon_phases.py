"""
@pyne

Moon Phases, TradingView built-in, ported line by line (the plotshape conditions and the
background's phase plotted as numbers: moonType +1 new moon, -1 full moon, else na; phase
+1 waxing, -1 waning).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moon Phases.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.types import Persistent, Series
from pynecore.lib import script, plot, ta, math, na, time_close, year, month, dayofmonth, timestamp, barstate


def dayofyear(_time):
    _year = year(_time)
    leapYear = (_year % 400 == 0) or (_year % 4 == 0 and _year % 100 != 0)
    dayCount = [31, 29 if leapYear else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    timeMonth = month(_time)
    doy = 0
    if timeMonth > 1:
        for i in range(0, timeMonth - 1):
            doy += dayCount[i]
    return doy + dayofmonth(_time)


def getUNIXTimeFromJD(julianDay):
    z = math.floor(julianDay + 0.5)
    f = (julianDay + 0.5) % 1
    alpha = math.floor((z - 1867216.25) / 36524.25)
    a = z if (z < 2299161) else (z + 1 + alpha - math.floor(alpha / 4.0))
    b = a + 1524
    c = math.floor((b - 122.1) / 365.25)
    d = math.floor(365.25 * c)
    e = math.floor((b - d) / 30.6001)
    dayFloat = b - d - math.floor(30.6001 * e) + f
    _day = int(dayFloat)
    _month = int(e - 1) if (e < 13.5) else int(e - 13)
    _year = int(c - 4716) if (_month > 2.5) else int(c - 4715)
    secondTotal = int((dayFloat % 1) * 60 * 60 * 24)
    _hour = secondTotal / (60 * 60)
    _minute = (secondTotal - (_hour * 60 * 60)) / 60
    _second = secondTotal % 60
    return timestamp(_year, _month, _day, _hour, _minute, _second)


CASE = {"study": "Moon Phases", "inputs": {}, "outputs": {"moonType": "moon_type", "phase": "phase"},
        "series": ["daily", "intraday"],
        # the intraday series as a NASDAQ symbol: Pine's time in New York
        "runs": [{"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


@script.indicator("Moon Phases", overlay=True)
def main():
    _time = time_close
    _year = year(_time)
    dayOfYear = dayofyear(_time)
    k = (dayOfYear / 364.25 + _year - 1900) * 12.3685
    moonPhase = na(int)
    if (k % 1.0) < 0.5:
        k = math.floor(k)
        moonPhase = +1
    else:
        k = math.floor(k) + 0.5
        moonPhase = -1
    t = k / 1236.85
    anomalySun = math.toradians(359.2242 + (29.10535608 * k) - (0.0000333 * math.pow(t, 2)) - (0.00000347 * math.pow(t, 3)))
    anomalyMoon = math.toradians(306.0253 + (385.81691806 * k) + (0.0107306 * math.pow(t, 2)) + (0.00001236 * math.pow(t, 3)))
    f = math.toradians(21.2964 + ((390.67050646 * k) - (0.0016528 * math.pow(t, 2)) - (0.00000239 * math.pow(t, 3))))
    dev = ((0.1734 - (0.000393 * t)) * math.sin(anomalySun)
           + 0.0021 * math.sin(2 * anomalySun)
           - 0.4068 * math.sin(anomalyMoon)
           + 0.0161 * math.sin(2 * anomalyMoon)
           - 0.0004 * math.sin(3 * anomalyMoon)
           + 0.0104 * math.sin(2 * f)
           - 0.0051 * math.sin(anomalySun + anomalyMoon)
           - 0.0074 * math.sin(anomalySun - anomalyMoon)
           + 0.0004 * math.sin(2 * f + anomalySun)
           - 0.0004 * math.sin(2 * f - anomalySun)
           - 0.0006 * math.sin(2 * f + anomalyMoon)
           + 0.0010 * math.sin(2 * f - anomalyMoon)
           + 0.0005 * math.sin(anomalySun + 2 * anomalyMoon))
    julianDate = (2415020.75933 + (29.53058868 * k) + (0.0001178 * math.pow(t, 2)) - (0.000000155 * math.pow(t, 3))
                  + (0.00033 * math.sin(math.toradians(166.56) + (math.toradians(132.87) * t)
                                        - (math.toradians(0.009173) * math.pow(t, 2)))) + dev)
    timeLastMoonPhase: Series[int] = getUNIXTimeFromJD(julianDate)
    timeLastMoonPhase = timeLastMoonPhase[1] if timeLastMoonPhase >= _time else timeLastMoonPhase

    moonPhaseAdjusted: Persistent[int] = moonPhase
    isChangeTimeLastMoonPhase = ta.change(timeLastMoonPhase) != 0
    moonPhaseAdjusted = moonPhase if (barstate.isfirst or isChangeTimeLastMoonPhase) else moonPhaseAdjusted  # var: its value before this bar is moonPhaseAdjusted[1]
    moonType = moonPhase if ta.change(moonPhaseAdjusted) != 0 else na(int)
    plot(moonType, "moonType")
    plot(moonPhaseAdjusted, "phase")
