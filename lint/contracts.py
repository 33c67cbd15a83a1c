"""An import-linter contract of our own: project imports sit at the top of a module.

An import inside a function is how import circles hide from readers and from the other
contracts' intent; `AppConfig.ready()` is the one place Django needs them (signals)."""

import ast
import importlib.util
from pathlib import Path

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _function_imports(path, packages, allowed_functions):
    """(line, imported module, function) for each project import inside a function of `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name in allowed_functions:
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom):
                module = inner.module or ""
                if inner.level or module.split(".")[0] in packages:
                    found.append((inner.lineno, "." * inner.level + module, node.name))
            elif isinstance(inner, ast.Import):
                found.extend(
                    (inner.lineno, alias.name, node.name)
                    for alias in inner.names
                    if alias.name.split(".")[0] in packages
                )
    return found


class NoFunctionImportsContract(Contract):
    type_name = "no_function_imports"

    packages = fields.ListField(subfield=fields.StringField())
    allowed_functions = fields.ListField(subfield=fields.StringField(), required=False)
    exclude_folders = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        packages = set(self.packages)
        allowed = set(self.allowed_functions or ())
        excluded = set(self.exclude_folders or ())
        offences = []
        for package in sorted(packages):
            root = Path(importlib.util.find_spec(package).origin).parent
            for path in sorted(root.rglob("*.py")):
                if excluded & set(path.relative_to(root).parts):
                    continue
                offences += [(path, *found) for found in _function_imports(path, packages, allowed)]
        return ContractCheck(kept=not offences, warnings=None, metadata={"offences": offences})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for path, line, module, function in check.metadata["offences"]:
            output.print_error(f"{path}:{line}: imports {module} inside {function}()", bold=False)
        output.new_line()
