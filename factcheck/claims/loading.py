"""Loading a claims file: YAML with line numbers, validated by the models, every problem located.

Loading does three things, and reports every problem of a kind together before giving up:

1. parse YAML safely, keeping line numbers (:mod:`factcheck.claims.yamlsource`);
2. validate the structure with the models of :mod:`factcheck.claims.model` (``extra="forbid"``:
   an unknown field is an error, not something silently ignored);
3. check what needs no data: duplicate claim ids. Expectations are read when the claims are
   planned, and names of columns are checked against the data files' headers then too.

Each pydantic error becomes a :class:`~factcheck.errors.Problem` with the file, the line,
the claim and a hint for a person.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ClaimsFileError, Problem
from ..measures import kind_named, kinds_in
from ..suggestions import did_you_mean, suggest
from .model import KINDS, Claim, ClaimsFile, ColumnSpec, CsvOptions, LoadedClaims, Table
from .yamlsource import LineMap, load_yaml, read_claims_text


def load(path: str | Path) -> LoadedClaims:
    """Read and validate a claims file; raise :class:`ClaimsFileError` listing every problem."""
    path = Path(path)
    text = read_claims_text(path)  # a regular UTF-8 file of bounded size; a FIFO never blocks
    data, lines = load_yaml(path, text)
    if not isinstance(data, dict):
        raise ClaimsFileError([Problem("a claims file is a mapping with 'version', 'tables' and 'claims'",
                                       file=str(path), line=1)])
    try:
        model = ClaimsFile.model_validate(data)
    except ValidationError as exc:
        raise ClaimsFileError(_problems_from(exc, data, lines, str(path), text)) from None
    problems = _duplicate_ids(model, lines, str(path)) + _csv_options_on_parquet(model, lines, str(path))
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


def _csv_options_on_parquet(model: ClaimsFile, lines: LineMap, file: str) -> list[Problem]:
    """``csv:`` on a Parquet table: options it would ignore without a word (a Parquet file has its
    own types and nulls), so refused, at the line of ``csv:``."""
    problems = []
    for name, table in model.tables.items():
        if table.csv is None or table.file_format() != "parquet":
            continue
        why = "format: parquet" if table.format else f"its path ends in {PurePosixPath(table.path).suffix}"
        problems.append(Problem(
            f"table '{name}' is a Parquet file ({why}), so its csv: options would be ignored",
            file=file, line=lines.line(("tables", name, "csv")) or lines.line(("tables", name)),
            hint="csv: options apply to CSV files; a Parquet file carries its own column types and nulls: remove csv:"
                 + ("" if table.format else " (or, if the file really is CSV, say format: csv)")))
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


def _problems_from(exc: ValidationError, data: Any, lines: LineMap, file: str, text: str = "") -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    source = text.splitlines()
    for err in exc.errors():
        loc = err["loc"]
        if len(loc) > 1 and loc[-1] in _ONE_VALUE and isinstance(err.get("input"), (dict, list)):
            path = _yaml_path(loc[:-1])  # pydantic tried each kind of one value: the mistake is one
            if (path, "one value") not in seen:
                seen.add((path, "one value"))
                said, advice = _not_one_value(path[-1] if path else "", err["input"])
                problems.append(Problem(said, file=file, line=lines.line(path), claim=_claim_id(data, path),
                                        hint=advice))
            continue
        path = _yaml_path(loc)
        line = lines.line(path)
        message, hint = _explain(err, path, data)
        if err["type"] in _WRONG_TYPE and path and isinstance(path[-1], str):
            written = source[line - 1] if line and 0 < line <= len(source) else ""
            message, hint = _wrong_type(err["type"], path[-1], err.get("input"), written, message, hint)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(message, file=file, line=line, claim=_claim_id(data, path), hint=hint))
    return problems


_ONE_VALUE = ("bool", "int", "float", "str")
"""The kinds of one value (``from:``, ``to:``, ``is:`` …) pydantic tries in turn, each a failure of
its own in its errors, under these names."""


def _not_one_value(field: str | int, value: dict[Any, Any] | list[Any]) -> tuple[str, str]:
    """A mapping or a list where one value goes (``from: {year: 2024}``), said once instead of once
    for each kind of value pydantic tried."""
    name = f"'{field}'" if isinstance(field, str) else f"item {field + 1}"
    said = f"{name} must be one value (a number, a date or text), but YAML reads {value!r} as {_as_yaml_reads(value)}"
    inner = next(iter(value.values() if isinstance(value, dict) else value), None)
    if isinstance(value, dict) and len(value) == 1 and field in ("from", "to"):
        column = next(iter(value))
        return said, f"write the period alone, with its column in over: ({field}: {inner!r} and over: {column})"
    if inner is not None and not isinstance(inner, (dict, list)):
        return said, f"write the value alone, e.g. {field}: {inner!r}" if isinstance(field, str) else \
            f"write the value alone, e.g. {inner!r}"
    return said, "write one value; put text holding [ ] { } in quotes"


_WRONG_TYPE = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
               "int_from_float": "a whole number", "list_type": "a list", "dict_type": "a mapping"}
_EXAMPLES = {
    "claims": "under claims:, start each claim with '- ' (a list item), e.g. '  - id: cases-rose' then its says, measure, expect",
    "tables": "name each table, e.g. tables: {cases: {path: ../data/cases.csv}}",
}


def _as_yaml_reads(value: object) -> str:
    """What YAML made of a bare value, in a reporter's words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return f"a {type(value).__name__}"  # a date: YAML reads 2020-01-01 as one


_NAMES_ONE = ("of", "over", "by", "path", "table")
"""Fields that name one table, column or file: brackets around it make a list of one, not text."""

_MAPPING_EXAMPLES = {
    "ratio": "a ratio is two measures: ratio: {numerator: {count: victims}, denominator: {count: cases}}",
    "csv": "the file's reading options, e.g. csv: {delimiter: ';'}",
    "columns": "each column's contract, e.g. columns: {case_type: {allowed: [labor, sex]}}",
    "derive": "new columns, each an expression, e.g. derive: {filed_year: year(filed_date)}",
    "lookup": "links to other tables, e.g. lookup: {case: cases via case_id}",
}
"""An example for a field that takes a mapping, where something else was written."""

_INT_EXAMPLES = {"per": "1000 (for a rate per 1,000)", "from": "2019 (a year, a whole number)", "to": "2023 (a year, a whole number)",
                 "since": "2015 (a year, a whole number)"}
"""A whole number to show in the hint for a field that wants one, where 2 would mislead."""


def _wrong_type(kind: str, field: str, value: object, written: str, message: str,
                hint: str | None) -> tuple[str, str | None]:
    """A field of the wrong type, said as what YAML made of the value and what to write instead:
    ``says: 2021`` is a number to YAML, ``where: true`` and ``unverifiable: yes`` are true/false."""
    wanted = _WRONG_TYPE[kind]
    if kind == "int_parsing" or (kind in ("int_type", "int_from_float") and isinstance(value, (str, float))):
        return f"'{field}' must be {wanted}, not {value!r}", hint or f"e.g. {field}: {_INT_EXAMPLES.get(field, 2)}"
    if kind in ("list_type", "dict_type"):
        return f"'{field}' must be {wanted}", hint or _EXAMPLES.get(field)
    if kind != "string_type":
        return message, hint
    m = re.search(rf"(?:^|[\s{{,-]){re.escape(field)}\s*:\s*([^,{{}}#\n]*?[^,{{}}#\s])\s*(?:[,}}#]|$)", written)
    raw = m.group(1) if m and not isinstance(value, (list, dict)) else (
        "true" if value is True else "false" if value is False else repr(value))
    said = f"'{field}' must be text, but YAML reads {raw} as {_as_yaml_reads(value)}"
    if field == "where" and isinstance(value, dict) and len(value) == 1:  # where: {year: 2024}
        column, wanted = next(iter(value.items()))
        if isinstance(column, str) and not isinstance(wanted, (dict, list)):
            return said, f"a filter is an expression: where: {column} == {wanted!r}"
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) and (
            field in KINDS or field in _NAMES_ONE):  # count: [cases]: a table or a column, not text
        return said, f"write it alone, without brackets: {field}: {value[0]}"
    if isinstance(value, (list, dict)):
        return said, "brackets make a list or mapping: put text holding [ ] { } in quotes"
    return said, f"put it in quotes: {field}: '{raw}'"


def _explain(err: Any, path: tuple[str | int, ...], data: Any) -> tuple[str, str | None]:
    """Turn one pydantic error into a sentence and a hint for a person."""
    kind_, field = err["type"], ".".join(str(p) for p in path)
    last = path[-1] if path else ""
    if kind_ == "extra_forbidden":
        parent = _get(data, path[:-1])
        if len(path) == 3 and path[0] == "tables" and isinstance(last, str) and last in _csv_options():
            value = parent.get(last) if isinstance(parent, dict) else None
            return (f"unknown field '{last}'",
                    f"'{last}' is a reading option: put it under csv:, e.g. csv: {{{last}: {_yaml_scalar(value)}}}")
        allowed = _allowed_fields(path[:-1], parent)
        hint = _split_by_comma(parent, str(last)) or did_you_mean(suggest(str(last), allowed, n=1)) or (
            f"allowed here: {', '.join(allowed)}" if allowed else None)
        return f"unknown field '{last}'", hint
    if kind_ == "missing":
        inner = path[-2] if len(path) > 4 and path[0] == "claims" and path[2] == "measure" else None
        if last == "of" and isinstance(inner, str):  # by: {sum: inmates} under a top that has its own of:
            return (f"'of' is missing in the measure under {inner}:",
                    _nested_of_hint(inner, _get(data, path[:-1]), data, _enclosing_of(data, path[:-2])))
        return f"'{last}' is missing", _missing_hint(str(last), data)
    if kind_ == "measure_kind":
        value = _get(data, path)
        if isinstance(value, dict):
            present = kinds_in(value)
            if len(present) > 1:
                return (f"a measure has one kind, this one has {len(present)}: {', '.join(present)}",
                        "nest the inner measure, e.g. change: {count: cases}")
            unknown = [k for k in value if k not in {"where", "of", "unit", "over", "n", "by"}]
            close = did_you_mean(suggest(unknown[0], KINDS, n=1)) if unknown else None
            return ("unknown measure kind" + (f" '{unknown[0]}'" if unknown else ""),
                    (f"{close} " if close else "") + "measure kinds: " + ", ".join(KINDS))
        return "a measure must be a mapping such as {count: cases}", "measure kinds: " + ", ".join(KINDS)
    # the line names the place: a claim's field by its own name, a table's by its path in the table
    named = ".".join(str(p) for p in path[2:]) if len(path) > 2 and path[0] == "tables" else (
        str(last) if isinstance(last, str) else field)
    if kind_ == "literal_error":
        return f"'{named}' must be {err['ctx'].get('expected', '')}", None
    if kind_ in ("model_type", "model_attributes_type", "dict_type") and isinstance(last, str):
        return f"'{named}' must be a mapping ({{…}})", _MAPPING_EXAMPLES.get(last)
    if kind_ == "string_pattern_mismatch" and last == "id":
        return "a claim id may hold letters, digits, '-', '_' and '.'", "e.g. id: facebook-online-recruitment"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    hint = getattr((err.get("ctx") or {}).get("error"), "hint", None)
    if not path or isinstance(last, int) or msg.startswith(f"{last} "):
        return msg, hint  # "in_top is on a 0-100 scale …" names its field already
    return f"'{named}': {msg}", hint


def _yaml_scalar(value: object) -> str:
    """``value`` as it would be written back in a one-line YAML mapping."""
    if value is None or isinstance(value, (dict, list)):
        return "…"
    if not isinstance(value, str) or re.fullmatch(r"[\w.-]+", value):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if value == "\t":
        return '"\\t"'
    return "'" + value.replace("'", "''") + "'"


def _csv_options() -> list[str]:
    """The options a table's ``csv:`` takes, as written in a claims file."""
    return [f.alias or n for n, f in CsvOptions.model_fields.items()]


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


def _split_by_comma(parent: Any, key: str) -> str | None:
    """``{says: In 2020, cases rose}`` reads as says: 'In 2020' plus a field 'cases rose', and
    ``{expect: more than $300,000}`` as expect: 'more than $300' plus a field '000': say so."""
    thousands = re.fullmatch(r"\d{3}(?:,\d{3})*(?:\.\d+)?\s*\S*", key.strip()) is not None
    if not isinstance(parent, dict) or key not in parent or parent[key] is not None or (
            " " not in key.strip() and not thousands):
        return None
    keys = list(parent)
    at = keys.index(key)
    if at == 0:
        return None
    before = keys[at - 1]
    text = (f"{parent[before]},{key}" if thousands else f"{parent[before]}, {key}").replace("'", "''")
    return (f"inside a one-line {{...}} mapping a comma ends the value, so '{before}' stopped before it: "
            f"put text holding a comma in quotes, e.g. {before}: '{text}'")


def _declared_tables(data: Any) -> list[str]:
    tables = data.get("tables") if isinstance(data, dict) else None
    return [str(t) for t in tables] if isinstance(tables, dict) else []


def _enclosing_of(data: Any, path: tuple[str | int, ...]) -> str | None:
    """The table the nearest measure around ``path`` reads (its own ``of:``, or the table a
    ``count:`` names), looking outwards up to the claim's ``measure:``."""
    tables = set(_declared_tables(data))
    while len(path) >= 3:
        around = _get(data, path)
        if isinstance(around, dict):
            for name in (around.get("of"), around.get("count")):
                if isinstance(name, str) and name in tables:
                    return name
        path = path[:-1]
    return None


def _nested_of_hint(inner: str, written: Any, data: Any, around: str | None = None) -> str:
    """What to write for a measure nested under ``inner`` (``by``, ``numerator``) that names no table:
    each measure names its own, whatever the one around it names. The table suggested is the one
    the measures around it read (``top: candidate, of: results, by: {sum: votes}`` sums votes of
    results), else the file's first."""
    tables = _declared_tables(data)
    table = around or (tables[0] if tables else "TABLE")
    kind = kind_named(written) if isinstance(written, dict) else None
    body = f"{kind}: {_yaml_scalar(written[kind])}, " if kind and isinstance(written, dict) else ""
    return (f"each measure names its own table, the one under {inner}: too: "
            f"{inner}: {{{body}of: {table}}}")


def _missing_hint(name: str, data: Any = None) -> str | None:
    if name == "of":
        tables = _declared_tables(data)
        if not tables:
            return "name the table the measure counts, one declared under tables:"
        return (f"name the table, e.g. of: {tables[0]}"
                + (f" (this file declares: {', '.join(tables)})" if len(tables) > 1 else ""))
    return {
        "tables": "declare the data files, e.g. tables: {cases: {path: ../data/cases.csv}}",
        "claims": "list the claims, each with id, says, measure and expect",
        "says": "quote the article's sentence, e.g. says: Prosecutors filed 165 new cases.",
        "path": "the data file, relative to the claims file",
        "over": "the column that holds the periods, e.g. over: filed_year",
        "from": "the period compared from, a value of the over: column, e.g. from: 2019",
        "to": "the period compared to, a value of the over: column, e.g. to: 2020",
        "numerator": "the measure on top, e.g. ratio: {numerator: {count: victims}, denominator: {count: cases}}",
        "denominator": "the measure below, e.g. ratio: {numerator: {count: victims}, denominator: {count: cases}}",
        "is": "say is: lowest or is: highest",
        "id": "give the claim a short id of its own, e.g. id: new-cases-2020",
        "expect": "the figure as the article words it, e.g. expect: 59% or expect: up 11%",
        "sentence": "ignore: names the article's sentence (or a part of it that finds it), e.g. "
                    "sentence: in the two counties",
        "figure": "ignore: names the figure as the article writes it, e.g. figure: two",
        "reason": "ignore: says why the figure is left unchecked, e.g. reason: the number of counties, "
                  "not a finding",
    }.get(name)
