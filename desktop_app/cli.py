"""The `sayyes` command line (PRODUCT.md "Command line"). Skeleton: the GUI launch only."""

from __future__ import annotations

import argparse
import sys

from .paths import resolve_data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sayyes", description="SayYes: make every job interview pay.")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $SAYYES_DATA_DIR or the platform's)")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from .app import run_gui

    return run_gui(resolve_data_dir(args.data_dir))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
