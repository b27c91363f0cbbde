"""The gallery's catalogue of TradingView's 134 published scripts (benchmarks/study_gallery.py):
every script gets a row whose status is computed from the registry, the oracle vectors and
_refused.py, with or without the Pine folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from chart_export import studies

ROOT = Path(__file__).resolve().parents[1]


def _gallery():
    spec = importlib.util.spec_from_file_location("study_gallery", ROOT / "benchmarks" / "study_gallery.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("study_gallery", module)
    spec.loader.exec_module(module)
    return module


gallery = _gallery()


def _rows(folder=None):
    lines = gallery.catalogue(folder, gallery.oracle_status())
    return {line.split(" | ")[0][2:]: line for line in lines if line.startswith("| ") and not line.startswith("| script")}


def test_the_committed_list_names_134_scripts_and_their_declarations() -> None:
    scripts = gallery.pine_scripts(None)
    assert len(scripts) == 134 == len({name for name, _ in scripts})
    assert {kind for _, kind in scripts} == {"indicator", "strategy"}
    assert sum(kind == "strategy" for _, kind in scripts) == 23


@pytest.mark.skipif(gallery.PINE_DIR is None or not gallery.PINE_DIR.is_dir(),
                    reason="TRADINGVIEW_PINE_DIR (TradingView's published scripts) is not set")
def test_the_committed_list_is_the_folder() -> None:
    assert gallery.pine_scripts(gallery.PINE_DIR) == gallery.pine_scripts(None)
    assert _rows(gallery.PINE_DIR) == _rows(None)


def test_each_status_comes_from_the_registry_the_vectors_and_the_refusals() -> None:
    rows = _rows()
    assert len(rows) == 134
    assert "Relative Strength Index (`rsi`) | drawn, equal to the oracle: " in rows["Relative Strength Index"]
    assert "Williams %R (`willr`)" in rows["Williams Percent Range"]  # found through its oracle port
    assert "drawn, equal to the oracle" in rows["Ease of Movement"]  # its zero-volume bar too
    assert "drawn, equal to the oracle" in rows["Rob Booker - Ziv Ghost Pivots"]  # hlc3[1], mapped to the period before
    assert "drawn, equal to the oracle" in rows["Pivot Points Standard"]  # its port holds Help Center levels
    assert "drawn, equal to the oracle" in rows["Trading Sessions"]  # its port plots each display's state
    assert "refused (`STUDY_NEEDS_OTHER_DATA`): needs lower-timeframe volume" in rows["Net Volume"]
    assert "drawn, equal to the oracle" in rows["Advance/Decline Ratio (Bars)"]  # "_" in the file name is "/"
    assert "needs market breadth" in rows["Advance Decline Line"]
    assert rows["MovingAvg Cross"].endswith("| - | strategy (not drawn) |")
    every = [line.split(" | ")[2] for line in rows.values()]
    assert all(s.startswith(("drawn", "refused", "strategy", "not yet drawn")) for s in every)


def test_a_study_registered_elsewhere_shows_up(monkeypatch) -> None:
    monkeypatch.setattr(gallery, "pine_scripts", lambda folder: [("Some Future Study", "indicator")])
    assert _rows()["Some Future Study"].endswith("| - | not yet drawn |")
    vwap = studies.lookup("VWAP")
    real = studies.lookup
    monkeypatch.setattr(studies, "lookup", lambda name: vwap if name == "Some Future Study" else real(name))
    assert "VWAP (`vwap`) | drawn, not checked against the oracle" in _rows()["Some Future Study"]


def test_the_readme_writes_the_catalogue_without_images(tmp_path) -> None:
    assert gallery.main(["--readme-only", "--out", str(tmp_path), "--pine", str(tmp_path / "absent")]) == 0
    text = (tmp_path / "README.md").read_text()
    assert "## TradingView's published built-in scripts" in text and "| Zig Zag |" in text
    assert not list(tmp_path.glob("*.png"))


def test_a_case_known_to_differ_marks_its_script_partly_equal(monkeypatch) -> None:
    import tests.test_oracle

    monkeypatch.setattr(tests.test_oracle, "KNOWN_DIFFERENT", {"ease_of_movement-0"})
    assert "drawn, oracle: 0 of 1 input set(s) equal" in _rows()["Ease of Movement"]


def test_a_study_with_no_published_script_keeps_its_source_beside_its_port() -> None:
    """A port of a study no published script defines (Typical Price: Chart-IMG's catalogue name)
    computes the study's own ``source`` definition: the study table shows that definition and the
    port, checked against the oracle, and the script catalogue gains no row for it."""
    oracle = gallery.oracle_status()
    source, status = oracle["typical_price"]
    assert source.startswith(gallery._cell(studies.by_kind("typical_price").source))
    assert "(../../../devtools/oracle/ports/typical_price.py)" in source
    assert status.startswith("equal: 1 input set(s) x ")
    assert "`Advance_Decline Ratio (Bars).pine`" in oracle["adr_bars"][0]  # its script, not Advance/Decline's
    assert ".pine" not in oracle["advance_decline"][0] and "Chart-IMG" in oracle["advance_decline"][0]
    assert "typical_price" not in set(gallery.ported_pine().values())
    text = gallery.readme([studies.by_kind("typical_price")])
    row = next(line for line in text.splitlines() if line.startswith("| Typical Price |"))
    assert "(high + low + close) / 3" in row and "| equal: 1 input set(s)" in row
