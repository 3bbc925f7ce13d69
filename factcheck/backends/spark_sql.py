"""factcheck's DuckDB SQL in Spark's dialect, giving DuckDB's exact results.

sqlglot transpiles the SQL (``planning.sql.in_dialect``); where the same SQL means
something else on Spark it is rewritten (each rewrite was found by
``benchmarks/spark_dialect_study.py``, and is tested against DuckDB's figures):

1. ``monthname(d)`` is ``Dec`` on Spark, ``December`` on DuckDB: ``date_format(d, 'MMMM')``.
2. ``round(x, n)`` of a DOUBLE rounds the shortest decimal text on Spark (1.005 -> 1.01)
   but the binary value on DuckDB (1.005 -> 1.0): ``round(x * 10^n) / 10^n`` with a DOUBLE
   10^n, which is what DuckDB computes. A DECIMAL keeps Spark's round (exact, as DuckDB's).
3. ``median``, ``quantile_disc(x, 0.5)`` and ``percentile_disc(0.5) WITHIN GROUP (ORDER
   BY x DESC)`` are DOUBLE percentiles on Spark: the middle values are taken from the sorted
   values instead, in x's own type (the lower and upper middle, as DuckDB picks them).
4. A DOUBLE's text: the JVM's ``Double.toString`` (Java 17) is not always the shortest
   decimal, and writes exponents as ``E``. factcheck sums DOUBLEs through their text into
   DECIMAL(38,10), counting the values whose text does not fit (``regexp_matches(…, 'e-|…')``):
   on Spark the test ignores case and also counts every value of 16 significant digits or
   more, so those sums are taken exactly in Python from the values themselves
   (:func:`stream_sql` passes a DOUBLE through uncast, and the backend writes it with
   Python's shortest ``repr``).

Types are needed for 2 and 4: ``schema`` gives each table's columns with their DuckDB types.
"""

from __future__ import annotations

from typing import Any

DOUBLES = ("DOUBLE", "FLOAT")
# with the case ignored; ≥16 significant digits may be Java 17's non-shortest text of a DOUBLE
_NOT_DEC_SPARK = r"(?i)e-|\.[0-9]{11}|[0-9](\.?[0-9]){15}"
_NOT_DEC_DUCKDB = r"e-|\.[0-9]{11}"

Schema = dict[str, dict[str, str]]


def to_spark(sql: str, schema: Schema, *, stream: bool = False) -> str:
    """DuckDB SQL as Spark SQL with the rewrites above. ``stream``: DOUBLEs cast to text are left as
    DOUBLEs (the caller writes them with Python's shortest repr)."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    doubles = _typed_doubles(tree, schema)

    def fix(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Monthname):
            return exp.Anonymous(this="date_format", expressions=[node.this, exp.Literal.string("MMMM")])
        if isinstance(node, exp.Round) and id(node.this) in doubles and _whole(node.args.get("decimals")):
            return _double_round(node)
        if isinstance(node, exp.RegexpLike) and isinstance(node.expression, exp.Literal) \
                and node.expression.this == _NOT_DEC_DUCKDB:
            return exp.RegexpLike(this=node.this, expression=exp.Literal.string(_NOT_DEC_SPARK))
        if stream and isinstance(node, exp.Cast) and id(node.this) in doubles and node.to.is_type("varchar", "text"):
            return node.this
        median = _median(node)
        if median is not None:
            return median
        return node

    return tree.transform(fix, copy=False).sql(dialect="spark")


def _whole(digits: Any) -> bool:
    from sqlglot import exp
    if digits is None:
        return True
    if isinstance(digits, exp.Neg):
        digits = digits.this
    return isinstance(digits, exp.Literal) and digits.is_int


def _double_round(node: Any) -> Any:
    from sqlglot import exp
    digits = node.args.get("decimals")
    if digits is None:
        return exp.Round(this=node.this)  # whole: Spark's round of a DOUBLE to 0 places is half away from zero
    n = -int(digits.this.this) if isinstance(digits, exp.Neg) else int(digits.this)
    scale = exp.Literal.number(f"{10 ** abs(n)}.0")  # a DOUBLE, as DuckDB's modifier
    if n >= 0:
        return exp.Div(this=exp.Round(this=exp.Mul(this=node.this, expression=scale)), expression=scale)
    return exp.Mul(this=exp.Round(this=exp.Div(this=node.this, expression=scale)), expression=scale)


def _typed_doubles(tree: Any, schema: Schema) -> set[int]:
    """ids of the nodes of ``tree`` whose type is DOUBLE (or FLOAT), typed with ``schema``."""
    from sqlglot import exp
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify

    wanted = [n for n in tree.walk() if isinstance(n, (exp.Round, exp.Cast))]
    if not wanted:
        return set()
    try:
        typed = annotate_types(qualify(tree.copy(), schema=schema, dialect="duckdb",
                                       validate_qualify_columns=False, identify=False), schema=schema)
    except Exception:  # noqa: BLE001 - untyped: no rewrite that needs types applies
        return set()
    found: set[int] = set()
    mine = [n for n in tree.walk() if isinstance(n, (exp.Round, exp.Cast))]
    theirs = [n for n in typed.walk() if isinstance(n, (exp.Round, exp.Cast))]
    if len(mine) != len(theirs):
        return set()
    for a, b in zip(mine, theirs, strict=True):
        t = b.this.type
        if t is not None and t.this.name in DOUBLES:
            found.add(id(a.this))
    return found


def _median(node: Any) -> Any | None:
    """The exact rewrite of a median-like aggregate, or None when ``node`` is none."""
    from sqlglot import exp

    if isinstance(node, exp.Median) and not isinstance(node.parent, exp.Filter):
        return _middle(node.this, "both")
    if isinstance(node, exp.Filter) and isinstance(node.this, exp.Median):
        return _middle(node.this.this, "both", node.expression.this)
    if isinstance(node, (exp.PercentileDisc, exp.Anonymous)) and _is_half(node):
        return _middle(node.this if isinstance(node, exp.PercentileDisc) else node.expressions[0], "low")
    if isinstance(node, exp.WithinGroup) and isinstance(node.this, exp.PercentileDisc) \
            and _is_half_value(node.this.this):
        order = node.expression
        key = order.expressions[0] if isinstance(order, exp.Order) and len(order.expressions) == 1 else None
        if key is not None and isinstance(key, exp.Ordered):
            return _middle(key.this, "high" if key.args.get("desc") else "low")
    return None


def _is_half(node: Any) -> bool:
    """``quantile_disc(x, 0.5)`` as sqlglot parses it from DuckDB."""
    from sqlglot import exp
    if isinstance(node, exp.PercentileDisc):
        return not isinstance(node.parent, exp.WithinGroup) and _is_half_value(node.args.get("expression"))
    return isinstance(node, exp.Anonymous) and node.name.lower() == "quantile_disc" \
        and len(node.expressions) == 2 and _is_half_value(node.expressions[1]) and isinstance(node, exp.Anonymous)


def _is_half_value(value: Any) -> bool:
    from sqlglot import exp
    return isinstance(value, exp.Literal) and not value.is_string and float(value.this) == 0.5


def _middle(arg: Any, which: str, where: Any | None = None) -> Any:
    """The middle of ``arg``'s sorted non-null values: ``low``, ``high`` (DuckDB's discrete picks) or
    ``both`` averaged (the median), in ``arg``'s own type; NULL when there is none."""
    import sqlglot
    filt = f" FILTER (WHERE {where.sql(dialect='spark')})" if where is not None else ""
    values = f"array_sort(collect_list({arg.sql(dialect='spark')}){filt})"
    low = f"element_at({values}, CAST((size({values}) + 1) DIV 2 AS INT))"
    high = f"element_at({values}, CAST(size({values}) DIV 2 + 1 AS INT))"
    picked = {"low": low, "high": high, "both": f"({low} + {high}) / 2"}[which]
    return sqlglot.parse_one(f"CASE WHEN size({values}) = 0 THEN NULL ELSE {picked} END", read="spark")
