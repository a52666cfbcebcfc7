"""The top of `sayyes`: no command opens the window; nothing ever ends in a traceback."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import importer

from .conftest import GOOD_INTERVIEWS, dump


def test_no_command_opens_the_window(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    fake = types.ModuleType("desktop_app.app")
    fake.run_gui = lambda folder: opened.append(folder) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop_app.app", fake)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert opened == [data_dir.resolve()]


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("demo", "import", "export", "check"))


@pytest.mark.parametrize(("raised", "code", "message"), [
    (KeyboardInterrupt(), 130, "sayyes: interrupted; nothing was changed"),
    (RuntimeError("something odd"), 1, "sayyes: something odd"),
    (PermissionError(13, "Permission denied", "/some/file"), 1, "sayyes: /some/file: Permission denied"),
])
def test_unexpected_failures_are_one_line(tmp_path: Path, data_dir: Path, sayyes, monkeypatch: pytest.MonkeyPatch,
                                          seeded: Path, raised: BaseException, code: int, message: str) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(importer, "import_rows", fail)
    source = tmp_path / "more.csv"
    source.write_text(GOOD_INTERVIEWS, encoding="utf-8")
    before = dump(data_dir)
    result = sayyes("import", "interviews", source)
    assert (result.code, result.err_lines) == (code, [message])
    assert dump(data_dir) == before
