"""Chop Zone: no inputs, a column of 1 on every bar, the EMA angle by hand, the nine colour
zones partition the bars, robust, renders (values: tests/test_oracle.py)."""

import math

import numpy as np

from chart_export.studies._pine import ema
from chart_export.studies.chop_zone import ZONES
from tests._studies import check_renders, check_robust, run, series, spec

NAME = "Chop Zone"
KEYS = [f"zone_{k}" for k, *_ in ZONES] + ["zone_yellow"]


def test_no_inputs():
    assert spec(NAME).inputs == ()


def test_angle_by_hand():
    s = series("trend")
    out = run(NAME, s)
    assert out["chop"].tolist() == [1.0] * len(s)
    e = ema(s.close, 34)
    for i in (60, 200, 777):
        hh, ll = s.high[i - 29 : i + 1].max(), s.low[i - 29 : i + 1].min()
        y2 = (e[i - 1] - e[i]) / ((s.high[i] + s.low[i] + s.close[i]) / 3) * (25 / (hh - ll) * ll)
        a = math.floor(180 * math.acos(1 / math.sqrt(1 + y2 * y2)) / math.pi + 0.5)
        assert out["angle"][i] == (-a if y2 > 0 else a)
    assert np.isnan(out["angle"][:34]).all()


def test_zones_partition_the_bars():
    out = run(NAME, series("gaps_large"))
    drawn = np.array([~np.isnan(out[k]) for k in KEYS])
    assert (drawn.sum(axis=0) == 1).all()
    a = out["angle"]
    assert np.all(a[~np.isnan(out["zone_turquoise"])] >= 5)
    assert np.all(a[~np.isnan(out["zone_dark_red"])] <= -5)
    yellow = ~np.isnan(out["zone_yellow"])
    assert np.all(np.isnan(a[yellow]) | (np.abs(a[yellow]) < 1))


def test_robust():
    check_robust(NAME, optional=KEYS)


def test_renders():
    check_renders(NAME)
