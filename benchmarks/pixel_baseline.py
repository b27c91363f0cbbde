"""Record or compare rendered charts pixel for pixel (a refactoring guard, not a test).

    .venv/bin/python benchmarks/pixel_baseline.py record  DIR   # PNG + meta per case
    .venv/bin/python benchmarks/pixel_baseline.py compare DIR   # exit 1 on any difference

Cases: the five built-ins (light and dark) on 300 daily candles (the gallery's data) and on
600 test-series candles, plus variants that reach every study, option and style (overrides,
forceOverlay, log scale, hollow/bar/line/area/Heikin-Ashi, few candles, flat data). Pixels
are compared decoded (Pillow + numpy), meta as JSON minus timing fields.
"""

from __future__ import annotations

import copy
import io
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from bench_render import make_candles  # noqa: E402

from chart_export.rendering import ChartRenderer  # noqa: E402
from chart_export.templates import BUILTIN_TEMPLATE_IDS, builtin_template, parse_template  # noqa: E402
from tests.test_rendering import ALL_STUDIES, STYLE_STUDIES, STYLES, series  # noqa: E402

_VOLATILE = ("render_ms",)

VARIANTS = {
    "all_studies": ALL_STUDIES,
    "overrides": {"request": {"studies": [
        {"name": "Moving Average Double", "input": {"method": "EMA"},
         "override": {"Plot.color": "#2196f3", "Plot 2.linewidth": 3, "Plot 2.plottype": "step_line"}},
        {"name": "Bollinger Bands", "override": {"Upper.visible": False, "Basis.transparency": 50}},
        {"name": "Volume", "input": {"showMA": True}, "override": {"Volume MA.color": "rgba(255,0,0,0.5)"}},
        {"name": "MACD", "override": {"Signal.color": "#ff00ff", "MACD.plottype": "circles"}},
        {"name": "OBV", "input": {"smoothingLine": "SMA"}},
    ]}},
    "overlays": {"request": {"theme": "dark", "studies": [
        {"name": "ADX", "forceOverlay": True}, {"name": "Stoch RSI", "forceOverlay": True},
        {"name": "MACD", "forceOverlay": True}, {"name": "OBV", "forceOverlay": True},
        {"name": "Parabolic SAR", "override": {"Plot.plottype": "line"}},
        {"name": "RSI", "input": {"smoothingLine": "None"}}, {"name": "EMA"}, {"name": "SMA", "input": {"source": "ohlc4"}},
    ]}},
    **{f"style_{s}": {"request": {"style": s, "studies": STYLE_STUDIES}} for s in STYLES},
    "vpvr_updown_wide": {"request": {"width": 2048, "height": 700, "studies": [
        {"name": "Volume Profile Visible Range", "input": {"rows": 60, "vaVolume": 50}}, {"name": "Volume"}]}},
}


def cases():
    gallery = make_candles(300, start=1_704_067_200 - 300 * 86_400)
    data = {"gallery300": (gallery, "1d"), "trend600": (series(600), "1d"), "flat400h": (series(400, kind="flat", tf=3600), "1h"),
            "few5": (series(5), "1d"), "gaps1000m": (series(1000, kind="gaps_large", tf=900), "15m")}
    for tid in BUILTIN_TEMPLATE_IDS:
        for dname in data:
            for theme in ("light", "dark"):
                if theme == "dark" and dname not in ("gallery300", "flat400h"):
                    continue
                doc = builtin_template(tid)
                doc["request"]["theme"] = theme
                yield f"{tid}__{dname}__{theme}", doc, tid, dname
    for name, doc in VARIANTS.items():
        for dname in ("trend600", "gaps1000m", "few5"):
            yield f"variant_{name}__{dname}", copy.deepcopy(doc), name, dname
    yield "data", None, None, data


def render_all():
    renderer = ChartRenderer()
    gen = cases()
    items = list(gen)
    data = items.pop()[3]
    for name, doc, tid, dname in items:
        candles, tf = data[dname]
        chart = renderer.render(parse_template(doc, template_id=tid), candles, symbol="BTCUSDT", timeframe=tf)
        meta = {k: v for k, v in chart.meta.items() if k not in _VOLATILE}
        yield name, chart.png, meta


def main(argv):
    mode, folder = argv[1], Path(argv[2])
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    diffs = 0
    count = 0
    for name, png, meta in render_all():
        count += 1
        if mode == "record":
            (folder / f"{name}.png").write_bytes(png)
            (folder / f"{name}.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
            continue
        old = np.asarray(Image.open(folder / f"{name}.png").convert("RGB")).astype(int)
        new = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
        old_meta = json.loads((folder / f"{name}.json").read_text())
        problems = []
        if old.shape != new.shape:
            problems.append(f"size {old.shape} -> {new.shape}")
        else:
            bad = np.any(old != new, axis=2)
            if bad.any():
                ys, xs = np.nonzero(bad)
                problems.append(f"{int(bad.sum())} pixels differ (max {int(np.abs(old - new).max())}), "
                                f"box x {xs.min()}..{xs.max()} y {ys.min()}..{ys.max()}")
        if json.loads(json.dumps(meta, sort_keys=True)) != old_meta:
            problems.append(f"meta differs: {json.dumps(old_meta.get('studies'))[:300]} -> {json.dumps(meta.get('studies'))[:300]}")
        if problems:
            diffs += 1
            print(f"DIFF {name}: {'; '.join(problems)}")
    print(f"{mode}: {count} charts, {diffs} differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
