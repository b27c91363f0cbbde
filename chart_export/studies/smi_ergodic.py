"""SMI Ergodic Indicator and SMI Ergodic Oscillator, TradingView's built-ins::

    erg = ta.tsi(close, shortlen, longlen)     // between -1 and 1
    sig = ta.ema(erg, siglen)
    plot(erg, color=#2962FF, title="SMI")      // the Indicator
    plot(sig, color=#FF6D00, title="Signal")
    osc = erg - sig
    plot(osc, color=#FF5252, style=plot.style_histogram, title="SMI Ergodic Oscillator")

``ta.tsi`` is na on bar 0 (no change), so its EMAs start at bar 1: first SMI at bar
``longlen + shortlen - 1`` (24), the signal ``siglen - 1`` later."""

from __future__ import annotations

from ._pine import ema, tsi
from .spec import Pane, Plot, StudySpec, length

INPUTS = (
    length("longlen", 20, "in_0", "Long Length", "longlen"),
    length("shortlen", 5, "in_1", "Short Length", "shortlen"),
    length("siglen", 5, "in_2", "Signal Line Length", "siglen"),
)


def _erg(c, p):
    erg = tsi(c.close, p["shortlen"], p["longlen"])
    return erg, ema(erg, p["siglen"])


def _indicator(c, p):
    erg, sig = _erg(c, p)
    return {"smi": erg, "signal": sig}


def _oscillator(c, p):
    erg, sig = _erg(c, p)
    return {"osc": erg - sig}


def _params(p):
    return f"{p['longlen']}, {p['shortlen']}, {p['siglen']}"


STUDIES = (
    StudySpec(
        name="SMI Ergodic Indicator",
        kind="smii",
        aliases=("SMII",),
        inputs=INPUTS,
        plots=(Plot("smi", color="#2962FF", names=("plot", "smi")), Plot("signal", color="#FF6D00", names=("signal",))),
        pane=Pane(include=(0.0,), format="auto"),
        compute=_indicator,
        legend=lambda p, last, fmt: [("smi", f"SMII ({_params(p)})  {fmt.auto(last['smi'])}"),
                                     ("signal", f"Signal  {fmt.auto(last['signal'])}")],
    ),
    StudySpec(
        name="SMI Ergodic Oscillator",
        kind="smio",
        aliases=("SMIO",),
        inputs=INPUTS,
        plots=(Plot("osc", kind="histogram", rule="sign", colors=("#FF5252", "#FF5252"), alpha=None, bar_width=0.2,
                    z=2.0, baseline=True, names=("plot", "smi ergodic oscillator", "osc")),),
        pane=Pane(include=(0.0,), format="auto"),
        compute=_oscillator,
        legend=lambda p, last, fmt: [("osc", f"SMIO ({_params(p)})  {fmt.auto(last['osc'])}")],
    ),
)
