"""The ``expect:`` forms that are not a wording: booleans, lists of names, explicit mappings.

>>> read_mapping({"between": ["10%", "20%"]}, MeasureShape("share")).meaning
'between 10% and 20%: 10% ≤ x ≤ 20%'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from .errors import ExpectationError
from .interval import Interval
from .judging import Expectation
from .numbers import format_edge, to_fraction
from .shape import PERCENTISH, MeasureShape
from .wording import as_text, examples_of, normalize, read_number


def read_boolean(raw: object, shape: MeasureShape) -> Expectation:
    """``true`` / ``false`` (YAML booleans or the words) for an ``extreme`` measure."""
    word = raw if isinstance(raw, bool) else {"true": True, "false": False}.get(
        normalize(raw) if isinstance(raw, str) else "")
    if word is None:
        raise ExpectationError(f"expect: a true/false measure needs true or false, not {raw!r}",
                               hint="write 'expect: true' when the article says it is the lowest/highest")
    if shape.kind != "boolean":
        raise ExpectationError(f"expect: {str(word).lower()} fits a true/false measure (extreme), "
                               f"not a {shape.kind.replace('_', ' ')}",
                               hint=f"write it as the article does, e.g. {examples_of(shape)}")
    text = "true" if word else "false"
    return Expectation(written=text, shape=shape, meaning=f"is {text}", interval=None, stated=None,
                       direction=None, qualifier=None, boolean=word, summary=text)


def read_values(raw: object, shape: MeasureShape, any_order: bool = False) -> Expectation:
    """``[Instagram, Snapchat]`` (or one name) for a ``top`` measure."""
    items = [raw] if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else raw
    if shape.kind != "values":
        raise ExpectationError(f"expect: a list fits a top measure, not a {shape.kind.replace('_', ' ')}",
                               hint=f"write it as the article does, e.g. {examples_of(shape)}")
    if not isinstance(items, (list, tuple)) or not items or \
            any(isinstance(v, (list, tuple, Mapping)) or v is None for v in items):
        raise ExpectationError(f"expect: a top measure needs a list of names, not {raw!r}",
                               hint="e.g. '[Instagram, Snapchat]' or '{values: [Instagram, Snapchat], any_order: true}'")
    if any(isinstance(v, bool) for v in items):  # YAML 1.1 reads yes, no, on, off, true as true or false
        raise ExpectationError("expect: a name in the list reads as true or false to YAML (yes, no, on, off, "
                               "true and false do), not as the text of a value",
                               hint="put it in quotes: ['yes'], or write the value as the data does")
    values = tuple(as_text(v, shape) if isinstance(v, float) else str(v) for v in items)
    written = "[" + ", ".join(values) + "]"
    order = "in any order" if any_order else "in this order"
    return Expectation(written=written, shape=shape, meaning=f"the values {written} {order}",
                       interval=None, stated=None, direction=None, qualifier=None,
                       values=values, any_order=any_order, summary=f"{written} {order}")


_MAPPING_FORMS = "{value: 0.59, within: 0.01}, {value: 165, within: 2%}, {between: [a, b]}, " \
                 "{values: [A, B], any_order: true}"


def read_mapping(raw: Mapping[object, object], shape: MeasureShape) -> Expectation:
    """The explicit forms: absolute or relative ``within``, a closed ``between``, ``values``."""
    keys = {str(k) for k in raw}
    if keys and keys <= {"values", "any_order"} and "values" in keys:
        return read_values(raw["values"], shape, any_order=bool(raw.get("any_order", False)))
    if keys == {"between"}:
        return _read_between(raw["between"], shape)
    if keys == {"value", "within"}:
        return _read_within(raw["value"], raw["within"], shape)
    unknown = sorted(keys - {"value", "within", "between", "values", "any_order"})
    what = f"unknown key {', '.join(unknown)}" if unknown else f"keys {', '.join(sorted(keys)) or '(none)'} do not go together"
    raise ExpectationError(f"expect: {what}", hint=f"use one of {_MAPPING_FORMS}")


def _explicit_number(raw: object, shape: MeasureShape) -> tuple[Fraction, str]:
    """A number in an explicit form: 0.59, 165, '10%' (a percentage on the measure's scale)."""
    text = normalize(as_text(raw, shape)) if not isinstance(raw, bool) else ""
    if isinstance(raw, float):  # a YAML number: exact as written, however long its digits (1.0e+300)
        return to_fraction(raw), text
    figure = read_number(text)
    if figure is None or figure.unit not in ("plain", "percent", "points"):
        raise ExpectationError(f"expect: {raw!r} is not a number", hint=f"use one of {_MAPPING_FORMS}")
    value = -figure.value if figure.sign < 0 else figure.value
    if figure.unit != "plain" and shape.unit == "percent":
        value *= 100
    return value, text


def _read_within(raw_value: object, raw_within: object, shape: MeasureShape) -> Expectation:
    value, value_text = _explicit_number(raw_value, shape)
    within_text = normalize(as_text(raw_within, shape)) if not isinstance(raw_within, bool) else ""
    within, _ = _explicit_number(raw_within, shape) if within_text else (Fraction(-1), "")
    if within < 0:
        raise ExpectationError(f"expect: within: {raw_within!r} must be a non-negative number",
                               hint="e.g. 'within: 0.01' (absolute) or 'within: 2%' (relative)")
    if within_text.endswith("%"):
        within = abs(value) * within / (100 if shape.unit == "percent" else 1)
    interval = Interval(value - within, value + within, True, True)
    summary = f"within {within_text} of {value_text}"
    return _explicit(summary, shape, interval, value, "within",
                     f"{{value: {value_text}, within: {within_text}}}")


def _read_between(raw: object, shape: MeasureShape) -> Expectation:
    if not isinstance(raw, (list, tuple)) or len(raw) != 2:
        raise ExpectationError(f"expect: between: needs two values, not {raw!r}",
                               hint="e.g. '{between: [10%, 20%]}' or '{between: [150, 180]}'")
    (low, low_text), (high, high_text) = (_explicit_number(v, shape) for v in raw)
    if low > high:
        raise ExpectationError(f"expect: between: {low_text} is above {high_text}",
                               hint=f"put the smaller value first: '[{high_text}, {low_text}]'")
    return _explicit(f"between {low_text} and {high_text}", shape, Interval(low, high, True, True),
                     None, "between", f"{{between: [{low_text}, {high_text}]}}")


def _explicit(summary: str, shape: MeasureShape, interval: Interval, stated: Fraction | None,
              qualifier: str, written: str) -> Expectation:
    if shape.kind in ("boolean", "values"):
        raise ExpectationError(f"expect: {summary} is a number, but this measure gives "
                               f"{'true or false' if shape.kind == 'boolean' else 'a list of values'}",
                               hint=f"use {'true or false' if shape.kind == 'boolean' else '[A, B]'}")
    return Expectation(written=written, shape=shape, stated=stated, direction=None, qualifier=qualifier,
                       meaning=f"{summary}: {interval.describe(lambda x: format_edge(x, shape))}",
                       interval=interval, summary=summary,
                       percentish=shape.kind in PERCENTISH or shape.unit == "percent")
