"""PyneCore's ``math.sum`` machine (``pynecore.core.rolling_sum``, TradingView's rolling
compensated sum with its re-baselines) on a few committed inputs, written bit for bit as hex
floats to ``tests/data/pine/math_sum.json``; ``tests/test_pine.py`` holds ``_pine.msum``
to them. Oracle venv only: ``.venv-oracle/bin/python devtools/oracle/sum_vectors.py``.

Inputs: prices on a 0.01 tick (the common case), squares of near-constant prices (what
``ta.variance`` sums), values spread over nine orders of magnitude (the re-baseline fires
on thousands of bars) and a series with na gaps (the window skips them)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from pynecore import lib
from pynecore.core.rolling_sum import SumMachine

OUT = Path(__file__).resolve().parents[2] / "tests" / "data" / "pine" / "math_sum.json"
LENGTHS = (1, 2, 5, 14)


def inputs() -> dict[str, list[float]]:
    rng = random.Random(16)
    ticks = [round(100 + rng.gauss(0, 3), 2) for _ in range(300)]
    squares = [v * v for v in (round(120 + rng.gauss(0, 0.05), 2) for _ in range(300))]
    spread = [rng.random() * 10 ** rng.randint(-3, 6) for _ in range(300)]
    gaps = [math.nan if rng.random() < 0.1 else rng.random() * 10 ** rng.randint(-2, 3) for _ in range(300)]
    return {"ticks": ticks, "squares": squares, "spread": spread, "gaps": gaps}


def run(values: list[float], n: int) -> list[float]:
    machine, out = SumMachine(), []
    for i, v in enumerate(values):
        lib.bar_index = i
        out.append(machine.step(v, n))
    return out


def main() -> None:
    doc = {}
    for name, values in inputs().items():
        doc[name] = {"input": [v.hex() for v in values],
                     "sums": {str(n): [float(s).hex() for s in run(values, n)] for n in LENGTHS}}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(doc)} inputs x {len(LENGTHS)} lengths")


if __name__ == "__main__":
    main()
