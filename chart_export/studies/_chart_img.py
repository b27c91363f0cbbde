"""Where the defaults we draw (TradingView v6's published scripts) differ from the defaults
Chart-IMG documents for the same study, the service the workflow's templates were written for.

Chart-IMG drives TradingView's charting library, whose older built-ins default differently. A
template that leaves these inputs out drew Chart-IMG's values in the workflow's old system, and
draws TradingView v6's here (issue 16 asks for v6's; Williams Alligator by name). ``check-template``
names each such input, and the key that brings Chart-IMG's value back, so an author can keep
the old chart on purpose.

Source: Chart-IMG's API documentation, https://doc.chart-img.com/ ("TradingView Chart
Indicators"; saved copy: github.com/217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit
aed440f7cddd9a1841523bbc2eb00cafced220df). ``tests/test_chart_img_defaults.py`` holds this table
to the whole documented catalogue: complete, and each key giving Chart-IMG's documented inputs.

Not a study module (its name starts with ``_``): the registry skips it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

# study kind -> our input -> (the Chart-IMG key that sets it, Chart-IMG's documented default)
_SMOOTHING_LINE = {"smoothing": ("smoothingLine", "SMA"), "smoothing_length": ("smoothingLength", 9)}
CHART_IMG_DEFAULTS: dict[str, dict[str, tuple[str, Any]]] = {
    "alligator": {"jaw_length": ("in_0", 21), "teeth_length": ("in_1", 13), "lips_length": ("in_2", 8)},
    "cci": {"smoothing_length": ("smoothingLength", 20)},
    "envelopes": {"percent": ("in_1", 2.0)},  # the lower band follows it (in_2, also 2 on Chart-IMG)
    "keltner": {"mult": ("in_2", 1.0)},
    "ma_cross": {"longlen": ("in_1", 26)},
    "mcginley": {"length": ("in_0", 10)},
    "sma": _SMOOTHING_LINE,
    "ema": _SMOOTHING_LINE,
    "obv": _SMOOTHING_LINE,
    "ppo": {"short": ("in_0", 10), "long": ("in_1", 21)},
    "trend_strength": {"length": ("periods", 9)},
}


def default_notes(kind: str, name: str, inputs: dict[str, Any], defaults: dict[str, Any],
                  given: Collection[str] = ()) -> list[str]:
    """One line for a study that draws TradingView v6's default where Chart-IMG documents
    another (inputs the template leaves out: not in ``given``, the inputs it sets by any of
    their keys, which drew the same value on Chart-IMG), naming the keys that draw Chart-IMG's;
    else none."""
    left = [(k, key, value) for k, (key, value) in CHART_IMG_DEFAULTS.get(kind, {}).items()
            if k not in given and inputs.get(k) == defaults.get(k) != value]
    if not left:
        return []
    ours = ", ".join(f"{k} {inputs[k]!r}" for k, _, _ in left)
    theirs = ", ".join(f"{value!r}" for _, _, value in left)
    keys = ", ".join(f'"{key}": {value!r}' for _, key, value in left)
    plural = "s" if len(left) > 1 else ""
    return [f"{name} draws TradingView v6's default{plural} {ours}; Chart-IMG documents {theirs} "
            f"(set {keys} to draw Chart-IMG's)"]
