"""Intervals and date bounds read as milliseconds, for bucket estimates."""

from __future__ import annotations

import pytest

from advisor.dsl.timeunits import date_millis, interval_millis, span_millis

DAY = 86_400_000.0


@pytest.mark.parametrize(
    ("value", "millis"),
    [("1m", 60_000.0), ("30s", 30_000.0), ("1h", 3_600_000.0), ("day", DAY), ("2d", 2 * DAY),
     ("500ms", 500.0), (60_000, 60_000.0), ("1M", 30.44 * DAY)],
)  # fmt: skip
def test_interval(value: object, millis: float) -> None:
    assert interval_millis(value) == pytest.approx(millis)


@pytest.mark.parametrize("value", ["", "fortnight", "1x", 0, -5, True, None, {"a": 1}])
def test_interval_not_read(value: object) -> None:
    assert interval_millis(value) is None


def test_absolute_and_relative_bounds() -> None:
    assert date_millis("2024-01-01") == ("abs", 1_704_067_200_000.0)
    assert date_millis(1_704_067_200_000) == ("abs", 1_704_067_200_000.0)
    assert date_millis("now-7d/d") == ("now", -7 * DAY)
    assert date_millis("2024-01-01||+1d") == ("abs", 1_704_067_200_000.0 + DAY)
    assert date_millis("01/02/2024") is None
    assert date_millis("now-7x") is None


def test_span() -> None:
    assert span_millis("2024-01-01", "2024-01-03T00:00:00Z") == 2 * DAY
    assert span_millis("now-1d", "now") == DAY
    assert span_millis("now-1d", "2024-01-01") is None  # not comparable without a clock
