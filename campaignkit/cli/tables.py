"""``campaignkit validate`` (check a campaign folder or one table) and ``campaignkit template``
(blank Excel templates of every table the features declare)."""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby
from pathlib import Path

from ..core.commands import Exit
from ..core.problems import SEVERITY_LABELS, Problem, TableCounts, count_of, sort_problems
from ..features import catalogue


def add_parsers(sub) -> None:
    tables = sorted(catalogue())
    validate_parser = sub.add_parser("validate", help="检查一个活动文件夹或单个表格文件")
    validate_parser.add_argument("path", nargs="?", default=None, help="活动文件夹或表格文件（默认：内置示例活动）")
    validate_parser.add_argument("--table", choices=tables, help="只检查这张表（检查单个文件时可指定表名）")
    validate_parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    validate_parser.set_defaults(run=lambda args: validate(args.path, table=args.table, fmt=args.format))

    template = sub.add_parser("template", help="生成每张表的空白 Excel 模板")
    template.add_argument("out_dir", nargs="?", default=None, metavar="dir", help="模板存放的文件夹（旧写法，同 --out）")
    template.add_argument("--out", default=None, help="模板存放的文件夹（默认：当前文件夹下的 templates）")
    template.add_argument("--table", action="append", choices=tables, help="只生成这张表（可重复）")
    template.set_defaults(run=write_templates)


def write_templates(args: argparse.Namespace) -> int:
    from ..load import write_templates as write

    folder = args.out or args.out_dir or "templates"
    paths = write(folder, args.table)
    print(f"已在 {Path(folder).resolve()} 生成 {len(paths)} 个模板：")
    for path in paths:
        print(f"  {path.name}")
    return Exit.OK


def validate(path: str | None, *, table: str | None = None, fmt: str = "text", out=None) -> int:
    out = out or sys.stdout
    from ..core.campaign import resolve_campaign_dir
    from ..errors import CampaignNotFound
    from ..load import check_campaign, read_table

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
