"""Every module's ``__all__`` is its public surface: exactly the public names it defines.

The habit of httpx's ``tests/test_exported_members.py``: a name without a leading underscore
that a module defines (a function, class, constant or type alias, not an import) is public
and must be listed in ``__all__``; anything internal takes a leading underscore. A module
may also list names it imports from another ducha module, to re-export them (a front door
such as ``ducha.shapes.audit`` or ``ducha.loaders.segment``). A package ``__init__`` that
defines and imports nothing needs no ``__all__``.

What that means case by case:

- The module logger is ``_log``; a constant or helper only the module uses takes ``_``.
- A type that appears in a public signature (``AnswerKind``, the ``Format`` enum of an
  option) is public, like the function or class that uses it.
- Routers (``ducha.service.routers.*``, ``ducha.service.ui.pages``) and command-line modules
  (``*_cli``, ``cli``): a route function or a typer command is public and listed in
  ``__all__``. Its name is outward-facing: FastAPI makes it the route's name and, unless the
  decorator gives ``operation_id``, the OpenAPI operationId; typer makes it the command's
  name. Renaming it would change what clients see, so it keeps its plain name. What only
  shapes those signatures is internal: ``Annotated`` parameter and option aliases
  (``_ReportId``, ``_FormatParam``, ``_StoreOption``), the rich consoles ``_out`` and
  ``_err``, exit-code constants (``_EXIT_INPUT``) and tuples of accepted formats. An alias
  several modules share (``ServiceDep``) lives in one module and is public there.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
# Repo folder -> import package (see [tool.setuptools.package-dir] in pyproject.toml).
PACKAGES = {
    "loaders": "ducha.loaders",
    "ontology": "ducha.ontology",
    "shapes": "ducha.shapes",
    "queries": "ducha.queries",
    "service": "ducha.service",
}
# Folders of data, not code, inside the packages.
SKIPPED_FOLDERS = {"node_modules", "samples", "static", "templates", "data", "__pycache__"}

# Modules another engineer is editing that do not follow the rule yet, and what is missing.
# Each is an expected failure; one that starts to pass shows as XPASS: take it off the list.


def _modules() -> list[tuple[str, Path]]:
    found = []
    for folder, package in PACKAGES.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            relative = path.relative_to(REPO / folder)
            if SKIPPED_FOLDERS.intersection(relative.parts[:-1]):
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join([package, *parts]), path))
    return found


def _bound_names(target: ast.expr) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def _top_level(statements: list[ast.stmt]) -> list[ast.stmt]:
    """Statements at module level, including those inside top-level ``if`` and ``try``."""
    flat: list[ast.stmt] = []
    for statement in statements:
        flat.append(statement)
        if isinstance(statement, ast.If):
            flat.extend(_top_level(statement.body + statement.orelse))
        elif isinstance(statement, ast.Try):
            blocks = statement.body + statement.orelse + statement.finalbody
            for handler in statement.handlers:
                blocks += handler.body
            flat.extend(_top_level(blocks))
    return flat


def _defined_and_imported(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names the module defines, and names it imports from ducha modules."""
    defined: set[str] = set()
    from_ducha: set[str] = set()
    for statement in _top_level(tree.body):
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(statement.name)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                defined |= _bound_names(target)
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            defined |= _bound_names(statement.target)
        elif isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith(
            "ducha."
        ):
            from_ducha |= {alias.asname or alias.name for alias in statement.names}
    return defined, from_ducha


def _problems(module_name: str, path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined, from_ducha = _defined_and_imported(tree)
    public = {name for name in defined if not name.startswith("_")}
    module = importlib.import_module(module_name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        if public or from_ducha:
            return [f"{module_name} has no __all__ (public names: {sorted(public)})"]
        return []  # an empty package marker
    problems = []
    if len(set(exported)) != len(exported):
        problems.append(f"__all__ of {module_name} lists a name twice")
    if missing := public - set(exported):
        problems.append(f"{module_name} defines public names not in __all__: {sorted(missing)}")
    if foreign := set(exported) - public - from_ducha:
        problems.append(
            f"__all__ of {module_name} lists names it neither defines nor imports from ducha: "
            f"{sorted(foreign)}"
        )
    if unbound := [name for name in exported if not hasattr(module, name)]:
        problems.append(f"__all__ of {module_name} lists names the module lacks: {unbound}")
    return problems


@pytest.mark.parametrize(
    ("module_name", "path"), [pytest.param(name, path, id=name) for name, path in _modules()]
)
def test_all_lists_exactly_the_public_names(module_name: str, path: Path) -> None:
    assert _problems(module_name, path) == []


def test_the_rule_sees_definitions_and_re_exports() -> None:
    # ducha.shapes.audit re-exports what its submodules define; ducha.loaders.rdf_terms
    # defines constants; both pass, and a module-level logger would not.
    tree = ast.parse("import logging\nfrom ducha.x import y\nlog = logging.getLogger()\nA = 1\n")
    defined, imported = _defined_and_imported(tree)
    assert defined == {"log", "A"}
    assert imported == {"y"}
