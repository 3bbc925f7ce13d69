"""A measure kind: one class holding everything about it, and the registry of kinds.

A kind is registered once, by the :func:`register` decorator on its class, in its own
module of this package. The rest of factcheck asks the registry: the claims model (the
union of every kind's model), the compiler, the executor, the expectation reader, the
report (the union of every kind's details) and ``explain``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ._details import Details
from ._model import MeasureModel

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import Part, PathKey, PlanNode
    from ._values import Evaluated, Groups, PeriodsRead


class MeasureKind:
    """One measure kind. Subclasses set the class attributes and override what applies."""

    name: ClassVar[str]
    model: ClassVar[type[MeasureModel]]
    details: ClassVar[type[Details] | None] = None
    per_period: ClassVar[bool] = False
    """Names periods of an axis (``over``, ``order``): that axis is a time axis whatever its type,
    so a period it names must be in the data (``period_not_covered`` otherwise), and a gap
    inside the data's range is not a zero. Set by ``change``, ``extreme``, ``streak``, ``every``, ``overtook``,
    ``rising`` and ``falling``."""
    groupable: ClassVar[bool] = False
    """Can be computed per period: may sit inside ``change``, ``extreme`` and ``top … by``."""
    examples: ClassVar[tuple[str, ...]] = ()
    """Claims-file spellings for the property tests; ``{table}``, ``{column}``, ``{w}`` (a
    ``, where: …`` or nothing), ``{where}`` and ``{other}`` (a second table) are filled in."""

    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> PlanNode | None:
        """The plan node for ``m`` (grouped by ``over`` when given); problems go to ``c``."""
        raise NotImplementedError

    def evaluate(self, node: Any, ex: Executor) -> Evaluated:
        """Run the node on the executor's backend; turn its rows into a value."""
        raise NotImplementedError

    def grouped(self, node: Any, ex: Executor) -> Groups:
        """The node's value per period (only for :attr:`groupable` kinds)."""
        raise NotImplementedError(self.name)

    def absent(self, node: Any, ex: Executor, at: Any) -> Evaluated:
        """The value at a period that has no rows (only for :attr:`groupable` kinds)."""
        raise NotImplementedError(self.name)

    def shape(self, node: Any, claim: Claim) -> MeasureShape:
        """What the value is, so the expectation is read on the right scale."""
        raise NotImplementedError

    def parts(self, node: Any, label: str | None) -> list[Part]:
        """The tables the node reads, for ``explain``'s step-by-step counts."""
        return []

    def unit(self, node: Any) -> str:
        """``percent`` when the figure is already in percent; else ``fraction``."""
        return "fraction"

    def share_like(self, node: Any) -> bool:
        """Is the figure a share, so that a change of it may be in points?"""
        return False

    def record_is_the_data(self, node: Any) -> bool:
        """Does "on record" mean "since the data begins" for this claim?"""
        return False

    def periods_read(self, node: Any) -> PeriodsRead | None:
        """Of a kind that reads a measure per period: the periods its answer reads (a change's two
        ends), so that what is said of the rows is said of those alone. None: not known before the
        claim runs (a run of rising periods), or not a figure per period."""
        return None


def shape_of(kind: str, unit: str = "fraction", *, part_of_a_whole: bool = False, time_unit: str | None = None,
             time_from: str = "", of_values: str = "", years: bool = False, gap: bool = False,
             of_groups: bool = False, per_amount: bool = False) -> MeasureShape:
    """A :class:`~factcheck.expectations.shape.MeasureShape` (imported when the first claim is read, not before)."""
    from ..expectations.shape import MeasureShape
    return MeasureShape(kind, unit, part_of_a_whole, time_unit, time_from, of_values, years,  # type: ignore[arg-type]
                        gap, of_groups, per_amount)


def change_shape(as_: str, inner: Any, *, gap: bool = False) -> MeasureShape:
    """The shape of a change (or, ``gap``, of the gap between two figures) of ``inner``: an absolute
    one is in the inner measure's units, a time unit too ("up 2 hours" of a mean of ``wait_minutes``
    is up 120)."""
    absolute = as_ == "absolute"
    return shape_of(f"change_{as_}", change_unit(as_, KINDS[inner.kind].unit(inner)),
                    time_unit=getattr(inner, "time_unit", None) if absolute else None,
                    time_from=getattr(inner, "time_from", "") if absolute else "",
                    of_values=_of_values(inner) if absolute else "", gap=gap)


def _of_values(node: Any) -> str:
    """The column a simple measure reads the values of (a mean's, a sum's); '' for a count."""
    return (node.expr_text or "") if getattr(KINDS.get(node.kind), "reads_numbers", False) else ""


def change_unit(as_: str, unit: str) -> str:
    """The scale a change is read on: points and absolute changes on the measure's own (of a rate in
    percent, 2.1 points is 2.1); a percent change or a ratio is relative, a fraction whatever the
    measure's unit (from 2.8% to 0.7% is a fall of 0.75, 75%, not 0.75%)."""
    return unit if as_ in ("points", "absolute") else "fraction"


KINDS: dict[str, MeasureKind] = {}
K = TypeVar("K", bound=type[MeasureKind])


def register(cls: K) -> K:
    """Class decorator: add a kind to the registry (its name must be new)."""
    if cls.name in KINDS:
        raise ValueError(f"measure kind {cls.name!r} is registered twice")
    KINDS[cls.name] = cls()
    return cls


def kind_of(measure: MeasureModel) -> str:
    """The kind's name of a claims-file measure: ``kind_of(Share(share=…, of=…)) == "share"``."""
    for name, kind in KINDS.items():
        if type(measure) is kind.model:
            return name
    raise TypeError(f"not a measure: {measure!r}")
