"""``python -m pmgov``."""

from pmgov.cli import main

raise SystemExit(main())
