"""Rolling least-squares statistics for the older Chart-IMG studies (Linear Regression Slope,
Standard Error, Standard Error Bands): per window of ``n`` values against x = 0..n-1, the
slope and the standard error of the estimate, sqrt(sum of squared residuals / (n - 2)) (the
line's end point is ``_pine.linreg``). Computed on each window minus its first value (no cancellation at high price levels).
Not a study module (its name starts with ``_``)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._math import first_valid, nan


def regression(y: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """``{"slope", "stderr"}`` of each window of ``n`` (NaN before the first full window;
    ``stderr`` NaN when n < 3)."""
    size = y.shape[0]
    out = {k: nan(size) for k in ("slope", "stderr")}
    s = first_valid(y)
    if size - s < n or n < 2:
        return out
    win = sliding_window_view(y[s:], n)
    w = win - win[:, :1]
    x = np.arange(n, dtype=np.float64)
    sx, sxx = x.sum(), (x * x).sum()
    sy, sxy = w.sum(axis=1), (w * x).sum(axis=1)
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    intercept = (sy - slope * sx) / n
    out["slope"][s + n - 1:] = slope
    if n >= 3:
        resid = w - (intercept[:, None] + slope[:, None] * x)
        out["stderr"][s + n - 1:] = np.sqrt((resid * resid).sum(axis=1) / (n - 2))
    return out
