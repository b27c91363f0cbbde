"""Know Sure Thing, TradingView's built-in::

    smaroc(roclen, smalen) => ta.sma(ta.roc(close, roclen), smalen)
    kst = smaroc(roclen1, smalen1) + 2 * smaroc(roclen2, smalen2) + 3 * smaroc(roclen3, smalen3) + 4 * smaroc(roclen4, smalen4)
    sig = ta.sma(kst, siglen)
    plot(kst, color=#009688, title="KST")
    plot(sig, color=#F44336, title="Signal")
    hline(0, title="Zero", color = #787B86)

First KST at bar ``max(roclen_i + smalen_i) - 1`` (44 by default), the signal ``siglen - 1`` later."""

from __future__ import annotations

from ._pine import roc, sma
from .spec import Pane, Plot, StudySpec, length

ROC = ((10, "ROC Length #1", "roclen1"), (15, "ROC Length #2", "roclen2"), (20, "ROC Length #3", "roclen3"),
       (30, "ROC Length #4", "roclen4"))
SMA = ((10, "SMA Length #1", "smalen1"), (10, "SMA Length #2", "smalen2"), (10, "SMA Length #3", "smalen3"),
       (15, "SMA Length #4", "smalen4"))


def _compute(c, p):
    def smaroc(roclen, smalen):
        return sma(roc(c.close, roclen), smalen)

    kst = (smaroc(p["roclen1"], p["smalen1"]) + 2 * smaroc(p["roclen2"], p["smalen2"])
           + 3 * smaroc(p["roclen3"], p["smalen3"]) + 4 * smaroc(p["roclen4"], p["smalen4"]))
    return {"kst": kst, "signal": sma(kst, p["siglen"])}


def _legend(p, last, fmt):
    lengths = ", ".join(str(p[k]) for k in ("roclen1", "roclen2", "roclen3", "roclen4", "smalen1", "smalen2",
                                            "smalen3", "smalen4", "siglen"))
    return [("kst", f"KST ({lengths})  {fmt.auto(last['kst'])}"), ("signal", f"Signal  {fmt.auto(last['signal'])}")]


STUDY = StudySpec(
    name="Know Sure Thing",
    kind="kst",
    aliases=("KST",),
    inputs=(
        *(length(key, d, f"in_{i}", title, key) for i, (d, title, key) in enumerate(ROC)),
        *(length(key, d, f"in_{i + 4}", title, key) for i, (d, title, key) in enumerate(SMA)),
        length("siglen", 9, "in_8", "Signal Line Length", "siglen"),
    ),
    plots=(Plot("kst", color="#009688", names=("plot", "kst")), Plot("signal", color="#F44336", names=("signal",))),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=_legend,
)
