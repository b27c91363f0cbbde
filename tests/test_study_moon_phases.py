"""Moon Phases: the oracle holds it to TradingView's script (tests/test_oracle.py); here the
marks fall on the bars of known new and full moons, and it renders."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from tests._studies import THEMES, check_render, check_robust, near, run, bars

DAY = 86400


def _days(start: str, n: int):
    t0 = int(datetime.fromisoformat(start).replace(tzinfo=UTC).timestamp())
    price = np.full(n, 100.0)
    c = bars(price, price + 1, price - 1, price, price)
    return c.__class__.from_arrays(t0 + DAY * np.arange(n, dtype=np.int64), c.open, c.high, c.low, c.close, c.volume)


def test_the_marks_fall_on_the_days_of_the_moons() -> None:
    # January 2024 (UTC): new moon 11 Jan 11:57, full moon 25 Jan 17:54; February: new moon 9 Feb 22:59
    c = _days("2024-01-01", 45)
    out = run("Moon Phases", c)
    days = {datetime.fromtimestamp(int(c.time[i]), UTC).date().isoformat(): out["moon_type"][i]
            for i in np.flatnonzero(np.isfinite(out["moon_type"]))}
    assert days == {"2024-01-11": 1.0, "2024-01-25": -1.0, "2024-02-09": 1.0}
    assert np.isfinite(out["new_moon"]).sum() == 2 and np.isfinite(out["full_moon"]).sum() == 1
    assert out["phase"][20] == 1.0 and out["phase"][30] == -1.0  # waxing after the new moon, waning after the full


def test_robust() -> None:
    check_robust("Moon Phases", optional=("new_moon", "full_moon"))


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    png = check_render("Moon Phases", theme).png
    assert near(png, "#2962FF", tol=30) > 20  # the new-moon circles
