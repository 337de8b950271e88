"""Run InfoView's command line: ``python -m infoview --help``."""

from infoview.cli import main

raise SystemExit(main())
