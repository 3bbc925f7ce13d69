"""Run the factcheck command from another copy of its source, for before/after timings.

    git archive 11066df factcheck | tar -x -C /tmp/before
    python benchmarks/run_tree.py /tmp/before run claims/2020.yaml

The editable install's import finder would load the checkout's ``factcheck`` whatever is on
``PYTHONPATH``; it is taken out of ``sys.meta_path`` and the given folder put first on
``sys.path``. The copy's own console entry is used (``factcheck.command.main`` where it has one,
else ``factcheck.cli.console``, else ``factcheck.cli.main``), so each version starts and ends as
its own command does.
"""

import sys

root = sys.argv.pop(1)
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, root)
sys.argv[0] = "factcheck"
import importlib.util  # noqa: E402

import factcheck  # noqa: E402

if not factcheck.__file__ or not factcheck.__file__.startswith(root):
    raise SystemExit(f"factcheck was imported from {factcheck.__file__}, not from {root}")
if importlib.util.find_spec("factcheck.command") is not None:  # the entry that warms up first
    from factcheck.command import main
    main()
import factcheck.cli as cli  # noqa: E402

(getattr(cli, "console", None) or cli.main)()
