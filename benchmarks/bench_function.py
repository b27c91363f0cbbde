"""Function-level benchmark: the no-op fast path, a five-chart step end to end on the
emulators, and the cold import of ``main`` — each side by side with its peer in one run.

    .venv/bin/python benchmarks/bench_function.py [--quick] [--against REF]

Targets (issue 4): no-op event (protobuf decode + selection, 20-step run) median <= 1 ms;
five charts on 2,000 candles, warm process, event -> SUCCEEDED <= 1.5 s; ``import main``
<= 50 % of importing google.cloud.firestore + google.cloud.storage + matplotlib.pyplot;
cold start (new process -> five charts SUCCEEDED) <= 3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def bench_noop(repeat: int) -> dict[str, float]:
    """Ours (raw protobuf walk + selection) vs the obvious way (proto-plus deserialize +
    MessageToDict + the same selection), interleaved."""
    from google.events.cloud.firestore_v1.types import DocumentEventData
    from google.protobuf.json_format import MessageToDict

    from chart_export.events import decode_event
    from chart_export.selection import select_steps
    from tests._cloudevents import binary_protobuf, run_document, to_cloudevent

    doc = run_document(20)
    headers, body = binary_protobuf("20251215-102530_BTCUSDT_k3f7a", doc, doc)
    event = to_cloudevent(headers, body)

    def ours() -> None:
        write = decode_event(event)
        assert not select_steps(write.value).has_work

    def naive() -> None:
        data = DocumentEventData.deserialize(body)
        as_dict = MessageToDict(DocumentEventData.pb(data))
        select_steps({"steps": as_dict["value"]["fields"]["steps"]})

    ours_s, naive_s = [], []
    for _ in range(repeat):
        t = time.perf_counter(); ours(); ours_s.append(time.perf_counter() - t)
        t = time.perf_counter(); naive(); naive_s.append(time.perf_counter() - t)
    return {"ours_us": _median_us(ours_s), "peer_us": _median_us(naive_s)}


def _fresh_import_seconds(code: str) -> float:
    env = {**os.environ, "CHARTS_BUCKET": "bench-bucket"}
    out = subprocess.run(
        [sys.executable, "-c", f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"],
        capture_output=True, text=True, cwd=REPO, env=env, check=True,
    ).stdout.strip().splitlines()[-1]
    return float(out)


def bench_import(repeat: int) -> dict[str, float]:
    ours, peer = [], []
    for _ in range(repeat):
        ours.append(_fresh_import_seconds("import main"))
        peer.append(_fresh_import_seconds(
            "import google.cloud.firestore, google.cloud.storage, matplotlib.pyplot"))
    return {"ours_ms": statistics.median(ours) * 1e3, "peer_ms": statistics.median(peer) * 1e3}


STEP_ID = "charts:1h:all_builtins_v1"


@contextlib.contextmanager
def _emulated(prefix: str):
    """Firestore emulator + fake-gcs with a 2,000-candle file; yields (logs, function env, stage)
    where ``stage()`` writes a fresh five-chart run and returns (headers, body, done),
    ``done()`` asserting the step ended SUCCEEDED."""
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import firestore, storage

    from devtools.emulators import start_fake_gcs, start_firestore
    from devtools.sample_data import candle_file, flow_run
    from tests._cloudevents import binary_protobuf

    logs = Path(tempfile.mkdtemp(prefix=prefix))
    fs, gcs = start_firestore(logs), start_fake_gcs(logs)
    hosts = {"FIRESTORE_EMULATOR_HOST": fs.host_port, "STORAGE_EMULATOR_HOST": gcs.url}
    os.environ.update(hosts)
    env = {**hosts, "CHARTS_BUCKET": "bench-charts", "GOOGLE_CLOUD_PROJECT": "demo-bench", "LOG_LEVEL": "WARNING"}
    try:
        db = firestore.Client(project="demo-bench")
        store = storage.Client(project="demo-bench", credentials=AnonymousCredentials())
        store.create_bucket("bench-charts")
        store.create_bucket("bench-candles").blob("c.json").upload_from_string(candle_file(2000, timeframe="1h"))

        def stage():
            run_id = f"20251215-102530_BTCUSDT_{uuid.uuid4().hex[:6]}"
            ref = db.collection("flow_runs").document(run_id)
            doc = flow_run(run_id, candle_uri="gs://bench-candles/c.json", timeframe="1h")
            ref.set(doc)
            headers, body = binary_protobuf(run_id, doc, project="demo-bench")

            def done(response) -> None:
                step = ref.get().to_dict()["steps"][STEP_ID]
                assert response.status_code == 200 and step["status"] == "SUCCEEDED", (response.status_code, step)

            return headers, body, done

        yield logs, env, stage
    finally:
        gcs.stop()
        fs.stop()


def bench_cold_start(repeat: int) -> dict[str, float]:
    """Fresh functions-framework process: spawn -> five-chart step (2,000 candles) SUCCEEDED.
    Peer: the same with an empty MPLCONFIGDIR (no shipped font cache), interleaved."""
    import requests

    from devtools.emulators import start_function

    with _emulated("bench-cold-") as (logs, env, stage):
        results: dict[str, list[float]] = {"shipped": [], "rebuilt": []}
        for _ in range(repeat):
            for mode in results:
                headers, body, done = stage()
                extra = {"TMPDIR": tempfile.mkdtemp(prefix="cold-tmp-")}
                if mode == "rebuilt":
                    extra["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="cold-mpl-")
                saved = os.environ.pop("MPLCONFIGDIR", None)
                t = time.perf_counter()
                fn = start_function(logs, env={**env, **extra})
                try:
                    response = requests.post(fn.url, headers=headers, data=body, timeout=120)
                    elapsed = time.perf_counter() - t
                finally:
                    fn.stop()
                    if saved is not None:
                        os.environ["MPLCONFIGDIR"] = saved
                done(response)
                results[mode].append(elapsed)
    return {"ours_s": statistics.median(results["shipped"]), "peer_s": statistics.median(results["rebuilt"])}


def bench_step(repeat: int) -> dict[str, float]:
    """Event -> SUCCEEDED for a five-chart step on 2,000 candles, warm functions-framework
    process on the emulators (first run discarded as warm-up)."""
    import requests

    from devtools.emulators import start_function

    with _emulated("bench-logs-") as (logs, env, stage):
        fn = start_function(logs, env=env)
        try:
            samples = []
            for i in range(repeat + 1):
                headers, body, done = stage()
                t = time.perf_counter()
                response = requests.post(fn.url, headers=headers, data=body, timeout=120)
                elapsed = time.perf_counter() - t
                done(response)
                if i:
                    samples.append(elapsed)
        finally:
            fn.stop()
    return {"median_s": statistics.median(samples), "min_s": min(samples), "max_s": max(samples)}


def bench_step_against(ref: str, repeat: int) -> dict[str, float]:
    """The warm five-chart step of this tree and of git ``ref``, side by side: one emulator pair,
    two warm functions-framework processes (``ref`` checked out into a temporary worktree), the
    events alternated between them, so machine noise falls on both alike."""
    import requests

    from devtools.emulators import start_function

    tree = Path(tempfile.mkdtemp(prefix="bench-ref-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), ref], cwd=REPO, check=True,
                   capture_output=True)
    try:
        with _emulated("bench-ab-") as (logs, env, stage):
            servers = {"this": start_function(logs, env=env),
                       ref: start_function(logs, env=env, source=tree / "main.py", cwd=tree)}
            try:
                samples: dict[str, list[float]] = {name: [] for name in servers}
                for i in range(repeat + 1):
                    for name in (list(servers) if i % 2 else list(reversed(servers))):
                        headers, body, done = stage()
                        t = time.perf_counter()
                        response = requests.post(servers[name].url, headers=headers, data=body, timeout=120)
                        elapsed = time.perf_counter() - t
                        done(response)
                        if i:  # the first round warms both up
                            samples[name].append(elapsed)
            finally:
                for server in servers.values():
                    server.stop()
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, capture_output=True)
    return {"ours_s": statistics.median(samples["this"]), "ref_s": statistics.median(samples[ref])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--against", metavar="REF",
                        help="only the warm five-chart step, this tree vs git REF, interleaved in one run")
    args = parser.parse_args()
    q = args.quick
    if args.against:
        ab = bench_step_against(args.against, 10 if q else 40)
        print(f"| five charts, 2,000 candles, event -> SUCCEEDED (warm, median) | this tree {ab['ours_s']:.3f} s | "
              f"{args.against} {ab['ref_s']:.3f} s | {ab['ours_s'] / ab['ref_s'] * 100 - 100:+.1f} % |")
        return
    noop = bench_noop(300 if q else 3000)
    imp = bench_import(3 if q else 7)
    step = bench_step(3 if q else 7)
    cold = bench_cold_start(2 if q else 5)
    print("| measure | ours | peer | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| no-op event, 20-step run (median) | {noop['ours_us']:.0f} µs | {noop['peer_us']:.0f} µs "
          f"(proto-plus + MessageToDict) | {noop['peer_us'] / noop['ours_us']:.1f}x faster | <= 1,000 µs |")
    print(f"| `import main`, fresh process (median) | {imp['ours_ms']:.0f} ms | {imp['peer_ms']:.0f} ms "
          f"(firestore + storage + pyplot) | {imp['ours_ms'] / imp['peer_ms'] * 100:.0f} % | <= 50 % |")
    print(f"| five charts, 2,000 candles, event -> SUCCEEDED (warm, median) | {step['median_s']:.2f} s | — | "
          f"min {step['min_s']:.2f} s, max {step['max_s']:.2f} s | <= 1.5 s |")
    print(f"| cold start: new process -> five charts SUCCEEDED (median) | {cold['ours_s']:.2f} s | "
          f"{cold['peer_s']:.2f} s (font cache rebuilt) | {cold['peer_s'] - cold['ours_s']:+.2f} s saved | <= 3 s |")


if __name__ == "__main__":
    main()
