"""Counting a selection's ballots: votes per candidate, turnout, the threshold, winners and
ties. A tie for the last place is flagged and never broken here: the rules of the unit
decide (a second round, usually), and the notice must not name a winner by chance.

Rules, as the tally states them:

- ballots cast = every ballot stored (phone and paper, spoiled ones included);
- the threshold counts against ballots cast: 过半数 = more than half, 三分之二以上 =
  at least two thirds, 不设 = none;
- winners: the candidates that pass the threshold, most votes first, up to the number of
  places; candidates with equal votes who would share the last place(s) are a tie.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from .ballot import CHOICE_FIELD
from .selections import Candidate, Selection


def threshold_votes(threshold: str, cast: int) -> int:
    """The fewest votes that pass: 过半数 of 10 → 6, of 11 → 6; 三分之二以上 of 10 → 7; 不设 → 1."""
    if threshold == "过半数":
        return cast // 2 + 1
    if threshold == "三分之二以上":
        return max(1, math.ceil(cast * 2 / 3))
    return 1


def tally(selection: Selection, candidates: Sequence[Candidate], ballots: Sequence[dict], codes_issued: int) -> dict:
    """The count, as ``campaignkit vote tally --format json`` prints it."""
    spoiled = sum(1 for b in ballots if b.get("spoiled"))
    votes = Counter(key for b in ballots if not b.get("spoiled") for key in b.get(CHOICE_FIELD, []))
    known = {c.key for c in candidates}
    rows = [{"name": c.key, "unit": c.unit, "votes": votes.get(c.key, 0)} for c in candidates]
    # A vote for someone no longer among the nominees (the table was changed during voting) is
    # shown, never dropped; such a name cannot win.
    others = [
        {"name": key, "unit": "", "votes": n, "not_nominated": True} for key, n in sorted(votes.items()) if key not in known
    ]
    cast = len(ballots)
    needed = threshold_votes(selection.threshold, cast)
    passing = sorted((r for r in rows if r["votes"] >= needed and cast), key=lambda r: -r["votes"])
    winners: list[str] = []
    ties: list[dict] = []
    left = selection.winners
    for level in sorted({r["votes"] for r in passing}, reverse=True):
        if left <= 0:
            break
        group = [r["name"] for r in passing if r["votes"] == level]
        if len(group) <= left:
            winners.extend(group)
            left -= len(group)
        else:
            ties.append({"votes": level, "names": group, "places": left})
            left = 0
    return {
        "selection": selection.code,
        "award": selection.award,
        "status": selection.status(),
        "codes_issued": codes_issued,
        "ballots_cast": cast,
        "ballots_spoiled": spoiled,
        "ballots_counted": cast - spoiled,
        "turnout": round(cast / codes_issued, 4) if codes_issued else None,
        "threshold": selection.threshold,
        "threshold_votes": needed if cast else None,
        "places": selection.winners,
        "candidates": sorted(rows, key=lambda r: -r["votes"]) + others,
        "winners": winners,
        "ties": ties,
        "illustrative": selection.illustrative,
    }


def tally_text(result: dict) -> str:
    lines = [
        f"评选 {result['selection']}（{result['award']}，{result['status']}）",
        f"发出投票码 {result['codes_issued']} 个，投票 {result['ballots_cast']} 张"
        + (f"（投票率 {result['turnout']:.1%}）" if result["turnout"] is not None else "")
        + f"，废票 {result['ballots_spoiled']} 张，有效票 {result['ballots_counted']} 张",
        f"当选门槛：{result['threshold']}"
        + (f"（至少 {result['threshold_votes']} 票）" if result["threshold_votes"] else "")
        + f"；名额 {result['places']} 名",
    ]
    for row in result["candidates"]:
        mark = "（未在提名名单中，不能当选）" if row.get("not_nominated") else ""
        lines.append(f"  {row['name']}\t{row['unit']}\t{row['votes']} 票{mark}")
    lines.append("当选：" + ("、".join(result["winners"]) or "无"))
    for tie in result["ties"]:
        lines.append(
            f"票数相同（各 {tie['votes']} 票），争 {tie['places']} 个名额：{'、'.join(tie['names'])}——请按规定另行投票决定，本程序不替您决定"
        )
    if result["illustrative"]:
        lines.append("示例：这是示例评选，不是真实结果。")
    return "\n".join(lines)
