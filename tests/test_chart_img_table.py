"""devtools/chart_img_catalogue.py: the saved Chart-IMG page's study tables as JSON (the committed
table is tests/data/chart_img/studies.json; ``--check`` compares it with the page)."""

from devtools.chart_img_catalogue import parse
from tests._chart_img import catalogue, defaults

PAGE = """<h1 id="tradingview-chart-indicators">TradingView Chart Indicators</h1>
<h2 id="ease-of-movement">Ease of Movement</h2>
<h3 id="parameter-input-23">Parameter <code>input</code></h3>
<table><thead><tr><th>Parameter</th><th>Type</th><th>Default</th><th>Description</th></tr></thead><tbody>
<tr><td>in_0</td><td>Integer</td><td><code>10000</code></td><td>divisor (Min: <code>1</code>, Max: <code>1000000000</code>)</td></tr>
<tr><td>in_1</td><td>Integer</td><td><code>14</code></td><td>length (Min: <code>1</code>, Max: <code>2000</code>)</td></tr>
</tbody></table>
<h3 id="parameter-override-28">Parameter <code>override</code></h3>
<table><thead><tr><th>Parameter</th><th>Type</th><th>Default</th><th>Description</th></tr></thead><tbody>
<tr><td>Plot.linewidth</td><td>Integer</td><td><code>1</code></td><td>(Min: <code>1</code>, Max: <code>10</code>)</td></tr>
<tr><td>Plot.color.0</td><td>Color</td><td><code>rgb(67,160,71)</code></td><td>x</td></tr>
</tbody></table>
<h2 id="envelopes">Envelopes</h2>
<h3 id="parameter-input-24">Parameter <code>input</code></h3>
<table><thead><tr><th>Parameter</th><th>Type</th><th>Default</th><th>Description</th></tr></thead><tbody>
<tr><td>in_3</td><td>String</td><td><code>Simple</code></td><td>method [<code>Simple</code>, <code>Exponential</code>]</td></tr>
<tr><td>in_5</td><td>Boolean</td><td><code>true</code></td><td>use true range</td></tr>
<tr><td>in_6</td><td>Float</td><td><code>2</code></td><td>mult</td></tr>
</tbody></table>
<h1 id="next">Next</h1><h2 id="x">Not a study</h2>
"""


def test_the_page_gives_rows_titles_bounds_options_and_plots() -> None:
    got = parse(PAGE)
    assert list(got) == ["Ease of Movement", "Envelopes"]
    eom = got["Ease of Movement"]
    assert eom["inputs"][0] == {"key": "in_0", "type": "Integer", "default": 10000, "title": "divisor", "min": 1,
                                "max": 1000000000, "options": None}
    assert eom["plots"] == ["Plot"]
    env = got["Envelopes"]["inputs"]
    assert (env[0]["title"], env[0]["options"]) == ("method", ["Simple", "Exponential"])
    assert (env[1]["default"], env[2]["default"]) == (True, 2.0)


def test_the_committed_table() -> None:
    assert len(catalogue()) == 92
    assert defaults()["Ease of Movement"] == {"in_0": 10000, "in_1": 14}
    assert [r["title"] for r in catalogue()["Stochastic RSI"]["inputs"]] == ["length RSI", "length Stoch", "smooth K",
                                                                            "smooth D"]
