"""What may import what (docs/ARCHITECTURE.md): guidance never imports journal."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_guidance_imports_nothing_from_journal():
    files = [p for p in (ROOT / "guidance").rglob("*.py") if "migrations" not in p.parts]
    offending = {
        str(path.relative_to(ROOT)): sorted(
            module for module in _imported_modules(path) if module.split(".")[0] == "journal"
        )
        for path in files
    }

    assert len(files) > 5
    assert {path: modules for path, modules in offending.items() if modules} == {}


def test_the_checker_sees_a_journal_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom journal.models import Episode\n")

    assert "journal.models" in _imported_modules(sample)
