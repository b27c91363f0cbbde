"""Mutation check of the publish protocol's tests: remove one rule at a time and watch its test
go red (``make mutants``; about a minute, needs the emulators like ``make test``).

Each mutant is a one-line edit of the package; the file is restored afterwards whatever happens.
A mutant that survives (its test stays green) means the test does not guard the rule.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = "tests/test_publish_emulator.py"

#: (rule, file, original text, mutated text, the tests that must go red: a pytest -k expression)
MUTANTS = [
    ("the fence counts from before the claim call", "chart_export/runner.py",
     "        claim_ms = _ms(started)\n        if not claim.claimed:",
     "        claim_ms = _ms(started)\n        fence_start = self.monotonic()\n        if not claim.claimed:",
     "test_a_late_claim_answer"),
    ("the claim re-checks dependsOn on the document it read", "chart_export/orchestration.py",
     '        unmet = unmet_dependencies(data.get("steps") or {}, step.get("dependsOn")) if data else {}',
     "        unmet = {}", "test_an_old_event"),
    ("a commit with an unknown outcome is read back", "chart_export/orchestration.py",
     "            if _rejected(exc) or not _outcome_unknown(exc):", "            if True:",
     "test_a_finalize_with_an_unknown"),
    ("the winner re-reads after listing before it deletes", "chart_export/publish.py",
     "    if state.status not in FINAL or state.lease is None or token is None or state.lease.token != token:",
     "    if False:", "test_a_rerun_between"),
    ("the publishing event's redelivery finishes the cleanup", "chart_export/runner.py",
     "        if event_id is not None and claim.lease.event_id == event_id:\n            return True",
     "        if False:\n            return True", "test_a_transient_cleanup"),
    ("a loser removes its own objects once it knows it lost", "chart_export/publish.py",
     "        if ours or not self.written:", "        if True:",
     "test_a_stale_workers_late_write or test_a_rerun_overtaking"),
    ("a refused cleanup leaves the final step as it is", "chart_export/runner.py",
     "            return\n        except Exception as exc:  # a bug in the cleanup",
     "            raise\n        except Exception as exc:  # a bug in the cleanup", "test_a_refused_cleanup"),
    ("the last attempt's dead worker ends the step ATTEMPTS_EXHAUSTED", "chart_export/orchestration.py",
     "        if previous.attempt is not None and previous.attempt >= limit:",
     "        if previous.attempt is not None and previous.attempt > limit:", "test_a_reclaim_after_the_last"),
    ("a lease with no eventId is answered 503", "chart_export/function.py",
     "    return held_by_event is None or held_by_event == event_id",
     "    return held_by_event == event_id", "test_a_held_lease_with_no_event_id"),
]


def main() -> int:
    survivors = 0
    for rule, path, original, mutated, tests in MUTANTS:
        file = REPO / path
        source = file.read_text("utf-8")
        if source.count(original) != 1:
            print(f"?? {rule}: the original text is not in {path} exactly once; update this list")
            survivors += 1
            continue
        file.write_text(source.replace(original, mutated), "utf-8")
        try:
            proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", TESTS,
                                   "-k", tests], capture_output=True, text=True, cwd=REPO, timeout=900)
        finally:
            file.write_text(source, "utf-8")
        summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        killed = proc.returncode == 1
        survivors += not killed
        print(f"{'killed  ' if killed else 'SURVIVED'} {rule}  [{summary}]", flush=True)
    print(f"{len(MUTANTS) - survivors} of {len(MUTANTS)} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
