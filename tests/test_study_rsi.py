"""Relative Strength Index's inputs: Chart-IMG names them (``length``, ``smoothingLine``,
``smoothingLength``), so ``in_N`` are the script's declaration order (values: tests/test_oracle.py)."""

from chart_export.templates import parse_template
from tests._studies import check_tv_positions

NAME = "Relative Strength Index"


def test_in_n_are_the_scripts():
    check_tv_positions(NAME, {"length": 0, "source": 1, "divergence": 2, "smoothing": 3, "smoothing_length": 4,
                              "smoothing_mult": 5},
                       {"length": ("RSI Length",), "divergence": ("Calculate Divergence",), "smoothing": ("Type",),
                        "smoothing_mult": ("BB StdDev",)})


def test_chart_img_keys_and_positions_agree():
    def inputs(raw):
        doc = {"request": {"studies": [{"name": NAME, "input": raw}]}}
        return parse_template(doc, template_id="t").studies[0].inputs

    named = inputs({"length": 10, "smoothingLine": "EMA", "smoothingLength": 20})
    assert named == inputs({"in_0": 10, "in_3": "EMA", "in_4": 20})
    assert (named["smoothing"], named["smoothing_length"], named["smoothing_mult"]) == ("EMA", 20, 2.0)
    assert inputs({"in_5": 1.5})["smoothing_mult"] == 1.5
