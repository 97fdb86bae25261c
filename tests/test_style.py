"""House style: outlet order, readable outlet colours, and pooling many outlets."""
import pandas as pd
import pytest

import helpers
from newslens.style import OTHER_COLOR, PALETTE


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("color", [*PALETTE, OTHER_COLOR])
def test_every_colour_reads_on_white_at_3_to_1(color):
    assert (1.0 + 0.05) / (_luminance(color) + 0.05) >= 3.0


def test_palette_colours_are_distinct():
    assert len(set(PALETTE)) == len(PALETTE) and OTHER_COLOR not in PALETTE


def _articles(outlets, dates=None, words=None):
    n = len(outlets)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "outlet": outlets,
                         "date": pd.to_datetime(dates or [None] * n), "n_words": words or [100] * n})


def test_outlets_past_the_palette_and_the_pooled_group_are_grey():
    names = [f"Outlet {i:02d}" for i in range(len(PALETTE) + 3)]
    colors = helpers.outlet_colors(names + [helpers.OTHER_OUTLETS])
    assert [colors[n] for n in names[:len(PALETTE)]] == list(PALETTE)
    assert {colors[n] for n in names[len(PALETTE):]} == {OTHER_COLOR}
    assert colors[helpers.OTHER_OUTLETS] == OTHER_COLOR


def test_outlet_order_by_first_date_then_name_undated_and_pooled_last():
    table = _articles(["B", "A", "C", helpers.OTHER_OUTLETS, "D"],
                      ["2023-01-02", "2023-01-03", None, "2023-01-01", "2023-01-02"])
    assert helpers.outlet_order(table) == ["B", "D", "A", "C", helpers.OTHER_OUTLETS]


def test_outlet_order_works_without_a_date_column():
    assert helpers.outlet_order(_articles(["b", "a"]).drop(columns="date")) == ["a", "b"]


def test_pool_outlets_keeps_the_largest_and_pools_the_rest():
    # X: 3 articles, Y: 2, Z and W: 1 each (W has more words than Z)
    table = _articles(["X", "Y", "X", "Z", "Y", "X", "W"], words=[10, 10, 10, 10, 10, 10, 50])
    assert helpers.largest_outlets(table, 3) == ["X", "Y", "W"]
    pooled = helpers.pool_outlets(table, 2)
    assert pooled["outlet"].tolist() == ["X", "Y", "X", helpers.OTHER_OUTLETS, "Y", "X", helpers.OTHER_OUTLETS]
    assert table["outlet"].tolist()[3] == "Z"  # the input is not changed
    assert helpers.pool_outlets(table, 4) is table


def test_pool_outlets_refuses_zero():
    with pytest.raises(ValueError, match="at least 1"):
        helpers.pool_outlets(_articles(["a"]), 0)
