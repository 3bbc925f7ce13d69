"""The claims file: its pydantic models and how it is loaded.

A claims file is YAML (see ``docs/claims-format.md``). Loading it does three
things, and reports every problem of a kind together before giving up:

1. parse YAML safely, keeping line numbers (``yamlsource``);
2. validate the structure with the models below (``extra="forbid"``: an unknown
   field is an error, not something silently ignored);
3. check what needs no data: duplicate claim ids, expectations that cannot be
   read, vocabulary overrides. Names of columns are checked later, against the
   data files' headers (``plan.py``).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ClaimsFileError, Problem
from .measures import KINDS as _REGISTRY
from .measures import Measure, kind_named, kind_of
from .measures import Scalar as Scalar
from .yamlsource import LineMap, load_yaml


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        if value is not None and value.lower() not in COLUMN_TYPES:
            raise ValueError(f"unknown column type '{value}'; use one of: {', '.join(sorted(set(COLUMN_TYPES)))}")
        return value.lower() if value else value


class Table(_Model):
    """A data file and what the claims file declares about it."""
    path: str
    format: Literal["csv", "parquet"] | None = None
    key: str | None = None
    time: str | list[str] | None = None
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


class ClaimsFile(_Model):
    """A whole claims file."""
    version: Literal[1] = 1
    title: str | None = None
    article: str | None = None
    tables: dict[str, Table]
    claims: list[Claim]
    vocabulary: dict[str, Any] | None = None


# --------------------------------------------------------------------------- loading

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


def load(path: str | Path) -> LoadedClaims:
    """Read and validate a claims file; raise :class:`ClaimsFileError` listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClaimsFileError([Problem("no such claims file", file=str(path),
                                       hint="check the path; it is relative to where you run factcheck")])
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimsFileError([Problem(f"cannot read the claims file: {exc}", file=str(path))])
    data, lines = load_yaml(path, text)
    if not isinstance(data, dict):
        raise ClaimsFileError([Problem("a claims file is a mapping with 'version', 'tables' and 'claims'",
                                       file=str(path), line=1)])
    try:
        model = ClaimsFile.model_validate(data)
    except ValidationError as exc:
        raise ClaimsFileError(_problems_from(exc, data, lines, str(path)))
    problems = _duplicate_ids(model, lines, str(path))
    if problems:
        raise ClaimsFileError(problems)
    return LoadedClaims(model, path, lines, text)


def _duplicate_ids(model: ClaimsFile, lines: LineMap, file: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, claim in enumerate(model.claims):
        if claim.id in seen:
            problems.append(Problem(
                f"claim id '{claim.id}' is used twice", file=file, line=lines.line(("claims", i, "id")),
                claim=claim.id, hint=f"the first is claim #{seen[claim.id] + 1}; ids must be unique so results can be compared"))
        seen.setdefault(claim.id, i)
    return problems


_MEASURE_KEYS = {"measure", "change", "extreme", "numerator", "denominator", "by"}


def _yaml_path(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union tags (measure kinds) and map aliases back to YAML keys."""
    out: list[str | int] = []
    stripped_prev = False
    for i, part in enumerate(loc):
        if i and not stripped_prev and part in KINDS and loc[i - 1] in _MEASURE_KEYS:
            stripped_prev = True
            continue
        stripped_prev = False
        out.append({"from_": "from", "as_": "as", "is_": "is"}.get(part, part) if isinstance(part, str) else part)
    return tuple(out)


def _claim_id(data: Any, path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "claims" and isinstance(path[1], int):
        try:
            cid = data["claims"][path[1]].get("id")
            return str(cid) if cid is not None else f"#{path[1] + 1}"
        except (KeyError, IndexError, TypeError, AttributeError):
            return None
    return None


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _problems_from(exc: ValidationError, data: Any, lines: LineMap, file: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        path = _yaml_path(err["loc"])
        message, hint = _explain(err, path, data)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(message, file=file, line=lines.line(path),
                                claim=_claim_id(data, path), hint=hint))
    return problems


def _explain(err: Any, path: tuple[str | int, ...], data: Any) -> tuple[str, str | None]:
    """Turn one pydantic error into a sentence and a hint for a person."""
    kind_, field = err["type"], ".".join(str(p) for p in path)
    last = path[-1] if path else ""
    if kind_ == "extra_forbidden":
        parent = _get(data, path[:-1])
        allowed = _allowed_fields(path[:-1], parent)
        close = difflib.get_close_matches(str(last), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (f"allowed here: {', '.join(allowed)}" if allowed else None)
        return f"unknown field '{last}'", hint
    if kind_ == "missing":
        return f"'{last}' is missing", _missing_hint(str(last))
    if kind_ == "measure_kind":
        value = _get(data, path)
        if isinstance(value, dict):
            present = [k for k in KINDS if k in value]
            if len(present) > 1:
                return (f"a measure has one kind, this one has {len(present)}: {', '.join(present)}",
                        "nest the inner measure, e.g. change: {count: cases}")
            unknown = [k for k in value if k not in {"where", "of", "unit", "over", "n", "by"}]
            close = difflib.get_close_matches(unknown[0], list(KINDS), n=1) if unknown else []
            return ("unknown measure kind" + (f" '{unknown[0]}'" if unknown else ""),
                    (f"did you mean '{close[0]}'? " if close else "") + "measure kinds: " + ", ".join(KINDS))
        return "a measure must be a mapping such as {count: cases}", "measure kinds: " + ", ".join(KINDS)
    if kind_ == "literal_error":
        return f"'{field}' must be {err['ctx'].get('expected', '')}", None
    if kind_ == "string_pattern_mismatch" and last == "id":
        return "a claim id may hold letters, digits, '-', '_' and '.'", "e.g. id: facebook-online-recruitment"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if not path or isinstance(last, int):
        return msg, None
    return f"'{field}': {msg}", None


def _allowed_fields(path: tuple[str | int, ...], parent: Any) -> list[str]:
    if not path:
        return list(ClaimsFile.model_fields)
    if path[0] == "tables":
        model: type[BaseModel] = {3: CsvOptions, 4: ColumnSpec}.get(len(path), Table)  # type: ignore[assignment]
        if len(path) == 3 and path[2] == "csv":
            model = CsvOptions
        return [f.alias or n for n, f in model.model_fields.items()]
    if path[0] == "claims" and len(path) == 2:
        return list(Claim.model_fields)
    if isinstance(parent, dict):
        k = kind_named(parent)
        if k:
            return [f.alias or n for n, f in KINDS[k].model_fields.items()]
    return []


def _missing_hint(name: str) -> str | None:
    return {
        "tables": "declare the data files, e.g. tables: {cases: {path: ../data/cases.csv}}",
        "claims": "list the claims, each with id, says, measure and expect",
        "says": "quote the article's sentence, e.g. says: Prosecutors filed 165 new cases.",
        "path": "the data file, relative to the claims file",
        "of": "name the table, e.g. of: victims",
        "over": "the column that holds the periods, e.g. over: filed_year",
        "is": "say is: lowest or is: highest",
    }.get(name)
