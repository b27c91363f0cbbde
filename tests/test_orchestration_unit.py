"""Orchestration rules that need no Firestore (the document lives in the run-local stand-in)."""

from __future__ import annotations

from chart_export.localrun import JsonDocumentClient
from chart_export.orchestration import claim_step_transaction, step_paths_fit


def test_step_id_too_long_for_firestore_field_paths_is_not_claimed():
    """Production Firestore refuses field paths over 1,500 bytes (the emulator even refuses to
    store such a key): a claim that could never be finalized is refused before any write, so no
    redelivery loop can start."""
    step_id = "s" * 1480
    assert not step_paths_fit(step_id) and step_paths_fit("s" * 1400)
    client = JsonDocumentClient({"flow_runs": {"r": {"steps": {step_id: {"status": "READY"}}}}})
    result = claim_step_transaction(client=client, run_id="r", step_id=step_id)
    assert (result.claimed, result.reason) == (False, "step_id_too_long")
    assert client.patches == []
