"""Regenerate docs/gallery/studies/: every registered study alone, default inputs, and a README
table generated from the registry (name, aliases, inputs with defaults and bounds, pane) and
the oracle (the TradingView built-in each study is checked against, and how: the ports in
devtools/oracle/ports, their vectors in tests/data/oracle, tests/test_oracle.py).

    .venv/bin/python benchmarks/study_gallery.py [--out docs/gallery/studies] [--check] [--readme-only]
        [--pine DIR] [--write-list]

Data: the gallery's ~300 deterministic daily candles (``bench_render.make_candles``, the
same as benchmarks/gallery.py), symbol BTCUSDT, timeframe 1d, 800x600. Two
images per study, ``<kind>.png`` (light) and ``<kind>_dark.png``; images of studies no longer registered are removed.
``--check`` writes nothing and exits 1 when the README differs from the registry (the
images are not compared: matplotlib versions may move pixels); ``--readme-only`` writes the
README without rendering the images.

The README ends with the catalogue of TradingView's 134 published built-in scripts
(deepentropy/oakscriptJS, ``docs/official/indicators_standard/``; ``--pine DIR``, default
``$TRADINGVIEW_PINE_DIR``, a checkout of that folder): one row per ``.pine`` file, its status
computed from the registry, the committed oracle vectors and ``_refused.py``, so a study added
on any branch shows up. Without the folder the committed list ``benchmarks/pine_scripts.txt``
(script names and whether each is an ``indicator`` or a ``strategy``; ``--write-list``
regenerates it from the folder) gives the same table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from bench_render import make_candles  # noqa: E402

from chart_export import studies  # noqa: E402
from chart_export.rendering import ChartRenderer  # noqa: E402
from chart_export.studies.spec import Input, StudySpec  # noqa: E402
from chart_export.templates import parse_template  # noqa: E402

THEMES = (("light", ""), ("dark", "_dark"))  # one picture per study and theme

WIDTH, HEIGHT = 800, 600


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def describe_input(spec: Input) -> str:
    """``key`` = default (type, bounds or choices); template keys."""
    kind = spec.type
    if spec.type == "choice" and spec.choices:
        kind = "one of " + ", ".join(sorted({v for v in spec.choices.values() if v}, key=str.lower))
    elif spec.type == "source":
        kind = "source"
    bounds = spec.bounds_text()
    detail = f"{kind}, {bounds}" if bounds else kind
    keys = ", ".join(f"`{a}`" for a in spec.aliases)
    return f"`{spec.key}` = {_value(spec.default)} ({detail}); keys {keys}" if keys else \
        f"`{spec.key}` = {_value(spec.default)} ({detail})"


def describe_pane(spec: StudySpec) -> str:
    if spec.window:
        return "overlay (visible bars)" if spec.pane is None else "own pane (visible bars)"
    if spec.pane is None:
        return "overlay"
    parts = ["own pane"]
    if spec.pane.range is not None:
        parts.append(f"range {spec.pane.range[0]:g}..{spec.pane.range[1]:g}")
    if spec.pane.lines:
        parts.append("lines " + ", ".join(f"{x:g}" for x in spec.pane.lines))
    return "; ".join(parts)


ORACLE = ROOT / "tests" / "data" / "oracle"
PINE = re.compile(r"docs/official/indicators_standard/(.+?\.pine)")


def oracle_status() -> dict[str, tuple[str, str]]:
    """kind -> (TradingView source, oracle status), from the committed vectors and the ports."""
    from tests.test_oracle import KNOWN_DIFFERENT  # the cases tests/test_oracle.py expects to differ

    out: dict[str, tuple[str, str]] = {}
    for path in sorted(ORACLE.glob("*.json")):
        doc = json.loads(path.read_text())
        spec = studies.lookup(doc["study"])
        kind = spec.kind
        port = ROOT / doc["port"]
        pine = PINE.search(port.read_text())
        link = f"([port]({Path('../../..') / doc['port']}))"
        # a port of a study no published script defines computes the study's own `source` definition
        source = f"`{pine.group(1)}` {link}" if pine else f"{_cell(spec.source) or '-'} {link}"
        runs = len(doc["runs"])
        series = len(doc["runs"][0]["series"])
        differ = [i for i in range(runs) if f"{path.stem}-{i}" in KNOWN_DIFFERENT]
        status = f"equal: {runs} input set(s) x {series} series"
        if differ:
            status = f"{runs - len(differ)} of {runs} input set(s) equal (see KNOWN_DIFFERENT in tests/test_oracle.py)"
        prev = out.get(kind)
        out[kind] = (source, status) if prev is None else (f"{prev[0]}<br>{source}", f"{prev[1]}<br>{status}")
    return out


PINE_DIR = Path(os.environ["TRADINGVIEW_PINE_DIR"]) if os.environ.get("TRADINGVIEW_PINE_DIR") else None
SCRIPT_LIST = HERE / "pine_scripts.txt"
DECLARATION = re.compile(r"^(indicator|strategy)\s*\(", re.M)


def pine_scripts(folder: Path | None) -> list[tuple[str, str]]:
    """(script file name without ``.pine``, ``indicator`` | ``strategy``) per published script,
    read from ``folder`` when it exists, else from the committed list."""
    if folder is not None and folder.is_dir():
        out = []
        for path in sorted(folder.glob("*.pine"), key=lambda p: p.stem.lower()):
            found = DECLARATION.search(path.read_text(encoding="utf-8", errors="replace"))
            out.append((path.stem, found.group(1) if found else "unknown"))
        return out
    rows = [line.split("\t") for line in SCRIPT_LIST.read_text().splitlines() if line.strip()]
    return [(name, kind) for name, kind in rows]


def write_script_list(folder: Path) -> int:
    scripts = pine_scripts(folder)
    SCRIPT_LIST.write_text("".join(f"{name}\t{kind}\n" for name, kind in scripts))
    return len(scripts)


def ported_pine() -> dict[str, str]:
    """Pine file name (``Envelope.pine``) -> the kind of the study its oracle port checks."""
    from tests.test_study_tv_inputs import ported_scripts  # the ports' headers, read once for both

    return {f"{stem}.pine": kind for stem, kind in ported_scripts().items()}


STRATEGY = ("a strategy is not drawn: its output is a backtest's orders, trades and equity from TradingView's "
            "broker emulator, not values of the candles to plot")
EQUAL, PARTLY, OTHER, UNCHECKED = ("drawn, equal to the oracle", "drawn, partly equal to the oracle",
                                   "drawn from another documented definition", "drawn, not checked against the oracle")
REFUSED, STRATEGY_ROW, MISSING = "refused", "strategy", "not yet drawn"


def script_status(stem: str, declared: str, ported: Mapping[str, str], oracle: Mapping[str, tuple[str, str]]
                  ) -> tuple[str, str, str]:
    """(study drawn for the script, status category, status text) for one published script."""
    from chart_export.studies import _refused

    name = stem.replace("_", "/")  # the file names write "/" as "_" (Accumulation_Distribution)
    if declared == "strategy":
        return "-", STRATEGY_ROW, "strategy (not drawn)"
    refused = _refused.needs(name)
    if refused is not None:
        return "-", REFUSED, f"refused (`STUDY_NEEDS_OTHER_DATA`): needs {refused[1]}"
    kind = ported.get(f"{stem}.pine")
    spec = studies.by_kind(kind) if kind is not None else studies.lookup(name)
    if spec is None:
        return "-", MISSING, MISSING
    drawn = f"{_cell(spec.name)} (`{spec.kind}`)"
    if kind is not None and spec.kind in oracle:
        detail = oracle[spec.kind][1]
        if detail.startswith("equal"):
            return drawn, EQUAL, f"{EQUAL}: {detail.removeprefix('equal: ')}"
        return drawn, PARTLY, f"drawn, oracle: {detail}"
    if spec.source:
        return drawn, OTHER, f"{OTHER}: {_cell(spec.source)}"
    return drawn, UNCHECKED, UNCHECKED


def catalogue(folder: Path | None, oracle: Mapping[str, tuple[str, str]]) -> list[str]:
    """The README's table of TradingView's published scripts, one row per script."""
    scripts = pine_scripts(folder)
    ported = ported_pine()
    rows = [(stem, *script_status(stem, declared, ported, oracle)) for stem, declared in scripts]
    counts: dict[str, int] = {}
    for _, _, category, _ in rows:
        counts[category] = counts.get(category, 0) + 1
    order = (EQUAL, PARTLY, OTHER, UNCHECKED, REFUSED, STRATEGY_ROW, MISSING)
    summary = "; ".join(f"{k}: {counts[k]}" for k in order if k in counts)
    lines = [
        "",
        "## TradingView's published built-in scripts",
        "",
        f"{len(rows)} scripts (deepentropy/oakscriptJS, `docs/official/indicators_standard/`), each with its status",
        "computed from the registry, the oracle vectors and `chart_export/studies/_refused.py`",
        f"({summary}). Refused: a template naming it fails with `STUDY_NEEDS_OTHER_DATA`; {STRATEGY}.",
        "",
        "| script | study | status |",
        "|---|---|---|",
    ]
    lines += [f"| {_cell(stem.replace('_', '/'))} | {study} | {status} |" for stem, study, _, status in rows]
    return lines


def readme(specs: list[StudySpec], pine: Path | None = None) -> str:
    oracle = oracle_status()
    lines = [
        "# Studies",
        "",
        "Generated by `benchmarks/study_gallery.py` from the study registry (`chart_export/studies/`);",
        "do not edit by hand. Each study alone with its default inputs on the gallery's daily",
        f"candles, {WIDTH}x{HEIGHT}, light theme (and dark: `<kind>_dark.png`). Names and aliases are",
        "matched ignoring case and spaces;",
        "an input is set by any of its keys (TradingView names, then `in_N` positions).",
        "TradingView source: the built-in Pine script (deepentropy/oakscriptJS,",
        "`docs/official/indicators_standard/`) ported line by line to the offline oracle (PyneCore);",
        "a study no published script defines: its own definition (Chart-IMG's catalogue, ...) and its",
        "port, that definition written in Pine's built-ins;",
        "oracle: how our study compares with it on the committed series (every output, every bar:",
        "same NaN mask, relative error <= 1e-9; `make oracle` regenerates the vectors).",
        "",
        f"{len(specs)} studies, {sum(1 for s in specs if s.kind in oracle)} checked against the oracle.",
        "",
        "| study | kind | aliases | inputs | pane | TradingView source | oracle | image |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for spec in specs:
        inputs = "<br>".join(_cell(describe_input(i)) for i in spec.inputs) or "none"
        aliases = ", ".join(_cell(a) for a in spec.aliases) or "-"
        source, status = oracle.get(spec.kind, (_cell(spec.source) or "-", "not ported"))
        lines.append(f"| {_cell(spec.name)} | `{spec.kind}` | {aliases} | {inputs} | {describe_pane(spec)} | "
                     f"{source} | {status} | [![{_cell(spec.name)}]({spec.kind}.png)]({spec.kind}.png)"
                     f"<br>[dark]({spec.kind}_dark.png) |")
    lines += catalogue(pine, oracle)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery" / "studies")
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md differs from the registry")
    parser.add_argument("--readme-only", action="store_true", help="write README.md only, no images")
    parser.add_argument("--pine", type=Path, default=PINE_DIR,
                        help="TradingView's published scripts (a missing folder: the committed list)")
    parser.add_argument("--write-list", action="store_true", help=f"regenerate {SCRIPT_LIST.name} from --pine")
    args = parser.parse_args(argv)
    if args.write_list:
        if args.pine is None or not args.pine.is_dir():
            print(f"{args.pine} is not a folder: {SCRIPT_LIST.name} left as it is", file=sys.stderr)
            return 1
        print(f"{SCRIPT_LIST}: {write_script_list(args.pine)} scripts")
        return 0
    specs = list(studies.studies().values())
    text = readme(specs, args.pine)
    if args.check:
        current = (args.out / "README.md").read_text() if (args.out / "README.md").exists() else ""
        if current != text:
            print(f"{args.out / 'README.md'} is out of date: run benchmarks/study_gallery.py", file=sys.stderr)
            return 1
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    if args.readme_only:
        (args.out / "README.md").write_text(text)
        print(f"{args.out / 'README.md'}: {len(specs)} studies (images not rendered)")
        return 0
    renderer = ChartRenderer()
    candles = make_candles(300, start=1_704_067_200 - 300 * 86_400)  # ends on 2023-12-31
    kinds = set()
    for spec in specs:
        for theme, suffix in THEMES:
            doc = {"request": {"width": WIDTH, "height": HEIGHT, "theme": theme, "studies": [{"name": spec.name}]}}
            chart = renderer.render(parse_template(doc, template_id=f"gallery_{spec.kind}"), candles,
                                    symbol="BTCUSDT", timeframe="1d")
            path = args.out / f"{spec.kind}{suffix}.png"
            path.write_bytes(chart.png)
            kinds.add(path.name)
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(chart.png):,} bytes")
    for stale in sorted(args.out.glob("*.png")):
        if stale.name not in kinds:
            stale.unlink()
            print(f"removed {stale.name} (no longer registered)")
    (args.out / "README.md").write_text(text)
    print(f"{args.out / 'README.md'}: {len(specs)} studies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
