"""``python -m chart_export render``: writes a PNG; bad input exits 2 with one clear line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from chart_export.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "chart-templates"


def candle_rows(n: int = 120) -> list[dict]:
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    rows, price = [], 100.0
    for i in range(n):
        o = price
        c = price * (1.0 + 0.01 * ((i * 7919) % 13 - 6) / 6)
        rows.append({"date": (t0 + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ"), "open": o,
                     "high": max(o, c) * 1.004, "low": min(o, c) * 0.996, "close": c, "volume": 100.0 + i})
        price = c
    return rows


@pytest.fixture()
def candle_file(tmp_path: Path) -> Path:
    path = tmp_path / "candles.json"
    path.write_text(json.dumps({"metadata": {"symbol": "BTCUSDT"}, "data": candle_rows()}))
    return path


def test_parser_has_the_render_subcommand() -> None:
    parser = build_parser()
    args = parser.parse_args(["render", "--template", "t", "--candles", "c", "--out", "o.png"])
    # no flag: the title takes them from the candle file's metadata (else SYMBOL)
    assert args.command == "render" and args.symbol is None and args.timeframe is None and callable(args.handler)


def test_render_writes_a_png(tmp_path: Path, candle_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nested" / "chart.png"
    meta = tmp_path / "meta.json"
    code = main(["render", "--template", "ctpl_price_ma1226_vol_v1", "--candles", str(candle_file), "--out", str(out),
                 "--symbol", "BTCUSDT", "--timeframe", "1h", "--meta", str(meta)])
    assert code == 0
    img = Image.open(io.BytesIO(out.read_bytes()))
    assert img.format == "PNG" and img.size == (800, 600)
    info = json.loads(meta.read_text())
    assert info["symbol"] == "BTCUSDT" and info["visible_bars"] == 120 and info["png_bytes"] == out.stat().st_size
    assert f"wrote {out}" in capsys.readouterr().out


def test_render_from_a_template_file(tmp_path: Path, candle_file: Path) -> None:
    template = tmp_path / "mine.json"
    template.write_text(json.dumps({"id": "ctpl_mine", "description": "mine",
                                    "request": {"width": 640, "height": 480, "theme": "dark", "studies": [{"name": "RSI"}]}}))
    out = tmp_path / "mine.png"
    assert main(["render", "--template", str(template), "--candles", str(candle_file), "--out", str(out)]) == 0
    assert Image.open(out).size == (640, 480)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference/chart-templates not present")
def test_render_a_system_template_unchanged(tmp_path: Path, candle_file: Path) -> None:
    out = tmp_path / "ref.png"
    ref = REFERENCE / "ctpl_price_vpvr_obv_v1.json"
    assert main(["render", "--template", str(ref), "--candles", str(candle_file), "--out", str(out)]) == 0
    assert Image.open(out).size == (800, 600)


def test_bad_candle_file_exits_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = candle_rows(10)
    rows[5]["high"] = "12.5"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(rows))
    out = tmp_path / "never.png"
    code = main(["render", "--template", "ctpl_price_ma1226_vol_v1", "--candles", str(bad), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: VALIDATION_FAILED: ")
    assert "row 5 (0-based): field 'high' must be a number, got a string ('12.5')" in err
    assert str(bad) in err
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--template", "ctpl_nope"], "is neither a template file nor a built-in template id"),
        (["--candles", "/nonexistent/candles.json"], "cannot read candles /nonexistent/candles.json"),
    ],
)
def test_other_bad_input_exits_2(tmp_path: Path, candle_file: Path, capsys: pytest.CaptureFixture[str],
                                 args: list[str], fragment: str) -> None:
    base = {"--template": "ctpl_price_ma1226_vol_v1", "--candles": str(candle_file), "--out": str(tmp_path / "x.png")}
    base.update(dict(zip(args[::2], args[1::2])))
    code = main(["render", *[x for kv in base.items() for x in kv]])
    err = capsys.readouterr().err
    assert code == 2 and fragment in err and "Traceback" not in err


def test_bad_template_file_exits_2(tmp_path: Path, candle_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.json"
    template.write_text(json.dumps({"request": {"studies": [{"name": "Zig Zag Fractals"}]}}))
    code = main(["render", "--template", str(template), "--candles", str(candle_file), "--out", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2 and "UNKNOWN_STUDY" in err and "unknown study 'Zig Zag Fractals'" in err
    template.write_text("{oops")
    code = main(["render", "--template", str(template), "--candles", str(candle_file), "--out", str(tmp_path / "x.png")])
    assert code == 2 and "is not valid JSON" in capsys.readouterr().err


def test_module_entry_point(tmp_path: Path, candle_file: Path) -> None:
    out = tmp_path / "m.png"
    ok = subprocess.run([sys.executable, "-m", "chart_export", "render", "--template", "ctpl_price_psar_adi_v1",
                         "--candles", str(candle_file), "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert Image.open(out).size == (800, 600)
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    fail = subprocess.run([sys.executable, "-m", "chart_export", "render", "--template", "ctpl_price_psar_adi_v1",
                           "--candles", str(bad), "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert fail.returncode == 2
    assert "no candles (empty data array)" in fail.stderr and "Traceback" not in fail.stderr
    usage = subprocess.run([sys.executable, "-m", "chart_export", "render"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "required" in usage.stderr


@pytest.mark.parametrize(("flags", "symbol", "timeframe", "words"), [
    ([], "EURUSD", "1M", "EURUSD · 1 month"),  # from the file's metadata
    (["--symbol", "GBPUSD"], "GBPUSD", "1M", "GBPUSD · 1 month"),  # a flag wins, the other from metadata
    (["--symbol", "GBPUSD", "--timeframe", "1m"], "GBPUSD", "1m", "GBPUSD · 1 min"),
])
def test_render_takes_symbol_and_timeframe_from_the_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            flags: list[str], symbol: str, timeframe: str,
                                                            words: str) -> None:
    from chart_export import rendering
    from chart_export.rendering import ChartRenderer

    recorder = ChartRenderer(record_text=True)
    monkeypatch.setattr(rendering, "_DEFAULT", recorder)
    seen = []
    original = recorder.render
    monkeypatch.setattr(recorder, "render", lambda *a, **k: seen.append(original(*a, **k)) or seen[-1])
    candles = tmp_path / "eurusd.json"
    candles.write_text(json.dumps({"metadata": {"symbol": "EURUSD", "timeframe": "1M", "request_id": "r"},
                                   "data": candle_rows()}))
    meta = tmp_path / "meta.json"
    assert main(["render", "--template", "ctpl_price_ma1226_vol_v1", "--candles", str(candles),
                 "--out", str(tmp_path / "c.png"), "--meta", str(meta), *flags]) == 0
    info = json.loads(meta.read_text())
    assert (info["symbol"], info["timeframe"]) == (symbol, timeframe)  # the raw value in the meta
    assert [t.text for t in seen[0].texts if t.role == "title"] == [words]


def test_render_without_metadata_or_flags_says_symbol(tmp_path: Path) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(candle_rows()))
    meta = tmp_path / "meta.json"
    assert main(["render", "--template", "ctpl_price_ma1226_vol_v1", "--candles", str(bare),
                 "--out", str(tmp_path / "c.png"), "--meta", str(meta)]) == 0
    info = json.loads(meta.read_text())
    assert (info["symbol"], info["timeframe"]) == ("SYMBOL", "")
