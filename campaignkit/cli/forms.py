"""``campaignkit forms …``: list the campaign's forms, count their answers, export and import
them, print posters and code slips. Features add their own (``register_form_commands``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.commands import Exit, add_campaign_argument
from ..features import registry
from ..forms.commands import named_form, with_forms


def add_parsers(sub) -> None:
    forms = sub.add_parser("forms", help="手机问卷：列出问卷、统计回答")
    forms_sub = forms.add_subparsers(dest="forms_command", required=True, metavar="子命令")
    listing = forms_sub.add_parser("list", help="列出活动文件夹 forms/ 里的问卷和网址")
    add_campaign_argument(listing)
    listing.set_defaults(run=with_forms(list_forms))
    result = forms_sub.add_parser("results", help="统计一份问卷的回答")
    add_form_id(result)
    add_campaign_argument(result)
    result.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    result.set_defaults(run=with_forms(_results))
    poster = forms_sub.add_parser("poster", help="为一份问卷生成 A4 海报（PDF）：标题、二维码、网址、怎么填")
    add_form_id(poster)
    add_campaign_argument(poster)
    poster.add_argument("--out", required=True, help="输出的 PDF 文件")
    add_address(poster)
    poster.set_defaults(run=with_forms(_poster))
    codes = forms_sub.add_parser("codes", help="为凭答题码的问卷生成一次性答题码纸条（PDF，每页 10 张）或 CSV")
    add_form_id(codes)
    add_campaign_argument(codes)
    codes.add_argument("--count", type=int, required=True, help="生成多少个答题码")
    codes.add_argument(
        "--panel", action="store_true", help="生成回访卡（同一批人前后两次都填的编号，每次每张只能填一份），而不是一次性答题码"
    )
    codes.add_argument("--out", required=True, help="输出文件（.pdf 纸条，或 .csv 交给印刷店）")
    add_address(codes)
    codes.set_defaults(run=with_forms(_issue_codes))
    importing = forms_sub.add_parser(
        "import", help="导入另一台电脑导出的、或 ODK/KoboToolbox 导出的回答（CSV；重复导入不会重复计数）"
    )
    importing.add_argument("file", help="CSV 文件")
    add_campaign_argument(importing)
    importing.add_argument("--form", dest="import_form", default=None, help="问卷编号（默认：按文件名开头判断）")
    importing.set_defaults(run=with_forms(_import_responses))
    export = forms_sub.add_parser("export", help="把一份问卷的全部回答导出为 CSV 或 Excel")
    add_form_id(export)
    add_campaign_argument(export)
    export.add_argument("--out", required=True, help="输出文件（.csv 或 .xlsx）")
    export.set_defaults(run=with_forms(_export))
    collect = forms_sub.add_parser(
        "collect", help="ODK Collect（或 KoboCollect）的服务器地址和设置二维码：走访干部扫一次，离线填表、回镇里发送"
    )
    add_campaign_argument(collect)
    collect.add_argument("--out", default=None, help="二维码输出文件（.png 图片，或 .pdf 一页说明）")
    add_address(collect)
    collect.set_defaults(run=with_forms(_collect))
    registry().register_form_commands(forms_sub)  # the features' own (a report from the answers)


def add_form_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("form_id", help="问卷编号（settings 表的 form_id）")


def add_address(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--address", default=None, help="手机打开的地址，如 http://192.168.1.20:8866（默认：本机局域网地址和 --lan 的端口）"
    )


def list_forms(args: argparse.Namespace, forms, folder: Path) -> int:
    found = forms.all()
    if not found:
        print(f"{folder / 'forms'} 里没有可用的问卷（XLSForm 格式的 .xlsx 或 .xls）。")
    address, query = _saved_lan_address(folder)
    registers = registry().register_forms()
    for form in found:
        mode = "测验" if form.quiz else "凭答题码" if form.access == "tokens" else "凭网址"
        link = f"{address}/forms/{form.form_id}{query}"
        if form.form_id in registers:  # the cadres' key only when asked for (serve --lan --show-staff)
            link += "（走访干部登记：另需干部钥匙，见 serve --lan --show-staff 或 forms poster）"
        print(f"{form.form_id}\t{form.file}\t{form.title}\t{mode}\t已收 {forms.store.count(form.form_id)} 份\t{link}")
        for warning in form.warnings:  # read, not used on the phone pages: the form is served
            print(f"  [提醒] {warning}")
    if found:
        print(
            "海报：campaignkit forms poster 问卷编号 --out 海报.pdf；答题码纸条：campaignkit forms codes 问卷编号 --count N --out 纸条.pdf"
        )
    return Exit.DATA_ERRORS if forms.errors else Exit.OK


def _results(args: argparse.Namespace, forms, folder: Path) -> int:
    from ..forms import results, results_text

    if (form := named_form(args, forms)) is None:
        return Exit.UNREADABLE
    summary = results(form, forms.store.responses(form.form_id))
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.format == "json" else results_text(form, summary))
    return Exit.OK


def _export(args: argparse.Namespace, forms, folder: Path) -> int:
    from ..forms.results import export_responses

    if (form := named_form(args, forms)) is None:
        return Exit.UNREADABLE
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


def _saved_lan_address(folder: Path) -> tuple[str, str]:
    """(address, ``?token=…``) phones use under `serve --lan` if this campaign has served on the
    LAN before (nothing is written here): a printed link opens the form without the login page.
    Else just the path."""
    from urllib.parse import quote

    from ..core.network import lan_address, saved_settings

    saved = saved_settings(folder)
    if not isinstance(saved.get("port"), int):
        return "", ""
    token = saved.get("token")
    return f"http://{lan_address()}:{saved['port']}", f"?token={quote(token)}" if isinstance(token, str) else ""


def _lan_address(args: argparse.Namespace, folder: Path) -> tuple[str, str]:
    """(address, token) a phone in the hall uses: what `serve --lan` will serve for this campaign."""
    from ..core.network import phone_address

    return phone_address(folder, args.address)


def _poster(args: argparse.Namespace, forms, folder: Path) -> int:
    from ..forms.slips import poster_html
    from ..ui.export import write_pdf

    form = forms.get(args.form_id)
    if form is None:
        print(f"没有编号为“{args.form_id}”的问卷", file=sys.stderr)
        return Exit.UNREADABLE
    from ..forms.access import staff_key

    address, token = _lan_address(args, folder)
    staff = staff_key(folder) if form.form_id in registry().register_forms() else ""
    out = write_pdf(poster_html(form, address, token, staff), Path(args.out))
    print(f"已生成海报 {out.resolve()}（地址 {address}/forms/{form.form_id}；启动时请用 campaignkit serve --lan）")
    if staff:
        print("这是走访干部用的登记表：二维码里带干部的钥匙，只发给走访干部，不要贴在会场。")
    return Exit.OK


def _issue_codes(args: argparse.Namespace, forms, folder: Path) -> int:
    import csv

    from ..forms.issuing import CodeFileError, issue_to_file
    from ..forms.slips import slip_url, slips_html

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
            from ..ui.export import write_pdf

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

    from ..forms.issuing import CodeFileError, issue_to_file
    from ..forms.panel import PANEL, cards_html, has_panel

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
            from ..ui.export import write_pdf

            write_pdf(cards_html(form, codes), path)

    try:
        codes = issue_to_file(forms.store, form.form_id, args.count, out, write, panel=True)
    except CodeFileError as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    print(f"已生成 {len(codes)} 张回访卡到 {out.resolve()}（这份问卷共发出 {forms.store.panel_count(form.form_id)} 张）。")
    print("回访卡编号只以加密形式存在电脑上；手机上填了没发过的编号会被拒收，每张卡每一次只能填一份。")
    return Exit.OK


def _import_responses(args: argparse.Namespace, forms, folder: Path) -> int:
    from ..errors import UnreadableFile
    from ..forms.imports import import_csv
    from ..forms.store import StoreBusy

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


def _collect(args: argparse.Namespace, forms, folder: Path) -> int:
    """The OpenRosa address first (whether or not the server runs), then the QR if asked for."""
    from ..core.campaign import CampaignConfig
    from ..forms.access import staff_key
    from ..forms.collect import card_html, collect_settings, collect_url, settings_payload, write_png

    address, _ = _lan_address(args, folder)
    url = collect_url(address, staff_key(folder))
    print(url)
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".png", ".pdf"):
        print(f"--out 应是 .png 或 .pdf 文件，这里是“{out.name}”", file=sys.stderr)
        return Exit.UNREADABLE
    project = CampaignConfig.of(folder).name or "宣讲走访"
    payload = settings_payload(collect_settings(url, project))
    if out is not None and out.suffix.lower() == ".png":
        write_png(payload, out)
    elif out is not None:
        from ..ui.export import write_pdf

        out = write_pdf(card_html(payload, url, project), out)
    offered = [f.form_id for f in forms.all() if not f.quiz and f.access == "open"]
    print(f"ODK Collect 里能下载的表：{'、'.join(offered) or '（没有）'}；电脑上要开着 campaignkit serve --lan。")
    if out is not None:
        print(f"已生成设置二维码 {out.resolve()}：只发给走访干部，里面有干部钥匙。")
    return Exit.OK
