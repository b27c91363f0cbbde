"""``python -m chart_export check-template``: every problem at once, exit 0/2, optional preview."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from chart_export.cli import main
from tests.test_cli_render import candle_rows

ROOT = Path(__file__).resolve().parents[1]

BAD = {"id": "ctpl_mine", "description": "mine", "request": {"width": 5000, "studies": [
    {"name": "Relative Strenght Index"},
    {"name": "RSI", "input": {"length": 0, "lenght": 3}, "override": {"Signal.color": "#000000", "Plot.color": "red"}},
    {"name": "Parabolic SAR", "input": {"start": 0}},
]}}


def write(tmp_path: Path, doc: object, name: str = "t.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def test_every_problem_is_listed_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check-template", str(write(tmp_path, BAD))])
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert code == 2
    assert "5 problems" in out.err  # the two ignored keys are warnings, not problems
    assert len(lines) == 7 and sum(line.startswith("warning: ") for line in lines) == 2
    text = out.out
    assert "request.width: 5000 is greater than the maximum of 2048" in text
    assert "UNKNOWN_STUDY: template ctpl_mine: request.studies[0]: unknown study 'Relative Strenght Index'; " \
           "did you mean 'Relative Strength Index'" in text
    assert "request.studies[1].input.length: must be >= 1 and <= 5000, got 0" in text
    assert "request.studies[1].input.lenght: unknown input of Relative Strength Index (ignored); known: length, in_0" in text
    assert "override.Signal.color: 'Signal' is not a plot, reference line or fill Relative Strength Index draws " \
           "here; its plots: plot, rsi, smoothing" in text
    assert "override.Plot.color: is not a colour" in text
    assert "request.studies[2].input.start: must be > 0 and <= 1, got 0" in text


def test_the_function_still_stops_at_the_first_problem_and_names_the_keys_it_ignores() -> None:
    from chart_export.errors import StepFailure
    from chart_export.templates import parse_template

    with pytest.raises(StepFailure) as info:
        parse_template(BAD, template_id="ctpl_mine")
    assert "request.width" in info.value.message
    ok = parse_template({"request": {"studies": [{"name": "RSI", "input": {"lenght": 3}, "override": {"X.color": 1}}]}},
                        template_id="t")
    assert ok.studies[0].inputs["length"] == 14
    assert ok.ignored_keys == ["request.studies[0].input.lenght", "request.studies[0].override.X.color"]


MISSPELT = {"id": "ctpl_typos", "interval": "1d", "request": {"height": 500, "studies": [
    {"name": "RSI", "input": {"lenght": 3}, "override": {"Signal.color": "#000000"}},
    {"name": "MACD", "inputs": {"fast": 5}},
]}}
MISSPELT_KEYS = ["interval", "request.studies[0].input.lenght", "request.studies[0].override.Signal.color",
                 "request.studies[1].inputs"]


def test_ignored_keys_are_warnings_and_the_preview_is_drawn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    candles = write(tmp_path, candle_rows(90), "c.json")
    out = tmp_path / "preview.png"
    assert main(["check-template", str(write(tmp_path, MISSPELT)), "--candles", str(candles), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    warnings = [line for line in text.splitlines() if line.startswith("warning: template ctpl_typos: ")]
    assert [w.split(": ")[2] for w in warnings] == MISSPELT_KEYS
    assert "is valid (4 ignored keys, see the warnings)" in text
    assert out.is_file()


def test_strict_makes_ignored_keys_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    candles = write(tmp_path, candle_rows(90), "c.json")
    out = tmp_path / "preview.png"
    code = main(["check-template", str(write(tmp_path, MISSPELT)), "--strict", "--candles", str(candles),
                 "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and "4 problems" in captured.err and not out.exists()
    assert sum(line.startswith("error: template ctpl_typos: ") for line in captured.out.splitlines()) == 4


def test_render_prints_ignored_keys_on_stderr(tmp_path: Path) -> None:
    candles = write(tmp_path, candle_rows(90), "c.json")
    proc = subprocess.run([sys.executable, "-m", "chart_export", "render", "--template", str(write(tmp_path, MISSPELT)),
                           "--candles", str(candles), "--out", str(tmp_path / "c.png")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    warned = [line.split(": ")[2] for line in proc.stderr.splitlines() if line.startswith("warning: ")]
    assert warned == MISSPELT_KEYS
    assert "wrote" in proc.stdout


@pytest.mark.parametrize("reference", sorted((ROOT / "chart_export" / "builtin_templates").glob("*.json")), ids=lambda p: p.stem)
def test_builtins_are_valid(reference: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-template", str(reference)]) == 0
    assert "is valid" in capsys.readouterr().out


@pytest.mark.parametrize("shape", ["wrapped", "bare"])
def test_preview_is_drawn_from_either_candle_shape(tmp_path: Path, shape: str) -> None:
    rows = candle_rows(90)
    candles = write(tmp_path, {"metadata": {"symbol": "X"}, "data": rows} if shape == "wrapped" else rows, "c.json")
    template = write(tmp_path, {"id": "ctpl_mine", "request": {"height": 500, "studies": [{"name": "RSI"}]}})
    out = tmp_path / "preview.png"
    assert main(["check-template", str(template), "--candles", str(candles), "--out", str(out)]) == 0
    assert Image.open(io.BytesIO(out.read_bytes())).size == (800, 500)


def test_a_template_with_problems_draws_no_preview(tmp_path: Path) -> None:
    candles = write(tmp_path, candle_rows(50), "c.json")
    out = tmp_path / "preview.png"
    assert main(["check-template", str(write(tmp_path, BAD)), "--candles", str(candles), "--out", str(out)]) == 2
    assert not out.exists()


def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    assert main(["check-template", str(broken)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    assert main(["check-template", str(tmp_path / "missing.json")]) == 2


def test_as_a_command(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "chart_export", "check-template"]
    bad = subprocess.run([*run, str(write(tmp_path, BAD))], cwd=ROOT, capture_output=True, text=True, timeout=60)
    good = subprocess.run([*run, str(ROOT / "chart_export/builtin_templates/ctpl_price_psar_adi_v1.json")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert (bad.returncode, good.returncode) == (2, 0), (bad.stderr, good.stderr)
    assert "did you mean 'Relative Strength Index'" in bad.stdout
    assert "Traceback" not in bad.stderr + good.stderr


@pytest.mark.parametrize("template_id", ["ctpl_price_psar_adi_v1", "ctpl_price_vpvr_obv_v1"])
def test_a_builtin_id_is_checked_like_its_file(template_id: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``check-template`` takes template ids, as ``render --template`` does."""
    candles = write(tmp_path, candle_rows(90), "c.json")
    out = tmp_path / "preview.png"
    assert main(["check-template", template_id, "--candles", str(candles), "--out", str(out)]) == 0
    assert f"built-in {template_id}: template {template_id} is valid" in capsys.readouterr().out
    assert Image.open(out).size == (800, 600)


def test_neither_a_file_nor_an_id_names_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-template", "ctpl_no_such_v1"]) == 2
    err = capsys.readouterr().err
    assert "'ctpl_no_such_v1' is neither a template file nor a built-in template id" in err
    assert "ctpl_price_psar_adi_v1" in err


@pytest.mark.parametrize(("symbol_template", "symbol", "expected"), [
    ("OANDA:{symbol}", None, "the OANDA session: days from 17:00 America/New_York (regular hours 1700-1700)"),
    ("FOO:{symbol}", None, "the chart's time zone Europe/Berlin (exchange FOO has no known session)"),
    ("FOO:{symbol}", "NASDAQ:AAPL", "the NASDAQ session: days from 00:00 America/New_York (regular hours 0930-1600)"),
    (None, None, "the chart's time zone Europe/Berlin (no exchange in the symbol)"),
])
def test_check_template_says_how_calendar_studies_cut_days(tmp_path, capsys, symbol_template, symbol, expected):
    """VWAP / pivots cut days by the exchange's session, else by the chart's time zone: the
    author sees which before deploying."""
    doc = {"id": "t", "request": {"timezone": "Europe/Berlin", "studies": [
        {"name": "VWAP"}, {"name": "RSI"}, {"name": "Pivot Points Standard"}]}}
    if symbol_template:
        doc["chartImgSymbolTemplate"] = symbol_template
    code = main(["check-template", *(["--symbol", symbol] if symbol else []), str(write(tmp_path, doc))])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert lines[-1] == f"calendar studies (VWAP, Pivot Points Standard) cut days by {expected}"


def test_check_template_without_calendar_studies_prints_no_session(capsys):
    assert main(["check-template", "ctpl_price_psar_adi_v1"]) == 0
    assert "calendar studies" not in capsys.readouterr().out
