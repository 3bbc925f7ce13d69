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

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ClaimsFileError, Problem
from ..expectations.numbers import MAX_NUMBER_TEXT  # one limit for numbers in YAML and in written figures
from ..pathkinds import path_kind
from ..pyyaml import load

if TYPE_CHECKING:
    import yaml
else:
    yaml = load()

Path_ = tuple[str | int, ...]
MAX_NODES = 200_000  # values produced after alias expansion; a real claims file has a few thousand
MAX_FILE_BYTES = 16 * 1024 * 1024  # a claims file of 8,000 claims is about 1 MB
MAX_DEPTH = 64  # nesting of mappings and lists; a real claims file needs about ten
_STANDARD = "tag:yaml.org,2002:"


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
        self.claim: str | None = None  # the id of the claim being built, for messages

    def fail(self, message: str, node: yaml.Node, hint: str) -> ClaimsFileError:
        return ClaimsFileError([Problem(message, file=self.file, line=node.start_mark.line + 1,
                                        claim=self.claim, hint=hint)])

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(f"the YAML expands to more than {MAX_NODES:,} values", node,
                            "a claims file should not need YAML aliases (&/*) that repeat large blocks")
        if depth > MAX_DEPTH:
            raise self.fail(f"the YAML nests more than {MAX_DEPTH} levels deep here", node,
                            "a claims file needs a dozen levels at most; check the brackets and the indentation")
        self._refuse_tag(node)
        self.lines.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            if len(path) == 2 and path[0] == "claims":
                self.claim = _claim_id(node)
                try:
                    return self._mapping(node, path, depth)
                finally:
                    self.claim = None
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail("YAML merge keys (<<) are not supported in claims files", key_node,
                                "write the keys out; a claim is easier to review when it stands alone")
            # keys are names: take them as written, so `null:` (a csv option) is "null", not None
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail("a mapping key must be a plain name", key_node,
                                "a key is a word before ':'; a list or a block cannot be a key")
            self._refuse_tag(key_node)
            key = str(key_node.value)
            if key in out:
                raise self.fail(f"key '{key}' appears twice in the same block", key_node,
                                "YAML would silently keep only the last one; remove or rename one of them")
            self.lines.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, path + (key,), depth + 1)
        return out

    def _refuse_tag(self, node: yaml.Node) -> None:
        """A claims file has no YAML tags (``!foo``, ``!!python/name:…``, ``!!int abc``).

        A node's tag must be the one YAML would give it untagged: ``!!str`` on text that
        is text anyway changes nothing and passes; every other tag is refused.
        """
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")  # libyaml says '' for a plain scalar, PyYAML None
            implicit = _CONSTRUCTOR.resolve(yaml.ScalarNode, node.value, (plain, not plain))
        else:
            implicit = _STANDARD + ("map" if isinstance(node, yaml.MappingNode) else "seq")
        if node.tag != implicit:
            raise self.fail(f"YAML tags are not allowed in a claims file: {_tag_name(node.tag)!r}", node,
                            "remove the tag (the word starting with '!'); quote the value if it is text")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """Resolve a scalar with PyYAML's safe rules (ints, floats, bools, null, str).

        Timestamps stay strings: dates in claims are compared as text and cast by
        DuckDB, so ``2020-12-31`` and ``'2020-12-31'`` mean the same. A number must be
        finite and written in at most :data:`MAX_NUMBER_TEXT` characters.
        """
        if node.tag == _STANDARD + "timestamp":
            return str(node.value)
        if node.tag not in (_STANDARD + "int", _STANDARD + "float"):
            return _CONSTRUCTOR.construct_object(node, deep=True)
        if len(node.value) > MAX_NUMBER_TEXT:
            raise self.fail(f"a number written with {len(node.value):,} characters (at most {MAX_NUMBER_TEXT})",
                            node, "no figure in a story needs that many digits; quote it if it is text")
        if ":" in node.value or _BASE_PREFIX.match(node.value):  # YAML 1.1's base 60: `expect: 2:42` (2 hours
            return str(node.value)  # 42) was the number 162; `0x22` (base 16) was 34: no story writes one
        if node.tag == _STANDARD + "int" and _OCTAL_1_1.fullmatch(node.value):
            return int(node.value.replace("_", ""), 10)  # YAML 1.1's octal: `010` was 8; it is 10, as YAML 1.2 reads it
        value = _CONSTRUCTOR.construct_object(node, deep=True)
        if node.tag == _STANDARD + "int":
            return value
        if not math.isfinite(value):
            raise self.fail(f"'{node.value}' is not a finite number", node,
                            "write a number (a period, a value, a tolerance); quote it if it is text")
        # keep the written text so 2.45 stays exactly 2.45 (see numbers.to_fraction)
        return WrittenFloat(value, node.value)


def _claim_id(node: yaml.MappingNode) -> str | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag


_BASE_PREFIX = re.compile(r"[-+]?0[xXbBoO]")
"""An int in base 16, 2 or 8 (``0x22``, ``0b101``, ``0o17``): text in a claims file, not a figure."""
_OCTAL_1_1 = re.compile(r"[-+]?0[0-7_]+")
"""An int YAML 1.1 reads in base 8 (``010``); YAML 1.2, and every reader of a story, in base 10."""
# resolves and builds scalars as the safe loader does; libyaml's parser, which reads no text here, where PyYAML has it
_CONSTRUCTOR = getattr(yaml, "CSafeLoader", yaml.SafeLoader)("")
# libyaml's parser when PyYAML was built with it (10x faster); both are the *safe* loader
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _yaml_hint(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark and 0 <= mark.line < len(lines) else ""
    if "\t" in line[:len(line) - len(line.lstrip(" \t"))]:  # invisible in most editors: say it
        return "the line is indented with a tab: YAML indents with spaces only; replace the tab with spaces"
    if "flow mapping" in (exc.context or "") or "flow sequence" in (exc.context or ""):
        return ("inside a one-line {...} or [...] a comma ends a value and ': ' starts a new field: "
                "put text holding ',' or ': ' in quotes, e.g. says: 'In 2020, cases rose: 165'")
    return "check indentation and quoting near that line (text with ': ' or '#' needs quotes)"


def read_claims_text(path: Path, what: str = "claims file") -> str:
    """The text of a claims file: a regular file of at most :data:`MAX_FILE_BYTES`, in UTF-8.

    A FIFO is opened without blocking and refused, like a folder or a device, so a
    path that never ends (``/dev/zero``, a pipe nobody writes to) cannot hang the run.
    """
    file = str(path)
    fd = None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ClaimsFileError([Problem(f"the {what} is {path_kind(info.st_mode)}, not a file", file=file,
                                           hint=f"give the path of the {what} itself (a YAML file)")])
        if info.st_size > MAX_FILE_BYTES:
            raise ClaimsFileError([Problem(
                f"the {what} is {info.st_size:,} bytes; at most {MAX_FILE_BYTES:,} are read", file=file,
                hint="a claims file holds one story's figures; split a larger one by story")])
        with os.fdopen(fd, "rb") as fh:
            fd = None
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ClaimsFileError([Problem(f"no such {what}", file=file,
                                       hint="check the path; it is relative to where you run factcheck")]) from None
    except OSError as exc:
        raise ClaimsFileError([Problem(f"cannot read the {what}: {exc.strerror or exc}", file=file,
                                       hint="check the path and its permissions")]) from None
    finally:
        if fd is not None:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise ClaimsFileError([Problem(f"the {what} is more than {MAX_FILE_BYTES:,} bytes", file=file,
                                       hint="a claims file holds one story's figures; split a larger one by story")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ClaimsFileError([Problem(
            f"the {what} is not UTF-8 text: byte {data[exc.start]:#04x} cannot be read", file=file,
            line=data[:exc.start].count(b"\n") + 1,
            hint="save it as UTF-8; a claims file is YAML text")]) from None


def load_yaml(path: Path, text: str | None = None) -> tuple[Any, LineMap]:
    """Parse ``path`` (or ``text``) safely; return its value and a :class:`LineMap`."""
    file = str(path)
    if text is None:
        text = read_claims_text(path)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ClaimsFileError([Problem(
            f"this is not valid YAML: {exc.problem or exc.context}",
            file=file, line=(mark.line + 1) if mark else None,
            hint=_yaml_hint(exc, text))]) from None
    except yaml.YAMLError as exc:
        raise ClaimsFileError([Problem(f"this is not valid YAML: {exc}", file=file)]) from None
    except RecursionError:  # PyYAML's own composer, when libyaml is missing
        raise ClaimsFileError([Problem(f"the YAML nests more than {MAX_DEPTH} levels deep", file=file,
                                       hint="a claims file needs a dozen levels at most; check the brackets")]) from None
    if node is None:
        raise ClaimsFileError([Problem("the claims file is empty", file=file,
                                       hint="start with 'version: 1', then 'tables:' and 'claims:'")])
    builder = _Builder(file)
    return builder.build(node, ()), builder.lines
