"""What ``campaignkit vote …`` does (the parser is in :mod:`.commands`, which loads this only when run)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

from ..core.campaign import resolve_campaign_dir
from ..core.commands import Exit
from ..forms import ResponseStore, SubmissionError, database_path
from ..forms.page import new_submission_id
from ..forms.store import CodeRefused
from .ballot import ballots, check_ballot
from .data import SelectionData
from .paper import EntryError, compare, read_entry
from .selections import UnknownSelection, find_selection, roll
from .tally import tally, tally_text


def run(args: argparse.Namespace) -> int:
    folder = resolve_campaign_dir(args.campaign)
    book = SelectionData(folder)
    for problem in book.problems:
        print(f"[{'错误' if problem.severity == 'error' else '警告'}] {problem.location()}：{problem.message}", file=sys.stderr)
    store = ResponseStore(database_path(folder))
    if args.vote_command == "list":
        return _list(args, book, store)
    try:
        selection = find_selection(book.campaign, args.selection)
    except UnknownSelection as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    candidates = book.candidates(selection)
    handler = {"codes": _codes, "roll": _roll, "paper": _paper, "tally": _tally, "ballots": _ballots, "notice": _notice}
    return handler[args.vote_command](args, book, store, selection, candidates)


def _list(args, book: SelectionData, store: ResponseStore) -> int:
    rows = []
    for selection in book.selections:
        left, issued = store.codes_left(selection.form_id)
        rows.append(
            {
                "selection": selection.code,
                "award": selection.award,
                "domain": selection.domain,
                "units": list(selection.units),
                "status": selection.status(),
                "nominate_from": _iso(selection.nominate_from),
                "nominate_to": _iso(selection.nominate_to),
                "vote_from": _iso(selection.vote_from),
                "vote_to": _iso(selection.vote_to),
                "candidates": len(book.candidates(selection)),
                "codes_issued": issued,
                "ballots_cast": store.count(selection.form_id),
                "illustrative": selection.illustrative,
            }
        )
    if args.format == "json":
        print(json.dumps({"selections": rows}, ensure_ascii=False, indent=2))
    else:
        if not rows:
            print("活动文件夹里没有先进评选表（selections.csv 或 先进评选.xlsx）。")
        for selection, row in zip(book.selections, rows):
            print(
                f"{row['selection']}\t{row['award']}\t{'、'.join(row['units'])}\t{row['status']}\t{selection.period_text()}\t"
                f"候选人 {row['candidates']} 人\t投票码 {row['codes_issued']} 个\t已投 {row['ballots_cast']} 张"
                + ("\t（示例）" if row["illustrative"] else "")
            )
    return Exit.DATA_ERRORS if any(p.severity == "error" for p in book.problems) else Exit.OK


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _codes(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    from ..core.network import phone_address
    from ..forms.issuing import CodeFileError, issue_to_file
    from ..ui.export import write_pdf
    from .slips import slips_html

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".csv"):
        print("--out 应以 .pdf 或 .csv 结尾", file=sys.stderr)
        return Exit.UNREADABLE
    if not candidates:
        print(f"评选 {selection.code} 还没有候选人：先在评选提名表里填上被提名人", file=sys.stderr)
        return Exit.UNREADABLE
    voters = len(roll(book.campaign, selection))
    _, issued = store.codes_left(selection.form_id)
    if not 1 <= args.count <= voters - issued:
        print(
            f"名册上有 {voters} 人，已经发出 {issued} 个投票码：一人一票，最多还能生成 {max(voters - issued, 0)} 个",
            file=sys.stderr,
        )
        return Exit.UNREADABLE
    address, token = phone_address(book.folder, args.address)

    def write(codes: list[str], path: Path) -> None:
        if out.suffix.lower() == ".csv":
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["code"])  # the address (with the server's token) stays off a print shop's file
                writer.writerows([code] for code in codes)
        else:
            write_pdf(slips_html(selection, candidates, codes, address, token), path)

    try:
        codes = issue_to_file(store, selection.form_id, args.count, out, write)
    except CodeFileError as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    left, issued = store.codes_left(selection.form_id)
    print(f"已生成 {len(codes)} 个投票码到 {out.resolve()}（这项评选共发出 {issued} 个，名册 {voters} 人）。")
    print("投票码只以加密形式存在电脑上，纸条丢了无法找回；选票与投票码不关联，名册只记是否领取。")
    return Exit.OK


def _roll(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    from ..ui.export import write_pdf
    from .slips import roll_html

    voters = roll(book.campaign, selection)
    out = Path(args.out)
    if out.suffix.lower() == ".csv":
        frame = voters.rename(columns={"name": "姓名", "unit": "单位", "household_id": "户编号"})
        frame["领票签字"] = ""
        frame.to_csv(out, index=False, encoding="utf-8-sig")
    elif out.suffix.lower() == ".pdf":
        write_pdf(roll_html(selection, voters), out)
    else:
        print("--out 应以 .pdf 或 .csv 结尾", file=sys.stderr)
        return Exit.UNREADABLE
    print(f"已生成领票名册 {out.resolve()}（{len(voters)} 人）")
    if voters.attrs.get("left_off"):
        print(f"注意：有 {voters.attrs['left_off']} 人出生年月和身份证号都不能用，无法确定是否成年，没有列入名册，请核对成员表。")
    return Exit.OK


def _paper(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    try:
        first = read_entry(Path(args.first), selection, candidates)
        second = read_entry(Path(args.second), selection, candidates)
    except (EntryError, OSError, ValueError) as exc:
        print(f"无法读取录入文件：{exc}", file=sys.stderr)
        return Exit.UNREADABLE
    if (
        Path(args.first).read_bytes() == Path(args.second).read_bytes()
        and Path(args.first).resolve() == Path(args.second).resolve()
    ):
        print("--first 和 --second 是同一个文件：纸质选票要由两个人分别录入，各存一个文件", file=sys.stderr)
        return Exit.UNREADABLE
    differences = compare(first, second, (Path(args.first).name, Path(args.second).name))
    if differences:
        print(f"两份录入有 {len(differences)} 处不同，一张也没有计入。请对照纸质选票改正后再录：", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        return Exit.DATA_ERRORS
    added, refused = 0, []
    checked = []
    for paper in first:  # every ballot checked before any is stored
        try:
            ballot = {"spoiled": True} if paper.spoiled else check_ballot(selection, candidates, {"choice": list(paper.choice)})
        except SubmissionError as exc:
            print(f"{Path(args.first).name}，第 {paper.row} 行：{exc}；一张也没有计入", file=sys.stderr)
            return Exit.DATA_ERRORS
        checked.append((paper, ballot))
    for paper, ballot in checked:
        try:
            store.submit(selection.form_id, "paper", new_submission_id(), ballot, code=paper.code)
            added += 1
        except CodeRefused:
            refused.append(f"第 {paper.row} 行，投票码 {paper.code}：不是这项评选的码，或已经投过（手机或纸质）")
    print(f"两份录入一致：计入 {added} 张纸质选票，拒收 {len(refused)} 张。")
    print("计入以后请删除两份录入文件：文件里投票码和所选的人写在一起。")
    for line in refused:
        print(f"  {line}", file=sys.stderr)
    return Exit.DATA_ERRORS if refused else Exit.OK


def _tally(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    if selection.status() == "已截止":
        store.compact()
    result = tally(selection, candidates, ballots(store, selection), store.codes_left(selection.form_id)[1])
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.format == "json" else tally_text(result))
    return Exit.OK


def _ballots(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    from .audit import ballots_csv

    out = Path(args.out)
    out.write_bytes(ballots_csv(selection, store))
    print(f"已导出 {store.count(selection.form_id)} 张选票到 {out.resolve()}（不含投票码和时间，顺序随机）")
    return Exit.OK


def _notice(args, book: SelectionData, store: ResponseStore, selection, candidates) -> int:
    from ..ui.export import write_pdf
    from .notice import CalendarUnknown, notice_html, notice_parts, write_docx

    try:
        dated = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print("--date 应写成 2024-01-22 这样的日期", file=sys.stderr)
        return Exit.UNREADABLE
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".docx"):
        print("--out 应以 .pdf 或 .docx 结尾", file=sys.stderr)
        return Exit.UNREADABLE
    if selection.status() == "已截止":
        store.compact()
    result = tally(selection, candidates, ballots(store, selection), store.codes_left(selection.form_id)[1])
    try:
        parts = notice_parts(selection, result, candidates, dated)
    except CalendarUnknown as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    if out.suffix.lower() == ".docx":
        write_docx(parts, out)
    else:
        write_pdf(notice_html(parts), out)
    print(f"已生成公示 {out.resolve()}：公示期 {parts['first']} 至 {parts['last']}（{selection.notice_days} 个工作日）")
    if result["status"] != "已截止":
        print("注意：这项评选的投票还没有截止，公示用的是目前的票数。", file=sys.stderr)
    if result["ties"]:
        print("注意：有票数相同争名额的情况，公示中写明“另行投票确定”。", file=sys.stderr)
    return Exit.OK
