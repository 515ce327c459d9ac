"""`python -m evals run …`: see evals/cli.py."""

from evals.cli import main

raise SystemExit(main())
