"""The demo data folder: a separate folder inside the user's, filled with demo data, never mixed with theirs.

The demo lives in `<data folder>/demo/` (its own data file, settings and backups): beside the real data
file, so it is always somewhere SayYes may write, and deleting the data folder deletes it too. A
setting marks its data file as demo data, so a folder that happens to hold real records there is never
shown as demo (nor filled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import settings
from . import datafolder
from .demo_base import DEFAULT_SIZE
from .errors import ServiceError

DEMO_DIRNAME = "demo"
MARKER = "demo.folder"  # a free-form setting: True in a demo data file
SEED = 2024


def demo_dir(data_dir: Path) -> Path:
    """Where the demo data of this data folder lives."""
    return Path(data_dir) / DEMO_DIRNAME


def is_demo_data() -> bool:
    """Whether the open data file is a demo one (filled by fill())."""
    return settings.get_value(MARKER) is True


def fill(
    size: int = DEFAULT_SIZE,
    *,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Fill the open demo data file with demo data when it has no records; return the rows written.

    A demo file that already has its data is kept as it is (the user may have been editing it); a
    file with records that is not marked as demo is refused. All or nothing, like demo.generate().
    """
    if datafolder.has_records():
        if not is_demo_data():
            raise ServiceError("This folder already holds records that are not demo data, so SayYes will "
                               "not show them as demo data.")
        return {}
    settings.set_value(MARKER, True)  # first: a cancelled fill leaves a marked, empty file, filled next time
    from . import demo  # the generator is a large import: only when demo data is made

    return demo.generate(size, seed=SEED, today=today, progress=progress, cancel=cancel)
