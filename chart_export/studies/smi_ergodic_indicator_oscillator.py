"""SMI Ergodic Indicator/Oscillator: Chart-IMG's older study, TradingView's SMI Ergodic Indicator
and Oscillator in one pane (the SMI, its signal line and their difference as a histogram). No Pine
source of its own: the arithmetic of TradingView's two built-ins (``smi_ergodic``, oracle-checked:
``ta.tsi(close, shortlen, longlen)``, ``ta.ema`` of it over ``siglen``, SMI - signal).

Inputs and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart
Indicators" > SMI Ergodic Indicator/Oscillator; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` shortlen
5, ``in_1`` longlen 20, ``in_2`` siglen 5 (1..2000; note the order: TradingView's two scripts take
the long length first); "Indicator" blue (rgb(33,150,243)), "Signal" orange (rgb(255,109,0)),
"Oscillator" a red histogram (rgb(255,82,82))."""

from __future__ import annotations

from .smi_ergodic import _erg
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    erg, sig = _erg(c, p)
    return {"smi": erg, "signal": sig, "osc": erg - sig}


STUDY = StudySpec(
    name="SMI Ergodic Indicator/Oscillator",
    kind="smi_ergodic_io",
    source=("Chart-IMG's catalogue: TradingView's SMI Ergodic Indicator and Oscillator (ta.tsi, ta.ema) in one "
            "pane; inputs and plots from doc.chart-img.com"),
    inputs=(
        length("shortlen", 5, "in_0", "shortlen", "Short Length", maximum=2000),
        length("longlen", 20, "in_1", "longlen", "Long Length", maximum=2000),
        length("siglen", 5, "in_2", "siglen", "Signal Line Length", maximum=2000),
    ),
    plots=(
        Plot("osc", kind="histogram", rule="sign", colors=("#FF5252", "#FF5252"), alpha=None, bar_width=0.2, z=2.0,
             baseline=True, names=("oscillator", "osc")),
        Plot("smi", color="#2196F3", names=("plot", "indicator", "smi")),
        Plot("signal", color="#FF6D00", names=("signal",)),
    ),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [
        ("smi", f"SMI ({p['shortlen']}, {p['longlen']}, {p['siglen']})  {fmt.auto(last['smi'])}"),
        ("signal", f"Signal  {fmt.auto(last['signal'])}"),
        ("osc", f"Oscillator  {fmt.auto(last['osc'])}")],
)
