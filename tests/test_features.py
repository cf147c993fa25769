"""A feature is a plugin: a toy feature package, installed as pip installs one (its module
and an entry point in the ``campaignkit`` group), with a table, a page, a route, a command and
a form check, shows up in the templates, ``validate``, the index page, ``--help``, the server
and ``--lan`` privacy, without one edit to campaignkit. And the registry's rules: routes under
the feature's prefixes, a ``feature`` hook, hook signatures as specified."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import urllib.error
import urllib.request

import nbformat
import pluggy
import pytest
from openpyxl import Workbook

from campaignkit.cli import main
from campaignkit.features import BUILTIN, Registry, RegistryError, plugin_manager, registry
from helpers import SAMPLE

TOY = """
from campaignkit.ui.handler import CampaignHandler
from tornado import web

from campaignkit.core.declare import Field, Table
from campaignkit.forms import FormError
from campaignkit.hookspecs import Feature, FormHooks, Page, Route, hookimpl, lazy

PATROLS = Table(
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


class PatrolsHandler(CampaignHandler):
    @web.authenticated
    def get(self):
        self.send_page(200, f"<p>走访记录页：{{self.campaign.name}}</p>")  # the folder serve was given


def count(args):
    from campaignkit.load import check_campaign

    print(f"走访 {{len(check_campaign(args.campaign).tables['patrols'])}} 次")
    return 0


def check_log(form, campaign):
    names = {{q.name for q in form.questions}}
    return [] if "village" in names else [FormError(form.file, "走访记录表要有题目 village", sheet="survey", column="name")]


@hookimpl
def feature():
    return Feature(name="patrols", title="走访", prefixes=("/campaignkit/patrols",))


@hookimpl
def tables():
    return [PATROLS]


@hookimpl
def pages():
    return [Page(notebook="patrols.ipynb", title="走访记录", summary="玩具功能：走访了几次",
                 view=lazy("{module}", "patrols_view"), private={private})]


@hookimpl
def routes():
    return [Route(r"/campaignkit/patrols/?", PatrolsHandler)]


@hookimpl
def register_commands(subparsers):
    patrols = subparsers.add_parser("patrols", help="走访记录：数一数走访了几次")
    patrols.add_argument("campaign", nargs="?", default=None)
    patrols.set_defaults(run=count)


@hookimpl
def forms():
    return [FormHooks(form_id="patrol_log", check_form=check_log)]
"""


@pytest.fixture
def toy(tmp_path, install_feature, request):
    """The toy feature installed; returns its notebooks folder."""
    private = getattr(request, "param", False)
    module = f"toy_patrols_{'private' if private else 'public'}"
    install_feature(module, textwrap.dedent(TOY.format(module=module, private=private)))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 走访记录"),
        nbformat.v4.new_code_cell(f"from {module} import patrols_view\n\npatrols_view()"),
    ]
    nbformat.write(nb, notebooks / "patrols.ipynb")
    shutil.copy(SAMPLE.parents[1] / "notebooks" / "index.ipynb", notebooks / "index.ipynb")
    return notebooks


def test_the_toy_feature_is_registered_after_the_built_in_ones(toy):
    assert [f.name for f in registry().features] == [*BUILTIN, "patrols"]
    assert "patrols" in registry().catalogue()


def test_templates_include_the_toy_table(toy, tmp_path, capsys):
    from openpyxl import load_workbook

    assert main(["template", "--out", str(tmp_path / "templates"), "--table", "patrols"]) == 0
    sheet = load_workbook(tmp_path / "templates" / "patrols.xlsx")["数据"]
    assert [c.value for c in sheet[1]] == ["嘎查村", "人数"]
    assert main(["template", "--out", str(tmp_path / "all")]) == 0
    assert (tmp_path / "all" / "patrols.xlsx").exists()
    assert (tmp_path / "all" / "payments.xlsx").exists()


def test_validate_reports_the_toy_table(toy, campaign_copy, capsys):
    (campaign_copy / "patrols.csv").write_text("嘎查村,人数\n红柳嘎查,12\n沙柳嘎查,很多\n", encoding="utf-8")
    assert main(["validate", str(campaign_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    counts = {c["table"]: c for c in report["tables"]}
    assert counts["patrols"]["rows_loaded"] == 1
    assert counts["patrols"]["rows_rejected"] == 1
    problem = [p for p in report["problems"] if p["table"] == "patrols"][0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == ("patrols.csv", 3, "人数", "很多")


def test_the_toy_command_is_in_help_and_runs(toy, campaign_copy, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "走访记录：数一数走访了几次" in capsys.readouterr().out
    (campaign_copy / "patrols.csv").write_text("嘎查村,人数\n红柳嘎查,12\n沙柳嘎查,3\n", encoding="utf-8")
    assert main(["patrols", str(campaign_copy)]) == 0
    assert "走访 2 次" in capsys.readouterr().out


def _form(path, names):
    book = Workbook()
    book.active.title = "survey"
    for row in [["type", "name", "label"], *(["text", n, n] for n in names)]:
        book.active.append(row)
    book.save(path)


def test_the_toy_form_check_runs_on_its_own_form_only(toy, campaign_copy, capsys):
    _form(campaign_copy / "forms" / "patrol_log.xlsx", ["place"])  # the toy's form, without its village question
    _form(campaign_copy / "forms" / "suggestions.xlsx", ["place"])  # another form: not the toy's business
    assert main(["forms", "list", str(campaign_copy)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "[错误]" in line]
    assert len(errors) == 1
    assert "patrol_log.xlsx" in errors[0]
    assert "走访记录表要有题目 village" in errors[0]


def test_index_page_lists_the_toy_page(toy):
    from campaignkit.ui.index import index_html

    page = index_html(lan=False)
    assert 'href="patrols.ipynb"' in page
    assert "走访记录" in page
    assert "玩具功能" in page


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
def test_a_public_toy_page_and_its_route_are_served_under_lan(toy):
    from support import assert_clean, browser_page, served

    with served(SAMPLE, "--lan", "--ip", "127.0.0.1", "--notebooks", str(toy)) as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        health = json.load(urllib.request.urlopen(f"{base}/campaignkit/health?token={token}", timeout=30))
        assert health["pages"] == ["index.ipynb", "patrols.ipynb"]
        route = urllib.request.urlopen(f"{base}/campaignkit/patrols?token={token}", timeout=30)
        assert route.status == 200
        assert f"走访记录页：{SAMPLE.name}" in route.read().decode()
        assert route.headers["Content-Security-Policy"].startswith("default-src 'none'")
        refused = urllib.request.urlopen(f"{base}/campaignkit/patrols", timeout=30).read().decode()
        assert "走访记录页" not in refused
        assert "请重新扫码" in refused
        with browser_page() as page:
            page.goto(f"{base}/voila/render/patrols.ipynb?token={token}")
            page.wait_for_selector("text=走访 0 次", timeout=90_000)  # the toy view ran, on the sample (no visits)
            assert_clean(page)


class _Plugin:
    """A plugin written in a test: hooks as static methods."""

    def __init__(self, **hooks):
        from campaignkit.hookspecs import hookimpl

        for name, function in hooks.items():
            setattr(self, name, hookimpl(function))


def _registry(*plugins) -> Registry:
    manager = plugin_manager([], entry_points=False)
    for index, plugin in enumerate(plugins):
        manager.register(plugin, name=f"p{index}")
    return Registry(manager)


def test_the_registry_refuses_what_breaks_its_rules():
    from campaignkit.features import Feature, Route

    def named(name, *prefixes):
        return lambda: Feature(name=name, title=name, prefixes=prefixes)

    with pytest.raises(RegistryError, match="feature"):
        _registry(_Plugin(tables=lambda: []))
    with pytest.raises(RegistryError, match="重复"):
        _registry(_Plugin(feature=named("a")), _Plugin(feature=named("a")))
    with pytest.raises(RegistryError, match="服务器自己的地址"):
        _registry(_Plugin(feature=named("a", "/campaignkit/phone/mine")))
    with pytest.raises(RegistryError, match="冲突"):
        _registry(_Plugin(feature=named("a", "/campaignkit/a")), _Plugin(feature=named("b", "/campaignkit/a/b")))
    outside = _registry(_Plugin(feature=named("a", "/campaignkit/a"), routes=lambda: [Route("/vote/x", object)]))
    with pytest.raises(RegistryError, match="/vote/x"):
        outside.routes()
    with pytest.raises(pluggy.PluginValidationError):  # an argument the hook does not have
        _registry(_Plugin(feature=named("a"), phone_links=lambda campaign, village: []))


def test_index_lists_the_trainers_own_notebooks_but_not_copies_of_private_pages(tmp_path):
    from campaignkit.ui.index import index_html

    for name in ("ledger.ipynb", "发展账_牧区.ipynb", "door_visit-Copy1.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    laptop = index_html(lan=False, folder=tmp_path)
    assert 'href="发展账_牧区.ipynb"' in laptop
    assert 'href="door_visit-Copy1.ipynb"' in laptop
    assert laptop.count('href="ledger.ipynb"') == 1  # registered pages are listed once, with their title
    phones = index_html(lan=True, folder=tmp_path)
    assert 'href="发展账_牧区.ipynb"' in phones
    assert "door_visit" not in phones
