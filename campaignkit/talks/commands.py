"""``campaignkit talk …``: new, export, check and list talks."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.commands import Exit, add_campaign_argument, add_lab_arguments


def add_parser(sub) -> None:
    talk = sub.add_parser("talk", help="宣讲稿：新建讲稿、导出讲义（HTML/PDF）、列出讲稿")
    talk_sub = talk.add_subparsers(dest="talk_command", required=True, metavar="子命令")
    new = talk_sub.add_parser("new", help="从模板新建一篇讲稿（三种示例页），放在活动文件夹的 talks/ 里")
    new.add_argument("name", help="讲稿名称（文件名，不带 .ipynb）")
    add_campaign_argument(new)
    new.add_argument("--audience", default=None, help="宣讲对象：农牧民、社区居民、机关干部、学生……")
    talk_export = talk_sub.add_parser("export", help="把讲稿导出为讲义：一个可离线打开的 HTML 文件，或 A4 PDF（不含备注）")
    talk_export.add_argument("notebook", help="讲稿文件（.ipynb），或讲稿名称")
    add_campaign_argument(talk_export)
    talk_export.add_argument("--audience", default=None, help="导出哪个对象的版本（默认：只含通用内容）")
    talk_export.add_argument(
        "--format", dest="talk_format", choices=("html", "pdf"), default=None, help="html 或 pdf（默认按文件后缀）"
    )
    talk_export.add_argument("--out", required=True, help="输出文件（.html 或 .pdf）")
    talk_check = talk_sub.add_parser(
        "check", help="在 Chromium 里按村里常见的投影尺寸（1024×768、1280×720）逐页检查讲稿：哪一页放不下"
    )
    talk_check.add_argument("notebook", help="讲稿文件（.ipynb），或讲稿名称")
    add_campaign_argument(talk_check)
    talk_check.add_argument("--audience", default=None, help="检查哪个对象的版本（默认：只含通用内容）")
    talk_list = talk_sub.add_parser("list", help="列出讲稿：活动文件夹 talks/ 里的和自带的示例讲稿")
    add_campaign_argument(talk_list)
    talk.set_defaults(run=talk_command)
    edit = talk_sub.add_parser("edit", help="用 JupyterLab 打开活动文件夹里自己的讲稿（talks/），修改并预览放映（不需要联网）")
    add_lab_arguments(edit)
    edit.set_defaults(run=edit_talks)


def edit_talks(args: argparse.Namespace) -> int:
    from ..server.lab import lab
    from .catalogue import TALKS_FOLDER

    return lab(args.campaign, port=args.port, open_browser=not args.no_browser, folder_in_campaign=TALKS_FOLDER)


def talk_command(args: argparse.Namespace) -> int:
    from .. import talks

    if args.talk_command == "new":
        path = talks.new_talk(args.name, args.campaign, audience=args.audience)
        print(f"已新建讲稿：{path}")
        folder = path.parent.parent
        print(f"修改：campaignkit talk edit {folder}（在 JupyterLab 里打开讲稿）；")
        print(f"预览：lab 启动后打开 http://127.0.0.1:8888/campaignkit/talks/{path.stem}（放映页，加 /presenter 是演讲者视图）。")
        return Exit.OK
    if args.talk_command == "list":
        for item in talks.list_talks(args.campaign):
            versions = "、".join(item.audiences) or "通用"
            print(f"{item.name}\t{item.title}\t{'示例讲稿' if item.sample else '自己的讲稿'}\t对象版本：{versions}")
        return Exit.OK
    notebook = Path(args.notebook)
    if not notebook.is_file():
        notebook = talks.find_talk(args.notebook, args.campaign).path
    if args.talk_command == "check":
        misfits = talks.check_talk(notebook, args.campaign, audience=args.audience)
        for misfit in misfits:
            print(f"[放不下] {misfit.line()}")
        if misfits:
            print("请删减这些页的文字，或把一页拆成两页（每页一张图）；数字和来源的全文仍在讲义里。")
            return Exit.UNREADABLE
        print("每一页在 1024×768 和 1280×720 的投影上都放得下：图表的绘图区不小于屏幕高度的 45%，文字不用滚动。")
        return Exit.OK
    out, misfits = talks.export_handout(
        notebook, args.out, args.campaign, audience=args.audience, fmt=args.talk_format, check=True
    )
    print(f"已导出讲义：{out}（{out.stat().st_size / 1e6:.2f} MB，不含讲稿备注）")
    for misfit in misfits:
        print(f"[注意] 放映时{misfit.line()}")
    if misfits:
        print("讲义不受影响；放映前请删减这些页的文字，或把一页拆成两页（campaignkit talk check 可再查一遍）。")
    return Exit.OK
