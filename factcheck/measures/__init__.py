"""Measure kinds: one module each, registered once.

A kind's module holds its claims-file model, how it compiles to a plan node, how the
node's rows become a value, the shape its expectation is read in, its typed details for
the report and the parts ``explain`` counts step by step (see :class:`MeasureKind`).
This package puts the kinds together: :data:`KINDS` (name → kind), :data:`Measure`
(the claims-file union of every kind's model) and :data:`MeasureDetails` (the report's
union of every kind's details).

To add a kind: write ``measures/<kind>.py`` with a ``@register``-ed :class:`MeasureKind`,
import it below, add its row to docs/claims-format.md, and test it; the property, docs
and schema tests walk :data:`KINDS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, Union

from pydantic import BaseModel, Discriminator, Field, Tag

# The kinds register in this order, the order in which messages and docs list them.
from . import (
    aggregate,
    change,
    compare,
    count,  # noqa: I001
    every,
    extreme,
    overtook,
    percentile,
    ratio,
    rising,
    share,
    streak,
    top,
    top_share,
    top_sum,
    wins,
)
from ._details import Details, Period
from ._kind import KINDS, MeasureKind, kind_of, register
from ._model import MeasureModel, Scalar
from ._values import Evaluated, Groups, MeasureError


def kind_named(raw: Any) -> str | None:
    """The kind of a measure, or of a raw mapping that names exactly one kind's key."""
    if isinstance(raw, BaseModel):
        return kind_of(raw)  # type: ignore[arg-type]
    if not isinstance(raw, dict):
        return None
    found = kinds_in(raw)
    return found[0] if len(found) == 1 else None


def kinds_in(raw: dict[Any, Any]) -> list[str]:
    """The kinds' keys a raw mapping holds, but for a key that is a field of another kind present:
    ``{share: …, sum: inmates}`` is a share weighted by a sum, not a share and a sum."""
    found = [k for k in KINDS if k in raw]
    return [k for k in found if not any(k in KINDS[o].model.model_fields for o in found if o != k)]


if TYPE_CHECKING:  # the unions are built from the registry at run time; a type checker sees the bases
    Measure: TypeAlias = MeasureModel
    MeasureDetails: TypeAlias = Details
else:
    Measure = Annotated[
        Union[tuple(Annotated[kind.model, Tag(name)] for name, kind in KINDS.items())],
        Discriminator(kind_named, custom_error_type="measure_kind",
                      custom_error_message="cannot tell which measure this is"),
    ]
    """A measure of any kind, as the claims file writes it (told apart by its kind's key)."""

    MeasureDetails = Annotated[
        Union[tuple(kind.details for kind in KINDS.values() if kind.details is not None)],
        Field(discriminator="kind"),
    ]
    """The typed details of any kind that has some, told apart by ``kind``."""

# The kinds that nest a measure name the union as "Measure"; it is put in their modules, and
# their models (built lazily: defer_build) find it when the claims file is first validated.
# A model_rebuild of each here would generate the whole recursive union ten times at import.
for _module in (ratio, change, extreme, top, compare, overtook, every, rising, wins):
    _module.Measure = Measure  # type: ignore[attr-defined]

__all__ = ["KINDS", "Details", "Evaluated", "Groups", "Measure", "MeasureError", "MeasureDetails", "MeasureKind",
           "MeasureModel", "Period", "Scalar", "aggregate", "change", "compare", "count", "every", "extreme",
           "kind_named", "kind_of", "kinds_in", "overtook", "percentile", "ratio", "register", "rising", "share", "streak",
           "top", "top_share", "top_sum", "wins"]
