"""Chart templates: the system's template format, parsed into what the renderer draws.

Format (``schemas/chart_template.schema.json``)::

    {"id": ..., "description": ..., "chartImgSymbolTemplate": ...,
     "request": {"width": 800, "height": 600, "style": "candle", "theme": "light",
                 "scale": "regular", "timezone": "Etc/UTC", "format": "png",
                 "studies": [{"name": ..., "input": {...}, "override": {...},
                              "forceOverlay": false}]}}

Only ``request`` is required; ``width``/``height`` default to 800x600 and are bounded to
320..2048, ``style`` to ``candle``, ``theme`` to ``light``, ``timezone`` to ``Etc/UTC``.
Keys this renderer does not use (``scale`` values other than ``log``, ``interval``, ...) are
accepted and ignored, so the system's template documents parse unchanged.
``chartImgSymbolTemplate`` (``"BINANCE:{symbol}"``) names the symbol's exchange: the calendar
studies cut their days in that exchange's session (:mod:`chart_export.sessions`).

Studies are named as TradingView names them (see :data:`KNOWN_STUDIES`; matching ignores
case and surrounding spaces, and a few short aliases such as ``RSI`` are accepted). Each
study's ``input`` keys are read by their TradingView name or by position (``in_0``, ...);
values are resolved with TradingView's defaults into canonical keys (:attr:`Study.inputs`).
A known input key with a value of the wrong type or out of range is a :class:`TemplateError`
naming the key. ``override`` keys have the form
``<Plot>.<property>`` — ``Plot`` is the study's main line, other plots by their TradingView
name (``Signal``, ``Upper``, ``+DI``, ...) — with the properties ``color`` (``#rgb``,
``#rrggbb``, ``#rrggbbaa``, ``rgb()``, ``rgba()``), ``linewidth``, ``plottype`` (``line``,
``cross``, ``circles``, ``step_line``), ``visible`` and ``transparency`` (0..100).

Keys the renderer does not know — an unknown input or override key, a key the format does
not have at the top, in ``request`` or in a study — do not fail the template: the chart
renders without them, and each one is named, never dropped silently (:attr:`Template.ignored`:
the function logs a WARNING and writes them to the chart's manifest ``meta.ignored_keys``;
``check-template`` prints them as warnings, errors with ``--strict``; ``render`` on stderr).

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

from .colors import parse_color
from .errors import ErrorCode, StepFailure
from .overrides import parse_overrides, parse_request_overrides
from .studies.spec import SOURCES, Input, StudySpec

DEFAULT_WIDTH = 800
DEFAULT_HEIGHT = 600
MIN_SIZE = 320
MAX_SIZE = 2048
MAX_SEPARATE_PANES = 5


def _builtin_folder() -> Any:
    return resources.files(__package__).joinpath("builtin_templates")


# The built-in library is the folder: one ``<id>.json`` per template.
BUILTIN_TEMPLATE_IDS: tuple[str, ...] = tuple(
    sorted(p.name[: -len(".json")] for p in _builtin_folder().iterdir() if p.name.endswith(".json"))
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

#: The keys of the system's template format, by level (the schema's properties).
TEMPLATE_KEYS = ("id", "description", "chartImgSymbolTemplate", "request")
REQUEST_KEYS = ("width", "height", "style", "theme", "scale", "timezone", "format", "studies", "override")
STUDY_KEYS = ("name", "input", "override", "forceOverlay")


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


@dataclass(frozen=True)
class IgnoredKey:
    """A template key the renderer does not use: its field path and why (for people)."""

    field: str  # e.g. request.studies[1].input.lenght
    message: str


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
    ignored: tuple[IgnoredKey, ...] = ()  # keys drawn without: named in logs and the manifest
    symbol_template: str | None = None  # chartImgSymbolTemplate ("BINANCE:{symbol}"): the exchange, for sessions

    @property
    def ignored_keys(self) -> list[str]:
        return [k.field for k in self.ignored]

    @property
    def tz(self) -> tzinfo:
        return resolve_timezone(self.timezone)

    @property
    def separate_panes(self) -> tuple[Study, ...]:
        return tuple(s for s in self.studies if s.pane == "separate")


def __getattr__(name: str) -> Any:
    if name == "KNOWN_STUDIES":  # lazy: the registry imports every study module
        from . import studies

        return studies.known_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Problems:
    """Where parsing reports what is wrong. By default the first problem is raised (the
    function's behaviour); with ``collect=True`` every problem is kept in ``items`` and
    parsing goes on (``python -m chart_export check-template``). Either way the keys the
    renderer ignores are kept in ``ignored``: warnings, not problems."""

    def __init__(self, *, collect: bool = False) -> None:
        self.collect = collect
        self.items: list[StepFailure] = []
        self.ignored_keys: list[IgnoredKey] = []

    def error(self, exc: StepFailure) -> None:
        if not self.collect:
            raise exc
        self.items.append(exc)

    def ignored(self, message: str, field: str) -> None:
        self.ignored_keys.append(IgnoredKey(field, message))


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


def _resolve_input(spec: Input, value: Any, where: str) -> Any:
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
    elif spec.type == "string":
        if not isinstance(value, str):
            raise TemplateError(f"{where}: must be a string, got {_describe(value)}", {"field": where})
        if len(value) > spec.max_length:
            raise TemplateError(f"{where}: at most {spec.max_length} characters, got {len(value)}", {"field": where})
        if spec.check is not None:
            try:
                return spec.check(value)
            except ValueError as exc:
                raise TemplateError(f"{where}: {exc}", {"field": where}) from None
        return value
    elif spec.type == "colour":
        try:
            return parse_color(value)
        except ValueError:
            raise TemplateError(f"{where}: must be a colour (#RRGGBB, #RRGGBBAA or rgba(r,g,b,a)), got "
                                f"{_describe(value)}", {"field": where}) from None
    too_low = spec.minimum is not None and (value <= spec.minimum if spec.exclusive_minimum else value < spec.minimum)
    too_high = spec.maximum is not None and value > spec.maximum
    if too_low or too_high:
        raise TemplateError(f"{where}: must be {spec.bounds_text()}, got {value!r}", {"field": where})
    return value


#: Where the studies are listed for people (names, inputs, defaults, bounds, a picture each).
STUDY_CATALOGUE = "docs/gallery/studies/README.md"


def _closest_three(name: str) -> list[str]:
    """The registry's close matches first, then the nearest remaining names: always three."""
    import difflib

    from . import studies

    close = list(studies.closest(name, 3))
    known = [n for n in studies.known_names() if n not in close]
    ranked = sorted(known, key=lambda n: -difflib.SequenceMatcher(None, name.lower(), n.lower()).ratio())
    return (close + ranked)[:3]


def _unknown_study(name: str, where: str) -> StepFailure:
    from . import studies

    known = studies.known_names()
    close = _closest_three(name)
    hint = f"{', '.join(repr(n) for n in close[:-1])} or {close[-1]!r}" if len(close) > 1 else repr(close[0])
    return StepFailure(
        ErrorCode.UNKNOWN_STUDY,
        f"{where}: unknown study {name!r}; did you mean {hint}? All {len(known)} studies, with their inputs: "
        f"{STUDY_CATALOGUE}",
        {"study": name, "field": f"{where}.name", "known": list(known), "closest": close},
    )


def _needs_other_data(name: str, where: str) -> StepFailure | None:
    from .studies._refused import needs

    found = needs(name)
    if found is None:
        return None
    canonical, missing = found
    return StepFailure(
        ErrorCode.STUDY_NEEDS_OTHER_DATA,
        f"{where}: study {name!r} needs {missing}; a chart is drawn from one symbol's candles (OHLCV and time) only",
        {"study": name, "field": f"{where}.name", "tradingview_name": canonical, "needs": missing},
    )


def _parse_inputs(spec: StudySpec, raw: Mapping[str, Any], where: str, problems: Problems) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    for ispec in spec.inputs:
        value, used = ispec.default, None
        for alias in (*ispec.aliases, ispec.key):  # the canonical key: what the catalogue and meta print
            if alias in raw:
                value, used = raw[alias], alias
                break
        try:
            inputs[ispec.key] = value if used is None else _resolve_input(ispec, value, f"{where}.input.{used}")
        except TemplateError as exc:
            problems.error(exc)
            inputs[ispec.key] = ispec.default
    known = list(dict.fromkeys(alias for ispec in spec.inputs for alias in (*ispec.aliases, ispec.key)))
    for key in raw:
        reason = None if key in known else spec.ignored_reason(key)
        if reason is not None:  # a TradingView input the candles cannot honour: say why
            problems.ignored(f"{where}.input.{key}: {reason} (ignored)", f"{where}.input.{key}")
        elif key not in known:
            problems.ignored(f"{where}.input.{key}: unknown input of {spec.name} (ignored); known: {', '.join(known)}",
                             f"{where}.input.{key}")
    if spec.check is not None:
        message = spec.check(inputs)
        if message:
            problems.error(TemplateError(f"{where}.input: {message}", {"field": f"{where}.input"}))
    return inputs


def parse_study(doc: Any, *, where: str, problems: Problems | None = None) -> Study | None:
    """One entry of ``request.studies`` (None only when ``problems`` collects and the
    study cannot be resolved)."""
    from . import studies

    problems = problems or Problems()
    if not isinstance(doc, dict):
        problems.error(TemplateError(f"{where}: must be an object, got {_describe(doc)}", {"field": where}))
        return None
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.error(TemplateError(f"{where}.name: must be a non-empty string, got {_describe(name)}",
                                     {"field": f"{where}.name"}))
        return None
    spec = studies.lookup(name)
    if spec is None:
        problems.error(_needs_other_data(name, where) or _unknown_study(name, where))
        return None
    raw_inputs = doc.get("input")
    if raw_inputs is None:
        raw_inputs = {}
    if not isinstance(raw_inputs, dict):
        problems.error(TemplateError(f"{where}.input: must be an object, got {_describe(raw_inputs)}",
                                     {"field": f"{where}.input"}))
        raw_inputs = {}
    inputs = _parse_inputs(spec, raw_inputs, where, problems)
    raw_over = doc.get("override")
    if raw_over is None:
        raw_over = {}
    if not isinstance(raw_over, dict):
        problems.error(TemplateError(f"{where}.override: must be an object, got {_describe(raw_over)}",
                                     {"field": f"{where}.override"}))
        raw_over = {}
    force = doc.get("forceOverlay")
    if force is not None and not isinstance(force, bool):
        problems.error(TemplateError(f"{where}.forceOverlay: must be true or false, got {_describe(force)}",
                                     {"field": f"{where}.forceOverlay"}))
    overrides = parse_overrides(spec, raw_over, f"{where}.override", overlaid=force is True, ignored=problems.ignored,
                                error=lambda message, field: problems.error(TemplateError(message, {"field": field})))
    _unknown_keys(doc, STUDY_KEYS, where, f"a study's keys are {', '.join(STUDY_KEYS)}", problems)
    pane = "price" if (not spec.own_pane or force is True) else "separate"
    return Study(name=name, kind=spec.kind, inputs=inputs, overrides=overrides, pane=pane, is_pane_study=spec.own_pane)


def _unknown_keys(doc: Mapping[str, Any], known: tuple[str, ...], where: str, hint: str, problems: Problems) -> None:
    for key in doc:
        if key not in known:
            here = f"{where}.{key}" if where else str(key)
            problems.ignored(f"{here}: not a key of the template format (ignored); {hint}", here)


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


def _schema_errors(doc: dict[str, Any], template_id: str, *, every: bool) -> list[TemplateError]:
    """The schema violations, the most relevant one only unless ``every``."""
    import jsonschema

    found = list(_validator().iter_errors(doc))
    if not found:
        return []
    chosen = sorted(found, key=lambda e: list(map(str, e.absolute_path))) if every else [jsonschema.exceptions.best_match(found)]
    out = []
    for err in chosen:
        path = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in err.absolute_path).replace(".[", "[")
        where = path or "(template)"
        message = err.message
        if err.validator == "pattern" and path.endswith(("theme", "format")):
            message = f"{err.instance!r} is not one of " + ("light, dark" if path.endswith("theme") else "png")
        out.append(TemplateError(f"template {template_id}: {where}: {message}", {"field": where, "template": template_id}))
    return out


class _Prefixed(Problems):
    """Problems of one template: messages start with ``template <id>:``; when collecting,
    one problem per field (the schema and the study parser may both see a bad value)."""

    def __init__(self, outer: Problems, template_id: str) -> None:
        super().__init__(collect=outer.collect)
        self.items = outer.items
        self.ignored_keys = outer.ignored_keys
        self.template_id = template_id

    def _prefix(self, exc: StepFailure) -> StepFailure | None:
        if not exc.message.startswith(f"template {self.template_id}: "):
            exc.message = f"template {self.template_id}: {exc.message}"
            exc.args = (exc.message,)
        exc.details.setdefault("template", self.template_id)
        field = exc.details.get("field")
        if self.collect and field and any(p.details.get("field") == field for p in self.items):
            return None
        return exc

    def error(self, exc: StepFailure) -> None:
        exc2 = self._prefix(exc)
        if exc2 is not None:
            super().error(exc2)

    def ignored(self, message: str, field: str) -> None:
        if all(k.field != field for k in self.ignored_keys):
            self.ignored_keys.append(IgnoredKey(field, f"template {self.template_id}: {message}"))


def parse_template(doc: Any, *, template_id: str, problems: Problems | None = None) -> Template | None:
    """Validate a template document and resolve it (raises TemplateError / UNKNOWN_STUDY).

    With ``problems=Problems(collect=True)`` nothing is raised: every problem is appended
    to ``problems.items`` and the result is None when there is any. Ignored keys are never
    problems: they are in the result's ``ignored`` (and in ``problems.ignored_keys``)."""
    outer = problems or Problems()
    problems = _Prefixed(outer, template_id)
    if not isinstance(doc, dict):
        problems.error(TemplateError(f"must be an object, got {_describe(doc)}"))
        return None
    for err in _schema_errors(doc, template_id, every=problems.collect):
        problems.error(err)
    req = doc.get("request")
    if not isinstance(req, dict):
        return None
    _unknown_keys(doc, TEMPLATE_KEYS, "", f"a template's keys are {', '.join(TEMPLATE_KEYS)}", problems)
    _unknown_keys(req, REQUEST_KEYS, "request", f"request's keys are {', '.join(REQUEST_KEYS)}", problems)
    description = doc.get("description") or template_id
    if req.get("override") is not None:  # Chart-IMG's request overrides: each honoured or named with its reason
        parse_request_overrides(req["override"], "request.override", ignored=problems.ignored,
                                error=lambda message, field: problems.error(TemplateError(message, {"field": field})))
    style_raw = req.get("style", "candle")
    style = STYLES.get(re.sub(r"[\s_-]", "", style_raw.lower())) if isinstance(style_raw, str) else None
    if style is None:
        problems.error(TemplateError(
            f"request.style: unsupported style {style_raw!r}; supported: candle, hollowCandle, bar, line, area, heikinAshi",
            {"field": "request.style"},
        ))
    tz_name = req.get("timezone", "Etc/UTC")
    try:
        resolve_timezone(tz_name)
    except Exception:
        problems.error(TemplateError(
            f"request.timezone: unknown time zone {tz_name!r} (expected an IANA name such as Etc/UTC or Europe/Berlin)",
            {"field": "request.timezone"},
        ))
    studies: list[Study] = []
    raw_studies = req.get("studies") or []
    for i, sdoc in enumerate(raw_studies if isinstance(raw_studies, list) else []):
        study = parse_study(sdoc, where=f"request.studies[{i}]", problems=problems)
        if study is not None:
            studies.append(study)
    n_panes = sum(s.pane == "separate" for s in studies)
    if n_panes > MAX_SEPARATE_PANES:
        problems.error(TemplateError(f"request.studies: at most {MAX_SEPARATE_PANES} studies in their own panes",
                                     {"field": "request.studies"}))
    elif n_panes:
        _check_panes_fit(req, n_panes, problems)
    if outer.items:
        return None
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
        ignored=tuple(outer.ignored_keys),
        symbol_template=doc["chartImgSymbolTemplate"] if isinstance(doc.get("chartImgSymbolTemplate"), str) else None,
    )


def _check_panes_fit(req: Mapping[str, Any], n_panes: int, problems: Problems) -> None:
    """A template whose study panes cannot all get a readable height is refused, saying the
    height it needs (rather than drawn with panes too thin to read)."""
    from ._render.figure import text_px
    from ._render.layout import MIN_PANE_TEXT_HEIGHTS, min_height

    width, height = req.get("width", DEFAULT_WIDTH), req.get("height", DEFAULT_HEIGHT)
    if not (isinstance(width, int) and isinstance(height, int) and MIN_SIZE <= width <= MAX_SIZE):
        return  # the schema has said what is wrong with them
    need = min_height(text_px(width), n_panes)
    if height < need:
        problems.error(TemplateError(
            f"request.studies: {n_panes} studies in their own panes do not fit a {width}x{height} chart readably "
            f"(each needs about {round(text_px(width) * MIN_PANE_TEXT_HEIGHTS)} px); use request.height >= {need}, fewer pane studies, "
            "or forceOverlay: true on some", {"field": "request.studies", "height_needed": need}))


@cache
def _builtin_docs() -> dict[str, dict[str, Any]]:
    folder = _builtin_folder()
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
    "IgnoredKey",
    "Problems",
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
