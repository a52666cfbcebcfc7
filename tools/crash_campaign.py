"""A long crash campaign: kill the crash worker (tests/crash/worker.py) with SIGKILL hundreds of times.

    python tools/crash_campaign.py [--kills 500] [--per-folder 10] [--seed N] [--keep DIR]

Cycles through three kinds of data folder — a schema 1 file the worker migrates to a (fake) schema 2,
an empty folder the worker first restores an archive into (`import all`), and the schema 1 fixture —
and kills the worker again and again on each, restarting it on the same folder so the data grows, and
checks the file after every kill (tests/crash/harness.py). Prints the figures for the closing note;
exits 1 when a kill lost an acknowledged row or left a file that fails `sayyes check`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crash.cases import demo_archive, padded_v1, run_case  # noqa: E402
from tests.crash.harness import Tally  # noqa: E402

KINDS = ("migration", "import-all", "plain")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500, help="kills in all (default 500)")
    parser.add_argument("--per-folder", type=int, default=10, help="kills on each data folder (default 10)")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--keep", type=Path, help="keep the data folders here (default: a temp folder, removed)")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="sayyes-crash-")) if args.keep is None else args.keep
    root.mkdir(parents=True, exist_ok=True)
    home = root / "home"  # the worker never sees the real settings or data folder
    os.environ.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")})
    os.environ.pop("SAYYES_DATA_DIR", None)
    rng = random.Random(args.seed)
    inputs = {"padded": padded_v1(root / "padded-v1.sqlite3"), "archive": demo_archive(root / "archive")}
    tally = Tally()
    started = time.monotonic()
    try:
        while tally.kills < args.kills:
            kind = KINDS[tally.cases % len(KINDS)]
            case = root / f"case-{tally.cases + 1:03}-{kind}"
            kills = min(args.per_folder, args.kills - tally.kills)
            run_case(kind, case, rng, kills, tally, special=3, **inputs)
            if args.keep is None and not tally.problems:
                shutil.rmtree(case)
            print(f"\r{tally.kills} kills, {len(tally.problems)} problems", end="", file=sys.stderr, flush=True)
    finally:
        print(file=sys.stderr)
        if args.keep is None and not tally.problems:
            shutil.rmtree(root, ignore_errors=True)
    print(tally.summary())
    print(f"time: {time.monotonic() - started:.0f} s")
    if tally.problems and args.keep is None:
        print(f"the data folders are kept in {root}")
    return 1 if tally.problems or tally.rows_lost else 0


if __name__ == "__main__":
    sys.exit(main())
