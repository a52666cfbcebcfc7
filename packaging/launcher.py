"""The frozen app's entry point: the same `sayyes` as the console script (desktop_app/__main__.py)."""

import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
