"""Spark SQL that computes DECIMAL figures to DuckDB's last digit: a DOUBLE cast to a DECIMAL,
and the percentiles (``quantile_cont``, ``quantile_disc``) of a DECIMAL.

Spark's DECIMAL arithmetic drops digits once a result would need more than 38 (two
DECIMAL(38,10) subtracted are a DECIMAL(38,9) on Spark), and its cast of a DOUBLE to a
DECIMAL reads the DOUBLE's shortest decimal text. So the arithmetic here is done on the
*unscaled* integers (``1.5`` in DECIMAL(38,10) is 15000000000) held as DECIMAL(38,0),
which no operation rescales, and the result is turned back into its type through its
text (``'15000000000E-10'``), which is exact.

What DuckDB (2.0.1) computes, reproduced step by step:

* ``CAST(x AS DECIMAL(p,s))`` of a DOUBLE: ``x * 10^s`` as a DOUBLE, rounded half away
  from zero, the (exact, binary) whole number read as the unscaled value.
* ``quantile_disc(x, q)``: the value at rank ``max(1, ceil(n * q))`` of the sorted
  non-null values, with ``n * q`` exact (``q`` is a DECIMAL literal).
* ``quantile_cont(x, q)`` of a DECIMAL: ``RN = (n - 1) * q`` in DOUBLEs, ``lo`` and ``hi``
  the values at ranks ``floor(RN) + 1`` and ``ceil(RN) + 1``; the result is
  ``lo + trunc(double(hi - lo) * (RN - floor(RN)))`` on the unscaled integers (the 128-bit
  difference made a DOUBLE correctly rounded, as Java's ``BigDecimal.doubleValue`` does).
"""

from __future__ import annotations

from typing import Any

TWO_64 = 18446744073709551616
_D64 = "CAST(18446744073709551616.0 AS DOUBLE)"


def _exact_whole(p: str) -> str:
    """Spark SQL: the DOUBLE ``p`` truncated towards zero, exactly, as a DECIMAL(38,0) (Spark's own
    cast of a large DOUBLE to a DECIMAL goes through its shortest text, not its binary value).

    Below 2^63 a BIGINT cast truncates exactly. Above, ``p`` is a whole multiple of 2^11: it is
    split at 2^64, both parts exact DOUBLEs, and put together in DECIMAL arithmetic."""
    high = f"CAST({p} / {_D64} AS BIGINT)"
    rest = f"({p} - CAST({high} AS DOUBLE) * {_D64})"
    return (f"(CASE WHEN abs({p}) < CAST(9223372036854775808.0 AS DOUBLE) "
            f"THEN CAST(CAST({p} AS BIGINT) AS DECIMAL(38,0)) "
            f"ELSE CAST({high} AS DECIMAL(38,0)) * CAST({TWO_64} AS DECIMAL(20,0)) "
            f"+ CAST(CAST({rest} / CAST(2.0 AS DOUBLE) AS BIGINT) AS DECIMAL(38,0)) * 2 END)")


def _rounded_whole(p: str) -> str:
    """Spark SQL: the DOUBLE ``p`` rounded half away from zero (C's ``round``), exactly, as a
    DECIMAL(38,0). From 2^52 up every DOUBLE is whole already."""
    t = f"CAST({p} AS BIGINT)"
    return (f"(CASE WHEN abs({p}) >= CAST(4503599627370496.0 AS DOUBLE) THEN {_exact_whole(p)} "
            f"ELSE CAST({t} + CASE WHEN {p} - CAST({t} AS DOUBLE) >= 0.5 THEN 1 "
            f"WHEN {p} - CAST({t} AS DOUBLE) <= -0.5 THEN -1 ELSE 0 END AS DECIMAL(38,0)) END)")


def _scaled(unscaled: str, precision: int, scale: int) -> str:
    """Spark SQL: a DECIMAL(precision, scale) from its unscaled DECIMAL(38,0), through its text."""
    if scale == 0:
        return f"CAST({unscaled} AS DECIMAL({precision},0))"
    return f"CAST(concat(CAST({unscaled} AS STRING), 'E-{scale}') AS DECIMAL({precision},{scale}))"


def _unscaled(value: str) -> str:
    """Spark SQL: the unscaled DECIMAL(38,0) of a DECIMAL value (its plain text without the point)."""
    return f"CAST(replace(CAST({value} AS STRING), '.', '') AS DECIMAL(38,0))"


def double_to_decimal(x: str, precision: int, scale: int) -> str:
    """Spark SQL for DuckDB's ``CAST(x AS DECIMAL(precision, scale))`` of a DOUBLE ``x``."""
    p = f"(({x}) * CAST({float(10 ** scale)!r} AS DOUBLE))"
    return _scaled(_rounded_whole(p), precision, scale)


def quantile(kind: str, sorted_values: str, q: str, precision: int, scale: int) -> str:
    """Spark SQL for DuckDB's ``quantile_disc`` / ``quantile_cont`` (``kind``) at the literal ``q``
    over ``sorted_values``, a Spark SQL array of the sorted non-null DECIMAL(precision, scale)
    values. The array is computed once and named in a lambda (Spark SQL has no ``let``)."""
    values = "__fc_sorted"
    return f"element_at(transform(array({sorted_values}), {values} -> {_quantile(kind, values, q, precision, scale)}), 1)"


def _quantile(kind: str, values: str, q: str, precision: int, scale: int) -> str:
    n = f"size({values})"
    if kind == "disc":
        digits = len(q.partition(".")[2])  # n * q exactly, as DuckDB multiplies a DECIMAL q
        rank = f"greatest(1, CAST(ceil({n} * CAST('{q}' AS DECIMAL({digits + 1},{digits}))) AS INT))"
        return f"(CASE WHEN {n} = 0 THEN NULL ELSE element_at({values}, {rank}) END)"
    rn = f"(CAST({n} - 1 AS DOUBLE) * CAST('{q}' AS DOUBLE))"
    low_rank, high_rank = f"CAST(floor({rn}) AS INT)", f"CAST(ceil({rn}) AS INT)"
    lo, hi = f"element_at({values}, {low_rank} + 1)", f"element_at({values}, {high_rank} + 1)"
    # the 128-bit difference as a DOUBLE, correctly rounded on both (Java's BigDecimal.doubleValue)
    step = f"(CAST(({_unscaled(hi)} - {_unscaled(lo)}) AS DOUBLE) * ({rn} - floor({rn})))"
    between = _scaled(f"({_unscaled(lo)} + {_exact_whole(step)})", precision, scale)
    return (f"(CASE WHEN {n} = 0 THEN NULL WHEN {low_rank} = {high_rank} THEN {lo} "
            f"ELSE {between} END)")


def decimal_type(node: Any) -> tuple[int, int] | None:
    """(precision, scale) of a sqlglot DECIMAL(p, s) data type, else None."""
    from sqlglot import exp
    if not isinstance(node, exp.DataType) or not node.is_type("decimal"):
        return None
    try:
        numbers = [int(str(p.this.this if isinstance(p.this, exp.Literal) else p.this))
                   for p in node.expressions if isinstance(p, exp.DataTypeParam)]
    except (TypeError, ValueError):
        return None
    if len(numbers) == 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1:
        return numbers[0], 0
    return 18, 3  # DuckDB's DECIMAL without arguments
