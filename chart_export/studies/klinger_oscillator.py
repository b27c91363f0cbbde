"""Klinger Oscillator, TradingView's built-in::

    sv = ta.change(hlc3) >= 0 ? volume : -volume
    kvo = ta.ema(sv, 34) - ta.ema(sv, 55)
    sig = ta.ema(kvo, 13)
    plot(kvo, color = #2962FF, title="Klinger Oscillator")
    plot(sig, color = #43A047, title="Signal")

Bar 0 has no change (na ``>= 0`` is false): ``-volume``; ``>=`` is Pine's tolerant comparison
(a change of -1e-15 is >= 0). No inputs. First KVO at bar 54, the
signal at 66. Without volume TradingView raises "No volume is provided by the data vendor": ours
is 0 and its legend says "no volume data"."""

from __future__ import annotations

import numpy as np

from ._pine import change, ema, lt
from .spec import Pane, Plot, StudySpec, no_volume_note


def _compute(c, p):
    hlc3 = (c.high + c.low + c.close) / 3
    ch = change(hlc3)
    sv = np.where(~np.isnan(ch) & ~lt(ch, 0.0), c.volume, -c.volume)  # Pine's tolerant >=
    kvo = ema(sv, 34) - ema(sv, 55)
    return {"kvo": kvo, "signal": ema(kvo, 13)}


STUDY = StudySpec(
    name="Klinger Oscillator",
    kind="klinger",
    aliases=("KVO",),
    inputs=(),
    plots=(Plot("kvo", color="#2962FF", names=("plot", "klinger oscillator", "kvo")),
           Plot("signal", color="#43A047", names=("signal",))),
    pane=Pane(include=(0.0,), format="compact"),
    compute=_compute,
    legend=lambda p, last, fmt: [("kvo", f"KVO  {fmt.compact(last['kvo'])}"),
                                 ("signal", f"Signal  {fmt.compact(last['signal'])}")],
    note=no_volume_note,
)
