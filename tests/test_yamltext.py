"""The YAML init and suggest write reads back as what they meant, whatever the text holds."""

from __future__ import annotations

import textwrap

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.starter import _scalar
from factcheck.suggest.text import measure_yaml
from factcheck.yamltext import dump

# any text, with the characters YAML and str.splitlines() take as line breaks made common
TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from("\n\r\x0b\x0c\x1c\x85\u2028\u2029 '\"`:#-")),
               max_size=20)
MEASURES = st.dictionaries(TEXT, st.one_of(TEXT, st.integers(), st.lists(TEXT, max_size=3)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(measure=MEASURES, indent=st.sampled_from([0, 2, 6]))
def test_a_measure_as_suggest_prints_it_reads_back_as_it_is(measure: dict[str, object], indent: int) -> None:
    printed = measure_yaml(measure, indent)
    assert yaml.safe_load(textwrap.dedent(printed)) == {"measure": measure}


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(TEXT, st.integers()))
def test_a_scalar_as_init_writes_it_after_a_key_reads_back_as_it_is(value: object) -> None:
    assert yaml.safe_load(f"claims:\n  - says: {_scalar(value)}\n") == {"claims": [{"says": value}]}


def test_text_without_a_line_break_is_written_as_before() -> None:
    """Only strings holding a break are forced into double quotes: the rest keeps PyYAML's own style."""
    ordinary = {"count": "e", "where": "year == 2020 and name == 'Café 東京'", "quoted": "it's: #1", "n": 3}
    options = {"sort_keys": False, "allow_unicode": True, "width": 10_000}
    assert dump(ordinary, **options) == yaml.safe_dump(ordinary, **options)
    assert dump({"\u2028sep": "a\u2029b"}, **options) == '"\\Lsep": "a\\Pb"\n'


def test_a_value_of_no_break_spaces_is_kept() -> None:
    """Hypothesis found '\\xa0' written as nothing: str.strip() took the no-break space for YAML's padding."""
    for value in ["\xa0", "\u3000", "\u2007x\u2007"]:
        assert yaml.safe_load(f"claims:\n  - says: {_scalar(value)}\n") == {"claims": [{"says": value}]}
