"""Pine's tables: cell numbers written with their signs, the nine positions, the layout that
shrinks the font then drops data rows (never header or footer rows) instead of overflowing the
pane, and the manifest entry with numbers as numbers."""

import pytest

from chart_export._render.glyphs import Glyphs
from chart_export._render.tables import MARGIN, layout_table, tables_meta
from chart_export.studies._table import Cell, Table, cell_text

G = Glyphs()
FONTS = [G.font(8.0), G.font(7.0)]


def _w(s, f):
    return G.width(s, f)


def _grid(rows: int, cols: int = 3, **kw) -> Table:
    cells = tuple(Cell(c, r, number=("percent", r - c)) if r else Cell(c, 0, f"H{c}")
                  for r in range(rows) for c in range(cols))
    return Table(kw.pop("position", "bottom_center"), cols, rows, cells, **kw)


def test_cell_numbers_carry_their_signs():
    assert cell_text(("percent", 1.234), "") == "+1.23%"
    assert cell_text(("percent", -0.4), "") == "-0.40%"
    assert cell_text(("percent", -0.001), "") == "0.00%"  # never -0.00%
    assert cell_text(("percent", float("nan")), "", "") == ""
    assert cell_text(("fixed", 14.142), "") == "14.14"
    assert cell_text(("percent0", 57.4), "") == "57%"
    assert cell_text(None, "Jan") == "Jan"
    with pytest.raises(ValueError):
        Cell(0, 0, number=("money", 1.0))
    with pytest.raises(ValueError):
        Table("top_middle", 1, 1, ())
    with pytest.raises(ValueError):
        Table("top_right", 1, 1, (Cell(1, 0, "x"),))


def test_positions():
    t = _grid(3)
    area = (100.0, 50.0, 700.0, 450.0)
    for pos in ("top_left", "top_center", "top_right", "middle_left", "middle_center", "middle_right",
                "bottom_left", "bottom_center", "bottom_right"):
        lay = layout_table(Table(pos, t.columns, t.rows, t.cells), area, FONTS, _w)
        v, h = pos.split("_")
        assert lay.font is FONTS[0] and lay.rows == [0, 1, 2]
        x1, bottom = lay.x0 + lay.width, lay.top - lay.height
        assert {"left": lay.x0 == 100 + MARGIN, "right": x1 == 700 - MARGIN,
                "center": abs((lay.x0 + x1) / 2 - 400) < 1e-9}[h]
        assert {"top": lay.top == 450 - MARGIN, "bottom": bottom == 50 + MARGIN,
                "middle": abs((lay.top + bottom) / 2 - 250) < 1e-9}[v]


def test_shrinks_then_drops_data_rows_never_header_or_footer():
    t = _grid(12, header_rows=1, footer_rows=2)
    big = layout_table(t, (0, 0, 600, 400), FONTS, _w)
    assert big.font is FONTS[0] and big.rows == list(range(12))
    h8, h7 = big.row_h, float(round(FONTS[1].cap_height + 8))
    assert h7 < h8
    need7 = 12 * h7 + 11 + 2 * MARGIN
    small = layout_table(t, (0, 0, 600, need7), FONTS, _w)  # fits in 7 pt, not in 8 pt
    assert small.font is FONTS[1] and len(small.rows) == 12
    short = layout_table(t, (0, 0, 600, 6 * (h7 + 1) + 2 * MARGIN), FONTS, _w)
    assert short.rows == [0, 7, 8, 9, 10, 11]  # oldest data rows (top) went first; header and footer kept
    assert short.height <= 6 * (h7 + 1)
    newest_kept = layout_table(_grid(12, header_rows=1, footer_rows=2, drop="bottom"),
                               (0, 0, 600, 6 * (h7 + 1) + 2 * MARGIN), FONTS, _w)
    assert newest_kept.rows == [0, 1, 2, 3, 10, 11]
    tiny = layout_table(t, (0, 0, 600, 2 * (h7 + 1) + 2 * MARGIN), FONTS, _w)
    assert tiny.rows == [0, 9]  # then the footer rows, from the bottom; the newest data row stays longest
    assert layout_table(t, (0, 0, 600, 3 * (h7 + 1) + 2 * MARGIN), FONTS, _w).rows == [0, 9, 10]
    assert layout_table(t, (0, 0, 600, 1 * (h7 + 1) + 2 * MARGIN), FONTS, _w).rows == [0]
    assert layout_table(t, (0, 0, 600, 10), FONTS, _w) is None  # not even the header: not drawn
    narrow = layout_table(_grid(2, cols=12), (0, 0, 200, 400), FONTS, _w)
    assert narrow.width <= 200 - 2 * MARGIN and 0 < len(narrow.columns) < 12


def test_manifest_numbers_are_numbers():
    t = Table("top_right", 2, 2, (Cell(0, 0, "1W"), Cell(1, 0, "1M"), Cell(0, 1, number=("percent", 2.5)),
                                   Cell(1, 1, number=("percent", float("nan")), na_text="No data")), key="perf")
    (m,) = tables_meta([t], {0: [0, 1]})
    assert (m["key"], m["position"], m["columns"], m["rows"], m["drawn_rows"]) == ("perf", "top_right", 2, 2, [0, 1])
    assert m["cells"][2] == {"column": 0, "row": 1, "text": "+2.50%", "value": 2.5, "format": "percent"}
    assert m["cells"][3]["value"] is None and m["cells"][3]["text"] == "No data"
    assert "value" not in m["cells"][0]
