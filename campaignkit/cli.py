"""The ``campaignkit`` command: the core's commands (validate, template, serve, forms, lab) and
those the features register (``register_commands`` in :mod:`campaignkit.hookspecs`).

One convention for every command: the campaign folder is the last, optional
positional argument (default: ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled
sample), and files are written with ``--out``. Tables come from the registry
(:mod:`campaignkit.features`).

Exit status: 0 when there are no errors (warnings allowed), 1 when the data has
errors, 2 when the path cannot be read at all. Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby
from pathlib import Path

from .core.commands import CommandParser, Exit, add_campaign_argument
from .core.problems import SEVERITY_LABELS, Problem, TableCounts, count_of, sort_problems
from .errors import CampaignkitError
from .features import catalogue, registry


def _parser() -> argparse.ArgumentParser:
    tables = sorted(catalogue())
    parser = CommandParser(prog="campaignkit", description="宣讲活动数据工具：检查表格、生成模板、启动看板")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    validate = sub.add_parser("validate", help="检查一个活动文件夹或单个表格文件")
    validate.add_argument("path", nargs="?", default=None, help="活动文件夹或表格文件（默认：内置示例活动）")
    validate.add_argument("--table", choices=tables, help="只检查这张表（检查单个文件时可指定表名）")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")

    template = sub.add_parser("template", help="生成每张表的空白 Excel 模板")
    template.add_argument("out_dir", nargs="?", default=None, metavar="dir", help="模板存放的文件夹（旧写法，同 --out）")
    template.add_argument("--out", default=None, help="模板存放的文件夹（默认：当前文件夹下的 templates）")
    template.add_argument("--table", action="append", choices=tables, help="只生成这张表（可重复）")

    serve = sub.add_parser("serve", help="用 Voilà 启动看板")
    add_campaign_argument(serve)
    serve.add_argument("--port", type=int, default=None, help="端口（默认 8866；--lan 时沿用上次的端口）")
    serve.add_argument("--lan", action="store_true", help="让同一局域网的手机、电脑访问（需要口令，终端显示二维码）")
    serve.add_argument("--ip", default=None, help="绑定的地址（默认 127.0.0.1；--lan 时为 0.0.0.0）")
    serve.add_argument("--open", action="store_true", help="启动后打开浏览器")
    serve.add_argument("--notebooks", default=None, help="看板笔记本所在的文件夹（默认：内置的 notebooks）")
    serve.add_argument("--new-token", action="store_true", help="换一个新口令（之前打印的二维码、网址随之失效）")
    serve.add_argument(
        "--max-viewers",
        type=int,
        default=None,
        help="同时打开的看板页面上限（每页约占 200 MB 内存；默认 16），超过时显示“人数已满”",
    )
    serve.add_argument(
        "--unconnected-timeout", type=float, default=None, help="页面一直没有连上时，多少秒后收回它占用的内存（默认 60）"
    )
    serve.add_argument(
        "--show-staff",
        action="store_true",
        help="局域网模式下也打印走访干部登记用的地址（带干部钥匙；不要在投影时用）",
    )
    serve.add_argument(
        "--vanished-timeout",
        type=float,
        default=None,
        help="看板页面断开（浏览器被关掉、手机关机）后，多少秒后收回它占用的内存（默认 180）",
    )

    forms = sub.add_parser("forms", help="手机问卷：列出问卷、统计回答")
    forms_sub = forms.add_subparsers(dest="forms_command", required=True, metavar="子命令")
    listing = forms_sub.add_parser("list", help="列出活动文件夹 forms/ 里的问卷和网址")
    add_campaign_argument(listing)
    result = forms_sub.add_parser("results", help="统计一份问卷的回答")
    result.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(result)
    result.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    report = forms_sub.add_parser("report", help="生成一份问卷的效果评估报告（A4 PDF，按活动的五条标准分节）")
    report.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(report)
    report.add_argument("--out", required=True, help="输出的 PDF 文件")
    poster = forms_sub.add_parser("poster", help="为一份问卷生成 A4 海报（PDF）：标题、二维码、网址、怎么填")
    poster.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(poster)
    poster.add_argument("--out", required=True, help="输出的 PDF 文件")
    poster.add_argument(
        "--address", default=None, help="手机打开的地址，如 http://192.168.1.20:8866（默认：本机局域网地址和 --lan 的端口）"
    )
    codes = forms_sub.add_parser("codes", help="为凭答题码的问卷生成一次性答题码纸条（PDF，每页 10 张）或 CSV")
    codes.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(codes)
    codes.add_argument("--count", type=int, required=True, help="生成多少个答题码")
    codes.add_argument(
        "--panel", action="store_true", help="生成回访卡（同一批人前后两次都填的编号，每次每张只能填一份），而不是一次性答题码"
    )
    codes.add_argument("--out", required=True, help="输出文件（.pdf 纸条，或 .csv 交给印刷店）")
    codes.add_argument(
        "--address", default=None, help="手机打开的地址，如 http://192.168.1.20:8866（默认：本机局域网地址和 --lan 的端口）"
    )
    importing = forms_sub.add_parser(
        "import", help="导入另一台电脑导出的、或 ODK/KoboToolbox 导出的回答（CSV；重复导入不会重复计数）"
    )
    importing.add_argument("file", help="CSV 文件")
    add_campaign_argument(importing)
    importing.add_argument("--form", dest="import_form", default=None, help="问卷编号（默认：按文件名开头判断）")
    export = forms_sub.add_parser("export", help="把一份问卷的全部回答导出为 CSV 或 Excel")
    export.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(export)
    export.add_argument("--out", required=True, help="输出文件（.csv 或 .xlsx）")

    lab = sub.add_parser("lab", help="用 JupyterLab 打开看板笔记本，修改文字并用 Voilà 预览（不需要联网）")
    add_campaign_argument(lab, "预览时使用的活动文件夹（默认：内置示例活动）")
    lab.add_argument("--port", type=int, default=8888, help="端口（默认 8888）")
    lab.add_argument("--notebooks", default=None, help="笔记本所在的文件夹（默认：内置的 notebooks）")
    lab.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    lab.add_argument("--talks", action="store_true", help="打开活动文件夹里自己的讲稿（talks/），而不是看板笔记本")
    registry().register_commands(sub)  # each sets run=function(args) -> exit code
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(_parser().parse_args(argv))
    except BrokenPipeError:  # output piped into `head`
        return Exit.OK
    except CampaignkitError as exc:  # a message for a person, never a traceback
        print(f"无法完成：{exc}", file=sys.stderr)
        return Exit.UNREADABLE


def _run(args: argparse.Namespace) -> int:
    if getattr(args, "run", None) is not None:  # a command a feature registered
        return args.run(args)
    if args.command == "validate":
        return validate(args.path, table=args.table, fmt=args.format)
    if args.command == "template":
        from .load import write_templates

        folder = args.out or args.out_dir or "templates"
        paths = write_templates(folder, args.table)
        print(f"已在 {Path(folder).resolve()} 生成 {len(paths)} 个模板：")
        for path in paths:
            print(f"  {path.name}")
        return Exit.OK
    if args.command == "serve":
        from .server.serve import serve

        return serve(
            args.campaign,
            port=args.port,
            lan=args.lan,
            ip=args.ip,
            open_browser=args.open,
            notebooks=args.notebooks,
            new_token=args.new_token,
            show_staff=args.show_staff,
            # Left out when not given: serve's defaults (server.extension's) are the one source.
            **{
                k: v
                for k, v in (
                    ("max_viewers", args.max_viewers),
                    ("unconnected_timeout", args.unconnected_timeout),
                    ("vanished_timeout", args.vanished_timeout),
                )
                if v is not None
            },
        )
    if args.command == "forms":
        return forms_command(args)
    if args.command == "lab":
        from .server.lab import lab

        return lab(args.campaign, port=args.port, notebooks=args.notebooks, open_browser=not args.no_browser, talks=args.talks)
    return Exit.UNREADABLE


def forms_command(args: argparse.Namespace) -> int:
    import json

    from .core.campaign import resolve_campaign_dir
    from .forms import Forms, results, results_text
    from .forms.results import export_responses

    folder = resolve_campaign_dir(args.campaign)
    forms = Forms(folder, registry().form_checks())  # the same checks the server makes (a quiz's order questions)
    found = forms.all()
    for error in forms.errors:
        print(f"[错误] {error}", file=sys.stderr)
    if args.forms_command == "list":
        if not found:
            print(f"{folder / 'forms'} 里没有可用的问卷（XLSForm 格式的 .xlsx）。")
        address, query = _saved_lan_address(folder)
        registers = registry().register_forms()
        for form in found:
            mode = "测验" if form.quiz else "凭答题码" if form.access == "tokens" else "凭网址"
            link = f"{address}/forms/{form.form_id}{query}"
            if form.form_id in registers:  # the cadres' key only when asked for (serve --lan --show-staff)
                link += "（走访干部登记：另需干部钥匙，见 serve --lan --show-staff 或 forms poster）"
            print(f"{form.form_id}\t{form.title}\t{mode}\t已收 {forms.store.count(form.form_id)} 份\t{link}")
        if found:
            print(
                "海报：campaignkit forms poster 问卷编号 --out 海报.pdf；答题码纸条：campaignkit forms codes 问卷编号 --count N --out 纸条.pdf"
            )
        return Exit.DATA_ERRORS if forms.errors else Exit.OK
    if args.forms_command == "import":
        return _import_responses(args, forms)
    if args.forms_command == "codes":
        return _issue_codes(args, forms, folder)
    if args.forms_command == "poster":
        return _poster(args, forms, folder)
    if args.forms_command == "report":
        return _report(args, forms, folder)
    form = forms.get(args.form_id)
    if form is None:
        known = "、".join(f.form_id for f in found) or "（没有）"
        print(f"没有编号为“{args.form_id}”的问卷；现有：{known}", file=sys.stderr)
        return Exit.UNREADABLE
    if args.forms_command == "export":
        out = Path(args.out)
        if not out.parent.is_dir():
            print(f"没有文件夹 {out.parent}：请先建好，或换一个 --out 位置", file=sys.stderr)
            return Exit.UNREADABLE
        try:
            written = export_responses(form, forms.store.responses(form.form_id), out)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return Exit.UNREADABLE
        except OSError as exc:
            print(f"无法写入 {out}（{exc.strerror or exc}）", file=sys.stderr)
            return Exit.UNREADABLE
        print(f"已导出 {written} 份回答到 {out.resolve()}")
        return Exit.OK
    summary = results(form, forms.store.responses(form.form_id))
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.format == "json" else results_text(form, summary))
    return Exit.OK


def _saved_lan_address(folder: Path) -> tuple[str, str]:
    """(address, ``?token=…``) phones use under `serve --lan` if this campaign has served on the
    LAN before (nothing is written here): a printed link opens the form without the login page.
    Else just the path."""
    from urllib.parse import quote

    from .core.network import lan_address, saved_settings

    saved = saved_settings(folder)
    if not isinstance(saved.get("port"), int):
        return "", ""
    token = saved.get("token")
    return f"http://{lan_address()}:{saved['port']}", f"?token={quote(token)}" if isinstance(token, str) else ""


def _lan_address(args: argparse.Namespace, folder: Path) -> tuple[str, str]:
    """(address, token) a phone in the hall uses: what `serve --lan` will serve for this campaign."""
    from .core.network import phone_address

    return phone_address(folder, args.address)


def _report(args: argparse.Namespace, forms, folder: Path) -> int:
    from .evaluation import answers_frame, report_html
    from .load import check_campaign
    from .ui.export import write_pdf

    form = forms.get(args.form_id)
    if form is None:
        print(f"没有编号为“{args.form_id}”的问卷", file=sys.stderr)
        return Exit.UNREADABLE
    config = check_campaign(folder, tables=[]).config  # campaign.toml only: is the campaign 示例?
    answers = answers_frame(form, forms.store.responses(form.form_id))
    out = write_pdf(report_html(form, answers, illustrative=bool(config.illustrative)), Path(args.out))
    print(f"已生成效果评估报告 {out.resolve()}（{len(answers)} 份回答）")
    return Exit.OK


def _poster(args: argparse.Namespace, forms, folder: Path) -> int:
    from .forms.slips import poster_html
    from .ui.export import write_pdf

    form = forms.get(args.form_id)
    if form is None:
        print(f"没有编号为“{args.form_id}”的问卷", file=sys.stderr)
        return Exit.UNREADABLE
    from .core.network import staff_key

    address, token = _lan_address(args, folder)
    staff = staff_key(folder) if form.form_id in registry().register_forms() else ""
    out = write_pdf(poster_html(form, address, token, staff), Path(args.out))
    print(f"已生成海报 {out.resolve()}（地址 {address}/forms/{form.form_id}；启动时请用 campaignkit serve --lan）")
    if staff:
        print("这是走访干部用的登记表：二维码里带干部的钥匙，只发给走访干部，不要贴在会场。")
    return Exit.OK


def _issue_codes(args: argparse.Namespace, forms, folder: Path) -> int:
    import csv

    from .forms.issuing import CodeFileError, issue_to_file
    from .forms.slips import slip_url, slips_html

    form = forms.get(args.form_id)
    if args.panel:
        return _issue_panel_cards(args, forms, form)
    if form is None or form.access != "tokens":
        what = "没有这份问卷" if form is None else "这份问卷不是凭答题码填写的（settings 表 access 应为 tokens）"
        print(f"{args.form_id}：{what}", file=sys.stderr)
        return Exit.UNREADABLE
    out = _codes_out(args)
    if out is None:
        return Exit.UNREADABLE
    address, token = _lan_address(args, folder)

    def write(codes: list[str], path: Path) -> None:
        if out.suffix.lower() == ".csv":
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["答题码", "网址"])
                writer.writerows([code, slip_url(address, form, code, token)] for code in codes)
        else:
            from .ui.export import write_pdf

            write_pdf(slips_html(form, codes, address, token), path)

    try:
        codes = issue_to_file(forms.store, form.form_id, args.count, out, write)
    except CodeFileError as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    left, issued = forms.store.codes_left(form.form_id)
    print(f"已生成 {len(codes)} 个答题码到 {out.resolve()}（这份问卷共发出 {issued} 个，还有 {left} 个没用）。")
    print("答题码只以加密形式存在电脑上，纸条丢了无法找回，请妥善保管；回答与答题码不关联。")
    return Exit.OK


def _codes_out(args: argparse.Namespace) -> Path | None:
    """The --out of `forms codes` (answer codes or panel cards), or None with the reason said."""
    if not 1 <= args.count <= 10_000:
        print("--count 应在 1 到 10000 之间", file=sys.stderr)
        return None
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".csv"):
        print("--out 应以 .pdf 或 .csv 结尾", file=sys.stderr)
        return None
    return out


def _issue_panel_cards(args: argparse.Namespace, forms, form) -> int:
    import csv

    from .forms.issuing import CodeFileError, issue_to_file
    from .forms.panel import PANEL, cards_html, has_panel

    if form is None or not has_panel(form):
        what = "没有这份问卷" if form is None else f"这份问卷没有回访卡编号题（survey 表 name 为 {PANEL} 的题）"
        print(f"{args.form_id}：{what}", file=sys.stderr)
        return Exit.UNREADABLE
    out = _codes_out(args)
    if out is None:
        return Exit.UNREADABLE

    def write(codes: list[str], path: Path) -> None:
        if out.suffix.lower() == ".csv":
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["回访卡编号"])
                writer.writerows([code] for code in codes)
        else:
            from .ui.export import write_pdf

            write_pdf(cards_html(form, codes), path)

    try:
        codes = issue_to_file(forms.store, form.form_id, args.count, out, write, panel=True)
    except CodeFileError as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    print(f"已生成 {len(codes)} 张回访卡到 {out.resolve()}（这份问卷共发出 {forms.store.panel_count(form.form_id)} 张）。")
    print("回访卡编号只以加密形式存在电脑上；手机上填了没发过的编号会被拒收，每张卡每一次只能填一份。")
    return Exit.OK


def _import_responses(args: argparse.Namespace, forms) -> int:
    from .errors import UnreadableFile
    from .forms.imports import import_csv
    from .forms.store import StoreBusy

    path = Path(args.file)
    form = forms.get(args.import_form) if args.import_form else None
    if form is None:
        matches = [f for f in forms.all() if path.stem.startswith(f.form_id)]
        form = max(matches, key=lambda f: len(f.form_id)) if matches else None
    if form is None:
        print(f"不知道 {path.name} 是哪份问卷的回答：请用 --form 指定问卷编号", file=sys.stderr)
        return Exit.UNREADABLE
    try:
        checks = [lambda answers, check=check: check(form, answers, forms.campaign) for check in registry().answer_checks()]
        report = import_csv(form, path, forms.store, checks)
    except (UnreadableFile, StoreBusy) as exc:
        print(f"无法导入 {path.name}，什么也没有存：{exc}", file=sys.stderr)
        return Exit.UNREADABLE
    if report.refused:
        print(f"{path.name} 有 {len(report.refused)} 行不对，整个文件都没有导入（改好后再导入一次）：", file=sys.stderr)
        for line in report.refused[:100]:
            print(f"  {line}", file=sys.stderr)
        if len(report.refused) > 100:
            print(f"  ……还有 {len(report.refused) - 100} 行", file=sys.stderr)
        return Exit.DATA_ERRORS
    print(f"{form.form_id}：新导入 {report.added} 份，已导入过 {report.already} 份")
    return Exit.OK


# -- validate ----------------------------------------------------------------


def validate(path: str | None, *, table: str | None = None, fmt: str = "text", out=None) -> int:
    out = out or sys.stdout
    from .core.campaign import resolve_campaign_dir
    from .errors import CampaignNotFound
    from .load import check_campaign, read_table

    try:
        target = resolve_campaign_dir(path) if path is None else Path(path)
        if not target.exists():
            raise CampaignNotFound(f"找不到：{target}")
    except CampaignNotFound as exc:
        return _unreadable(str(exc), path or "", fmt, out)

    if target.is_dir():
        campaign = check_campaign(target)
        counts, problems = campaign.counts, campaign.problems
        if table:
            counts = [c for c in counts if c.table == table]
            problems = [p for p in problems if p.table == table]
        title = f"活动：{campaign.config.name}（{target}）"
        unreadable = False
    else:
        result = read_table(target, table)
        counts, problems = [result.counts], sort_problems(result.problems)
        title = f"文件：{target}"
        unreadable = result.unreadable
    ok = not any(p.severity == "error" for p in problems)
    if fmt == "json":
        json.dump(
            {"ok": ok, "tables": [c.to_dict() for c in counts], "problems": [p.to_dict() for p in problems]},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        _print_text(title, counts, problems, ok, out)
    if unreadable:
        return Exit.UNREADABLE
    return Exit.OK if ok else Exit.DATA_ERRORS


def _unreadable(message: str, path: str, fmt: str, out) -> int:
    if fmt == "json":
        problem = Problem("error", "", str(path), message)
        json.dump({"ok": False, "tables": [], "problems": [problem.to_dict()]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(f"无法读取：{message}\n")
    return Exit.UNREADABLE


def _print_text(title: str, counts: list[TableCounts], problems: list[Problem], ok: bool, out) -> None:
    write = out.write
    write(title + "\n\n")
    if counts:
        write(f"{'表':<12}{'文件':<24}{'读入行':>6}{'跳过':>6}{'拒收':>6}{'载入行':>7}{'记录数':>7}\n")
        for c in counts:
            write(
                f"{c.table:<12}{c.file:<24}{c.rows_read:>8}{c.rows_skipped:>8}{c.rows_rejected:>8}{c.rows_loaded:>9}{c.records_loaded:>9}\n"
            )
        write("（跳过 = 空行和“注：”说明行；拒收 = 有错误、未载入的行）\n\n")
    errors = count_of(p for p in problems if p.severity == "error")
    warnings = count_of(problems) - errors
    if problems:
        write(f"发现 {errors} 个错误、{warnings} 个警告：\n")
        for file, group in groupby(problems, key=lambda p: p.file):
            write(f"\n== {file} ==\n")
            for p in group:
                where = []
                if p.sheet:
                    where.append(f"工作表“{p.sheet}”")
                where.append(f"第 {p.row} 行" if p.row is not None else "整个文件")
                if p.column:
                    where.append(f"“{p.column}”列")
                value = "" if p.value in (None, "") else f"  值：{p.value}"
                write(f"  [{SEVERITY_LABELS[p.severity]}] {' '.join(where)}{value}\n      {p.message}\n")
    write("\n")
    if ok:
        write("结论：没有错误，可以使用。" + ("请看一下上面的警告。" if warnings else "") + "\n")
    else:
        write("结论：有错误。有错误的行没有载入，请按上面的提示改正后再检查一次。\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
