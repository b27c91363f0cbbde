"""``python -m chart_export ...`` (see :mod:`chart_export.cli`)."""

from chart_export.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
