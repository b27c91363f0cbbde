"""devtools.sample_data's markets (the gallery's FX 1-minute, micro-cap and no-volume
series): deterministic, valid candle files on the market's tick, and every built-in renders
them within the PNG budget at the smallest, default and largest template sizes."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.candles import parse_candles
from chart_export.rendering import MAX_PNG_BYTES, ChartRenderer
from chart_export.templates import BUILTIN_TEMPLATE_IDS, TemplateError, builtin_template, parse_template
from devtools.sample_data import MARKETS, market_file


@pytest.mark.parametrize("kind", sorted(MARKETS))
def test_market_files_are_deterministic_and_valid(kind: str) -> None:
    raw = market_file(kind)
    assert raw == market_file(kind) and raw != market_file(kind, seed=12)
    c = parse_candles(raw)
    symbol, timeframe, n, decimals, price = MARKETS[kind][:5]
    assert len(c) == n
    ticks = c.close / 10.0 ** -decimals
    assert np.allclose(ticks, np.round(ticks), atol=1e-6)  # on the market's tick
    assert 0.3 * price < np.median(c.close) < 3 * price
    if kind == "no_volume":
        assert not c.volume.any()
    else:
        assert (c.volume > 0).all()


@pytest.mark.parametrize("size", [(320, 320), (800, 600), (2048, 2048)])
@pytest.mark.parametrize("kind", sorted(MARKETS))
def test_markets_render_within_budget(kind: str, size: tuple[int, int]) -> None:
    renderer = ChartRenderer()
    data = parse_candles(market_file(kind))
    for template_id in BUILTIN_TEMPLATE_IDS:
        doc = builtin_template(template_id)
        doc["request"].update(width=size[0], height=size[1])
        try:
            template = parse_template(doc, template_id=template_id)
        except TemplateError as exc:  # its panes need more height: the smallest it accepts
            doc["request"]["height"] = exc.details["height_needed"]
            template = parse_template(doc, template_id=template_id)
        chart = renderer.render(template, data, symbol=MARKETS[kind][0],
                                timeframe=MARKETS[kind][1])
        assert len(chart.png) <= MAX_PNG_BYTES, (template_id, len(chart.png))
