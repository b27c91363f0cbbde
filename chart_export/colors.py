"""Template colours: the forms TradingView and chart-img templates write, to matplotlib's ``#rrggbb[aa]``."""

from __future__ import annotations

import re
from typing import Any

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_RGB = re.compile(r"rgba?\(\s*([^)]*)\)", re.IGNORECASE)


def parse_color(text: Any) -> str:
    """``#rgb``/``#rrggbb``/``#rrggbbaa``/``rgb(r,g,b)``/``rgba(r,g,b,a)`` -> ``#rrggbb[aa]``
    (lower case; alpha kept only when < 1). Raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"must be a colour string, got {type(text).__name__}")
    s = text.strip()
    m = _HEX.fullmatch(s)
    if m:
        h = m.group(1).lower()
        if len(h) == 3:
            h = "".join(ch * 2 for ch in h)
        if len(h) == 8 and h.endswith("ff"):
            h = h[:6]
        return "#" + h
    m = _RGB.fullmatch(s)
    if m:
        parts = [p.strip() for p in m.group(1).split(",")]
        if len(parts) in (3, 4):
            try:
                rgb = [float(p) for p in parts[:3]]
                alpha = float(parts[3]) if len(parts) == 4 else 1.0
            except ValueError:
                rgb, alpha = [], -1.0
            if (
                len(rgb) == 3
                and all(0 <= v <= 255 and v.is_integer() for v in rgb)
                and 0.0 <= alpha <= 1.0
            ):
                out = "#" + "".join(f"{int(v):02x}" for v in rgb)
                if alpha < 1.0:
                    out += f"{round(alpha * 255):02x}"
                return out
    raise ValueError(f"is not a colour (#rrggbb, rgb(r,g,b) or rgba(r,g,b,a)): {text!r}")
