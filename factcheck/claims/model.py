"""The claims file's structure: pydantic models of its tables and claims, and
:class:`LoadedClaims`, a validated file with its path and line numbers.

A claims file is YAML (see ``docs/claims-format.md``); :mod:`factcheck.claims.loading` reads
it and validates it with :class:`ClaimsFile`. The models forbid unknown fields
(``extra="forbid"``), so a misspelt key is an error, not something silently ignored. Each
measure kind's model lives in its module of :mod:`factcheck.measures`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import HintedError as HintedError
from ..measures import KINDS as _REGISTRY
from ..measures import Measure, kind_of
from ..measures import Scalar as Scalar
from .yamlsource import LineMap


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


# --------------------------------------------------------------------------- measures
# Each measure kind's model lives in its module of factcheck.measures; the union is built there.

KINDS: dict[str, type[BaseModel]] = {name: k.model for name, k in _REGISTRY.items()}


def kind(measure: BaseModel) -> str:
    """The measure's kind name: ``kind(Share(share=…, of=…)) == "share"``."""
    return kind_of(measure)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- tables

class CsvOptions(_Model):
    """Reading options for a CSV file that needs them."""
    delimiter: str | None = None
    header: bool = True
    skip: int = Field(0, ge=0)
    names: list[str] | None = None
    null: list[str] | str | None = None
    encoding: str | None = None
    quote: str | None = None
    date_format: str = Field("%Y-%m-%d", description="how dates are written (strftime codes); "
                             "fixed so a refreshed file in another format is caught, not re-guessed")

    @field_validator("delimiter", "quote")
    @classmethod
    def _one_character(cls, value: str | None, info: Any) -> str | None:
        if value is not None and (len(value) != 1 or value in "\r\n"):
            example = ("delimiter: ';' (a tab is \"\\t\", in double quotes)" if info.field_name == "delimiter"
                       else "quote: \"'\"")
            raise HintedError(f"must be a single character, not {value!r}", f"write e.g. {example}")
        return value

    @field_validator("encoding")
    @classmethod
    def _readable_encoding(cls, value: str | None) -> str | None:
        import codecs

        from ..sources.datafiles import duckdb_encoding
        if value is None or duckdb_encoding(value) is not None:
            return value
        readable = "factcheck reads utf-8, utf-16 (little-endian, with or without a byte-order mark) and latin-1"
        try:
            codecs.lookup(value)
        except LookupError:
            raise HintedError(f"unknown encoding {value!r}", readable) from None
        raise HintedError(f"factcheck cannot read files in the encoding {value!r}",
                          f"{readable}; convert the file to UTF-8 (e.g. iconv -f {value} -t utf-8)")

    @field_validator("names")
    @classmethod
    def _distinct_names(cls, value: list[str] | None) -> list[str] | None:
        seen: dict[str, int] = {}
        for i, name in enumerate(value or []):
            if name.lower() in seen:
                raise HintedError(f"names {seen[name.lower()] + 1} and {i + 1} are both {name!r} "
                                  "(column names are compared without regard to capitals)",
                                  "give every column its own name")
            seen[name.lower()] = i
        return value

    @model_validator(mode="after")
    def _delimiter_is_not_the_quote(self) -> "CsvOptions":
        if (self.delimiter or ",") == (self.quote or '"'):
            raise HintedError("the delimiter and the quote are the same character",
                              "the quote encloses values that hold the delimiter; choose two different characters")
        return self


COLUMN_TYPES = {
    "integer": "BIGINT", "int": "BIGINT", "bigint": "BIGINT", "number": "DOUBLE",
    "float": "DOUBLE", "double": "DOUBLE", "decimal": "DECIMAL(38,10)", "text": "VARCHAR",
    "string": "VARCHAR", "varchar": "VARCHAR", "date": "DATE", "timestamp": "TIMESTAMP",
    "datetime": "TIMESTAMP", "boolean": "BOOLEAN", "bool": "BOOLEAN",
}


class ColumnSpec(_Model):
    """A column's contract: its type, the values it may hold, whether it may be empty."""
    type: str | None = None
    allowed: list[Scalar] | None = None
    nullable: bool = True
    unique: bool = False
    blank: Scalar | None = Field(None, description="what an empty value means: unknown (the default, "
                                 "left out of shares and means) or this value, e.g. blank: none")
    counts: str | None = Field(None, description="what each row's value is a number of, when the rows are "
                               "already counts (one row per prison and year holding its inmates): counts: "
                               "inmates. A sum of the column rests on that many, not on its rows (small_base)")

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        if value is not None and value.lower() not in COLUMN_TYPES:
            from ..suggestions import did_you_mean, suggest
            close = did_you_mean(suggest(value.lower(), COLUMN_TYPES, n=1))
            known = ", ".join(sorted(set(COLUMN_TYPES)))
            raise ValueError(f"unknown column type '{value}': {close} (the types: {known})" if close
                             else f"unknown column type '{value}'; use one of: {known}")
        return value.lower() if value else value

    @model_validator(mode="after")
    def _allowed_fits(self) -> "ColumnSpec":
        problem = allowed_problem(self.allowed, self.type)
        if problem:
            raise HintedError(*problem)
        return self

    @model_validator(mode="after")
    def _counts_are_whole(self) -> "ColumnSpec":
        if self.counts is None:
            return self
        if not _NOUN.fullmatch(self.counts):
            raise HintedError(f"counts: {self.counts!r} should name what each value is a number of, in a word "
                              "or two", "e.g. counts: inmates, counts: students, counts: people")
        if self.type is not None and COLUMN_TYPES[self.type] not in ("BIGINT", "DECIMAL(38,10)"):
            raise HintedError(f"counts: {self.counts} says the values are numbers of {self.counts}, which are "
                              f"whole numbers, but the column is declared type: {self.type}",
                              "declare type: integer, or leave type: out")
        return self


_NOUN = re.compile(r"[^\W\d_][\w' -]{0,39}")
"""What ``counts:`` names: a word or a few, starting with a letter (``inmates``, ``people in custody``)."""


def value_kind(value: Scalar) -> str:
    """'boolean', 'number' or 'text': what kind of value a YAML scalar is."""
    return "boolean" if isinstance(value, bool) else "number" if isinstance(value, (int, float)) else "text"


def allowed_problem(allowed: list[Scalar] | None, type_: str | None) -> tuple[str, str] | None:
    """What is wrong with an ``allowed:`` list for a column of this declared type, with a hint."""
    import datetime as dt
    import math

    if allowed is None:
        return None
    if not allowed:
        return ("'allowed: []' lists no value, so it would check nothing",
                "list the values the column may hold, or remove allowed:")
    kinds = {value_kind(v) for v in allowed}
    if len(kinds) > 1:
        shown = ", ".join(f"{v!r} ({value_kind(v)})" for v in allowed[:6])
        return (f"allowed mixes kinds of values: {shown}",
                "a column holds one kind of value; quote every value ('1', 'yes') to compare them as text")
    if any(isinstance(v, float) and not math.isfinite(v) for v in allowed):
        return ("allowed holds a value that is not a finite number (.nan or .inf)", "list real values only")
    sql_type = COLUMN_TYPES.get(type_ or "")
    kind = kinds.pop()
    if sql_type is None or sql_type == "VARCHAR":
        return None  # compared with the column as read (text columns compare as text)
    wanted = {"BIGINT": "number", "DOUBLE": "number", "DECIMAL(38,10)": "number", "BOOLEAN": "boolean",
              "DATE": "text", "TIMESTAMP": "text"}[sql_type]
    if kind != wanted:
        return (f"allowed holds {kind} values, but the column is declared {type_}",
                f"list {type_} values, e.g. {_allowed_example(sql_type)}")
    for v in allowed:
        if sql_type == "BIGINT" and not float(v).is_integer():
            return (f"allowed holds {v!r}, which is not an integer, but the column is declared {type_}",
                    "declare the column number, or list whole numbers")
        if sql_type in ("DATE", "TIMESTAMP"):
            try:
                (dt.date if sql_type == "DATE" else dt.datetime).fromisoformat(str(v))
            except ValueError:
                return (f"allowed holds {v!r}, which is not a {type_} written YYYY-MM-DD",
                        f"list {type_} values, e.g. {_allowed_example(sql_type)}")
    return None


def _allowed_example(sql_type: str) -> str:
    return {"BOOLEAN": "[true, false]", "DATE": "['2020-01-01', '2020-07-01']",
            "TIMESTAMP": "['2020-01-01 00:00:00']"}.get(sql_type, "[1, 2, 3]")


PARQUET_ENDINGS = (".parquet", ".pq")
"""The endings that make a table's file Parquet when it has no ``format:``."""
TAB_ENDINGS = (".tsv", ".tab")
"""Endings of files whose values are separated by tabs (``.tsv.gz`` too): read so without ``csv: {delimiter}``."""


class Table(_Model):
    """A data file and what the claims file declares about it."""
    path: str
    format: Literal["csv", "parquet"] | None = None
    key: str | list[str] | None = Field(None, description="the column naming one row, or the columns that do "
                                        "together (key: [district_id, school_year])")
    time: str | list[str] | None = None
    reported_by: str | None = Field(None, description="the column naming who reports the rows (a hospital, "
                                    "a state): each value has rows every period from its first to its last, so "
                                    "a period without a row of it is a missing report, not a zero")
    closed: list[Scalar] = Field([], description="groups of reported_by known to have closed (a prison shut, a "
                                 "station retired): no row after their last is no warning (group_ended)")
    csv: CsvOptions | None = None
    columns: dict[str, ColumnSpec] = {}
    derive: dict[str, str] = {}
    lookup: dict[str, str] = {}
    optional: bool = Field(False, description="a missing file makes its claims 'table_missing' instead of an error")

    @field_validator("columns", mode="before")
    @classmethod
    def _short_columns(cls, value: Any) -> Any:
        # `columns: {filed_date: date}` is short for `{filed_date: {type: date}}`
        if isinstance(value, dict):
            return {k: ({"type": v} if isinstance(v, str) else v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _closed_needs_reporters(self) -> Table:
        if self.closed and self.reported_by is None:
            raise HintedError("closed names groups of reported_by, and this table declares none",
                              "declare who reports the rows, e.g. reported_by: facility, or leave out closed")
        return self

    def file_format(self, found: PurePath | None = None) -> str:
        """``format:`` when given, else ``parquet`` for a file ending in .parquet or .pq, else ``csv``.
        The ending is the file ``found`` (a link's target), when given, else the path written."""
        if self.format:
            return self.format
        return "parquet" if (found or PurePosixPath(self.path)).suffix.lower() in PARQUET_ENDINGS else "csv"

    def delimiter(self, found: PurePath | None = None) -> str:
        """``csv: {delimiter}`` when given, else a tab for a file ending in .tsv or .tab (or those with
        .gz after), else a comma. Read with commas, a tab-separated file is one column, and every claim
        on it stops at "no column"; the ending says what the file is, as it says Parquet."""
        if self.csv is not None and self.csv.delimiter:
            return self.csv.delimiter
        name = (found or PurePosixPath(self.path)).name.lower().removesuffix(".gz")
        return "\t" if name.endswith(TAB_ENDINGS) else ","

    @field_validator("key")
    @classmethod
    def _key_columns(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list):
            if not value:
                raise ValueError("a key names at least one column: key: id, or key: [district_id, school_year]")
            if len(set(value)) < len(value):
                raise ValueError("a key names each of its columns once")
            return value[0] if len(value) == 1 else value
        return value

    def key_columns(self) -> list[str]:
        """The columns of the key: one, or those that name a row together."""
        if self.key is None:
            return []
        return [self.key] if isinstance(self.key, str) else list(self.key)

    def time_columns(self) -> list[str]:
        if self.time is None:
            return []
        return [self.time] if isinstance(self.time, str) else list(self.time)


# --------------------------------------------------------------------------- claims

class Claim(_Model):
    """One figure or checkable statement of the article."""
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=120)
    says: str
    measure: Measure | None = None
    expect: Any = None
    unverifiable: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _measure_or_reason(self) -> "Claim":
        if self.unverifiable is not None:
            return self
        if self.measure is None:
            # a figure noted but not yet encoded: judged unverifiable (not_encoded); see `factcheck suggest`
            return self
        if self.expect is None:
            raise ValueError("a claim with a measure needs 'expect': what the article says, e.g. expect: 59%")
        return self


class IgnoreEntry(_Model):
    """A figure of the article deliberately left unchecked: its sentence (or a part), the figure, why."""
    sentence: str = Field(min_length=1)
    figure: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class ClaimsFile(_Model):
    """A whole claims file."""
    version: Literal[1] = 1
    title: str | None = None
    article: str | None = None
    tables: dict[str, Table]
    claims: list[Claim]
    vocabulary: dict[str, Any] | None = None
    ignore: list[IgnoreEntry] = Field([], description="figures of the article deliberately not checked")


# --------------------------------------------------------------------------- loaded

class LoadedClaims:
    """A validated claims file with where it came from and its line numbers."""

    def __init__(self, model: ClaimsFile, path: Path, lines: LineMap, text: str) -> None:
        self.model = model
        self.path = path
        self.lines = lines
        self.text = text

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def claim_line(self, index: int, *rest: str | int) -> int | None:
        return self.lines.line(("claims", index, *rest))

    def table_line(self, table: str, *rest: str | int) -> int | None:
        return self.lines.line(("tables", table, *rest))

    def __repr__(self) -> str:
        return f"LoadedClaims({str(self.path)!r}, {len(self.model.claims)} claims)"
