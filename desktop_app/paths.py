"""Where SayYes keeps its data: the platform's user data folder, or --data-dir / SAYYES_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "SAYYES_DATA_DIR"
DB_FILENAME = "sayyes.sqlite3"
BACKUP_DIRNAME = "backups"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("SayYes", appauthor=False, roaming=True))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins over SAYYES_DATA_DIR, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and parents) readable by its owner only; tighten an existing one."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME
