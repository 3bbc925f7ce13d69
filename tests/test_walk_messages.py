"""Messages a reporter found misleading walking three new stories (311 requests, police overtime):
each now says what is true of the claim and the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck import ClaimsFileError


def test_an_unknown_column_hint_lists_columns_not_the_claims_own_lag(tmp_path: Path) -> None:
    """`streak: "n > lag(n)"` listed `lag(n)` first among "the table's columns": the claim's own
    expression, computed for it, is no column a writer can name."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["year,requests", "2021,5", "2022,6"],
                  "{streak: 'n > lag(n)', of: t, order: year}", "1", decl="derive: {per_day: requests / 365}")
    message = str(err.value)
    assert "table 't' has no column 'n'" in message
    listed = message.split("(closest first): ", 1)[1].splitlines()[0]
    assert set(listed.split(", ")) == {"year", "requests", "per_day"}, listed  # declared derives stay listed


def test_a_did_you_mean_never_offers_the_claims_own_lag(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["year,requests", "2021,5", "2022,6"],
                  "{streak: 'requets > lag(requests)', of: t, order: year}", "1")
    assert "did you mean 'requests'" in str(err.value)
    assert "lag(requests)'" not in str(err.value).replace("requets > lag(requests)", "")
