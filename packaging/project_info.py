"""Name and version of SayYes as pyproject.toml declares them, for the spec and the build scripts.

`python packaging/project_info.py version` prints 0.1.0; `name` prints sayyes; `description` the summary.
The version is dynamic in pyproject.toml (tool.setuptools.dynamic.version.attr), so it is read from that
module's source without importing the app (no Qt, no dependencies needed).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "SayYes"  # the display name: window, Start menu, .app bundle
APP_ID = "app.sayyes.SayYes"  # reverse-DNS id: AppStream, macOS bundle identifier


def _project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def _attr_value(attr: str) -> str:
    module, _, name = attr.rpartition(".")
    relative = Path(*module.split("."))
    source = ROOT / relative / "__init__.py"
    if not source.is_file():
        source = ROOT / relative.with_suffix(".py")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise LookupError(f"{attr} is not assigned in {source}")


def name() -> str:
    return str(_project()["project"]["name"])


def version() -> str:
    data = _project()
    project = data["project"]
    if "version" in project:
        return str(project["version"])
    return _attr_value(data["tool"]["setuptools"]["dynamic"]["version"]["attr"])


def description() -> str:
    return str(_project()["project"].get("description", ""))


def main(argv: list[str]) -> int:
    fields = {"name": name, "version": version, "description": description}
    if len(argv) != 1 or argv[0] not in fields:
        print(f"usage: project_info.py {{{'|'.join(fields)}}}", file=sys.stderr)
        return 2
    print(fields[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
