"""Paper ballots entered twice, by two people separately, and compared before they count.

Each paper ballot is a printed code slip (its code on it) on which the voter ticks names, so
a paper ballot spends its code like a phone's and one code still counts once. An entry file
(CSV or Excel) has one ballot a row: ``投票码``, ``选择`` (names separated by 、), ``废票``
(是 for a ballot the counting team finds spoiled). Nothing counts while the two entries differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.vocab import split_items
from ..forms.store import normalize_code
from .selections import Candidate, Selection

CODE, CHOICE, SPOILED = "投票码", "选择", "废票"


class EntryError(ValueError):
    """An entry file that cannot be read as ballots (the message names file, row and column)."""


@dataclass(frozen=True)
class PaperBallot:
    code: str
    choice: tuple[str, ...]  # candidate keys, in the order written
    spoiled: bool
    row: int  # Excel row in the entry file

    def same_as(self, other: PaperBallot) -> bool:
        return self.spoiled == other.spoiled and (self.spoiled or sorted(self.choice) == sorted(other.choice))

    def text(self) -> str:
        return "废票" if self.spoiled else ("、".join(self.choice) or "（一个也没选）")


def _read(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".xlsx", ".xls"):
        return pd.read_excel(path, dtype=str)
    from ..core.reading import detect_encoding

    encoding = detect_encoding(path.read_bytes()[:65536])
    return pd.read_csv(path, dtype=str, encoding=encoding, keep_default_na=False)


def read_entry(path: Path, selection: Selection, candidates: list[Candidate]) -> list[PaperBallot]:
    """One person's entry of the paper ballots; every problem is raised at once."""
    path = Path(path)
    frame = _read(path).fillna("")
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in (CODE, CHOICE) if c not in frame.columns]
    if missing:
        raise EntryError(f"{path.name}：缺少“{'”“'.join(missing)}”列（第 1 行是表头：投票码、选择、废票）")
    keys = {c.key for c in candidates} | {c.name for c in candidates}
    by_name = {c.name: c.key for c in candidates}
    names = [c.name for c in candidates]
    problems, found, seen = [], [], {}
    for i, row in enumerate(frame.to_dict("records")):
        line = i + 2
        code = normalize_code(row[CODE])
        spoiled = row.get(SPOILED, "").strip() in ("是", "yes", "1", "√")
        chosen = split_items(row[CHOICE], commas=False)
        if not code:
            problems.append(f"{path.name}，第 {line} 行，“{CODE}”列：没有填投票码")
            continue
        if code in seen:
            problems.append(f"{path.name}，第 {line} 行，“{CODE}”列：投票码 {code} 与第 {seen[code]} 行重复")
            continue
        seen[code] = line
        if len(set(chosen)) != len(chosen) and not spoiled:
            problems.append(f"{path.name}，第 {line} 行，“{CHOICE}”列：同一个人写了两次——按规定应为废票，请在“{SPOILED}”列填“是”")
            continue
        shared = [name for name in chosen if names.count(name) > 1]
        if shared:
            problems.append(
                f"{path.name}，第 {line} 行，“{CHOICE}”列：有 {len(shared)} 个候选人叫“{shared[0]}”，请写成“姓名（户编号）”"
            )
            continue
        unknown = [name for name in chosen if name not in keys]
        if unknown and not spoiled:
            problems.append(f"{path.name}，第 {line} 行，“{CHOICE}”列：{'、'.join(unknown)} 不是这项评选的候选人")
            continue
        if len(chosen) > selection.choices and not spoiled:
            problems.append(
                f"{path.name}，第 {line} 行，“{CHOICE}”列：选了 {len(chosen)} 人，超过每票 {selection.choices} 人——按规定应为废票，请在“{SPOILED}”列填“是”"
            )
            continue
        choice = () if spoiled else tuple(by_name.get(name, name) for name in chosen)
        found.append(PaperBallot(code, choice, spoiled, line))
    if problems:
        raise EntryError("\n".join(problems))
    return found


def compare(first: list[PaperBallot], second: list[PaperBallot], names: tuple[str, str]) -> list[str]:
    """Every difference between two entries, each naming both rows; empty when they agree."""
    a, b = {p.code: p for p in first}, {p.code: p for p in second}
    differences = []
    for code in sorted(set(a) | set(b)):
        if code not in b:
            differences.append(f"投票码 {code}：{names[0]} 第 {a[code].row} 行有，{names[1]} 没有")
        elif code not in a:
            differences.append(f"投票码 {code}：{names[1]} 第 {b[code].row} 行有，{names[0]} 没有")
        elif not a[code].same_as(b[code]):
            differences.append(
                f"投票码 {code}：{names[0]} 第 {a[code].row} 行录为“{a[code].text()}”，{names[1]} 第 {b[code].row} 行录为“{b[code].text()}”"
            )
    return differences
