"""Deterministic, realistic candle data and flow_run documents for tests, demo and benchmarks.

Prices follow a seeded geometric random walk with regime changes (trends, ranges, a few
gaps), so every indicator has something to show. Same arguments, same bytes.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from chart_export.templates import BUILTIN_TEMPLATE_IDS

TIMEFRAME_SECONDS = {
    "1m": 60, "5m": 300, "15m": 900, "30m": 1800, "1h": 3600, "4h": 14400,
    "1d": 86400, "1w": 7 * 86400,
}


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    return moment.replace(year=moment.year + month // 12, month=month % 12 + 1, day=1)


def candle_rows(n: int = 500, *, timeframe: str = "1d", seed: int = 7, start_price: float = 42_000.0,
                end: datetime = datetime(2025, 12, 1, tzinfo=UTC)) -> list[dict[str, Any]]:
    """``n`` OHLCV rows ending at ``end`` (RFC 3339 dates, ascending)."""
    rng = random.Random(seed)
    if timeframe == "1M":
        start = _add_months(end.replace(day=1, hour=0, minute=0, second=0, microsecond=0), -(n - 1))
        times = [_add_months(start, i) for i in range(n)]
    else:
        step = timedelta(seconds=TIMEFRAME_SECONDS[timeframe])
        times = [end - step * (n - 1 - i) for i in range(n)]
    scale = math.sqrt(TIMEFRAME_SECONDS.get(timeframe, 30 * 86400) / 86400)
    price, drift, rows = start_price, 0.0, []
    for i, moment in enumerate(times):
        if i % 60 == 0:
            drift = rng.choice([-0.004, -0.001, 0.0, 0.002, 0.005]) * scale
        vol = 0.02 * scale * (1.5 if rng.random() < 0.1 else 1.0)
        gap = rng.gauss(0, vol * 2) if rng.random() < 0.02 else 0.0
        open_ = price * math.exp(gap)
        close = open_ * math.exp(drift + rng.gauss(0, vol) - 0.03 * math.log(open_ / price))  # stays near price
        high = max(open_, close) * math.exp(abs(rng.gauss(0, vol / 2)))
        low = min(open_, close) * math.exp(-abs(rng.gauss(0, vol / 2)))
        volume = abs(rng.gauss(1_000, 300)) * (1 + 3 * abs(close - open_) / open_ / max(vol, 1e-9) / 10)
        rows.append({
            "date": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "open": round(open_, 2), "high": round(high, 2), "low": round(low, 2), "close": round(close, 2),
            "volume": round(volume, 4),
        })
        price = close
    return rows


def candle_file(n: int = 500, *, timeframe: str = "1d", symbol: str = "BTCUSDT", seed: int = 7) -> bytes:
    """An OHLCV export file in the system's format (metadata + data)."""
    doc = {
        "metadata": {
            "request_id": f"sample-{seed}", "request_timestamp": "2025-12-01T00:00:00Z", "symbol": symbol,
            "timeframe": timeframe, "query_type": "all", "query_parameters": {},
        },
        "data": candle_rows(n, timeframe=timeframe, seed=seed),
    }
    return json.dumps(doc, separators=(",", ":")).encode()




# Markets whose numbers are unlike the default's (BTC around 42,000 with lognormal volume):
# kind -> (symbol, timeframe, bars, decimals, price, per-bar volatility, bar end).
MARKETS: dict[str, tuple[str, str, int, int, float, float, datetime]] = {
    # 1-minute EURUSD: 5 decimals (a tenth of a pip), moves of a pip or so, tick volume
    "fx_1m": ("EURUSD", "1m", 600, 5, 1.08512, 0.00007, datetime(2025, 11, 27, 15, 59, tzinfo=UTC)),
    # a micro-cap token quoted in 8 decimals around 0.00000108, huge unit volumes
    "microcap": ("PEPEBTC", "1d", 400, 8, 0.00000108, 0.045, datetime(2025, 11, 30, tzinfo=UTC)),
    # an hourly CFD whose feed has no volume (0 on every bar), with FX weekend gaps
    "no_volume": ("XAUUSD", "1h", 500, 2, 2_650.0, 0.0025, datetime(2025, 11, 28, 21, tzinfo=UTC)),
}


def fx_open(moment: datetime) -> bool:
    """Whether FX trades at ``moment`` (UTC): Sunday 22:00 to Friday 22:00."""
    weekday, hour = moment.weekday(), moment.hour
    return not (weekday == 5 or (weekday == 4 and hour >= 22) or (weekday == 6 and hour < 22))


def _fx_hours(n: int, end: datetime, step: timedelta) -> list[datetime]:
    """``n`` bar times ending at ``end``, skipping the FX weekend."""
    times, moment = [], end
    while len(times) < n:
        if fx_open(moment):
            times.append(moment)
        moment -= step
    return times[::-1]


def market_rows(kind: str, *, seed: int = 11) -> list[dict[str, Any]]:
    """OHLCV rows of one of ``MARKETS``: prices on the market's tick (its decimals), a random
    walk with regimes; ``fx_1m`` has tick volume, ``microcap`` large unit volumes with one 4x
    spike, ``no_volume`` 0 volume on every bar."""
    symbol, timeframe, n, decimals, price, vol, end = MARKETS[kind]
    rng = random.Random(f"{kind}-{seed}")
    step = timedelta(seconds=TIMEFRAME_SECONDS[timeframe])
    times = _fx_hours(n, end, step) if kind == "no_volume" else [end - step * (n - 1 - i) for i in range(n)]
    tick = 10.0 ** -decimals
    rows, drift = [], 0.0
    close = price
    for i, moment in enumerate(times):
        if i % 80 == 0:
            drift = rng.choice([-0.4, -0.15, 0.0, 0.15, 0.4]) * vol
        open_ = close
        close = open_ * math.exp(drift + rng.gauss(0, vol) - 0.03 * math.log(open_ / price))  # stays near price
        high = max(open_, close) * math.exp(abs(rng.gauss(0, vol * 0.6)))
        low = min(open_, close) * math.exp(-abs(rng.gauss(0, vol * 0.6)))
        o, h, lo, c = (round(round(x / tick) * tick, decimals) for x in (open_, high, low, close))
        h, lo = max(h, o, c), min(lo, o, c)
        if kind == "no_volume":
            volume = 0.0
        elif kind == "fx_1m":
            volume = float(max(1, round(rng.lognormvariate(4.3, 0.45) * (1 + abs(c - o) / (vol * price)))))
        else:
            volume = round(rng.lognormvariate(23.0, 0.5) * (4.0 if i == n - 30 else 1.0), 0)
        rows.append({"date": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "open": o, "high": h, "low": lo, "close": c,
                     "volume": volume})
        close = c
    return rows


def market_file(kind: str, *, seed: int = 11) -> bytes:
    """An OHLCV export file of one of ``MARKETS`` (metadata names its symbol and timeframe)."""
    symbol, timeframe = MARKETS[kind][:2]
    doc = {
        "metadata": {"request_id": f"sample-{kind}-{seed}", "request_timestamp": "2025-12-01T00:00:00Z",
                     "symbol": symbol, "timeframe": timeframe, "query_type": "all", "query_parameters": {}},
        "data": market_rows(kind, seed=seed),
    }
    return json.dumps(doc, separators=(",", ":")).encode()


def flow_run(run_id: str, *, candle_uri: str, timeframe: str = "1d", symbol: str = "BTCUSDT",
             templates: tuple[str, ...] = BUILTIN_TEMPLATE_IDS, min_images: int | None = None,
             chart_status: str = "READY", chart_step_ids: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A run document: a SUCCEEDED OHLCV export, chart step(s), a pending LLM report."""
    ohlcv_id = f"ohlcv_export:{timeframe}"
    chart_ids = chart_step_ids or (f"charts:{timeframe}:all_builtins_v1",)
    steps: dict[str, Any] = {
        ohlcv_id: {
            "stepType": "OHLCV_EXPORT", "status": "SUCCEEDED", "timeframe": timeframe,
            "createdAt": "2025-12-15T10:25:31Z", "finishedAt": "2025-12-15T10:25:45Z", "dependsOn": [],
            "inputs": {"source": "bigquery", "symbol": symbol, "timeframe": timeframe, "exportMode": "all"},
            "outputs": {"gcs_uri": candle_uri},
        },
    }
    for chart_id in chart_ids:
        steps[chart_id] = {
            "stepType": "CHART_EXPORT", "status": chart_status, "timeframe": timeframe,
            "createdAt": "2025-12-15T10:25:46Z", "dependsOn": [ohlcv_id],
            "inputs": {"minImages": len(templates) if min_images is None else min_images,
                       "requests": [{"chartTemplateId": t} for t in templates]},
            "outputs": {},
        }
    steps[f"llm_report:{timeframe}:prompt_v1"] = {
        "stepType": "LLM_REPORT", "status": "PENDING", "timeframe": timeframe, "createdAt": "2025-12-15T10:25:46Z",
        "dependsOn": [ohlcv_id, *chart_ids], "inputs": {"llm": {"promptId": "p", "modelId": "m"}}, "outputs": {},
    }
    return {
        "schemaVersion": 1, "runId": run_id, "flowKey": "scheduled_month_week_report_v1", "status": "RUNNING",
        "createdAt": "2025-12-15T10:25:30Z", "trigger": {"type": "SCHEDULER", "source": "demo"},
        "scope": {"symbol": symbol}, "steps": steps,
    }
