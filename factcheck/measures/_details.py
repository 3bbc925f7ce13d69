"""Typed details of a measure for the report: the base model and a period with its figure."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Details(BaseModel):
    """What a measure kind adds to a claim's evidence; ``kind`` tells the kinds apart."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True, defer_build=True)

    kind: str

    def fields(self) -> dict[str, Any]:
        """The details as set by the measure (the kind left out), for renderers that list them."""
        return self.model_dump(exclude={"kind"}, exclude_unset=True, by_alias=True)


class Period(BaseModel):
    """A period and the measure's figure there, e.g. 2012 with 160."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    key: str
    value: float | None
