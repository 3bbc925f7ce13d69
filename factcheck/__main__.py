"""``python -m factcheck`` runs the command line."""

from .command import main

main()
