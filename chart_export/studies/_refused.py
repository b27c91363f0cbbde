"""TradingView built-ins that one symbol's candles cannot determine: a template naming one is
refused with ``STUDY_NEEDS_OTHER_DATA`` and a message saying what is missing (issue 14), never
drawn wrong. Names as TradingView publishes them (``deepentropy/oakscriptJS``,
``docs/official/indicators_standard/``) and the older names Chart-IMG accepts; matched like
study names (case and spaces ignored).

Not a study module (its name starts with ``_``): the registry skips it."""

from __future__ import annotations

SECOND_SYMBOL = "a second symbol's candles (it compares this symbol with another one)"
BREADTH = "market breadth data (advancing / declining issues and their volume across an exchange)"
OPEN_INTEREST = "open interest (futures data the candles do not carry)"
ANALYST = "analysts' price targets (fundamental data the candles do not carry)"
LOWER_TF = ("lower-timeframe volume (TradingView splits each bar's volume into up and down volume from "
            "intrabars the candles do not carry)")

NEEDS: dict[str, str] = {
    "Correlation Coefficient": SECOND_SYMBOL,
    "Ratio": SECOND_SYMBOL,
    "Spread": SECOND_SYMBOL,
    "Compare": SECOND_SYMBOL,
    "Overlay": SECOND_SYMBOL,
    "Advance Decline Line": BREADTH,
    "Advance/Decline Line": BREADTH,
    "Advance Decline Ratio": BREADTH,
    "Advance/Decline Ratio": BREADTH,
    "Cumulative Volume Index": BREADTH,
    "Open Interest": OPEN_INTEREST,
    "Price Target": ANALYST,
    "Up/Down Volume": LOWER_TF,
    "Volume Delta": LOWER_TF,
    "Cumulative Volume Delta": LOWER_TF,
    "Net Volume": LOWER_TF,
}

_BY_KEY = {" ".join(k.split()).lower(): (k, v) for k, v in NEEDS.items()}


def needs(name: str) -> tuple[str, str] | None:
    """(TradingView's name, what it needs that one symbol's candles do not give), or None."""
    return _BY_KEY.get(" ".join(name.split()).lower())
