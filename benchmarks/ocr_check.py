"""How many of the values a chart states does an OCR engine read back, per market?

    .venv/bin/python benchmarks/ocr_check.py --ocr-python /path/to/venv/bin/python [--out DIR]

The LLM-report worker shows our PNGs to a vision model; a value it cannot read is a value the
chart does not state. This renders the five built-in templates over five markets (BTCUSDT daily
and monthly, EURUSD 1-minute, a micro-cap, an hourly feed with no volume) with the renderer's
text record on, and counts, per market, the numeric tokens of the values drawn (title O/H/L/C
and change, legend values, value-axis labels; not parameters such as ``(12, 26, 9)``, not
dates) that RapidOCR reads back as a standalone token: ``exact``, character for character (a
leading ``+``, a trailing ``%`` and brackets aside), and ``lenient``, with ``,`` and ``.``
taken as the same. It prints both rates per market and the first misses.

RapidOCR is not a project dependency (onnxruntime + OpenCV, ~100 MB): install it in a venv of
its own, ``python3 -m venv /tmp/ocr && /tmp/ocr/bin/pip install rapidocr_onnxruntime==1.4.4``
(its detection and recognition models ship inside the wheel; nothing is downloaded at run
time), and pass that interpreter as ``--ocr-python``; this script runs itself there with
``--read DIR`` to read the PNGs.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?[KMBT]?%?")
COUNTED_ROLES = ("title:ohlc", "legend:value", "axis:")


def _norm(token: str) -> str:
    return token.strip("()[]").replace("−", "-").lstrip("+").rstrip("%")


def _markets() -> dict[str, tuple[bytes, str, str]]:
    sys.path.insert(0, str(REPO))
    from devtools.sample_data import MARKETS, candle_file, market_file

    out = {"btc_1d": (candle_file(600, timeframe="1d"), "BTCUSDT", "1d"),
           "btc_1M": (candle_file(120, timeframe="1M"), "BTCUSDT", "1M")}
    for kind in ("fx_1m", "microcap", "no_volume"):
        out[kind] = (market_file(kind), MARKETS[kind][0], MARKETS[kind][1])
    return out


def _lenient(token: str) -> str:
    """``,`` and ``.`` read interchangeably (the commonest OCR slip at 8 pt), digits kept."""
    return token.replace(",", "").replace(".", "")


def _score(charts: dict[str, list[str]], read_back: dict[str, list[str]], key) -> tuple[int, int, list[str]]:
    total = found = 0
    misses: list[str] = []
    for name, tokens in charts.items():
        seen = Counter(key(_norm(t)) for line in read_back.get(name, []) for t in line.split())
        for token in tokens:
            total += 1
            if seen[key(token)] > 0:
                seen[key(token)] -= 1
                found += 1
            else:
                misses.append(token)
    return total, found, misses


def render(out: Path) -> dict[str, dict[str, list[str]]]:
    """Render every (market, template); ``{market: {png name: expected number tokens}}``."""
    sys.path.insert(0, str(REPO))
    from chart_export.candles import parse_candles
    from chart_export.rendering import ChartRenderer
    from chart_export.templates import BUILTIN_TEMPLATE_IDS, load_builtin

    renderer = ChartRenderer(record_text=True)
    expected: dict[str, dict[str, list[str]]] = {}
    for market, (raw, symbol, timeframe) in _markets().items():
        candles = parse_candles(raw)
        for template_id in BUILTIN_TEMPLATE_IDS:
            chart = renderer.render(load_builtin(template_id), candles, symbol=symbol, timeframe=timeframe)
            name = f"{market}__{template_id}.png"
            (out / name).write_bytes(chart.png)
            tokens = [_norm(t) for item in chart.texts if item.role.startswith(COUNTED_ROLES)
                      for t in NUMBER.findall(item.text)]
            expected.setdefault(market, {})[name] = tokens
    return expected


def read(folder: Path) -> None:
    """(In the OCR interpreter.) ``{png name: [text of each box]}`` as JSON on stdout."""
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    result = {}
    for png in sorted(folder.glob("*.png")):
        boxes, _ = engine(str(png))
        result[png.name] = [text for _, text, _ in (boxes or [])]
    json.dump(result, sys.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ocr-python", help="python of a venv with rapidocr_onnxruntime")
    parser.add_argument("--out", type=Path, help="keep the PNGs here (default: a temporary folder)")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read(args.read)
        return 0
    if not args.ocr_python:
        parser.error("--ocr-python is required (see the module docstring)")
    out = args.out or Path(tempfile.mkdtemp(prefix="ocr-check-"))
    out.mkdir(parents=True, exist_ok=True)
    expected = render(out)
    proc = subprocess.run([args.ocr_python, __file__, "--read", str(out)], capture_output=True, text=True, check=True)
    read_back = json.loads(proc.stdout)
    (out / "ocr.json").write_text(proc.stdout)
    print(f"{'market':<10} {'values':>6} {'exact':>7} {'lenient':>8}  first exact misses")
    for market, charts in expected.items():
        total, found, misses = _score(charts, read_back, lambda t: t)
        _, loose, _ = _score(charts, read_back, _lenient)
        print(f"{market:<10} {total:>6} {100 * found / max(total, 1):>6.1f}% {100 * loose / max(total, 1):>7.1f}%  "
              f"{' '.join(misses[:8])}")
    print(f"PNGs and ocr.json in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
