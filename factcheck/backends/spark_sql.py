r"""factcheck's DuckDB SQL in Spark's dialect, giving DuckDB's exact results.

sqlglot transpiles the SQL (``planning.sql.in_dialect``); where the same SQL means
something else on Spark it is rewritten (each rewrite was found by
``benchmarks/spark_dialect_study.py``, and is tested against DuckDB's figures):

1. ``monthname(d)`` is ``Dec`` on Spark, ``December`` on DuckDB: ``date_format(d, 'MMMM')``.
2. ``round(x, n)`` of a DOUBLE rounds the shortest decimal text on Spark (1.005 -> 1.01)
   but the exact binary value on DuckDB (1.00499999… -> 1.0, 2.67499999… -> 2.67): see
   :func:`_double_round`. A DECIMAL keeps Spark's round (exact, as DuckDB's).
3. ``median``, ``quantile_cont``, ``quantile_disc`` and ``percentile_disc(0.5) WITHIN GROUP
   (ORDER BY x DESC)`` are DOUBLE percentiles on Spark: the values are taken from the sorted
   values instead, in x's own type — the lower and upper middle as DuckDB picks them, and the
   percentiles and medians of DECIMALs by DuckDB's own arithmetic (:mod:`.spark_numbers`).
   A DOUBLE cast to a DECIMAL follows DuckDB's rule too (Spark's reads the shortest text).
7. ``word(text, n)`` splits at RE2's white space (Java's ``\S`` also splits at a vertical tab)
   and is NULL past either end, as DuckDB's ``list_extract`` is.
4. ``sum`` of integers is a 128-bit HUGEINT on DuckDB and a BIGINT that overflows past 2^63 on
   Spark: the values are summed as DECIMAL(38,0).
5. A DOUBLE's text: the JVM's ``Double.toString`` (Java 17) is not always the shortest
   decimal, and writes exponents as ``E``. factcheck sums DOUBLEs through their text into
   DECIMAL(38,10), counting the values whose text does not fit (``regexp_matches(…, 'e-|…')``):
   on Spark the test ignores case and also counts every value of 16 significant digits or
   more, so those sums are taken exactly in Python from the values themselves
   (``to_spark(…, stream=True)`` passes a DOUBLE through uncast, and the backend writes it
   with Python's shortest ``repr``).
6. ``typeof(x)`` is ``date``, ``bigint`` on Spark and ``DATE``, ``BIGINT`` on DuckDB. Of a column
   (or its ``min``/``max``: the period checks' ``typeof(min(d)) LIKE 'DATE%'``) it is DuckDB's type
   name from ``schema``, written as a string: Spark's ``typeof`` is a constant its optimizer moves
   out of a subquery's aggregate into a plan that no longer resolves (FoldablePropagation:
   PLAN_VALIDATION_FAILED_RULE_IN_BATCH), so a table's fused period checks failed and each ran again
   alone. Of anything else: Spark's name, upper-cased.
8. A date plus or minus a whole number of days wraps around on Spark past the 32-bit day numbers
   (``DATE '2020-01-01' + 2147483647`` is a date in 5877591 BC) where DuckDB stops with "Date out
   of range": ``date_from_unix_date(unix_date(d) + n)`` adds the day numbers as integers, which
   overflow as an error with ANSI on, so no figure is computed from a wrapped date.

Types are needed for 2, 4, 5 and 8: ``schema`` gives each table's columns with their DuckDB types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .spark_numbers import decimal_type, double_to_decimal, quantile

DOUBLES = ("DOUBLE", "FLOAT")
INTEGERS = ("TINYINT", "SMALLINT", "INT", "BIGINT", "UTINYINT", "USMALLINT", "UINT", "UBIGINT")
# with the case ignored; ≥16 significant digits may be Java 17's non-shortest text of a DOUBLE
_NOT_DEC_SPARK = r"(?i)e-|\.[0-9]{11}|[0-9](\.?[0-9]){15}"
_NOT_DEC_DUCKDB = r"e-|\.[0-9]{11}"

Schema = dict[str, dict[str, str]]
_DAY_COUNTS = ("TINYINT", "SMALLINT", "INT")  # what Spark adds to a date (DuckDB's binder refuses a BIGINT)


def to_spark(sql: str, schema: Schema, *, stream: bool = False) -> str:
    """DuckDB SQL as Spark SQL with the rewrites above. ``stream``: DOUBLEs cast to text are left as
    DOUBLEs (the caller writes them with Python's shortest repr)."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    types = _typed(tree, schema)
    doubles = {k for k, t in types.items() if t in DOUBLES}

    tables = {t.alias_or_name: t.name for t in tree.find_all(exp.Table)}

    def fix(node: exp.Expression) -> Any:
        typed = _typeof(node, schema, tables)
        if typed is not None:
            return typed
        if isinstance(node, exp.Monthname):
            return exp.Anonymous(this="date_format", expressions=[node.this, exp.Literal.string("MMMM")])
        if isinstance(node, exp.Round) and id(node.this) in doubles and _whole(node.args.get("decimals")):
            return _double_round(node)
        if isinstance(node, exp.RegexpLike) and isinstance(node.expression, exp.Literal) \
                and node.expression.this == _NOT_DEC_DUCKDB:
            return exp.RegexpLike(this=node.this, expression=exp.Literal.string(_NOT_DEC_SPARK))
        if stream and isinstance(node, exp.Cast) and id(node.this) in doubles and node.to.is_type("varchar", "text"):
            return node.this
        if isinstance(node, (exp.Add, exp.Sub)) and types.get(id(node.this)) == "DATE" \
                and types.get(id(node.expression)) in _DAY_COUNTS:
            days = exp.Anonymous(this="unix_date", expressions=[_spark(_inner(node.this))])  # an INT, as Spark writes it
            moved = type(node)(this=days, expression=_spark(_inner(node.expression)))
            return exp.Anonymous(this="date_from_unix_date", expressions=[exp.Paren(this=moved)])
        if isinstance(node, exp.Sum) and types.get(id(node.this)) in INTEGERS:
            # DuckDB sums integers into a 128-bit HUGEINT; Spark's BIGINT sum would overflow past 2^63
            return exp.Sum(this=exp.cast(node.this, "DECIMAL(38, 0)"))
        if isinstance(node, exp.Cast) and types.get(id(node.this)) in DOUBLES and decimal_type(node.to):
            # DuckDB rounds x * 10^s as a DOUBLE; Spark's cast reads the DOUBLE's shortest text
            precision, scale = decimal_type(node.to) or (38, 10)
            return _spark(double_to_decimal(_inner(node.this), precision, scale))
        percentile = _percentile(node, _inner)
        if percentile is not None:
            return percentile
        word = _word(node, _inner)
        if word is not None:
            return word
        median = _median(node)
        if median is not None:
            return median
        return node

    def _inner(node: exp.Expression) -> str:
        """A rewritten node's argument, itself rewritten, in Spark SQL (the transform does not
        descend into what replaced a node)."""
        return str(node.transform(fix, copy=False).sql(dialect="spark"))

    return str(tree.transform(fix, copy=False).sql(dialect="spark"))


def _typeof(node: Any, schema: Schema, tables: dict[str, str]) -> Any | None:
    """``typeof`` of a column (or its ``min``/``max``) as DuckDB's type name, a string; of anything
    else Spark's, upper-cased (the period checks ask ``typeof(…) LIKE 'DATE%'``: DuckDB's names are
    upper case, Spark's lower); None for any other node."""
    from sqlglot import exp

    if not isinstance(node, exp.Typeof):
        return None
    known = _column_type(node.this, schema, tables)
    if known is not None:
        return exp.Literal.string(known)
    return None if isinstance(node.parent, exp.Upper) else exp.Upper(this=node)


def _column_type(node: Any, schema: Schema, tables: dict[str, str]) -> str | None:
    """The DuckDB type of a column, or of its ``min``/``max`` (``tables``: the query's table names
    by their aliases); None for any other expression, or a column ``schema`` does not know."""
    from sqlglot import exp

    if isinstance(node, (exp.Min, exp.Max)) and not node.expressions:
        node = node.this
    if not isinstance(node, exp.Column) or not node.table:
        return None
    return schema.get(tables.get(node.table, node.table), {}).get(node.name)


def _spark(sql: str) -> Any:
    import sqlglot
    return sqlglot.parse_one(sql, read="spark")


def _percentile(node: Any, inner: Callable[[Any], str]) -> Any | None:
    """``quantile_cont``/``quantile_disc`` (the ``percentile`` kind) and ``median`` of a value cast to a
    DECIMAL, FILTERed or not: DuckDB's figure to the last digit (:mod:`.spark_numbers`); None for any
    other node (a median of another type, a percentile of an argument that is not a DECIMAL cast)."""
    from sqlglot import exp

    where = None
    if isinstance(node, exp.Filter) and isinstance(node.this, (exp.PercentileCont, exp.PercentileDisc, exp.Median)):
        where, node = node.expression.this, node.this
    if isinstance(node, exp.Median):
        kind, q = "cont", "0.5"
    elif isinstance(node, (exp.PercentileCont, exp.PercentileDisc)) and not isinstance(node.parent, exp.WithinGroup):
        q_node = node.args.get("expression")
        if not (isinstance(q_node, exp.Literal) and not q_node.is_string):
            return None
        kind, q = ("cont" if isinstance(node, exp.PercentileCont) else "disc"), str(q_node.this)
    else:
        return None
    arg = node.this
    typed = decimal_type(arg.to) if isinstance(arg, exp.Cast) else None
    if typed is None:
        return None
    filt = f" FILTER (WHERE {inner(where)})" if where is not None else ""
    values = f"array_sort(collect_list({inner(arg)}){filt})"
    return _spark(quantile(kind, values, q, *typed))


_NOT_SPACE = "[^\t\n\f\r ]+"  # RE2's \S (DuckDB): anything but tab, line feed, form feed, return, space


def _word(node: Any, inner: Callable[[Any], str]) -> Any | None:
    r"""``word(text, n)``, which factcheck writes for DuckDB as ``list_extract(regexp_extract_all(text,
    '\S+'), n)``: the same words on Spark (RE2's ``\S`` spelled out: Java's would also split at a
    vertical tab) and NULL where DuckDB gives NULL (n = 0, n past either end, no text)."""
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "list_extract" and len(node.expressions) == 2):
        return None
    words, n = node.expressions
    if not (isinstance(words, exp.RegexpExtractAll) and isinstance(words.expression, exp.Literal)
            and words.expression.this in ("\\S+", "\\\\S+")):
        return None
    index = inner(n)
    pattern = exp.Literal.string(_NOT_SPACE).sql(dialect="spark")  # the control characters escaped for Spark
    return _spark(f"(CASE WHEN {index} = 0 THEN CAST(NULL AS STRING) "
                  f"ELSE try_element_at(regexp_extract_all({inner(words.this)}, {pattern}, 0), {index}) END)")


def _digits(digits: Any) -> int | None:
    """The whole number of ``round``'s second argument (``2``, ``-1``, ``(-1)``), else None."""
    from sqlglot import exp
    while isinstance(digits, exp.Paren):
        digits = digits.this
    sign = 1
    if isinstance(digits, exp.Neg):
        sign, digits = -1, digits.this
    if isinstance(digits, exp.Literal) and digits.is_int:
        return sign * int(digits.this)
    return None


def _whole(digits: Any) -> bool:
    return digits is None or _digits(digits) is not None


def _double_round(node: Any) -> Any:
    """DuckDB's ``round(x, n)`` of a DOUBLE: the exact binary value rounded half away from zero.

    ``x * 10^n`` is rounded to a whole number; the product is inexact, and when it lands exactly
    on a half (2.675 * 100 = 267.5) the exact product's error, found by Dekker's error-free
    product (the error of a DOUBLE multiplication is itself a DOUBLE), says which side of the half
    the true value is on (267.4999…: towards zero). For ``n < 0`` the remainder of ``x / 10^-n``
    decides the same way. Checked against DuckDB on 18,000 values, ties included.
    """
    import sqlglot
    digits = node.args.get("decimals")
    n = 0 if digits is None else _digits(digits)
    assert n is not None
    if n == 0:  # x * 1 is exact: Spark's round of the (shortest) text is the binary value's
        return sqlglot.parse_one(f"ROUND({node.this.sql(dialect='spark')})", read="spark")
    x = f"({node.this.sql(dialect='spark')})"
    scale = 10.0 ** abs(n)
    hi, lo = _split(scale)
    s, h, l_ = (f"CAST({v!r} AS DOUBLE)" for v in (scale, hi, lo))

    def error(a: str, p: str) -> str:  # exact a * scale = p + error (Dekker, with scale split in advance)
        c = f"(CAST(134217729.0 AS DOUBLE) * {a})"
        ah = f"({c} - ({c} - {a}))"
        al = f"({a} - {ah})"
        return f"((({ah} * {h} - {p}) + {ah} * {l_} + {al} * {h}) + {al} * {l_})"

    if n >= 0:
        p = f"({x} * {s})"
        below = error(x, p)  # < 0: the exact product is below p
        template = "{r} / {s}"
    else:
        p = f"({x} / {s})"
        below = f"(({x} - ({p} * {s})) - {error(p, f'({p} * {s})')})"  # exact x - p * scale
        template = "{r} * {s}"
    whole = f"CAST(CAST({p} AS BIGINT) AS DOUBLE)"
    r = (f"(CASE WHEN isnan({p}) OR abs({p}) >= CAST(4503599627370496.0 AS DOUBLE) THEN round({p}) "
         f"WHEN abs({p} - {whole}) = 0.5 AND (({p} > 0 AND {below} < 0) OR ({p} < 0 AND {below} > 0)) "
         f"THEN {whole} ELSE round({p}) END)")
    return sqlglot.parse_one(f"({template.format(r=r, s=s)})", read="spark")


def _split(value: float) -> tuple[float, float]:
    """Dekker's split of a DOUBLE into two halves of 26 bits: hi + lo == value exactly."""
    c = 134217729.0 * value
    hi = c - (c - value)
    return hi, value - hi


def _typed(tree: Any, schema: Schema) -> dict[int, str]:
    """The DuckDB type (``DOUBLE``, ``BIGINT`` …) of the argument of each ``round``, cast and ``sum``
    of ``tree``, by the argument node's id, typed with ``schema``; empty when it cannot be typed."""
    from sqlglot import exp
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify

    kinds = (exp.Round, exp.Cast, exp.Sum, exp.Add, exp.Sub)
    mine = [n for n in tree.walk(bfs=False) if isinstance(n, kinds)]
    if not mine:
        return {}
    try:
        tables: dict[str, object] = dict(schema)
        typed = annotate_types(qualify(tree.copy(), schema=tables, dialect="duckdb",
                                       validate_qualify_columns=False, identify=False), schema=tables)
    except Exception:  # noqa: BLE001 - untyped: no rewrite that needs types applies
        return {}
    theirs = [n for n in typed.walk(bfs=False) if isinstance(n, kinds)]
    if len(mine) != len(theirs):
        return {}
    found: dict[int, str] = {}
    for a, b in zip(mine, theirs, strict=True):
        for mine_arg, their_arg in ((a.this, b.this), (a.args.get("expression"), b.args.get("expression"))):
            t = their_arg.type if isinstance(their_arg, exp.Expression) else None
            if t is not None and mine_arg is not None:
                found[id(mine_arg)] = t.this.name
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
