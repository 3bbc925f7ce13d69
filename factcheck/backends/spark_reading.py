"""Reading a table with Spark so that every value equals what DuckDB reads.

The DuckDB backend decides each column's type: a type declared under ``columns:``,
else what DuckDB's sniffer finds in the file (``DESCRIBE SELECT * FROM read_csv(…)``
with factcheck's reading options). Spark is then told that type; it never infers one
of its own, since its inference differs from DuckDB's (``007`` is text to DuckDB and
7 to Spark; ``yes``/``no`` is boolean to DuckDB and text to Spark).

A CSV file is read by Spark as text, every field a string, with factcheck's
options (delimiter, quote, encoding, lines to skip, the header), and each needed
column is then converted the way DuckDB converts it:

* the ``null`` strings become NULL (a quoted empty field too, as in DuckDB);
* integers go through an exact decimal, so ``1.5`` reads as 2 and ``1e3`` as 1000;
* dates follow ``date_format``, translated from strftime to Java's pattern letters;
* timestamps are ``TIMESTAMP_NTZ`` (DuckDB's TIMESTAMP has no time zone);
* decimals stay exact (``DECIMAL(38,10)``).

A value that does not convert, and a row whose number of fields differs from the
header's, are reported as DuckDB's reader would report them: a :class:`DataError`
naming the file, the line and the column. Parquet files are read as they are, only the
needed columns. pyspark is imported only by the caller: this module needs a
``SparkSession`` handed to it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from ..claims import Table
from ..errors import DataError, Problem

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

ROW_ORDER = "__row"  # file order, for lag(): increasing, not consecutive (no shuffle to number rows)
_ID = "__fc_id"
_BAD_SHAPE = "__fc_shape"
_ANCHOR = "__fc_any"
_UNSET = "\x00\x01factcheck-unset\x01\x00"  # what Spark gives an empty unquoted field; never in a file


class NotOnSpark(Exception):
    """A reading option or type that Spark cannot honour as DuckDB does."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


# --------------------------------------------------------------------------- types

_INTEGRAL = {"BIGINT": "BIGINT", "INTEGER": "INT", "SMALLINT": "SMALLINT", "TINYINT": "TINYINT",
             "UINTEGER": "BIGINT", "USMALLINT": "INT", "UTINYINT": "SMALLINT",
             "HUGEINT": "DECIMAL(38,0)", "UBIGINT": "DECIMAL(20,0)"}
_PLAIN = {"DOUBLE": "DOUBLE", "FLOAT": "FLOAT", "VARCHAR": "STRING", "BOOLEAN": "BOOLEAN",
          "DATE": "DATE", "TIMESTAMP": "TIMESTAMP_NTZ"}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def spark_type(duckdb_type: str) -> str:
    """The Spark SQL type that holds the same values as a DuckDB type.

    >>> spark_type("BIGINT"), spark_type("DECIMAL(38,10)"), spark_type("TIMESTAMP")
    ('BIGINT', 'DECIMAL(38,10)', 'TIMESTAMP_NTZ')
    """
    name = duckdb_type.strip().upper()
    if name in _INTEGRAL:
        return _INTEGRAL[name]
    if name in _PLAIN:
        return _PLAIN[name]
    m = _DECIMAL.fullmatch(name)
    if m:
        return f"DECIMAL({m.group(1)},{m.group(2)})"
    raise NotOnSpark(f"a column of type {duckdb_type} cannot be read on Spark",
                     "declare the column as text, integer, decimal, double, date, timestamp or boolean")


# --------------------------------------------------------------------------- dates

# strftime directive -> (Java pattern, fixed width when another number follows directly)
_DIRECTIVES = {"Y": ("yyyy", "yyyy"), "y": ("yy", "yy"), "m": ("M", "MM"), "d": ("d", "dd"),
               "H": ("H", "HH"), "I": ("h", "hh"), "M": ("m", "mm"), "S": ("s", "ss"),
               "j": ("D", "DDD"), "b": ("MMM", "MMM"), "h": ("MMM", "MMM"), "B": ("MMMM", "MMMM"),
               "a": ("EEE", "EEE"), "A": ("EEEE", "EEEE"), "p": ("a", "a")}
_NUMERIC = set("YymdHIMSj")


def java_date_pattern(strftime: str) -> str:
    """The Spark (Java ``DateTimeFormatter``) pattern for a strftime date format.

    DuckDB's ``%m`` and ``%d`` read one or two digits, so they become ``M`` and ``d``;
    between two numbers with nothing to separate them they must be fixed-width. Text
    between directives is quoted, so no letter of it is read as a pattern letter.

    >>> java_date_pattern("%Y-%m-%d"), java_date_pattern("%d/%m/%Y"), java_date_pattern("%Y%m%d")
    ("yyyy'-'M'-'d", "d'/'M'/'yyyy", 'yyyyMMdd')
    >>> java_date_pattern("%d %B %Y at %H:%M")
    "d' 'MMMM' 'yyyy' at 'H':'m"
    """
    tokens: list[tuple[str, str]] = []  # ("d", directive) or ("t", literal text)
    i = 0
    while i < len(strftime):
        ch = strftime[i]
        if ch == "%" and i + 1 < len(strftime):
            code = strftime[i + 1]
            if code == "%":
                tokens.append(("t", "%"))
            elif code in _DIRECTIVES:
                tokens.append(("d", code))
            else:
                raise NotOnSpark(f"the date format {strftime!r} uses %{code}, which factcheck cannot read on Spark",
                                 "use %Y, %m, %d, %b, %B, %H, %M, %S, %I, %p, %j, %a or %A")
            i += 2
            continue
        tokens.append(("t", ch))
        i += 1
    out: list[str] = []
    literal = ""
    for k, (kind, value) in enumerate(tokens):
        if kind == "t":
            literal += value
            continue
        if literal:
            out.append("'" + literal.replace("'", "''") + "'")
            literal = ""
        neighbours = [tokens[j] for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
        adjacent = value in _NUMERIC and any(t == "d" and v in _NUMERIC for t, v in neighbours)
        out.append(_DIRECTIVES[value][1 if adjacent else 0])
    if literal:
        out.append("'" + literal.replace("'", "''") + "'")
    return "".join(out)


def date_sql(raw: str, strftime: str) -> str:
    """Spark SQL reading the text column ``raw`` as a DATE written in ``strftime``; NULL if it is not one.

    A two-digit year (``%y``) is 1969-2068 in DuckDB (POSIX) but 2000-2099 in Java:
    years from 2069 on are moved back a century.

    >>> date_sql("t", "%Y")
    "CAST(try_to_timestamp(t, 'yyyy') AS DATE)"
    >>> "add_months" in date_sql("t", "%d.%m.%y")
    True
    """
    parsed = f"CAST(try_to_timestamp({raw}, {_sql_string(java_date_pattern(strftime))}) AS DATE)"
    if "%y" not in strftime.replace("%%", ""):
        return parsed
    return f"(CASE WHEN year({parsed}) >= 2069 THEN add_months({parsed}, -1200) ELSE {parsed} END)"


# --------------------------------------------------------------------------- CSV options

_CHARSETS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "iso8859-1": "ISO-8859-1", "ascii": "US-ASCII",
             "utf-16": "UTF-16", "utf-16-be": "UTF-16BE", "utf-16-le": "UTF-16LE", "utf-32": "UTF-32"}


def spark_charset(encoding: str | None) -> str:
    """Spark's name for a Python encoding name (``latin-1`` -> ``ISO-8859-1``).

    >>> spark_charset("latin-1"), spark_charset(None), spark_charset("UTF8")
    ('ISO-8859-1', 'UTF-8', 'UTF-8')
    """
    if not encoding:
        return "UTF-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding.lower()
    if name not in _CHARSETS:
        raise NotOnSpark(f"Spark cannot read files in the encoding {encoding!r}",
                         "convert the file to UTF-8 (iconv -f ENCODING -t UTF-8), or run it on DuckDB")
    return _CHARSETS[name]


@dataclass(frozen=True)
class CsvLayout:
    """factcheck's ``csv:`` reading options, with their defaults filled in."""

    delimiter: str = ","
    header: bool = True
    skip: int = 0
    nulls: tuple[str, ...] = ("",)
    encoding: str | None = None
    quote: str = '"'
    date_format: str = "%Y-%m-%d"

    @classmethod
    def of(cls, decl: Table, found: PurePath | None = None) -> CsvLayout:
        """The options of ``decl`` (its file ``found``, whose ending gives the default delimiter)."""
        o = decl.csv
        if o is None:
            return cls(delimiter=decl.delimiter(found))
        nulls = (o.null,) if isinstance(o.null, str) else tuple(o.null) if o.null is not None else ("",)
        return cls(delimiter=decl.delimiter(found), header=o.header, skip=o.skip, nulls=nulls,
                   encoding=o.encoding, quote=o.quote or '"', date_format=o.date_format)

    @property
    def lines_before_data(self) -> int:
        return self.skip + (1 if self.header else 0)


# --------------------------------------------------------------------------- reading

@dataclass
class SparkTable:
    """A table read by Spark: the typed frame (a plan over the file, checked) and its number of rows."""

    frame: "DataFrame"   # the needed columns, typed as DuckDB types them (+ __row when asked); not cached
    rows: int


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _sql_string(text: str) -> str:
    """A Spark SQL string literal: backslashes and single quotes escaped with a backslash."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _converted(raw: str, duckdb_type: str, layout: CsvLayout) -> str:
    """Spark SQL turning the string column ``raw`` into the DuckDB type, NULL where it does not convert."""
    target = spark_type(duckdb_type)
    name = duckdb_type.strip().upper()
    if target == "STRING":
        return raw
    if name in _INTEGRAL:
        # DuckDB reads '1.5' as 2 and '1e3' as 1000 into an integer column: through an exact decimal
        return (f"coalesce(try_cast({raw} AS {target}), "
                f"try_cast(round(try_cast({raw} AS DECIMAL(38,10)), 0) AS {target}))")
    if target == "DATE":
        return date_sql(raw, layout.date_format)
    return f"try_cast({raw} AS {target})"


def read_csv(spark: "SparkSession", path: str, layout: CsvLayout, header: Sequence[str],
             types: Mapping[str, str], columns: Sequence[str], *, shown: str | None = None,
             row_order: bool = False, multiline: bool = True,
             hold: Callable[[DataFrame], DataFrame] | None = None) -> SparkTable:
    """Read ``columns`` of a CSV file with Spark, typed as ``types`` (DuckDB type names), checked.

    ``header`` lists every column of the file in order (from the header line or ``names:``);
    it fixes how many fields a row must have. ``multiline`` lets a quoted field hold line
    breaks, as DuckDB allows, at the price of reading each file in one task; without it a
    large file is read in parallel. Raises :class:`DataError` naming the line and column of
    the first values that do not fit, like the DuckDB reader. ``hold`` keeps the checked rows
    (the caller's choice of cache or checkpoint), so the file is parsed once; without it the
    frame is a plan over the file, read again by each query.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    shown = shown or path
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError([Problem(f"the file has no column {', '.join(repr(c) for c in missing)}", file=shown,
                                 hint=f"its columns: {', '.join(header)}")])
    try:
        charset = spark_charset(layout.encoding)
        converted = {c: _converted(f"__fc_raw{header.index(c)}", types[c], layout) for c in columns}
    except NotOnSpark as exc:
        raise DataError([Problem(exc.message, file=shown, hint=exc.hint)]) from None
    fields = [T.StructField(f"__fc_raw{i}", T.StringType()) for i in range(len(header))]
    schema = T.StructType([*fields, T.StructField(_BAD_SHAPE, T.StringType())])
    spark_header = layout.header and layout.skip == 0  # Spark drops the first line itself
    reader = (spark.read.schema(schema)
              .option("header", spark_header).option("enforceSchema", True)
              .option("sep", layout.delimiter).option("quote", layout.quote).option("escape", layout.quote)
              .option("encoding", charset).option("multiLine", multiline)
              .option("nullValue", _UNSET).option("emptyValue", "")
              .option("ignoreLeadingWhiteSpace", False).option("ignoreTrailingWhiteSpace", False)
              .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", _BAD_SHAPE))
    raw = reader.csv(path).withColumn(_ID, F.monotonically_increasing_id())
    dropped = 0 if spark_header else layout.lines_before_data
    if dropped:  # lines before the data: the first rows of the first split, which starts the file
        raw = raw.where(F.col(_ID) >= dropped)
    nulls = list(layout.nulls)
    cleaned = []
    for c in columns:
        i = header.index(c)
        col = F.col(f"__fc_raw{i}")
        text = F.when(col == _UNSET, F.lit("")).otherwise(col)
        if nulls:
            text = F.when(text.isin(nulls), F.lit(None).cast("string")).otherwise(text)
        cleaned.append(text.alias(f"__fc_raw{i}"))
    # Spark refuses a query of a raw file that names no field but the corrupt-record column: a table
    # of which no column is used (a count of its rows) keeps its first field
    anchor = [] if columns else [F.col("__fc_raw0").alias(_ANCHOR)]
    staged = raw.select(F.col(_ID), F.col(_BAD_SHAPE), *cleaned, *anchor)
    typed: list[Column] = [F.expr(converted[c]).alias(c) for c in columns]
    flags = [(F.col(f"__fc_raw{header.index(c)}").isNotNull() & F.expr(converted[c]).isNull()).alias(f"__fc_bad{k}")
             for k, c in enumerate(columns) if spark_type(types[c]) != "STRING"]
    bad_names = [f"__fc_bad{k}" for k, c in enumerate(columns) if spark_type(types[c]) != "STRING"]
    # one pass over the file counts what does not fit, nothing cached: Spark reads only the fields
    # the flags need, and building an in-memory copy here (then another with the derives) was most
    # of a read's time (docs/engines.md); the caller keeps the finished table once
    checked = staged.select(F.col(_ID), F.col(_BAD_SHAPE), *typed, *flags, *([] if columns else [F.col(_ANCHOR)]))
    if hold is not None:
        checked = hold(checked)
    stats = checked.agg(F.count(F.lit(1)).alias("rows"),
                        F.count(F.col(_quote(columns[0]) if columns else _ANCHOR)).alias("anchor"),
                        F.count(F.col(_BAD_SHAPE)).alias("shape"),
                        *[F.count_if(F.col(b)).alias(b) for b in bad_names]).collect()[0].asDict()
    if stats["shape"] or any(stats[b] for b in bad_names):
        detail = staged.select(F.col(_ID), F.col(_BAD_SHAPE), *[F.col(f"__fc_raw{header.index(c)}") for c in columns],
                               *flags).cache()
        try:
            problems = _problems(detail, stats, layout, header, columns, types, bad_names, shown)
        finally:
            detail.unpersist()
        raise DataError(problems)
    keep = [F.col(_quote(c)) for c in columns]
    if row_order:
        keep.append(F.col(_ID).alias(ROW_ORDER))
    frame = checked.select(*keep)
    return SparkTable(frame, int(stats["rows"]))


def read_parquet(spark: "SparkSession", path: str, columns: Sequence[str], *, shown: str | None = None,
                 row_order: bool = False) -> SparkTable:
    """Read ``columns`` of a Parquet file as they are typed in it (only those columns are read)."""
    from pyspark.sql import functions as F

    df = spark.read.parquet(path)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError([Problem(f"the file has no column {', '.join(repr(c) for c in missing)}",
                                 file=shown or path, hint=f"its columns: {', '.join(df.columns)}")])
    keep = [F.col(_quote(c)) for c in columns]
    if row_order:
        keep.append(F.monotonically_increasing_id().alias(ROW_ORDER))
    frame = df.select(*keep)
    return SparkTable(frame, frame.count())  # the file's own row count: no rows read


# --------------------------------------------------------------------------- located problems

def _line_of(row_id: int, sizes: Mapping[int, int], layout: CsvLayout, spark_header: bool) -> int:
    """The line of the file a row starts on (no quoted line breaks before it), from its Spark row id.

    ``monotonically_increasing_id`` is the split's number in the upper bits and the row's
    index in the split below; the splits of one file are in file order.
    """
    split, index = row_id >> 33, row_id & ((1 << 33) - 1)
    before = sum(n for s, n in sizes.items() if s < split)
    return before + index + 1 + (1 if spark_header else 0)


def _problems(checked: "DataFrame", stats: Mapping[str, Any], layout: CsvLayout, header: Sequence[str],
              columns: Sequence[str], types: Mapping[str, str], bad_names: list[str],
              shown: str) -> list[Problem]:
    """Every kind of fault found, with the first lines that show it (a second look, only on failure)."""
    from pyspark.sql import functions as F

    spark_header = layout.header and layout.skip == 0
    sizes = {int(r[0]): int(r[1]) for r in
             checked.groupBy(F.shiftright(F.col(_ID), 33).alias("s")).count().collect()}
    if not spark_header and layout.lines_before_data:  # rows dropped from the first split before counting
        sizes[0] = sizes.get(0, 0) + layout.lines_before_data
    problems: list[Problem] = []
    if stats["shape"]:
        first = checked.where(F.col(_BAD_SHAPE).isNotNull()).orderBy(_ID).select(_ID, _BAD_SHAPE).first()
        assert first is not None
        line = _line_of(int(first[0]), sizes, layout, spark_header)
        fields = next(csv.reader(io.StringIO(first[1]), delimiter=layout.delimiter, quotechar=layout.quote), [])
        plural = "s" if len(fields) != 1 else ""
        problems.append(Problem(f"line {line} has {len(fields)} field{plural}, the header has {len(header)}",
                                file=shown, line=line,
                                hint="a value with the delimiter in it needs quotes; or the row is cut short"))
    typed_columns = [c for c in columns if spark_type(types[c]) != "STRING"]
    for flag, column in zip(bad_names, typed_columns, strict=False):
        if not stats[flag]:
            continue
        raw = f"__fc_raw{header.index(column)}"
        first = checked.where(F.col(flag)).orderBy(_ID).select(_ID, raw).first()
        assert first is not None
        line = _line_of(int(first[0]), sizes, layout, spark_header)
        kind = spark_type(types[column]).split("(")[0].lower()
        more = f" ({stats[flag]} values in all)" if stats[flag] > 1 else ""
        problems.append(Problem(
            f"line {line}, column '{column}': value '{first[1]}' is not a valid {_type_word(kind)}{more}",
            file=shown, line=line, column=column,
            hint=(f"dates are read as {layout.date_format}; set csv: {{date_format: …}}" if kind == "date"
                  else f"declare the column's type (columns: {{{column}: text}}) or fix the value")))
    return problems


def _type_word(kind: str) -> str:
    return {"bigint": "integer", "int": "integer", "smallint": "integer", "tinyint": "integer",
            "timestamp_ntz": "timestamp", "double": "number", "float": "number"}.get(kind, kind)
