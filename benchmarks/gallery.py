"""Regenerate docs/gallery/: the five built-in templates (light theme) and one dark example.

    .venv/bin/python benchmarks/gallery.py [--out docs/gallery] [--extra]

Data: ~300 deterministic daily candles (``bench_render.make_candles``), symbol BTCUSDT,
timeframe 1d. Then three markets unlike it (``devtools.sample_data.market_file``): 1-minute
EURUSD (5 decimals), a micro-cap around 0.000001, and an hourly feed with no volume at all.
``--extra`` also writes timeframe samples (1m, 1h, 1w, 1M) to check the
time-axis labels; they are not part of the committed gallery.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from bench_render import make_candles  # noqa: E402

from chart_export.candles import parse_candles  # noqa: E402
from chart_export.rendering import ChartRenderer  # noqa: E402
from devtools.sample_data import MARKETS, market_file  # noqa: E402
from chart_export.templates import BUILTIN_TEMPLATE_IDS, builtin_template, parse_template  # noqa: E402

DARK_EXAMPLE = "ctpl_price_ma1226_bb_macd1226_v1"
EXTRA = (  # (name, timeframe, seconds per bar, template)
    ("timeframe_1m", "1m", 60, "ctpl_price_ma1226_vol_v1"),
    ("timeframe_1h", "1h", 3600, "ctpl_price_psar_adi_v1"),
    ("timeframe_1w", "1w", 7 * 86400, "ctpl_price_rsi14_stochrsi_v1"),
    ("timeframe_1M", "1M", None, "ctpl_price_vpvr_obv_v1"),
)
NO_VOLUME_TEMPLATE = {  # every study that needs volume, on a feed without it
    "id": "market_no_volume",
    "request": {"studies": [{"name": "Volume Profile Visible Range"}, {"name": "Volume"},
                            {"name": "On Balance Volume"}]},
}
MARKET_CHARTS = (  # (file name, sample_data market, template)
    ("market_fx_1m", "fx_1m", "ctpl_price_vpvr_obv_v1"),
    ("market_microcap", "microcap", "ctpl_price_ma1226_bb_macd1226_v1"),
    ("market_no_volume", "no_volume", NO_VOLUME_TEMPLATE),
)


def _monthly_candles(n: int):
    """Month-start bars (calendar months are not a fixed number of seconds)."""
    from datetime import UTC, datetime

    import numpy as np

    from chart_export.candles import Candles

    base = make_candles(n, seed=11)
    times = []
    year, month = 2014, 1
    for _ in range(n):
        times.append(int(datetime(year, month, 1, tzinfo=UTC).timestamp()))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return Candles.from_arrays(np.array(times), base.open, base.high, base.low, base.close, base.volume)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    parser.add_argument("--extra", action="store_true", help="also write 1m/1h/1w/1M timeframe samples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    renderer = ChartRenderer()
    candles = make_candles(300, start=1_704_067_200 - 300 * 86_400)  # ends on 2023-12-31

    def write(name: str, doc: dict, data, timeframe: str, symbol: str = "BTCUSDT") -> None:
        template = parse_template(doc, template_id=doc.get("id", name))
        chart = renderer.render(template, data, symbol=symbol, timeframe=timeframe)
        path = args.out / f"{name}.png"
        path.write_bytes(chart.png)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(chart.png):,} bytes, "
              f"{chart.meta['visible_bars']} bars")

    for template_id in BUILTIN_TEMPLATE_IDS:
        write(template_id, builtin_template(template_id), candles, "1d")
    dark = builtin_template(DARK_EXAMPLE)
    dark["request"]["theme"] = "dark"
    write(f"{DARK_EXAMPLE}_dark", dark, candles, "1d")
    for name, market, template in MARKET_CHARTS:
        symbol, timeframe = MARKETS[market][:2]
        doc = builtin_template(template) if isinstance(template, str) else template
        write(name, doc, parse_candles(market_file(market)), timeframe, symbol)

    if args.extra:
        for name, timeframe, seconds, template_id in EXTRA:
            if seconds is None:
                data = _monthly_candles(140)
            else:
                data = make_candles(400, timeframe_seconds=seconds, start=1_704_067_200 - 400 * seconds + 7 * 3600)
            write(name, builtin_template(template_id), data, timeframe)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
