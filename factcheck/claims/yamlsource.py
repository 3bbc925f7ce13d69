"""Reading YAML safely while remembering where every value came from.

PyYAML's ``safe_load`` forgets line numbers, and every error factcheck reports
must name a line. So we compose the node tree with the *safe* loader and build
plain Python values ourselves, recording the line of each mapping key and
sequence item under its path (``("claims", 3, "measure", "where")``).

Walking the tree ourselves also lets us refuse two things PyYAML accepts:
duplicate keys (the second would silently win) and aliases that expand into
something huge (the "billion laughs" file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ClaimsFileError, Problem

Path_ = tuple[str | int, ...]
MAX_NODES = 200_000  # values produced after alias expansion; a real claims file has a few thousand


@dataclass
class LineMap:
    """Line numbers (1-based) of values in a YAML document, by path."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor we know."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines = LineMap()
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ClaimsFileError([Problem(
                f"the YAML expands to more than {MAX_NODES:,} values",
                file=self.file, line=node.start_mark.line + 1,
                hint="a claims file should not need YAML aliases (&/*) that repeat large blocks",
            )])
        self.lines.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ClaimsFileError([Problem(
                    "YAML merge keys (<<) are not supported in claims files",
                    file=self.file, line=key_node.start_mark.line + 1,
                    hint="write the keys out; a claim is easier to review when it stands alone")])
            # keys are names: take them as written, so `null:` (a csv option) is "null", not None
            if not isinstance(key_node, yaml.ScalarNode):
                raise ClaimsFileError([Problem("a mapping key must be a plain name",
                                               file=self.file, line=key_node.start_mark.line + 1)])
            key = str(key_node.value)
            if key in out:
                raise ClaimsFileError([Problem(
                    f"key '{key}' appears twice in the same block",
                    file=self.file, line=key_node.start_mark.line + 1,
                    hint="YAML would silently keep only the last one; remove or rename one of them")])
            self.lines.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, path + (key,))
        return out


_CONSTRUCTOR = yaml.SafeLoader("")
# libyaml's parser when PyYAML was built with it (10x faster); both are the *safe* loader
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar(node: yaml.Node) -> Any:
    """Resolve a scalar with PyYAML's safe rules (ints, floats, bools, null, str).

    Timestamps stay strings: dates in claims are compared as text and cast by
    DuckDB, so ``2020-12-31`` and ``'2020-12-31'`` mean the same.
    """
    if node.tag == "tag:yaml.org,2002:timestamp":
        return str(node.value)
    if node.tag in ("tag:yaml.org,2002:float",):
        # keep the written text so 2.45 stays exactly 2.45 (see numbers.to_fraction)
        value = _CONSTRUCTOR.construct_object(node, deep=True)
        return WrittenFloat(value, node.value)
    return _CONSTRUCTOR.construct_object(node, deep=True)


class WrittenFloat(float):
    """A float from YAML that remembers how it was written ("2.45")."""

    written: str

    def __new__(cls, value: float, written: str) -> "WrittenFloat":
        obj = super().__new__(cls, value)
        obj.written = written
        return obj

    def __str__(self) -> str:
        return self.written.replace("_", "")

    __repr__ = __str__


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    if "flow mapping" in (exc.context or "") or "flow sequence" in (exc.context or ""):
        return ("inside a one-line {...} or [...] a comma ends a value and ': ' starts a new field: "
                "put text holding ',' or ': ' in quotes, e.g. says: 'In 2020, cases rose: 165'")
    return "check indentation and quoting near that line (text with ': ' or '#' needs quotes)"


def load_yaml(path: Path, text: str | None = None) -> tuple[Any, LineMap]:
    """Parse ``path`` (or ``text``) safely; return its value and a :class:`LineMap`."""
    file = str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ClaimsFileError([Problem("no such claims file", file=file,
                                           hint="check the path; it is relative to where you run factcheck")]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ClaimsFileError([Problem(f"cannot read the claims file: {exc}", file=file,
                                           hint="a claims file is UTF-8 text")]) from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ClaimsFileError([Problem(
            f"this is not valid YAML: {exc.problem or exc.context}",
            file=file, line=(mark.line + 1) if mark else None,
            hint=_yaml_hint(exc))]) from None
    except yaml.YAMLError as exc:
        raise ClaimsFileError([Problem(f"this is not valid YAML: {exc}", file=file)]) from None
    if node is None:
        raise ClaimsFileError([Problem("the claims file is empty", file=file,
                                       hint="start with 'version: 1', then 'tables:' and 'claims:'")])
    builder = _Builder(file)
    return builder.build(node, ()), builder.lines
