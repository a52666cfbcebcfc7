"""Check a PyInstaller build of SayYes before it is packed: what must be in it is, what was pruned is not.

    python packaging/check_bundle.py build/dist/sayyes        (Linux; SayYes on Windows, SayYes.app on macOS)

Exit status 1 with the reasons when something is missing, e.g. a hidden import PyInstaller could not see
(the Dashboard's charts and the .xlsx reader are imported lazily) or a Qt plugin the pruning dropped.
"""

from __future__ import annotations

import sys
from pathlib import Path

MODULES = (
    "desktop_app.cli", "desktop_app.app", "desktop_app.ui.main_window", "desktop_app.ui.charts",
    "desktop_app.services.tabular", "desktop_app.services.demo", "peewee", "platformdirs", "pyqtgraph",
    "pyqtgraph.graphicsItems.PlotItem", "openpyxl", "openpyxl.reader.excel", "numpy",
)
PLUGINS = {  # folder -> plugin stems that must be there, per platform
    "linux": {"platforms": ("qxcb", "qwayland", "qoffscreen"), "platformthemes": ("qxdgdesktopportal",),
              "imageformats": ("qsvg",), "iconengines": ("qsvgicon",),
              "wayland-shell-integration": ("xdg-shell",), "platforminputcontexts": ("composeplatforminputcontextplugin",)},
    "win32": {"platforms": ("qwindows", "qoffscreen"), "imageformats": ("qsvg", "qico"), "iconengines": ("qsvgicon",)},
    "darwin": {"platforms": ("qcocoa", "qoffscreen"), "imageformats": ("qsvg",), "iconengines": ("qsvgicon",)},
}
ABSENT = ("translations", "PIL", "tkinter", "libQt6Qml", "libQt6Quick", "Qt6Qml", "Qt6Quick", "matplotlib")


def _executables(folder: Path) -> list[Path]:
    if folder.suffix == ".app":
        return [path for path in (folder / "Contents" / "MacOS").iterdir() if path.is_file()]
    return [path for path in folder.iterdir()
            if path.is_file() and (path.suffix in (".exe", ".com") or (path.stat().st_mode & 0o111 and not path.suffix))]


def _pure_modules(executable: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(executable))
    pyz = next(name for name in archive.toc if name.endswith(".pyz"))
    return set(archive.open_embedded_archive(pyz).toc)


def check(folder: Path) -> list[str]:
    problems: list[str] = []
    executables = _executables(folder)
    if not executables:
        return [f"{folder}: no executable"]
    modules = _pure_modules(executables[0])
    problems += [f"module {name} is not in {executables[0].name}" for name in MODULES if name not in modules]
    files = [path for path in folder.rglob("*") if path.is_file() or path.is_symlink()]
    names = {path.name for path in files}
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    for plugin_folder, stems in PLUGINS.get(platform, {}).items():
        present = {path.name.split(".")[0].removeprefix("lib") for path in files if path.parent.name == plugin_folder}
        problems += [f"Qt plugin {plugin_folder}/{stem} is missing" for stem in stems if stem not in present]
    if "sayyes.svg" not in names:
        problems.append("resources/icons/sayyes.svg is missing")
    for part in ABSENT:
        found = [path for path in files if part in path.relative_to(folder).parts or path.name.startswith(part)]
        if found:
            problems.append(f"{found[0].relative_to(folder)} should have been pruned")
    dangling = [path for path in files if path.is_symlink() and not path.exists()]
    problems += [f"{path.relative_to(folder)} is a dangling link" for path in dangling]
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_bundle.py FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    problems = check(folder)
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    print(f"check_bundle: {folder}: {size / 1e6:.1f} MB, {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
