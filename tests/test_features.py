"""The registry is the only list of features: a toy feature registered in a temporary
registry (one table, one view, one notebook) shows up in the templates, in validate's
report and on the index page, and is refused under --lan when marked private."""

from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap
import urllib.error
import urllib.request

import nbformat
import pytest

from campaignkit.cli import main
from campaignkit.features import FEATURES, REGISTRY_ENV, registry
from helpers import SAMPLE

TOY = """
from campaignkit.core.declare import Field, Table
from campaignkit.features import FEATURES, Feature, Page

VISITS = Table(
    name="patrols", label="走访记录",
    fields=(
        Field(name="village", header="嘎查村", required=True, meaning="走访的嘎查村", example="红柳嘎查"),
        Field(name="people", header="人数", kind="number", required=True, min=0.0, meaning="到场人数", example="12"),
    ),
)


def patrols_view(path=None):
    import ipywidgets as widgets

    from campaignkit.load import check_campaign

    return widgets.HTML(f"走访 {{len(check_campaign(path).tables['patrols'])}} 次")


TOY = Feature(
    name="patrols", title="走访",
    tables=("{module}:VISITS",),
    pages=(Page(notebook="patrols.ipynb", title="走访记录", summary="玩具功能：走访了几次",
                view="{module}:patrols_view", private={private}),),
)
FEATURES = (*FEATURES, TOY)
"""


@pytest.fixture
def toy(tmp_path, monkeypatch, request):
    """Register the toy feature through $CAMPAIGNKIT_REGISTRY; returns its notebooks folder."""
    private = getattr(request, "param", False)
    module = f"toy_patrols_{'private' if private else 'public'}_{abs(hash(tmp_path)) % 10**8}"
    package = tmp_path / "toy"
    package.mkdir()
    (package / f"{module}.py").write_text(textwrap.dedent(TOY.format(module=module, private=private)), encoding="utf-8")
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setenv("PYTHONPATH", str(package))
    monkeypatch.setenv(REGISTRY_ENV, f"{module}:FEATURES")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 走访记录"),
        nbformat.v4.new_code_cell(f"from {module} import patrols_view\n\npatrols_view()"),
    ]
    nbformat.write(nb, notebooks / "patrols.ipynb")
    shutil.copy(SAMPLE.parents[1] / "notebooks" / "index.ipynb", notebooks / "index.ipynb")
    yield notebooks
    sys.modules.pop(module, None)


def test_the_toy_feature_is_registered(toy):
    assert [f.name for f in registry().features] == [*(f.name for f in FEATURES), "patrols"]
    assert "patrols" in registry().catalogue()


def test_templates_include_the_toy_table(toy, tmp_path, capsys):
    from openpyxl import load_workbook

    assert main(["template", "--out", str(tmp_path / "templates"), "--table", "patrols"]) == 0
    sheet = load_workbook(tmp_path / "templates" / "patrols.xlsx")["数据"]
    assert [c.value for c in sheet[1]] == ["嘎查村", "人数"]
    assert main(["template", "--out", str(tmp_path / "all")]) == 0
    assert (tmp_path / "all" / "patrols.xlsx").exists() and (tmp_path / "all" / "payments.xlsx").exists()


def test_validate_reports_the_toy_table(toy, campaign_copy, capsys):
    (campaign_copy / "patrols.csv").write_text("嘎查村,人数\n红柳嘎查,12\n沙柳嘎查,很多\n", encoding="utf-8")
    assert main(["validate", str(campaign_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    counts = {c["table"]: c for c in report["tables"]}
    assert counts["patrols"]["rows_loaded"] == 1 and counts["patrols"]["rows_rejected"] == 1
    problem = [p for p in report["problems"] if p["table"] == "patrols"][0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == ("patrols.csv", 3, "人数", "很多")


def test_index_page_lists_the_toy_page(toy, monkeypatch):
    from campaignkit.ui.index import index_html

    page = index_html(lan=False)
    assert 'href="patrols.ipynb"' in page and "走访记录" in page and "玩具功能" in page


@pytest.mark.browser
@pytest.mark.parametrize("toy", [True], indirect=True)
def test_a_private_toy_page_is_refused_under_lan(toy):
    from campaignkit.ui.index import index_html
    from support import served

    assert 'href="patrols.ipynb"' not in index_html(lan=True)
    with served(SAMPLE, "--lan", "--ip", "127.0.0.1", "--notebooks", str(toy)) as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        health = json.load(urllib.request.urlopen(f"{base}/campaignkit/health?token={token}", timeout=30))
        assert health["pages"] == ["index.ipynb"]  # the private page is not even listed
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/voila/render/patrols.ipynb?token={token}", timeout=60)
        assert refused.value.code == 404


@pytest.mark.browser
def test_a_public_toy_page_is_served_under_lan(toy):
    from support import assert_clean, browser_page, served

    with served(SAMPLE, "--lan", "--ip", "127.0.0.1", "--notebooks", str(toy)) as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        health = json.load(urllib.request.urlopen(f"{base}/campaignkit/health?token={token}", timeout=30))
        assert health["pages"] == ["index.ipynb", "patrols.ipynb"]
        with browser_page() as page:
            page.goto(f"{base}/voila/render/patrols.ipynb?token={token}")
            page.wait_for_selector("text=走访 0 次", timeout=90_000)  # the toy view ran, on the sample (no visits)
            assert_clean(page)


def test_index_lists_the_trainers_own_notebooks_but_not_copies_of_private_pages(tmp_path):
    from campaignkit.ui.index import index_html

    for name in ("ledger.ipynb", "发展账_牧区.ipynb", "door_visit-Copy1.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    laptop = index_html(lan=False, folder=tmp_path)
    assert 'href="发展账_牧区.ipynb"' in laptop and 'href="door_visit-Copy1.ipynb"' in laptop
    assert laptop.count('href="ledger.ipynb"') == 1  # registered pages are listed once, with their title
    phones = index_html(lan=True, folder=tmp_path)
    assert 'href="发展账_牧区.ipynb"' in phones and "door_visit" not in phones
