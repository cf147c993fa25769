"""An XLSForm workbook as pyxform reads it, with what a trainer's message needs: each row's
Excel row number and each column's header as typed.

pyxform's own reader (``get_xlsform``) opens .xlsx, .xls and .csv, lower-cases sheet names
and keeps blank rows between questions, so a row's place in its sheet is its Excel row less
one. Headers are normalised here before pyxform sees them: ``Label`` → ``label``, and the
single-colon language spelling ``label:English (en)`` → ``label::English (en)``, which
pyxform reads as a translation in the choices sheet but as an unknown column in the survey.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from .constructs import KNOWN_HEADERS

# Columns that take a language after "::" (the XLSForm spec's translatable columns).
TRANSLATABLE = {
    "label",
    "hint",
    "guidance_hint",
    "constraint_message",
    "required_message",
    "image",
    "big-image",
    "audio",
    "video",
    "media::image",
    "media::big-image",
    "media::audio",
    "media::video",
}
SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")
_SINGLE_COLON = re.compile(r"^(?P<base>[^:]+?)\s*:(?!:)\s*(?P<language>.+)$")


class WorkbookUnreadable(ValueError):
    """The file is not a workbook pyxform can open (with pyxform's reason)."""


@dataclass(frozen=True)
class Sheet:
    title: str  # as the trainer named it (Survey, CHOICES…)
    rows: tuple[tuple[int, dict[str, str]], ...]  # (Excel row, {normalised column: text}), blank rows left out
    typed: dict[str, str] = field(default_factory=dict)  # normalised column → header as typed

    @property
    def columns(self) -> list[str]:
        return list(self.typed)

    def header(self, column: str) -> str:
        return self.typed.get(column, column)


@dataclass(frozen=True)
class Workbook:
    definition: DefinitionData  # with normalised headers: what pyxform converts
    sheets: dict[str, Sheet]

    def sheet(self, name: str) -> Sheet | None:
        return self.sheets.get(name)


def normal_column(raw: str) -> str:
    """'Label' → 'label'; 'label:English (en)' → 'label::English (en)'; 'list_name' stays; the
    language keeps its case, and so does a column XLSForm does not name (a choices column)."""
    text = re.sub(r"\s+", " ", str(raw).strip())
    if "::" in text:
        base, _, rest = text.partition("::")
        base = base.strip().lower()
        if base == "media":  # media::image::English (en)
            kind, sep, language = rest.partition("::")
            return f"media::{kind.strip().lower()}" + (f"::{language.strip()}" if sep else "")
        return f"{base}::{rest.strip()}"
    single = _SINGLE_COLON.match(text)
    if single and single.group("base").strip().lower() in TRANSLATABLE:
        return f"{single.group('base').strip().lower()}::{single.group('language').strip()}"
    lowered = text.lower()
    known = lowered in KNOWN_HEADERS or lowered.replace(" ", "_") in KNOWN_HEADERS
    return lowered if known else text


def read_workbook(path: Path) -> Workbook:
    try:
        data = get_xlsform(path)
    except PyXFormError as exc:
        raise WorkbookUnreadable(str(exc)) from None
    titles = {name.strip().lower(): name for name in data.sheet_names or ()}
    sheets: dict[str, Sheet] = {}
    changes: dict[str, object] = {}
    for name in SHEETS:
        rows = getattr(data, name, None)
        header = getattr(data, f"{name}_header", None)
        if rows is None:
            continue
        typed = {normal_column(raw): raw for raw in (header[0] if header else {})}
        renamed = [{normal_column(k): v for k, v in row.items()} for row in rows]
        numbered = tuple((index + 2, row) for index, row in enumerate(renamed) if row)
        sheets[name] = Sheet(titles.get(name, name), numbered, typed)
        changes[name] = renamed
        changes[f"{name}_header"] = [{column: None for column in typed}]
    return Workbook(replace(data, **changes), sheets)  # type: ignore[arg-type]
