"""What a measure produces, so that an ``expect:`` is read on the right scale.

A share is read in percent ("59%"), a change as a rise or fall ("up 11%"), a boolean as
true or false; :class:`MeasureShape` names which, and whether the data already holds
percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "number", "share", "change_percent", "change_points",
    "change_absolute", "change_ratio", "boolean", "values",
]
PERCENTISH: frozenset[str] = frozenset({"share", "change_percent", "change_points"})


@dataclass(frozen=True)
class MeasureShape:
    """What a measure produces. ``unit="percent"``: the values are already percentages (9.7 = 9.7%).

    >>> MeasureShape("share").unit
    'fraction'
    """

    kind: Kind
    unit: Literal["fraction", "percent"] = "fraction"
    part_of_a_whole: bool = False  # a share of rows: from 0% to 100% (a ratio read as a percentage is not)
    time_unit: str | None = None   # the time unit its values are in ('minute'; see expectations.durations)
    time_from: str = ""            # where that unit was read: 'unit: minutes', 'the column wait_minutes'
    of_values: str = ""            # the column whose values it measures (a mean, a sum …), which unit: may name
    years: bool = False            # its values are years (the min of year(date)): written 2022, not 2,022
    gap: bool = False              # a change_* that is a gap between two figures (compare), not a move over time:
                                   # said 'higher'/'lower', never 'up'/'down' or 'a rise'
    of_groups: bool = False        # a count of groups out of the groups there are (wins): 'all' is every group
    per_amount: bool = False       # a ratio of an amount over something else (a sum of pay per officer): read
                                   # and shown as money when its figure is written so ('$246,914'), as a sum is
