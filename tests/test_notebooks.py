"""The notebooks in notebooks/ are the trainers' own source (edited in JupyterLab): each
stays thin — narrative, imports from campaignkit, one call per widget, presets as
literals — and carries no outputs and no paths from someone's machine."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from campaignkit.features import registry
from helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(^|[\s'\"(])(/(home|root|work|tmp|Users|usr|opt)/|[A-Za-z]:\\\\)")


def _calls(nb) -> list[tuple[str, str]]:
    """(imported module, function) for every widget call; fails on anything else."""
    imported: dict[str, str] = {}
    calls = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("campaignkit"):
                imported.update({alias.asname or alias.name: node.module for alias in node.names})
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
                name = node.value.func.id
                assert name in imported, f"{name}() is not imported from campaignkit"
                for arg in [*node.value.args, *(k.value for k in node.value.keywords)]:
                    ast.literal_eval(arg)  # presets are plain values a trainer can read and change
                calls.append((imported[name], name))
            else:
                raise AssertionError(f"not a thin notebook: line {node.lineno} of a code cell is {type(node).__name__}")
    return calls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_thin(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert any(c.cell_type == "markdown" for c in nb.cells), "a notebook opens with words for the lecturer"
    assert all(not c.outputs and c.execution_count is None for c in code), "clear the outputs before saving"
    calls = _calls(nb)
    assert calls, "one call per widget"
    assert len(code) == len(calls), "one cell per widget call"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_has_no_absolute_paths(path):
    for cell in nbformat.read(path, as_version=4).cells:
        assert not ABSOLUTE_PATH.search(cell.source), cell.source


def test_every_registered_page_has_its_notebook_calling_its_view():
    names = {p.name for p in NOTEBOOKS}
    for page in registry().pages:
        assert page.notebook in names, f"{page.notebook} is registered but missing from notebooks/"
        module, function = page.view.__module__, page.view.__name__
        calls = _calls(nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4))
        feature = module.rsplit(".", 1)[0]
        assert any(f == function and m in (module, feature) for m, f in calls), (page.notebook, calls)
