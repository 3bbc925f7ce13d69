"""Base models of a measure in the claims file (each kind's model is in its own module)."""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Scalar = Union[bool, int, float, str]


class MeasureModel(BaseModel):
    """A measure as written in the claims file: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Filtered(MeasureModel):
    """A measure over the rows of one table that pass ``where``."""

    where: str | None = None
    unit: Literal["fraction", "percent", "seconds", "minutes", "hours", "days", "weeks", "months", "quarters",
                  "years", "decades", "centuries"] | None = Field(
        None, description="'percent' when the column already holds percentages (9.7 means 9.7%); a time unit "
                          "('minutes') when it holds durations, so a figure in another ('four hours') is converted")
