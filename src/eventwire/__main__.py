"""``python -m eventwire``: the command line."""

from .cli import main

raise SystemExit(main())
