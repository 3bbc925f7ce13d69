"""The real command in a real pseudo-terminal, and on stdouts that cannot write UTF-8.

A pty of a given size is what a person at a terminal has: rich detects it, draws
colour and wraps to its width. These tests read back what the terminal received.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

import factcheck
from factcheck.render._console import fit
from factcheck.render.safetext import clean
from factcheck.report import Verdict

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "claims" / "2020.yaml"
HOSTILE = ROOT / "tests" / "fixtures" / "terminal" / "hostile.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SGR = re.compile(r"\x1b\[[0-9;]*m")
OTHER_ESCAPES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # anything but colours, \r and \n

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def in_terminal(columns: int, *args: str) -> tuple[int, list[str]]:
    """Run ``factcheck ARGS`` in a pty ``columns`` wide; its exit status and the lines shown (colours kept)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", *args], stdin=follower, stdout=follower,
                            stderr=follower, cwd=ROOT, env=env, close_fds=True)
    os.close(follower)
    received = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the command is done
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    code = proc.wait(timeout=60)
    return code, received.decode("utf-8").replace("\r\n", "\n").split("\n")


def fits(lines: list[str], columns: int) -> None:
    for line in lines:
        assert not OTHER_ESCAPES.search(SGR.sub("", line)), repr(line)
        assert cell_len(SGR.sub("", line)) <= columns, f"{cell_len(SGR.sub('', line))} > {columns}: {line!r}"


def squeezed(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_the_story_in_a_terminal_shows_every_claim_within_the_width(columns: int) -> None:
    code, lines = in_terminal(columns, "run", str(STORY.relative_to(ROOT)))
    assert code == 1
    fits(lines, columns)
    plain = [SGR.sub("", line).rstrip() for line in lines]
    assert "\x1b[" in "".join(lines)  # a terminal gets colour
    report = factcheck.verify(STORY)
    flat = squeezed("\n".join(plain))
    for r in report.results:  # nothing lost: every id, and a failure's whole reason, wrapped or not
        assert squeezed(r.id) in flat
        if r.verdict != Verdict.PASS:
            assert squeezed(clean(r.message)) in flat
    first = {v: min(i for i, line in enumerate(plain) for r in report.results
                    if r.verdict == v and line[2:].startswith(r.id + " ")) for v in Verdict}
    assert first[Verdict.FAIL] < first[Verdict.UNVERIFIABLE] < first[Verdict.PASS]  # failures first
    passes = [line for line in plain if line.startswith("✓ ")]
    assert len(passes) >= 36  # one line per pass, a few long ones wrap to two
    assert len([line for line in plain if line]) <= 46 * 2 + 12
    assert any(line.startswith("46 claims: 42 passed, 2 failed, 2 unverifiable") for line in plain)
    if columns == 80:  # the README shows this view as it is
        shown = README.split("<!-- terminal-output -->", 2)[1].splitlines()
        shown = [line for line in shown if line.strip() not in ("…", "") and not line.startswith("```")]
        assert len(shown) > 15
        for line in shown:
            assert line in plain, f"README shows a line the terminal does not: {line!r}"


def test_verbose_in_a_terminal_stays_within_the_width() -> None:
    code, lines = in_terminal(80, "run", str(STORY.relative_to(ROOT)), "--verbose", "--only", "online-facebook-share",
                              "--only", "facebook-overwhelmingly")
    assert code == 1
    fits(lines, 80)
    text = "\n".join(SGR.sub("", line) for line in lines)
    assert "    says: That is 59% of all online recruitment in those cases." in text
    assert "    numerator 78, denominator 132; 132 rows kept" in text


def test_hostile_values_in_a_terminal_are_shown_not_obeyed() -> None:
    for args in (("run", str(HOSTILE), "-v"), ("explain", str(HOSTILE), "top-three")):
        code, lines = in_terminal(80, *args)
        assert code in (0, 1)
        fits(lines, 80)  # no escape sequence but colours: no clear screen, no title, no hyperlink
        text = squeezed("\n".join(SGR.sub("", line) for line in lines))
        assert squeezed("[link=https://evil.example]Facebook[/link]") in text
        assert squeezed("\\x1b[2J\\x1b]0;pwned\\x07") in text
        assert all(not SGR.sub("", line).lstrip().startswith("::") for line in lines)


def test_an_error_in_a_terminal_shows_markup_in_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "["
    folder.mkdir()
    path = folder / "]claims.yaml"  # '…/[/]claims.yaml'
    path.write_text("version: 1\ntables: {}\nclaims:\n  - {id: a, says: s, measure: {count: '[/]'}, expect: 1}\n",
                    encoding="utf-8")
    code, lines = in_terminal(100, "check", str(path))
    assert code == 2
    text = "\n".join(SGR.sub("", line) for line in lines)
    assert "Traceback" not in text and "1 problem stops this run" in text
    assert f"{path}:4: claim 'a': unknown table '[/]'" in text


# --- stdouts that cannot write UTF-8 ----------------------------------------------------------

def run_with(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=180)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_any_stdout_encoding_gets_ascii_signs_and_never_a_crash(encoding: str, tmp_path: Path) -> None:
    md = tmp_path / "r.md"
    proc = run_with(encoding, "run", "claims/2020.yaml", "--markdown", "-", "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 1, proc.stderr.decode(encoding, "replace")
    markdown, view = proc.stdout.decode(encoding), proc.stderr.decode(encoding)  # each decodes in its encoding
    assert "Traceback" not in view and "UnicodeEncodeError" not in view
    dash, dots = fit("—", encoding), fit("…", encoding)  # cp1252 has these two, ASCII has not
    assert dash == ("—" if encoding == "cp1252" else "-") and dots == ("…" if encoding == "cp1252" else "...")
    assert f"46 claims: 42 passed, 2 failed, 2 unverifiable {dash} claims/2020.yaml" in view
    assert f"UNVERIFIABLE pandemic-caused-the-fall: stated {dash}, computed {dash}" in view
    assert markdown.startswith("### factcheck: ") and f"66.67{dots}%" in markdown
    proc = run_with(encoding, "explain", "claims/2020.yaml", "online-facebook-share")
    assert proc.returncode == 0
    text = proc.stdout.decode(encoding)
    assert "read as: rounds to 59%: 58.5% <= x < 59.5%" in text and "verdict: + pass" in text
    # files are UTF-8 whatever the terminal
    proc = run_with(encoding, "run", "claims/2020.yaml", "--markdown", str(md))
    assert "—" in md.read_text(encoding="utf-8") and "≤" not in proc.stdout.decode(encoding)


def test_json_on_an_ascii_stdout_keeps_every_value_exact() -> None:
    proc = run_with("ascii", "run", str(HOSTILE), "--json", "-")
    assert proc.returncode == 1
    data = json.loads(proc.stdout.decode("ascii"))
    assert data["results"][3]["expectation"] is None and data["title"].startswith("Shops [bold]loud[/] \x1b]0;pwned")
    assert data == {**data, "results": json.loads(factcheck.verify(HOSTILE).to_json())["results"]}
    view = proc.stderr.decode("ascii")
    assert "4 claims: 2 passed, 1 failed, 1 unverifiable - " in view and "\x1b" not in view


def test_errors_on_an_ascii_stderr(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables: {}\nclaims:\n  - id: a\n    says: «é»\n    measure: {count: vict—ims}\n"
                    "    expect: 1\n", encoding="utf-8")
    proc = run_with("ascii", "check", str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode("ascii")
    assert "Traceback" not in err and "1 problem stops this run" in err and "vict-ims" in err
