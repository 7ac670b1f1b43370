"""Numbers and UK financial years as FOI tables print them."""
from __future__ import annotations

import pytest

from pipeline.normalise.numbers import decimals, parse_financial_year, parse_number


@pytest.mark.parametrize(
    "value, number",
    [
        ("17", 17),
        ("1,234", 1234),
        ("1,234,567.50", 1234567.5),
        ("£1.2m", 1_200_000),
        ("£3.4bn", 3_400_000_000),
        ("£ 3,400.50", 3400.5),
        ("2.5 million", 2_500_000),
        ("12%", 12),
        ("(1,234)", -1234),
        ("-3.5", -3.5),
        ("\u22127", -7),  # a typographic minus
        ("90 staff", 90),  # one unit word after the figure
    ],
)
def test_numbers(value, number):
    assert parse_number(value) == pytest.approx(number)


@pytest.mark.parametrize(
    "value",
    ["", "<5", "< 10", "*", "**", "-", "–", "n/a", "N/A", "2013 – 14", "2013/14", "FY2013-14", "12,34", "(1,234",
     "1 X Homeless Patient Adviser", "Grand Total", "2021-01-31", "3 x 4"],
)
def test_not_numbers(value):
    """Suppressed and blank cells, financial years, dates and text stay text."""
    assert parse_number(value) is None


@pytest.mark.parametrize(
    "value, label, start, end",
    [
        ("2013 – 14", "2013-14", "2013-04-01", "2014-03-31"),
        ("2013/14", "2013-14", "2013-04-01", "2014-03-31"),
        ("2013-2014", "2013-14", "2013-04-01", "2014-03-31"),
        ("FY2013-14", "2013-14", "2013-04-01", "2014-03-31"),
        ("FY 2019/20", "2019-20", "2019-04-01", "2020-03-31"),
        ("2019 – 2020", "2019-20", "2019-04-01", "2020-03-31"),
        ("1999/00", "1999-00", "1999-04-01", "2000-03-31"),
        ("FY21", "2020-21", "2020-04-01", "2021-03-31"),
        ("2020 – Present", "2020-present", "2020-04-01", None),
    ],
)
def test_financial_years(value, label, start, end):
    fy = parse_financial_year(value)
    assert (fy.label, fy.start, fy.end) == (label, start, end)


@pytest.mark.parametrize("value", ["2013-2015", "2013", "13/14", "2021-01-31", "Total", "2014 – 13"])
def test_not_financial_years(value):
    assert parse_financial_year(value) is None


def test_decimals():
    assert [decimals(v) for v in ("12", "12.5", "£1,234.50", "")] == [0, 1, 2, 0]
