"""factcheck imports PyYAML without compiling the pattern of its pure-Python reader, which a run
never uses (libyaml reads the claims file): the pattern is compiled when first used, and matches
as it always did. Each in a fresh interpreter, where PyYAML is not yet imported."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, re
import factcheck.claims.yamlsource
import yaml
pattern = yaml.reader.Reader.NON_PRINTABLE
print(type(pattern).__name__, re.compile.__module__)
print(yaml.safe_load("a: 1"), type(pattern._compiled).__name__)
try:
    yaml.safe_load('a: "\\x01"')
except yaml.YAMLError as exc:
    print(str(exc).splitlines()[0])
from factcheck.claims import load
print(pattern.search("ok \\x07").start())
"""


def test_the_readers_pattern_is_compiled_when_first_used_and_matches_as_before() -> None:
    proc = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "PatternWhenUsed re",  # re.compile itself is back as it was
        "{'a': 1} Pattern",
        "unacceptable character #x0001: special characters are not allowed",
        "3",
    ]


def test_yaml_imported_first_is_left_as_it_is() -> None:
    code = ("import yaml, re\nimport factcheck.claims.yamlsource, factcheck.yamltext\n"
            "print(type(yaml.reader.Reader.NON_PRINTABLE) is re.Pattern)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr


def test_the_pattern_is_pyyamls_own() -> None:
    """If PyYAML writes its pattern otherwise one day, nothing is deferred (and this says so)."""
    import inspect

    import yaml.reader

    from factcheck.pyyaml import NON_PRINTABLE
    assert f"re.compile('{NON_PRINTABLE}')" in inspect.getsource(yaml.reader).encode().decode("unicode_escape")
