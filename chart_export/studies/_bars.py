"""The chart's bar length, for studies that need TradingView's ``time_close`` or the chart
timeframe (Moon Phases, 24-hour Volume, Multi-Time Period Charts, Relative Volume at Time, Pivot
Points Standard).
Not a study module (its name starts with ``_``)."""

from __future__ import annotations

import numpy as np


def bar_seconds(time: np.ndarray) -> int:
    """A bar's length: the most common step between bar times (``time_close = time + it``); 0 for
    fewer than two bars."""
    steps = np.diff(np.asarray(time, dtype=np.int64))
    steps = steps[steps > 0]
    if not steps.size:
        return 0
    values, counts = np.unique(steps, return_counts=True)
    return int(values[np.argmax(counts)])
