"""Command line: ``python -m chart_export <command> ...``.

    python -m chart_export render --template ID_OR_JSON_PATH --candles FILE --out FILE.png \
        [--symbol S] [--timeframe TF] [--meta FILE.json]      # S, TF default to the file's metadata
    python -m chart_export run-local --flow-run FILE --candles FILE --out DIR [--step-id ID] \
        [--templates DIR]
    python -m chart_export check-template ID_OR_JSON_PATH [--candles FILE --out preview.png] [--strict]

``--template`` is a built-in template id (``ctpl_price_ma1226_vol_v1``, ...) or the path of
a template JSON document in the system's format. Bad input (unreadable files, invalid
candles or template) prints one ``error: ...`` line on stderr and exits with status 2;
no traceback.

Each subcommand is one ``_add_<name>`` function registering its parser and a handler
``(args) -> int``; :func:`build_parser` collects them, :func:`main` dispatches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran and failed for a reason other than its input
EXIT_USAGE = 2  # bad arguments or bad input files


class CliError(Exception):
    """A user-facing failure: printed as one line, exit status ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _read_template_file(path: Path) -> tuple[Any, str]:
    """The JSON document of a template file and its id (``id``, else the file name)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read template {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"template {path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    template_id = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) and doc.get("id") else path.stem
    return doc, template_id


def _template_document(ref: str) -> tuple[Any, str, str]:
    """``(document, template id, what to call it)`` of a built-in template id or a JSON file
    (a file wins over a built-in of the same name; the built-ins' ids have no ``.json``)."""
    from .templates import BUILTIN_TEMPLATE_IDS, builtin_template

    path = Path(ref)
    if path.is_file():
        doc, template_id = _read_template_file(path)
        return doc, template_id, str(path)
    doc = builtin_template(ref)
    if doc is not None:
        return doc, ref, f"built-in {ref}"
    raise CliError(f"{ref!r} is neither a template file nor a built-in template id ({', '.join(BUILTIN_TEMPLATE_IDS)})")


def _load_template(ref: str) -> Any:
    from .templates import parse_template

    doc, template_id, _ = _template_document(ref)
    return parse_template(doc, template_id=template_id)


def _read_candles(ref: str) -> tuple[Any, dict[str, Any]]:
    """``(candles, metadata)`` from a file in either shape the function reads ({metadata,
    data} or a bare array: metadata ``{}``)."""
    from .candles import parse_candles

    path = Path(ref)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read candles {path}: {exc.strerror or exc}") from None
    candles = parse_candles(raw, source=str(path))
    return candles, candles.metadata


def _title_fields(args: argparse.Namespace, metadata: dict[str, Any]) -> tuple[str, str]:
    """Symbol and timeframe for the title: the flags, else the candle file's ``metadata``
    (``symbol``, ``timeframe``, as the OHLCV export writes them), else ``SYMBOL`` and none."""

    def pick(flag: str | None, key: str, default: str) -> str:
        if flag is not None:
            return flag
        value = metadata.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else default

    return pick(args.symbol, "symbol", "SYMBOL"), pick(args.timeframe, "timeframe", "")


def _write_png(chart: Any, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(chart.png)
    except OSError as exc:
        raise CliError(f"cannot write {exc.filename or out}: {exc.strerror or exc}", EXIT_FAILED) from None


def _cmd_render(args: argparse.Namespace) -> int:
    from .rendering import render_chart

    template = _load_template(args.template)
    candles, metadata = _read_candles(args.candles)
    symbol, timeframe = _title_fields(args, metadata)
    for key in template.ignored:
        print(f"warning: {key.message}", file=sys.stderr)
    chart = render_chart(template, candles, symbol=symbol, timeframe=timeframe)
    out = Path(args.out)
    _write_png(chart, out)
    if args.meta:
        try:
            Path(args.meta).write_text(json.dumps(chart.meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot write {exc.filename or args.meta}: {exc.strerror or exc}", EXIT_FAILED) from None
    print(f"wrote {out} ({len(chart.png):,} bytes, {chart.width}x{chart.height}, "
          f"{chart.meta['visible_bars']} of {chart.meta['total_bars']} bars, template {template.id})")
    return EXIT_OK


def _add_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="render one chart from a template and a candle file into a PNG",
        description="Render one chart: a template (built-in id or JSON file) over a candle file, as PNG.",
    )
    p.add_argument("--template", required=True, metavar="ID_OR_JSON_PATH", help="built-in template id or template JSON file")
    p.add_argument("--candles", required=True, metavar="FILE", help="candle file: {metadata, data: [...]} or a bare array of rows")
    p.add_argument("--out", required=True, metavar="FILE.png", help="where to write the PNG")
    p.add_argument("--symbol", default=None,
                   help="symbol shown in the title (default: the candle file's metadata.symbol, else SYMBOL)")
    p.add_argument("--timeframe", default=None, metavar="TF",
                   help="timeframe shown in the title, e.g. 1h, 1d, 1M (default: the candle file's metadata.timeframe)")
    p.add_argument("--meta", metavar="FILE.json", help="also write the chart's meta (as in the manifest) to this file")
    p.set_defaults(handler=_cmd_render)


def _cmd_run_local(args: argparse.Namespace) -> int:
    from .config import lease_seconds
    from .localrun import run_local
    from .logs import configure

    configure(args.log_level)
    lease = lease_seconds()  # a lease too short to work is refused here, not mid-step
    for flag, path in (("--flow-run", args.flow_run), ("--candles", args.candles)):
        if not Path(path).is_file():
            raise CliError(f"{flag} {path}: no such file")
    try:
        result = run_local(flow_run=Path(args.flow_run), candles=Path(args.candles), out_dir=Path(args.out),
                           step_id=args.step_id, templates_dir=Path(args.templates) if args.templates else None,
                           lease_seconds=lease)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CliError(str(exc)) from None
    if not result.outcomes:
        print(f"no eligible CHART_EXPORT step in {args.flow_run} (READY with its dependencies SUCCEEDED); "
              "name one with --step-id", file=sys.stderr)
        return EXIT_FAILED
    for outcome in result.outcomes:
        if outcome.status == "SKIPPED":
            print(f"{outcome.step_id}: SKIPPED, not run: {_SKIP_REASONS.get(outcome.reason, outcome.reason)}")
            continue
        print(f"{outcome.step_id}: {outcome.status} ({_count(len(outcome.items), 'chart')}, "
              f"{len(outcome.failures)} failed)")
        for item in outcome.items:
            print(f"  {result.store.path_of(item.png_gcs_uri)}")
        if outcome.manifest_uri:
            print(f"  {result.store.path_of(outcome.manifest_uri)}")
        if outcome.error:
            print(f"  error: {outcome.error.code}: {outcome.error.message}")
    print(f"run document with the patches applied: {result.flow_run_out}")
    return EXIT_OK if all(o.status == "SUCCEEDED" for o in result.outcomes) else EXIT_FAILED


#: The step runner's reasons for not claiming a step, in words.
_SKIP_REASONS = {
    "not_ready": "the step is not READY",
    "lease_held": "the step is RUNNING under another claim's unexpired lease",
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _add_run_local(sub: Any) -> None:
    p = sub.add_parser(
        "run-local",
        help="run a flow_run's chart steps with no cloud: a JSON file for Firestore, a folder for the bucket",
        description="Run the function's step runner locally: the flow_run JSON stands for Firestore (the patches "
                    "are applied to a copy written next to the outputs), --out stands for the bucket, --candles for "
                    "the candle file the step points at.",
    )
    p.add_argument("--flow-run", required=True, metavar="FILE", help="flow_run document (JSON)")
    p.add_argument("--candles", required=True, metavar="FILE", help="candle file standing for the step's OHLCV export")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (stands for CHARTS_BUCKET)")
    p.add_argument("--step-id", metavar="ID", help="run this step only (default: every eligible CHART_EXPORT step)")
    p.add_argument("--templates", metavar="DIR", help="folder of <id>.json templates overriding the built-ins")
    p.add_argument("--log-level", default="WARNING", help="JSON log lines on stdout at this level (default WARNING)")
    p.set_defaults(handler=_cmd_run_local)


def _cmd_check_template(args: argparse.Namespace) -> int:
    from .templates import Problems, parse_template

    if args.out and not args.candles:
        raise CliError("--out needs --candles (the preview is drawn over them)")
    doc, template_id, path = _template_document(args.template)
    problems = Problems(collect=True)
    template = parse_template(doc, template_id=template_id, problems=problems)
    for problem in problems.items:
        print(f"{problem.code}: {problem.message}")
    label = "error" if args.strict else "warning"
    for key in problems.ignored_keys:
        print(f"{label}: {key.message}")
    failed = len(problems.items) + (len(problems.ignored_keys) if args.strict else 0)
    if failed:
        print(f"{path}: {_count(failed, 'problem')}", file=sys.stderr)
        return EXIT_USAGE
    studies = ", ".join(f"{s.name} ({s.pane})" for s in template.studies) or "no studies"
    warned = f" ({_count(len(template.ignored), 'ignored key')}, see the warnings)" if template.ignored else ""
    print(f"{path}: template {template.id} is valid{warned}: {template.width}x{template.height} {template.style} "
          f"{template.theme}; {studies}")
    session = _session_line(template, args.symbol)
    if session:
        print(session)
    for line in _default_notes(template, doc):
        print(f"note: {line}")
    if args.candles:
        from .rendering import render_chart

        candles, metadata = _read_candles(args.candles)
        symbol, timeframe = _title_fields(args, metadata)
        chart = render_chart(template, candles, symbol=symbol, timeframe=timeframe)
        out = Path(args.out or "preview.png")
        _write_png(chart, out)
        print(f"wrote {out} ({len(chart.png):,} bytes, {chart.meta['visible_bars']} of {chart.meta['total_bars']} bars)")
    return EXIT_OK


def _default_notes(template: Any, doc: Any) -> list[str]:
    """Inputs the template leaves out, drawn at TradingView v6's default where Chart-IMG
    documents another. ``doc``: the template's document, whose ``request.studies`` are the
    template's studies one for one (a study is dropped only with an error, reported before)."""
    from .studies import by_kind
    from .studies._chart_img import default_notes

    out = []
    for study, raw in zip(template.studies, doc["request"].get("studies") or [], strict=True):
        spec = by_kind(study.kind)
        raw_inputs = raw.get("input") or {}
        given = {i.key for i in spec.inputs if any(k in raw_inputs for k in (*i.aliases, i.key))}
        out += default_notes(study.kind, spec.name, study.inputs, {i.key: i.default for i in spec.inputs}, given)
    return out


def _session_line(template: Any, symbol: str | None) -> str | None:
    """How the template's calendar studies (VWAP, pivots, ...) cut days: by the exchange's
    session (``chartImgSymbolTemplate`` or an ``EXCHANGE:SYMBOL`` symbol) or, when the exchange
    is unknown, by the chart's time zone. None when no study is anchored to the calendar."""
    from . import studies
    from ._render.prepare import chart_session

    calendar = [s.name for s in template.studies if studies.by_kind(s.kind).calendar]
    if not calendar:
        return None
    session = chart_session(template, symbol)  # the session the render uses
    meta = session.meta()
    if session.known:
        how = (f"the {session.exchange} session: days from {meta['day_start']} {meta['timezone']}"
               f" (regular hours {meta['regular']})")
    else:
        how = f"the chart's time zone {meta['timezone']} ({meta['reason']})"
    return f"calendar studies ({', '.join(calendar)}) cut days by {how}"


def _add_check_template(sub: Any) -> None:
    p = sub.add_parser(
        "check-template",
        help="check a template document as the function parses it; list every problem; optionally draw a preview",
        description="Parse a template (a built-in id or a JSON document) exactly as the function does and list "
                    "every problem at once (unknown studies with the closest known names, inputs out of bounds), "
                    "and as warnings the keys the function ignores (unknown input and override keys, keys the format "
                    "does not have). Exit status 0: valid (warnings or not), 2: problems.",
    )
    p.add_argument("template", metavar="ID_OR_FILE",
                   help="built-in template id, or a template JSON file: {id, description, request: {...}}")
    p.add_argument("--strict", action="store_true", help="ignored keys are errors (exit 2, no preview)")
    p.add_argument("--candles", metavar="FILE", help="also draw a preview over this candle file ({metadata, data} or an array)")
    p.add_argument("--out", metavar="FILE.png", help="where to write the preview (default preview.png)")
    p.add_argument("--symbol", default=None, help="symbol shown in the preview's title (default: the candle file's metadata)")
    p.add_argument("--timeframe", default=None, metavar="TF",
                   help="timeframe shown in the preview's title (default: the candle file's metadata)")
    p.set_defaults(handler=_cmd_check_template)


SUBCOMMANDS = [_add_render, _add_run_local, _add_check_template]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m chart_export", description="chart_export command line tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .config import ConfigError
    from .errors import StepFailure

    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on bad arguments
    try:
        return int(args.handler(args))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: configuration: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except StepFailure as exc:
        code = EXIT_USAGE if exc.code in ("VALIDATION_FAILED", "UNKNOWN_STUDY", "STUDY_NEEDS_OTHER_DATA", "TEMPLATE_NOT_FOUND") else EXIT_FAILED
        print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        return 130
