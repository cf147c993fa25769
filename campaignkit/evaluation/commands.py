"""``campaignkit forms report``: a questionnaire's evaluation report (A4 PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.commands import Exit, add_campaign_argument
from ..forms.commands import with_forms


def add_parser(forms_sub) -> None:
    report = forms_sub.add_parser("report", help="生成一份问卷的效果评估报告（A4 PDF，按活动的五条标准分节）")
    report.add_argument("form_id", help="问卷编号（settings 表的 form_id）")
    add_campaign_argument(report)
    report.add_argument("--out", required=True, help="输出的 PDF 文件")
    report.set_defaults(run=with_forms(report_command))


def report_command(args: argparse.Namespace, forms, folder: Path) -> int:
    from ..load import check_campaign
    from ..ui.export import write_pdf
    from .compute import answers_frame
    from .report import report_html

    form = forms.get(args.form_id)
    if form is None:
        print(f"没有编号为“{args.form_id}”的问卷", file=sys.stderr)
        return Exit.UNREADABLE
    config = check_campaign(folder, tables=[]).config  # campaign.toml only: is the campaign 示例?
    answers = answers_frame(form, forms.store.responses(form.form_id))
    out = write_pdf(report_html(form, answers, illustrative=bool(config.illustrative)), Path(args.out))
    print(f"已生成效果评估报告 {out.resolve()}（{len(answers)} 份回答）")
    return Exit.OK
