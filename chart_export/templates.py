"""Chart templates: the system's template format, parsed into what the renderer draws.

Format (``schemas/chart_template.schema.json``)::

    {"id": ..., "description": ..., "chartImgSymbolTemplate": ...,
     "request": {"width": 800, "height": 600, "style": "candle", "theme": "light",
                 "scale": "regular", "timezone": "Etc/UTC", "format": "png",
                 "studies": [{"name": ..., "input": {...}, "override": {...},
                              "forceOverlay": false}]}}

Only ``request`` is required; ``width``/``height`` default to 800x600 and are bounded to
320..2048, ``style`` to ``candle``, ``theme`` to ``light``, ``timezone`` to ``Etc/UTC``.
Keys this renderer does not use (``chartImgSymbolTemplate``, ``scale`` values other than
``log``, ``interval``, ...) are accepted and ignored, so the system's template documents
parse unchanged.

Studies are named as TradingView names them (see :data:`KNOWN_STUDIES`; matching ignores
case and surrounding spaces, and a few short aliases such as ``RSI`` are accepted). Each
study's ``input`` keys are read by their TradingView name or by position (``in_0``, ...);
values are resolved with TradingView's defaults into canonical keys (:attr:`Study.inputs`).
Unknown input keys are ignored; a known key with a value of the wrong type or out of range
is a :class:`TemplateError` naming the key. ``override`` keys have the form
``<Plot>.<property>`` — ``Plot`` is the study's main line, other plots by their TradingView
name (``Signal``, ``Upper``, ``+DI``, ...) — with the properties ``color`` (``#rgb``,
``#rrggbb``, ``#rrggbbaa``, ``rgb()``, ``rgba()``), ``linewidth``, ``plottype`` (``line``,
``cross``, ``circles``, ``step_line``), ``visible`` and ``transparency`` (0..100); others
are ignored.

``forceOverlay``: pane studies (Volume, MACD, ADX, RSI, Stoch RSI, OBV) get their own pane
unless ``forceOverlay`` is true, in which case they are drawn over the bottom of the price
pane on their own (unlabelled) scale. Price studies (moving averages, Bollinger Bands,
Parabolic SAR, volume profile) are always drawn on the price pane.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ErrorCode, StepFailure

DEFAULT_WIDTH = 800
DEFAULT_HEIGHT = 600
MIN_SIZE = 320
MAX_SIZE = 2048
MAX_SEPARATE_PANES = 5

BUILTIN_TEMPLATE_IDS: tuple[str, ...] = (
    "ctpl_price_ma1226_bb_macd1226_v1",
    "ctpl_price_ma1226_vol_v1",
    "ctpl_price_psar_adi_v1",
    "ctpl_price_rsi14_stochrsi_v1",
    "ctpl_price_vpvr_obv_v1",
)

STYLES = {
    "candle": "candle",
    "candles": "candle",
    "hollowcandle": "hollow_candle",
    "hollowcandles": "hollow_candle",
    "bar": "bar",
    "bars": "bar",
    "ohlc": "bar",
    "line": "line",
    "area": "area",
    "heikinashi": "heikin_ashi",
}

SOURCES = ("open", "high", "low", "close", "hl2", "hlc3", "ohlc4")
PLOT_TYPES = {"line": "line", "cross": "cross", "circles": "circles", "circle": "circles", "step_line": "step_line", "stepline": "step_line"}


class TemplateError(StepFailure):
    """The template document is invalid; always ``VALIDATION_FAILED``."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(ErrorCode.VALIDATION_FAILED, message, details)


@dataclass(frozen=True, eq=False)
class Study:
    name: str  # as written in the template
    kind: str  # canonical key: sma, ema, ma_double, volume, bbands, macd, psar, adx, rsi, stochrsi, vpvr, obv
    inputs: dict[str, Any]  # canonical input names, defaults filled in
    overrides: dict[str, dict[str, Any]]  # canonical plot -> {color, linewidth, plottype, visible}
    pane: str  # "price" | "separate"
    is_pane_study: bool = False  # draws on its own scale (oscillators, volume)

    def to_meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"name": self.name, "kind": self.kind, "pane": self.pane, "inputs": dict(self.inputs)}
        if self.overrides:
            meta["overrides"] = {k: dict(v) for k, v in self.overrides.items()}
        return meta


@dataclass(frozen=True, eq=False)
class Template:
    id: str
    description: str
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    style: str = "candle"
    theme: str = "light"
    timezone: str = "Etc/UTC"
    studies: tuple[Study, ...] = ()
    scale: str = "regular"  # "regular" | "log"

    @property
    def tz(self) -> tzinfo:
        return resolve_timezone(self.timezone)

    @property
    def separate_panes(self) -> tuple[Study, ...]:
        return tuple(s for s in self.studies if s.pane == "separate")


# --------------------------------------------------------------------------- input specs


@dataclass(frozen=True)
class _Input:
    key: str  # canonical
    type: str  # int | float | bool | source | choice
    default: Any
    aliases: tuple[str, ...]
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[str, str] | None = None  # normalised text -> canonical value
    exclusive_minimum: bool = False


@dataclass(frozen=True)
class _StudySpec:
    kind: str
    pane_study: bool
    inputs: tuple[_Input, ...]
    plots: Mapping[str, str]  # normalised TradingView plot name -> canonical plot


def _length(key: str, default: int, *aliases: str, minimum: int = 1, maximum: int = 5000) -> _Input:
    return _Input(key, "int", default, aliases, minimum, maximum)


def _source(*aliases: str) -> _Input:
    return _Input("source", "source", "close", aliases)


_MA_TYPES = {"sma": "SMA", "simple": "SMA", "ema": "EMA", "exponential": "EMA"}
_SMOOTHING = {**_MA_TYPES, "none": "None", "": "None"}
_VP_VOLUME = {"up/down": "Up/Down", "updown": "Up/Down", "total": "Total", "delta": "Delta"}

_SPECS: dict[str, _StudySpec] = {
    "Moving Average": _StudySpec(
        "sma", False, (_length("length", 9, "length", "in_0", "period"), _source("source", "in_1", "src")), {"plot": "ma", "ma": "ma"}
    ),
    "Moving Average Exponential": _StudySpec(
        "ema", False, (_length("length", 9, "length", "in_0", "period"), _source("source", "in_1", "src")), {"plot": "ma", "ema": "ma", "ma": "ma"}
    ),
    "Moving Average Double": _StudySpec(
        "ma_double",
        False,
        (
            _length("first", 14, "firstPeriods", "in_0"),
            _length("second", 21, "secondPeriods", "in_1"),
            _Input("method", "choice", "SMA", ("method", "in_2"), choices=_MA_TYPES),
        ),
        {"plot": "ma1", "plot 1": "ma1", "ma1": "ma1", "plot 2": "ma2", "plot2": "ma2", "ma2": "ma2"},
    ),
    "Volume": _StudySpec(
        "volume",
        True,
        (
            _Input("show_ma", "bool", False, ("showMA", "show ma")),
            _length("ma_length", 20, "length", "maLength", "in_0"),
        ),
        {"plot": "volume", "volume": "volume", "volume ma": "ma", "ma": "ma"},
    ),
    "Bollinger Bands": _StudySpec(
        "bbands",
        False,
        (
            _length("length", 20, "length", "in_0"),
            _Input("mult", "float", 2.0, ("mult", "in_1", "stdDev", "StdDev"), 0.0, 50.0),
            _source("source", "src"),
        ),
        {"plot": "basis", "basis": "basis", "median": "basis", "upper": "upper", "lower": "lower"},
    ),
    "MACD": _StudySpec(
        "macd",
        True,
        (
            _length("fast", 12, "in_0", "fastLength", "fast_length", "fast"),
            _length("slow", 26, "in_1", "slowLength", "slow_length", "slow"),
            _length("signal", 9, "in_2", "signalLength", "signal_length", "signal"),
            _source("in_3", "source", "src"),
        ),
        {"plot": "macd", "macd": "macd", "signal": "signal", "histogram": "hist", "hist": "hist"},
    ),
    "Parabolic SAR": _StudySpec(
        "psar",
        False,
        (
            _Input("start", "float", 0.02, ("in_0", "start"), 0.0, 1.0, exclusive_minimum=True),
            _Input("increment", "float", 0.02, ("in_1", "increment", "inc"), 0.0, 1.0, exclusive_minimum=True),
            _Input("maximum", "float", 0.2, ("in_2", "maximum", "max"), 0.0, 1.0, exclusive_minimum=True),
        ),
        {"plot": "sar", "sar": "sar", "psar": "sar"},
    ),
    "Average Directional Index": _StudySpec(
        "adx",
        True,
        (
            _length("adx_smoothing", 14, "in_0", "adxSmoothing", "ADX Smoothing", "smoothing"),
            _length("di_length", 14, "in_1", "diLength", "DI Length", "length"),
        ),
        {"plot": "adx", "adx": "adx", "+di": "plus_di", "plus di": "plus_di", "-di": "minus_di", "minus di": "minus_di"},
    ),
    "Relative Strength Index": _StudySpec(
        "rsi",
        True,
        (
            _length("length", 14, "length", "in_0"),
            _source("source", "in_1", "src"),
            _Input("smoothing", "choice", "SMA", ("smoothingLine", "maType", "in_2"), choices=_SMOOTHING),
            _length("smoothing_length", 14, "smoothingLength", "maLength", "in_3"),
        ),
        {"plot": "rsi", "rsi": "rsi", "smoothing": "smoothing", "rsi-based ma": "smoothing", "ma": "smoothing"},
    ),
    # TradingView's input order for Stoch RSI is K, D, RSI length, Stochastic length, source.
    "Stochastic RSI": _StudySpec(
        "stochrsi",
        True,
        (
            _length("k", 3, "smoothK", "in_0", "k"),
            _length("d", 3, "smoothD", "in_1", "d"),
            _length("rsi_length", 14, "lengthRSI", "in_2"),
            _length("stoch_length", 14, "lengthStoch", "in_3"),
            _source("src", "source", "in_4"),
        ),
        {"plot": "k", "k": "k", "%k": "k", "d": "d", "%d": "d"},
    ),
    "Volume Profile Visible Range": _StudySpec(
        "vpvr",
        False,
        (
            _length("rows", 24, "rows", "rowSize", "Row Size", "in_1", maximum=200),
            _Input("volume", "choice", "Up/Down", ("volume", "in_2"), choices=_VP_VOLUME),
            _Input("value_area", "float", 70.0, ("vaVolume", "valueAreaVolume", "Value Area Volume", "in_3"), 0.0, 100.0, exclusive_minimum=True),
        ),
        {"plot": "poc", "poc": "poc", "developing poc": "poc"},
    ),
    "On Balance Volume": _StudySpec(
        "obv",
        True,
        (
            _Input("smoothing", "choice", "None", ("smoothingLine", "maType", "in_0"), choices=_SMOOTHING),
            _length("smoothing_length", 14, "smoothingLength", "maLength", "in_1"),
        ),
        {"plot": "obv", "obv": "obv", "on balance volume": "obv", "smoothing": "smoothing", "ma": "smoothing"},
    ),
}

KNOWN_STUDIES: tuple[str, ...] = tuple(sorted(_SPECS))

_NAME_ALIASES = {
    "ma": "Moving Average",
    "sma": "Moving Average",
    "moving average simple": "Moving Average",
    "ema": "Moving Average Exponential",
    "moving average double": "Moving Average Double",
    "vol": "Volume",
    "bb": "Bollinger Bands",
    "psar": "Parabolic SAR",
    "sar": "Parabolic SAR",
    "adx": "Average Directional Index",
    "dmi": "Average Directional Index",
    "rsi": "Relative Strength Index",
    "stoch rsi": "Stochastic RSI",
    "stochrsi": "Stochastic RSI",
    "vpvr": "Volume Profile Visible Range",
    "volume profile": "Volume Profile Visible Range",
    "obv": "On Balance Volume",
}
_NAMES = {**{name.lower(): name for name in _SPECS}, **_NAME_ALIASES}


def study_spec_name(name: str) -> str | None:
    """The canonical TradingView name for a study name as written, or None if unknown."""
    return _NAMES.get(" ".join(name.split()).lower())


# --------------------------------------------------------------------------- values


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return repr(value)


def _bounds_text(spec: _Input) -> str:
    low = "" if spec.minimum is None else (f"> {spec.minimum:g}" if spec.exclusive_minimum else f">= {spec.minimum:g}")
    high = "" if spec.maximum is None else f"<= {spec.maximum:g}"
    return " and ".join(x for x in (low, high) if x)


def _resolve_input(spec: _Input, value: Any, where: str) -> Any:
    if spec.type == "int":
        if _is_number(value) and math.isfinite(value) and float(value).is_integer():
            value = int(value)
        else:
            raise TemplateError(f"{where}: must be an integer, got {_describe(value)}", {"field": where})
    elif spec.type == "float":
        if not (_is_number(value) and math.isfinite(value)):
            raise TemplateError(f"{where}: must be a number, got {_describe(value)}", {"field": where})
        value = float(value)
    elif spec.type == "bool":
        if not isinstance(value, bool):
            raise TemplateError(f"{where}: must be true or false, got {_describe(value)}", {"field": where})
        return value
    elif spec.type == "source":
        if not isinstance(value, str) or value.strip().lower() not in SOURCES:
            raise TemplateError(
                f"{where}: must be one of {', '.join(SOURCES)}, got {_describe(value)}", {"field": where}
            )
        return value.strip().lower()
    elif spec.type == "choice":
        assert spec.choices is not None
        key = value.strip().lower() if isinstance(value, str) else None
        if key is None or key not in spec.choices:
            allowed = ", ".join(sorted(set(spec.choices.values()) - {""}))
            raise TemplateError(f"{where}: must be one of {allowed}, got {_describe(value)}", {"field": where})
        return spec.choices[key]
    too_low = spec.minimum is not None and (value <= spec.minimum if spec.exclusive_minimum else value < spec.minimum)
    too_high = spec.maximum is not None and value > spec.maximum
    if too_low or too_high:
        raise TemplateError(f"{where}: must be {_bounds_text(spec)}, got {value!r}", {"field": where})
    return value


_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_RGB = re.compile(r"rgba?\(\s*([^)]*)\)", re.IGNORECASE)


def parse_color(text: Any) -> str:
    """``#rgb``/``#rrggbb``/``#rrggbbaa``/``rgb(r,g,b)``/``rgba(r,g,b,a)`` -> ``#rrggbb[aa]``
    (lower case; alpha kept only when < 1). Raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"must be a colour string, got {_describe(text)}")
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


def _parse_overrides(spec: _StudySpec, raw: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or "." not in key:
            continue
        plot_name, _, prop = key.rpartition(".")
        plot = spec.plots.get(" ".join(plot_name.split()).lower())
        prop = prop.strip().lower()
        if plot is None:
            continue
        here = f"{where}.{key}"
        if prop == "color":
            try:
                out.setdefault(plot, {})["color"] = parse_color(value)
            except ValueError as exc:
                raise TemplateError(f"{here}: {exc}", {"field": here}) from None
        elif prop == "linewidth":
            if not (_is_number(value) and math.isfinite(value) and 0 < value <= 10):
                raise TemplateError(f"{here}: must be a number in (0, 10], got {_describe(value)}", {"field": here})
            out.setdefault(plot, {})["linewidth"] = float(value)
        elif prop == "plottype":
            kind = PLOT_TYPES.get(value.strip().lower()) if isinstance(value, str) else None
            if kind is None:
                raise TemplateError(
                    f"{here}: must be one of line, cross, circles, step_line, got {_describe(value)}",
                    {"field": here},
                )
            out.setdefault(plot, {})["plottype"] = kind
        elif prop == "visible":
            if not isinstance(value, bool):
                raise TemplateError(f"{here}: must be true or false, got {_describe(value)}", {"field": here})
            out.setdefault(plot, {})["visible"] = value
        elif prop == "transparency":
            if not (_is_number(value) and 0 <= value <= 100):
                raise TemplateError(f"{here}: must be a number in 0..100, got {_describe(value)}", {"field": here})
            out.setdefault(plot, {})["alpha"] = round(1.0 - float(value) / 100.0, 4)
    return out


def parse_study(doc: Any, *, where: str) -> Study:
    """One entry of ``request.studies``."""
    if not isinstance(doc, dict):
        raise TemplateError(f"{where}: must be an object, got {_describe(doc)}", {"field": where})
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TemplateError(f"{where}.name: must be a non-empty string, got {_describe(name)}", {"field": f"{where}.name"})
    canonical = study_spec_name(name)
    if canonical is None:
        raise StepFailure(
            ErrorCode.UNKNOWN_STUDY,
            f"{where}: unknown study {name!r}; known studies: {', '.join(KNOWN_STUDIES)}",
            {"study": name, "field": f"{where}.name", "known": list(KNOWN_STUDIES)},
        )
    spec = _SPECS[canonical]
    raw_inputs = doc.get("input")
    if raw_inputs is None:
        raw_inputs = {}
    if not isinstance(raw_inputs, dict):
        raise TemplateError(f"{where}.input: must be an object, got {_describe(raw_inputs)}", {"field": f"{where}.input"})
    inputs: dict[str, Any] = {}
    for ispec in spec.inputs:
        value, used = ispec.default, None
        for alias in ispec.aliases:
            if alias in raw_inputs:
                value, used = raw_inputs[alias], alias
                break
        inputs[ispec.key] = value if used is None else _resolve_input(ispec, value, f"{where}.input.{used}")
    if spec.kind == "psar" and inputs["start"] != inputs["increment"]:
        raise TemplateError(
            f"{where}.input: Parabolic SAR start ({inputs['start']:g}) and increment ({inputs['increment']:g}) "
            "must be equal (TA-Lib SAR uses one acceleration for both)",
            {"field": f"{where}.input"},
        )
    raw_over = doc.get("override")
    if raw_over is None:
        raw_over = {}
    if not isinstance(raw_over, dict):
        raise TemplateError(
            f"{where}.override: must be an object, got {_describe(raw_over)}", {"field": f"{where}.override"}
        )
    overrides = _parse_overrides(spec, raw_over, f"{where}.override")
    force = doc.get("forceOverlay")
    if force is not None and not isinstance(force, bool):
        raise TemplateError(
            f"{where}.forceOverlay: must be true or false, got {_describe(force)}", {"field": f"{where}.forceOverlay"}
        )
    pane = "price" if (not spec.pane_study or force is True) else "separate"
    return Study(name=name, kind=spec.kind, inputs=inputs, overrides=overrides, pane=pane, is_pane_study=spec.pane_study)


# --------------------------------------------------------------------------- templates


def resolve_timezone(name: str) -> tzinfo:
    """IANA zone by name (``UTC``/``Etc/UTC`` work even without a zone database)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        if name.upper() in ("UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "ETC/ZULU"):
            return UTC
        raise


@cache
def _validator() -> Any:
    import jsonschema

    text = resources.files(__package__).joinpath("schemas/chart_template.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_error(doc: dict[str, Any], template_id: str) -> TemplateError | None:
    import jsonschema

    best = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    if best is None:
        return None
    path = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in best.absolute_path).replace(".[", "[")
    where = path or "(template)"
    message = best.message
    if best.validator == "pattern" and path.endswith(("theme", "format")):
        message = f"{best.instance!r} is not one of " + ("light, dark" if path.endswith("theme") else "png")
    return TemplateError(f"template {template_id}: {where}: {message}", {"field": where, "template": template_id})


def parse_template(doc: Any, *, template_id: str) -> Template:
    """Validate a template document and resolve it (raises TemplateError / UNKNOWN_STUDY)."""
    if not isinstance(doc, dict):
        raise TemplateError(f"template {template_id}: must be an object, got {_describe(doc)}", {"template": template_id})
    err = _schema_error(doc, template_id)
    if err is not None:
        raise err
    req = doc["request"]
    description = doc.get("description") or template_id
    style_raw = req.get("style", "candle")
    style = STYLES.get(re.sub(r"[\s_-]", "", style_raw.lower()))
    if style is None:
        raise TemplateError(
            f"template {template_id}: request.style: unsupported style {style_raw!r}; "
            "supported: candle, hollowCandle, bar, line, area, heikinAshi",
            {"field": "request.style", "template": template_id},
        )
    tz_name = req.get("timezone", "Etc/UTC")
    try:
        resolve_timezone(tz_name)
    except Exception:
        raise TemplateError(
            f"template {template_id}: request.timezone: unknown time zone {tz_name!r} (expected an IANA name such as Etc/UTC or Europe/Berlin)",
            {"field": "request.timezone", "template": template_id},
        ) from None
    studies: list[Study] = []
    for i, sdoc in enumerate(req.get("studies") or []):
        try:
            studies.append(parse_study(sdoc, where=f"request.studies[{i}]"))
        except StepFailure as exc:
            exc.message = f"template {template_id}: {exc.message}"
            exc.args = (exc.message,)
            exc.details.setdefault("template", template_id)
            raise
    if sum(s.pane == "separate" for s in studies) > MAX_SEPARATE_PANES:
        raise TemplateError(
            f"template {template_id}: request.studies: at most {MAX_SEPARATE_PANES} studies in their own panes",
            {"field": "request.studies", "template": template_id},
        )
    return Template(
        id=template_id,
        description=description,
        width=int(req.get("width", DEFAULT_WIDTH)),
        height=int(req.get("height", DEFAULT_HEIGHT)),
        style=style,
        theme=req.get("theme", "light").lower(),
        timezone=tz_name,
        studies=tuple(studies),
        scale="log" if str(req.get("scale", "regular")).lower() in ("log", "logarithmic") else "regular",
    )


@cache
def _builtin_docs() -> dict[str, dict[str, Any]]:
    folder = resources.files(__package__).joinpath("builtin_templates")
    docs: dict[str, dict[str, Any]] = {}
    for template_id in BUILTIN_TEMPLATE_IDS:
        docs[template_id] = json.loads(folder.joinpath(f"{template_id}.json").read_text("utf-8"))
    return docs


def builtin_template(template_id: str) -> dict[str, Any] | None:
    """A copy of the built-in template document with this id, or None."""
    doc = _builtin_docs().get(template_id)
    return copy.deepcopy(doc) if doc is not None else None


def load_builtin(template_id: str) -> Template | None:
    """The parsed built-in template with this id, or None."""
    doc = builtin_template(template_id)
    return None if doc is None else parse_template(doc, template_id=template_id)


__all__ = [
    "BUILTIN_TEMPLATE_IDS",
    "KNOWN_STUDIES",
    "Study",
    "Template",
    "TemplateError",
    "builtin_template",
    "load_builtin",
    "parse_color",
    "parse_study",
    "parse_template",
    "resolve_timezone",
]
