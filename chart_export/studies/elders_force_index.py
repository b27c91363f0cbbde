"""Elder's Force Index: EMA of price change times volume.

Formula (TradingView Help Center: "Elder's Force Index (EFI)"; TradingView's built-in
script ``efi = ta.ema(ta.change(close) * volume, length)``). EMA as TA-Lib (SMA seed of the
first ``length`` values, from bar 1). First value at bar length."""

from __future__ import annotations

from ._pine import change, ema
from .spec import Pane, Plot, StudySpec, length, no_volume_note


STUDY = StudySpec(
    note=no_volume_note,
    name="Elder's Force Index",
    kind="efi",
    aliases=("Elder Force Index", "EFI", "Elders Force Index", "Force Index"),  # the first: TradingView's title
    inputs=(length("length", 13, "length", "Length", "in_0", maximum=2000),),
    plots=(Plot("efi", color="#F23645", width=1.5, names=("plot", "elder's force index", "efi")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=lambda c, p: {"efi": ema(change(c.close, 1) * c.volume, p["length"])},
    legend=lambda p, last, fmt: [("efi", f"EFI ({p['length']})  {fmt.auto(last['efi'])}")],
)
