"""Step inputs, object naming, the manifest and configuration (pure, no emulators)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chart_export.config import ConfigError, load_settings
from chart_export.errors import ChartFailure, StepFailure
from chart_export.inputs import read_step_inputs
from chart_export.manifest import MAX_MANIFEST_BYTES, ChartItem, build_manifest, encode_manifest
from chart_export.storage import ArtifactNames, LocalStore, check_segment, parse_gcs_uri

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "contracts"


def _run(**step_changes) -> dict:
    step = {
        "stepType": "CHART_EXPORT",
        "status": "READY",
        "timeframe": "1M",
        "dependsOn": ["ohlcv_export:1M"],
        "inputs": {"minImages": 1, "requests": [{"chartTemplateId": "ctpl_price_ma1226_vol_v1"}]},
    }
    for key, value in step_changes.items():
        if key.startswith("inputs_"):
            step["inputs"][key.removeprefix("inputs_")] = value
        else:
            step[key] = value
    return {
        "scope": {"symbol": "BTCUSDT"},
        "steps": {
            "charts:1M:x": step,
            "ohlcv_export:1M": {"stepType": "OHLCV_EXPORT", "status": "SUCCEEDED", "timeframe": "1M",
                                "outputs": {"gcs_uri": "gcs://artifacts/runs/r/ohlcv/1M.json"}},
        },
    }


def test_valid_inputs_resolve_candles_from_dependency():
    inputs = read_step_inputs(_run(), "charts:1M:x")
    assert inputs.template_ids == ("ctpl_price_ma1226_vol_v1",)
    assert inputs.ohlcv_uri == "gcs://artifacts/runs/r/ohlcv/1M.json"
    assert (inputs.symbol, inputs.timeframe, inputs.min_images) == ("BTCUSDT", "1M", 1)


def test_explicit_candle_uri_wins():
    inputs = read_step_inputs(_run(inputs_ohlcv_gcs_uri="gs://other/c.json"), "charts:1M:x")
    assert inputs.ohlcv_uri == "gs://other/c.json"


@pytest.mark.parametrize(
    "changes,field,fragment",
    [
        ({"timeframe": ""}, "timeframe", "short alphanumeric"),
        ({"timeframe": "1 M/"}, "timeframe", "short alphanumeric"),
        ({"inputs_requests": []}, "inputs.requests", "non-empty list"),
        ({"inputs_requests": "ctpl"}, "inputs.requests", "non-empty list"),
        ({"inputs_requests": [{"chartTemplateId": f"t{i}"} for i in range(1000)]}, "inputs.requests", "at most"),
        ({"inputs_requests": [{"chartTemplateId": "a"}, {"chartTemplateId": "a"}]},
         "inputs.requests[1].chartTemplateId", "duplicates inputs.requests[0]"),
        ({"inputs_requests": [{"chartTemplateId": ""}]}, "inputs.requests[0].chartTemplateId", "non-empty"),
        ({"inputs_requests": [{"chartTemplateId": "../etc"}]}, "inputs.requests[0].chartTemplateId", "'/'"),
        ({"inputs_requests": [{"chartTemplateId": ".."}]}, "inputs.requests[0].chartTemplateId", "'..'"),
        ({"inputs_requests": [{"chartTemplateId": "a\nb"}]}, "inputs.requests[0].chartTemplateId", "control"),
        ({"inputs_requests": [{"chartTemplateId": "x" * 1500}]}, "inputs.requests[0].chartTemplateId", "longer"),
        ({"inputs_requests": ["ctpl"]}, "inputs.requests[0]", "must be a map"),
        ({"inputs_minImages": 2}, "inputs.minImages", "between 0 and 1"),
        ({"inputs_minImages": -1}, "inputs.minImages", "between 0 and 1"),
        ({"inputs_minImages": "1"}, "inputs.minImages", "integer"),
        ({"inputs_minImages": True}, "inputs.minImages", "integer"),
        ({"inputs_ohlcv_gcs_uri": "http://x/y.json"}, "inputs.ohlcv_gcs_uri", "gs://"),
        ({"inputs_ohlcv_gcs_uri": "file:///etc/passwd"}, "inputs.ohlcv_gcs_uri", "gs://"),
        ({"inputs_ohlcv_gcs_uri": "gs://bucket-only"}, "inputs.ohlcv_gcs_uri", "bucket and an object"),
        ({"inputs": "nope"}, "inputs", "must be a map"),
    ],
)
def test_each_bad_input_names_its_field(changes, field, fragment):
    with pytest.raises(StepFailure) as info:
        read_step_inputs(_run(**changes), "charts:1M:x")
    assert info.value.code == "VALIDATION_FAILED"
    assert info.value.message.startswith(field), info.value.message
    assert fragment in info.value.message


def test_missing_symbol_and_missing_candles():
    run = _run()
    run["scope"] = {}
    with pytest.raises(StepFailure, match="scope.symbol"):
        read_step_inputs(run, "charts:1M:x")
    run = _run(dependsOn=[])
    with pytest.raises(StepFailure) as info:
        read_step_inputs(run, "charts:1M:x")
    assert info.value.code == "OHLCV_NOT_FOUND"


@pytest.mark.parametrize("uri,expected", [("gs://b/a/c.json", ("b", "a/c.json")), ("gcs://b/x", ("b", "x"))])
def test_gcs_uris(uri, expected):
    assert parse_gcs_uri(uri) == expected


def test_artifact_names_are_deterministic_and_inside_the_claim_folder():
    names = ArtifactNames("20251215-102530_BTCUSDT_k3f7a", "charts:1M:ctpl_price_ma1226_vol_v1")
    png = names.png(symbol="BTC/USDT", timeframe="1M", template_id="ctpl_price_ma1226_vol_v1", claim="a1-0123abcd")
    folder = "charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/a1-0123abcd/"
    assert png == folder + "BTC-USDT_1M_ctpl_price_ma1226_vol_v1.png"
    assert names.manifest("a1-0123abcd") == folder + "manifest.json"
    assert png == names.png(symbol="BTC/USDT", timeframe="1M", template_id="ctpl_price_ma1226_vol_v1",
                            claim="a1-0123abcd")
    assert names.manifest("a2-ffff") != names.manifest("a1-0123abcd")  # each claim its own manifest


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "a\x00b", "tab\there", "x" * 1500, "\ud800", "a#b", "why?"])
def test_unsafe_segments_are_refused(bad):
    with pytest.raises(StepFailure):
        check_segment(bad, "stepId")
    with pytest.raises(StepFailure):
        ArtifactNames("run", bad)


@pytest.mark.parametrize("char", ["#", "?"])
def test_ids_the_consumer_cannot_read_back_are_refused_naming_the_character(char):
    """The workflow's consumer parses every gs:// URI we publish and refuses a query or fragment
    (``object_path must not include query/fragment``): an id with ``#``/``?`` is refused up front."""
    for field in ("runId", "stepId", "chartTemplateId"):
        with pytest.raises(StepFailure) as refused:
            check_segment(f"charts:1M:x{char}y", field)
        assert refused.value.code == "VALIDATION_FAILED"
        assert repr(char) in refused.value.message and field in refused.value.message


def test_local_store_keeps_writes_inside_its_folder(tmp_path):
    store = LocalStore(tmp_path, "bucket")
    uri = store.write("charts/r/s/a.png", b"png", "image/png")
    assert uri == "gs://bucket/charts/r/s/a.png" and (tmp_path / "charts/r/s/a.png").read_bytes() == b"png"
    with pytest.raises(StepFailure):
        store.write("../escape.png", b"x", "image/png")


def _manifest(items=1, failures=0, run_id="20251215-102530_BTCUSDT_k3f7a") -> dict:
    return build_manifest(
        run_id=run_id, step_id="charts:1M:x", created_at="2025-12-15T10:26:12Z", symbol="BTCUSDT",
        timeframe="1M", min_images=1, requested=[f"t{i}" for i in range(max(items + failures, 1))],
        items=[ChartItem(f"t{i}", "price + MA12/26 + Volume", "2025-12-15T10:26:12Z",
                         f"gs://b/charts/r/s/t{i}.png", {"visibleBars": 120}) for i in range(items)],
        failures=[ChartFailure(f"f{i}", "RENDER_FAILED", "boom " * 50, {"k": "v" * 200}) for i in range(failures)],
    )


def test_manifest_validates_and_round_trips():
    data = encode_manifest(_manifest(items=2, failures=1))
    parsed = json.loads(data)
    assert parsed["items"][0]["meta"] == {"visibleBars": 120}
    assert parsed["failures"][0]["error"]["code"] == "RENDER_FAILED"


def test_manifest_also_satisfies_the_system_contract():
    schema_path = REFERENCE / "charts_outputs_manifest.schema.json"
    if not schema_path.exists():
        pytest.skip("reference contract not available")
    import jsonschema

    jsonschema.validate(json.loads(encode_manifest(_manifest(items=2, failures=1))), json.loads(schema_path.read_text()))


def test_manifest_with_odd_run_id_is_still_valid():
    assert json.loads(encode_manifest(_manifest(run_id="my run ü")))["runId"] == "my run ü"


def test_invalid_manifest_is_refused_before_writing():
    bad = _manifest()
    bad["items"][0]["png_gcs_uri"] = "https://not-gcs/x.png"
    with pytest.raises(StepFailure) as info:
        encode_manifest(bad)
    assert info.value.code == "MANIFEST_WRITE_FAILED" and "items/0/png_gcs_uri" in info.value.message


def test_oversized_manifest_sheds_meta_and_details_to_fit():
    big = _manifest(items=40, failures=100)
    for item in big["items"]:
        item["meta"] = {"blob": "x" * 2000}
    data = encode_manifest(big)
    assert len(data) <= MAX_MANIFEST_BYTES
    parsed = json.loads(data)
    assert len(parsed["items"]) == 40 and "meta" not in parsed["items"][0]


def test_config_lists_every_problem():
    with pytest.raises(ConfigError) as info:
        load_settings({"LOG_LEVEL": "LOUD", "CHART_EXPORT_LEASE_SECONDS": "-3"})
    text = " | ".join(info.value.problems)
    assert "CHARTS_BUCKET is required" in text and "LOG_LEVEL" in text and "CHART_EXPORT_LEASE_SECONDS" in text
    settings = load_settings({"CHARTS_BUCKET": "my-charts", "CHART_EXPORT_LEASE_SECONDS": "30"})
    assert (settings.charts_bucket, settings.firestore_db, settings.lease_seconds) == ("my-charts", "(default)", 30.0)



def test_oversized_manifest_sheds_the_studies_drawings_before_the_rest_of_meta():
    """Drawings and tables (a pivot study's labelled levels, a seasonality table) are the bulk
    of a chart's meta; the 64 KiB limit takes them out first and keeps the studies' values."""
    big = _manifest(items=8)
    for item in big["items"]:
        item["meta"] = {"visibleBars": 120, "studies": [
            {"kind": "pivot_points", "last": {"p": 1.5}, "drawings": [{"key": "r1", "text": "R1 (1.5)" * 40}] * 30},
            {"kind": "rsi", "last": {"rsi": 55.0}}]}
    assert len(json.dumps(big)) > MAX_MANIFEST_BYTES
    parsed = json.loads(encode_manifest(big))
    meta = parsed["items"][0]["meta"]
    assert meta["studies"] == [{"kind": "pivot_points", "last": {"p": 1.5}}, {"kind": "rsi", "last": {"rsi": 55.0}}]
    assert meta["shed"] == ["drawings"] and meta["visibleBars"] == 120
    small = _manifest(items=2)  # under the limit: nothing is taken out
    small["items"][0]["meta"] = {"studies": [{"kind": "zig_zag", "drawings": [{"key": "pivot"}]}]}
    assert json.loads(encode_manifest(small))["items"][0]["meta"]["studies"][0]["drawings"] == [{"key": "pivot"}]
