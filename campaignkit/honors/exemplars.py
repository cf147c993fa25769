"""Exemplars as the gallery, the slides, the phone page and the story card show them:
filtered by level and domain, each as one card with its source (or its 示例 mark)."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import pandas as pd

from ..core.fmt import dates_in_words
from ..core.vocab import LEVELS
from ..timeline import source_html
from .tables import DOMAINS

EVERY = "全部"
PHOTOS = "photos"
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def levels_of(exemplars: pd.DataFrame) -> list[str]:
    return [lv for lv in LEVELS if lv in set(exemplars["level"])]


def domains_of(exemplars: pd.DataFrame) -> list[str]:
    return [d for d in DOMAINS if d in set(exemplars["domain"])]


def select(exemplars: pd.DataFrame, level: str | None = None, domain: str | None = None) -> pd.DataFrame:
    """The exemplars of a level and a domain (None or 全部: every one), highest level first."""
    rows = exemplars
    if level not in (None, EVERY):
        rows = rows[rows["level"] == level]
    if domain not in (None, EVERY):
        rows = rows[rows["domain"] == domain]
    order = rows["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    return rows.assign(_order=order).sort_values(["_order", "year"], kind="stable").drop(columns="_order")


def photo_uri(campaign_folder: Path, name: object) -> str:
    """The photo as a data: URI (a card must open offline and print alone), '' when absent.
    Only a file directly in ``photos/`` is read: a name cannot point elsewhere."""
    if not isinstance(name, str) or not name.strip():
        return ""
    path = Path(campaign_folder) / PHOTOS / Path(name.strip()).name
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None or not path.is_file() or path.stat().st_size > 5_000_000:
        return ""
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def subtitle(row: pd.Series) -> str:
    year = f"{int(row['year'])}年" if pd.notna(row.get("year")) else ""
    return " · ".join(
        p for p in (_text(row.get("honour")), row["level"] + "级" if row["level"] != "全国" else "全国", row["domain"], year) if p
    )


def card_html(row: pd.Series, *, photo: str = "", text_px: int = 20, badge: str = "") -> str:
    """One exemplar: name, honour, the plain sentence, the deeds and the source (classes that
    长辈模式 enlarges: ``h2``, ``p``, ``.ck-meta``, ``.ck-source``)."""
    image = (
        f'<img src="{photo}" alt="{escape(row["name"])}" style="max-width:160px;float:right;margin:0 0 8px 12px;border-radius:6px;">'
        if photo
        else ""
    )
    plain = _text(row.get("plain"))
    mark = badge if bool(row.get("illustrative")) else ""
    return (
        '<div class="ck-exemplar" style="background:#fff;border:1px solid #ddd;border-radius:10px;padding:12px 16px;'
        f'margin:0 0 12px;font-size:{text_px}px;line-height:1.6;overflow-wrap:anywhere;">{image}'
        f'<h2 style="font-size:{text_px + 6}px;margin:0;">{escape(row["name"])}{mark}</h2>'
        f'<div class="ck-meta" style="color:#555;font-size:{text_px - 3}px;">{escape(subtitle(row))}</div>'
        + (f'<p style="font-weight:bold;color:#7a1f1f;margin:8px 0;">{escape(plain)}</p>' if plain else "")
        + f'<p style="margin:8px 0;">{escape(_text(row["deeds"]))}</p>'
        f'<div class="ck-source" style="font-size:{text_px - 5}px;color:#555;">来源：{source_html(row)}</div></div>'
    )


CARD_CSS = """
@page { size: A5; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 13pt; line-height: 1.65; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 2mm; line-height: 1.3; }
.sub { color: #555; font-size: 11pt; margin-bottom: 4mm; }
.plain { font-size: 15pt; font-weight: bold; color: #7a1f1f; border-left: 3pt solid #b22222; padding-left: 3mm; }
img { max-width: 45mm; max-height: 55mm; float: right; margin: 0 0 3mm 4mm; }
.source { font-size: 9pt; color: #444; margin-top: 5mm; word-break: break-all; }
.badge { color: #b00020; border: 1.5pt solid #b00020; padding: 0 2mm; font-size: 10pt; font-weight: bold; }
"""


def story_card_html(row: pd.Series, photo: str = "") -> str:
    """The A5 story card to hand out: one exemplar, the plain sentence, the deeds, the source."""
    url = _text(row.get("source_url"))
    source = _text(row.get("source")) or "未注明来源"
    badge = '<p><span class="badge">示例：虚构人物，仅供演示</span></p>' if bool(row.get("illustrative")) else ""
    plain = _text(row.get("plain"))
    image = f'<img src="{photo}" alt="">' if photo else ""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CARD_CSS}</style></head><body>'
        f"{badge}{image}<h1>{escape(row['name'])}</h1>"
        f'<div class="sub">{escape(subtitle(row))}</div>'
        + (f'<p class="plain">{escape(plain)}</p>' if plain else "")
        + f"<p>{escape(_text(row['deeds']))}</p>"
        f'<div class="source">来源：{escape(dates_in_words(source))}{("<br>" + escape(url)) if url else ""}</div></body></html>'
    )
