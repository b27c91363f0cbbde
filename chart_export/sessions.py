"""The exchange's session: where TradingView cuts a symbol's trading days.

TradingView anchors its calendar studies (a "Session" VWAP, daily pivots, ``time("D")``,
``timeframe.change("1D")``...) to the symbol's EXCHANGE session, not to the chart's display
time zone: Pine's calendar values are "expressed in the exchange time zone" and the chart's
time zone "only changes the display of dates and times on the chart" (Pine Script User
Manual, "Time", https://tradingview.com/pine-script-docs/concepts/time/); an overnight
session such as ``1700-1600`` "always starts on the previous day" (TradingView Charting
Library, "Trading Sessions", mirrored at https://github.com/m-ahmadi/cw/wiki/Trading-Sessions).

The exchange is the prefix of the TradingView symbol: the template's
``chartImgSymbolTemplate`` (``"BINANCE:{symbol}"``) filled with the run's symbol, or a symbol
written ``EXCHANGE:SYMBOL``. :func:`session_for` maps it to an :class:`ExchangeSession` (time
zone, trading-day start, regular hours) from :data:`EXCHANGES`; an exchange not in the table
(or no exchange at all) keeps the chart's time zone, and the chart's manifest ``meta.session``
says which rule was used. Each rule cites where it comes from; an exchange whose facts were
not solid is left out (it falls back), never guessed.

A trading day that starts before midnight (FX 17:00 New York, CME 17:00 Chicago) is dated by
the calendar day it ends on, as TradingView dates those daily bars: :class:`TradingDayClock`
is a ``tzinfo`` whose wall clock is the exchange's moved forward so that the session start
reads 00:00 (17:00 New York reads 00:00 of the next day), so a study that cuts days, weeks
(from Monday: the FX week opens Sunday 17:00) or months in it cuts them at the session start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

# Sources (searched through the `search` tool's `docs` / `pages` corpora, December 2026).
_SRC_PINE_TIME = "Pine Script User Manual, Time: https://tradingview.com/pine-script-docs/concepts/time/"
_SRC_CRYPTO = ("crypto 24x7, daily candle at 00:00 UTC on Binance, Bybit, OKX, Coinbase, Kraken: "
               "https://gabolde.com/210.html, https://bilikayo.com/11642.html; TradingView's session string "
               "for 24/7 symbols is '24x7': https://github.com/m-ahmadi/cw/wiki/Trading-Sessions")
_SRC_FX = ("FX trading day and daily candle from 17:00 New York (the week opens Sunday 17:00 ET): "
           "https://mti.drift.help/article/friday-candle/, https://www.forex.academy/forex-when-does-the-new-daily-candle-form/; "
           "'a forex daily candle contains quotes from 4PM CT till 4PM CT of the next trading day': "
           "https://tlc.thinkorswim.com/center/howToTos/thinkManual/charts/Chart-Aggregation/Setting-up-Chart-Time-Frame")
_SRC_TV_FX = ("TradingView's own symbol info for FX:EURUSD and CAPITALCOM:EURUSD (time zone US/Eastern, sessions "
              "from 17:00 / 17:05 ET, 'Sunday 17:00 to Friday 17:00 ET'), with real TradingView exports whose daily "
              "VWAP and pivots restart there: PyneSys/pynecore@401cd39726f2197fc10fff2bd0c77670cc505719 "
              "tests/t01_lib/t20_ta/data/{vwap,pivot_point_levels}.toml, https://github.com/PyneSys/pynecore "
              "(tests/data/tradingview/vwap.csv, pivot_point_levels.csv here)")
_SRC_US = ("US equities regular session 09:30-16:00 America/New_York (Reg NMS, every lit venue): "
           "https://docs.rs/crate/exchange-hours/0.2.2/source/src/calendar/profiles/equities_us.rs")
_SRC_CME = ("CME Globex: the trading day opens 17:00 America/Chicago the previous evening, daily break 16:00-17:00 CT: "
            "https://docs.rs/crate/exchange-hours/0.2.2/source/src/calendar/profiles/futures_us.rs, "
            "https://www.quantconnect.com/docs/v2/writing-algorithms/securities/asset-classes/futures/market-hours/cme/gnf, "
            "https://quantconnect.com/docs/v2/writing-algorithms/securities/asset-classes/futures/market-hours/cbot")
_SRC_LSE = ("London Stock Exchange 08:00-16:30 Europe/London: "
            "https://docs.rs/crate/exchange-hours/0.2.2/source/src/calendar/profiles/equities_eu/lse.rs")
_SRC_XETR = ("Xetra 09:00-17:30 Europe/Berlin (FESE 2025 hours table): "
             "https://docs.rs/crate/exchange-hours/0.2.2/source/src/calendar/profiles/equities_eu/german_swiss.rs")


@dataclass(frozen=True)
class ExchangeSession:
    """One exchange's session: its IANA ``timezone``; ``day_start``, the exchange-local minute
    of the day its trading day starts (0 = midnight; 1020 = 17:00 of the previous calendar
    day); ``regular``, the regular session as Pine writes it (``"0930-1600"``, ``"24x7"``) or
    None; ``source``, where the rule comes from."""

    timezone: str
    day_start: int
    regular: str | None
    source: str


_CRYPTO = ExchangeSession("Etc/UTC", 0, "24x7", _SRC_CRYPTO)
_FX = ExchangeSession("America/New_York", 17 * 60, "1700-1700", _SRC_TV_FX + "; " + _SRC_FX)
_US = ExchangeSession("America/New_York", 0, "0930-1600", _SRC_US)
_CME = ExchangeSession("America/Chicago", 17 * 60, "1700-1600", _SRC_CME)

#: TradingView exchange prefix -> its session. Only exchanges whose rule is sourced.
EXCHANGES: dict[str, ExchangeSession] = {
    **{name: _CRYPTO for name in ("BINANCE", "BINANCEUS", "BYBIT", "OKX", "COINBASE", "KRAKEN")},
    **{name: _FX for name in ("FX", "OANDA", "FXCM", "FX_IDC", "SAXO", "CAPITALCOM")},
    **{name: _US for name in ("NASDAQ", "NYSE", "AMEX", "ARCA", "BATS")},
    **{name: _CME for name in ("CME", "CME_MINI", "CBOT", "CBOT_MINI", "NYMEX", "COMEX")},
    "LSE": ExchangeSession("Europe/London", 0, "0800-1630", _SRC_LSE),
    "XETR": ExchangeSession("Europe/Berlin", 0, "0900-1730", _SRC_XETR),
}


class TradingDayClock(tzinfo):
    """``zone``'s wall clock moved forward by ``shift`` (so that the trading day's start reads
    00:00): period cuts made in this clock are cuts at the session start. Ambiguous and
    skipped local hours follow ``zone`` (``fold``)."""

    def __init__(self, zone: tzinfo, shift: timedelta, name: str) -> None:
        self.zone, self.shift, self.name = zone, shift, name

    def fromutc(self, dt: datetime) -> datetime:
        local = self.zone.fromutc(dt.replace(tzinfo=self.zone))  # the zone's own (C) conversion
        return (local + self.shift).replace(tzinfo=self, fold=local.fold)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        # the zone reads only the naive fields and fold of what it is given
        return self.zone.utcoffset((dt - self.shift).replace(fold=dt.fold)) + self.shift

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"TradingDayClock({self.name})"


@dataclass(frozen=True)
class Session:
    """The session a chart's calendar studies use. ``clock``: the ``tzinfo`` they cut days,
    weeks and months in; ``zone``: the exchange's (or, as a fallback, the chart's) plain time
    zone, for Pine's calendar values (``year``, ``dayofmonth``, ``timestamp``); ``exchange``:
    the prefix asked for (None when the symbol has none); ``rule``: the exchange's rule, None
    when it is unknown (then the chart's time zone is used)."""

    exchange: str | None
    rule: ExchangeSession | None
    zone: tzinfo
    clock: tzinfo
    timezone: str

    @property
    def known(self) -> bool:
        return self.rule is not None

    @property
    def open_minute(self) -> int:
        """Minutes after the ``clock``'s midnight (the trading day's start) at which the regular
        session opens: TradingView's intraday bars of a period longer than the chart's start there
        (a NASDAQ "240" bar at 09:30 and 13:30; PyneCore's resampler, ``aggregate_ohlcv``'s
        ``session_starts``, measured in devtools/oracle/README.md). 0 when the exchange is unknown
        or trades around the clock (``24x7``, FX and CME from their day start)."""
        if self.rule is None or not self.rule.regular or "-" not in self.rule.regular:
            return 0
        start = self.rule.regular.split("-", 1)[0]
        return (int(start[:2]) * 60 + int(start[2:4]) - self.rule.day_start) % 1440

    def meta(self) -> dict[str, Any]:
        """The manifest's ``meta.session``."""
        out: dict[str, Any] = {"exchange": self.exchange, "timezone": self.timezone}
        if self.rule is None:
            out["basis"] = "chart time zone"
            out["reason"] = ("no exchange in the symbol" if self.exchange is None
                             else f"exchange {self.exchange} has no known session")
            return out
        out["basis"] = "exchange session"
        out["day_start"] = f"{self.rule.day_start // 60:02d}:{self.rule.day_start % 60:02d}"
        out["regular"] = self.rule.regular
        return out


def exchange_of(symbol: str | None, symbol_template: str | None = None) -> str | None:
    """The exchange prefix of the TradingView symbol: ``symbol``'s own (``NASDAQ:AAPL``), else
    the template's (``BINANCE:{symbol}``); upper case; None when neither names one."""
    for text in (symbol, symbol_template):
        if isinstance(text, str) and ":" in text:
            prefix = text.split(":", 1)[0].strip().upper()
            if prefix and "{" not in prefix:
                return prefix
    return None


def clock_for(rule: ExchangeSession) -> tzinfo:
    zone = ZoneInfo(rule.timezone)
    if rule.day_start == 0:
        return zone
    shift = timedelta(minutes=(1440 - rule.day_start) % 1440)
    start = f"{rule.day_start // 60:02d}:{rule.day_start % 60:02d}"
    return TradingDayClock(zone, shift, f"{rule.timezone} trading day from {start}")


def session_for(symbol: str | None, symbol_template: str | None, chart_tz: tzinfo, chart_timezone: str) -> Session:
    """The session of the chart's symbol; the chart's time zone when the exchange is unknown."""
    exchange = exchange_of(symbol, symbol_template)
    rule = EXCHANGES.get(exchange) if exchange else None
    if rule is None:
        return Session(exchange, None, chart_tz, chart_tz, chart_timezone)
    return Session(exchange, rule, ZoneInfo(rule.timezone), clock_for(rule), rule.timezone)
