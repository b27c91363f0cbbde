"""Relative Vigor Index, TradingView's built-in::

    rvi = math.sum(ta.swma(close-open), len)/math.sum(ta.swma(high-low),len)
    sig = ta.swma(rvi)
    plot(rvi, color=#008000, title="RVGI", offset = offset)
    plot(sig, color=#FF0000, title="Signal", offset = offset)

First RVGI at bar ``len + 2`` (``ta.swma`` needs 3 bars back), the signal 3 bars later; na
where the bars' ranges sum to 0."""

from __future__ import annotations

from ._pine import div, msum, swma
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    rvi = div(msum(swma(c.close - c.open), p["length"]), msum(swma(c.high - c.low), p["length"]))
    return {"rvgi": rvi, "signal": swma(rvi)}


STUDY = StudySpec(
    name="Relative Vigor Index",
    kind="rvgi",
    aliases=("RVGI",),
    inputs=(
        length("length", 10, "in_0", "Length", "len"),
        length("offset", 0, "in_1", "Offset", "offset", minimum=-500, maximum=500),
    ),
    plots=(Plot("rvgi", color="#008000", names=("plot", "rvgi"), offset="offset"),
           Plot("signal", color="#FF0000", names=("signal",), offset="offset")),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("rvgi", f"RVGI ({p['length']})  {fmt.auto(last['rvgi'])}"),
                                 ("signal", f"Signal  {fmt.auto(last['signal'])}")],
)
