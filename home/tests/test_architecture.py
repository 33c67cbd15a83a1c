"""The layers hold: import-linter's contracts (.importlinter) pass on the project as it is."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    """Apps build one way, no import circle, project imports at the top of modules, and in every
    app edges -> models -> rendering helpers -> pure modules."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - our own tool, our own configuration
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout
