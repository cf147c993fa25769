"""A talk notebook as slides: which cells an audience gets, where slides begin, what is a
speaker note, and what each cell shows.

The rules a trainer learns (also in the template talk and the README):

- **A new slide begins at each level-2 heading** (a markdown line starting ``## ``); the
  heading is the slide's title. A level-1 heading (``# ``) is the talk's title and opens
  the title slide. (``---`` is just a horizontal line: one rule, not two.)
- **Speaker notes**: a markdown cell beginning ``备注：`` belongs to the slide before it and
  appears only on the presenter's screen — never on the projector or in a handout.
- **Audiences**: a cell tagged with an audience (``农牧民``, ``社区居民``, ``机关干部``,
  ``学生``, or one campaign.toml adds) appears only in that audience's version; untagged
  cells appear in every version.
- Code cells are never shown; what they display is (a ``talk.*`` call's card and chart,
  any plotly figure, HTML or image).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import mistune
import nbformat

from ..core.vocab import AUDIENCES
from ..errors import CampaignkitError
from .api import PART_MIME, PLOTLY_MIME

NOTE_PREFIXES = ("备注：", "备注:")
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Raw HTML in a notebook's markdown is shown as text: a talk copied from someone else
# cannot put scripts on the lecturer's projector.
_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


class TalkNotebookError(CampaignkitError):
    """A talk notebook cannot be turned into slides (message in Chinese)."""


@dataclass
class Part:
    html: str = ""
    figure: dict[str, Any] | None = None  # a plotly figure's JSON


@dataclass
class Slide:
    title: str
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # HTML, presenter only
    illustrative: bool = False

    @property
    def figures(self) -> list[dict[str, Any]]:
        return [p.figure for p in self.parts if p.figure is not None]


@dataclass
class Deck:
    title: str
    audience: str | None
    slides: list[Slide]

    def without_notes(self) -> Deck:
        """The deck as the projector and the handouts get it: no speaker note anywhere."""
        return Deck(self.title, self.audience, [Slide(s.title, s.parts, [], s.illustrative) for s in self.slides])


def is_note(cell: Any) -> bool:
    return cell.cell_type == "markdown" and "".join(cell.source).lstrip().startswith(NOTE_PREFIXES)


def cell_audiences(cell: Any, known: Iterable[str]) -> set[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return {t for t in tags if t in set(known)}


def known_audiences(extra: Iterable[str] = ()) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*AUDIENCES, *extra]))


def for_audience(nb: Any, audience: str | None, known: Iterable[str] = AUDIENCES) -> Any:
    """A copy of the notebook with the cells ``audience`` gets (None: only untagged cells)."""
    known = tuple(known)
    if audience is not None and audience not in known:
        raise TalkNotebookError(f"没有“{audience}”这个宣讲对象，可选：{'、'.join(known)}")
    kept = []
    for cell in nb.cells:
        tagged = cell_audiences(cell, known)
        if not tagged or audience in tagged:
            kept.append(cell)
    copy = nbformat.from_dict(nb)
    copy.cells = kept
    return copy


def audiences_used(nb: Any, known: Iterable[str] = AUDIENCES) -> list[str]:
    """The audiences the notebook has versions for (tags it uses), in the known order."""
    used: set[str] = set()
    for cell in nb.cells:
        used |= cell_audiences(cell, known)
    return [a for a in known if a in used]


def markdown_html(text: str) -> str:
    return _markdown(text)


def slides_of(nb: Any, audience: str | None = None) -> Deck:
    """Split an executed notebook (already filtered for ``audience``) into slides."""
    deck = _DeckBuilder()
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            deck.markdown(cell)
        elif cell.cell_type == "code":
            deck.code(cell, number)
    slides = deck.slides
    for slide in slides:
        slide.illustrative = slide.illustrative or any(_has_badge(f) for f in slide.figures)
    return Deck(deck.title or (slides[0].title if slides else "讲稿"), audience, slides)


class _DeckBuilder:
    """The slides so far, as the notebook's cells are read in order."""

    def __init__(self) -> None:
        self.title = ""
        self.slides: list[Slide] = []

    def current(self) -> Slide:
        """The slide a cell's content goes to (one is opened if none is yet)."""
        if not self.slides:
            self.slides.append(Slide(self.title or "（无标题）"))
        return self.slides[-1]

    def markdown(self, cell: Any) -> None:
        source = "".join(cell.source)
        if is_note(cell):
            text = source.lstrip()
            for prefix in NOTE_PREFIXES:
                text = text.removeprefix(prefix)
            self.current().notes.append(markdown_html(text.strip()))
            return
        for level, heading, body in _sections(source):
            if level == 1:
                self.title = heading
                self.slides.append(Slide(heading))
            elif level == 2:
                self.slides.append(Slide(heading))
            if body.strip():
                self.current().parts.append(Part(html=markdown_html(body)))

    def code(self, cell: Any, number: int) -> None:
        for part, illustrative in _outputs(cell, number):
            slide = self.current()
            slide.parts.append(part)
            slide.illustrative = slide.illustrative or illustrative


def _sections(source: str) -> list[tuple[int, str, str]]:
    """(level, heading, body) for each run of a markdown cell: level 0 for text before any
    level-1/2 heading. Headings inside code fences are text."""
    sections: list[tuple[int, str, list[str]]] = [(0, "", [])]
    fenced = False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            sections.append((len(match.group(1)), match.group(2), []))
        else:
            sections[-1][2].append(line)
    return [(level, heading, "\n".join(lines)) for level, heading, lines in sections if level or any(lines)]


def _outputs(cell: Any, number: int) -> list[tuple[Part, bool]]:
    parts: list[tuple[Part, bool]] = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "error":
            raise TalkNotebookError(
                f"讲稿第 {number} 个单元格运行出错：{output.get('ename', '')}：{_plain(output.get('evalue', ''))}"
            )
        if kind not in ("display_data", "execute_result"):
            continue  # printed text is for the trainer, not the audience
        data = output.get("data", {})
        if PART_MIME in data:
            payload = data[PART_MIME]
            parts.append((Part(html=payload.get("html", "")), bool(payload.get("illustrative"))))
        elif PLOTLY_MIME in data:
            parts.append((Part(figure=data[PLOTLY_MIME]), False))
        elif "text/html" in data:
            parts.append((Part(html="".join(data["text/html"])), False))
        elif "image/png" in data:
            png = "".join(data["image/png"]).replace("\n", "")
            parts.append((Part(html=f'<img alt="" style="max-width:100%" src="data:image/png;base64,{png}">'), False))
        elif "text/markdown" in data:
            parts.append((Part(html=markdown_html("".join(data["text/markdown"]))), False))
    return parts


def _has_badge(figure: dict[str, Any]) -> bool:
    from ..ui.charts import BADGE_NAME

    return any(a.get("name") == BADGE_NAME for a in figure.get("layout", {}).get("annotations", []) or [])


def _plain(text: str) -> str:
    """An exception's message without terminal colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
