"""Run the factcheck command from another copy of its source, for before/after timings.

    git archive 11066df factcheck | tar -x -C /tmp/before
    python benchmarks/run_tree.py /tmp/before run claims/2020.yaml

The editable install's import finder would load the checkout's ``factcheck`` whatever is on
``PYTHONPATH``; it is taken out of ``sys.meta_path`` and the given folder put first on
``sys.path``. The copy's own console entry is used (``console`` where it has one, else ``main``),
so each version starts and ends as its own command does.
"""

import sys

root = sys.argv.pop(1)
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, root)
sys.argv[0] = "factcheck"
import factcheck.cli as cli  # noqa: E402

if not cli.__file__ or not cli.__file__.startswith(root):
    raise SystemExit(f"factcheck was imported from {cli.__file__}, not from {root}")
(getattr(cli, "console", None) or cli.main)()
