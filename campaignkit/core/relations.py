"""Family relations as GB/T 4761-2008《家庭关系代码》writes them.

The standard has one-digit category codes (0 本人或户主 … 8 其他) and two-digit
codes (01 本人, 02 户主, 11 夫, 12 妻, 22 长子 … 99 非亲属); the table below is
its two-digit table, checked against the standard's text (GB/T 4761-2008, 3 代码表,
issued 2008-08-06, in force 2009-01-01; it replaced GB/T 4761-1984 and dropped
小集体户户主 and 保姆). Village books also write the words below the table
(老伴, 之子, 媳妇 …): they map to the standard's code for the same relation.

A relation is kept as written, with its standard code and category beside it.
"""

from __future__ import annotations

import re
import unicodedata

# GB/T 4761-2008, two-digit codes.
CODES: dict[str, str] = {
    "01": "本人",
    "02": "户主",
    "10": "配偶",
    "11": "夫",
    "12": "妻",
    "20": "子",
    "21": "独生子",
    "22": "长子",
    "23": "次子",
    "24": "三子",
    "25": "四子",
    "26": "五子",
    "27": "养子或继子",
    "28": "女婿",
    "29": "其他儿子",
    "30": "女",
    "31": "独生女",
    "32": "长女",
    "33": "次女",
    "34": "三女",
    "35": "四女",
    "36": "五女",
    "37": "养女或继女",
    "38": "儿媳",
    "39": "其他女儿",
    "40": "孙子、孙女或外孙子、外孙女",
    "41": "孙子",
    "42": "孙女",
    "43": "外孙子",
    "44": "外孙女",
    "45": "孙媳妇或外孙媳妇",
    "46": "孙女婿或外孙女婿",
    "47": "曾孙子或外曾孙子",
    "48": "曾孙女或外曾孙女",
    "49": "其他孙子、孙女或外孙子、外孙女",
    "50": "父母",
    "51": "父亲",
    "52": "母亲",
    "53": "公公",
    "54": "婆婆",
    "55": "岳父",
    "56": "岳母",
    "57": "继父或养父",
    "58": "继母或养母",
    "59": "其他父母关系",
    "60": "祖父母或外祖父母",
    "61": "祖父",
    "62": "祖母",
    "63": "外祖父",
    "64": "外祖母",
    "65": "配偶的祖父母或外祖父母",
    "66": "曾祖父",
    "67": "曾祖母",
    "68": "配偶的曾祖父母或外曾祖父母",
    "69": "其他祖父母或外祖父母关系",
    "70": "兄弟姐妹",
    "71": "兄",
    "72": "嫂",
    "73": "弟",
    "74": "弟媳",
    "75": "姐姐",
    "76": "姐夫",
    "77": "妹妹",
    "78": "妹夫",
    "79": "其他兄弟姐妹",
    "80": "其他",
    "81": "伯父",
    "82": "伯母",
    "83": "叔父",
    "84": "婶母",
    "85": "舅父",
    "86": "舅母",
    "87": "姨父",
    "88": "姨母",
    "89": "姑父",
    "90": "姑母",
    "91": "堂兄弟、堂姐妹",
    "92": "表兄弟、表姐妹",
    "93": "侄子",
    "94": "侄女",
    "95": "外甥",
    "96": "外甥女",
    "97": "其他亲属",
    "99": "非亲属",
}

# GB/T 4761-2008, one-digit codes: the category a two-digit code's first digit names.
CATEGORIES: dict[str, str] = {
    "0": "本人或户主",
    "1": "配偶",
    "2": "子",
    "3": "女",
    "4": "孙子、孙女或外孙子、外孙女",
    "5": "父母",
    "6": "祖父母或外祖父母",
    "7": "兄、弟、姐、妹",
    "8": "其他",
    "9": "其他",  # 90–99 (姑母 … 非亲属) continue the 8x block in the standard's table
}

# Words the standard does not use but registers and village books do, with the code they mean.
VARIANTS: dict[str, str] = {
    "老伴": "10",
    "爱人": "10",
    "丈夫": "11",
    "妻子": "12",
    "之妻": "12",
    "媳妇": "38",  # a son's wife in village books (one's own wife is 妻/老伴)
    "儿子": "20",
    "之子": "20",
    "女儿": "30",
    "之女": "30",
    "孙女婿": "46",
    "孙媳": "45",
    "父": "51",
    "爸爸": "51",
    "母": "52",
    "妈妈": "52",
    "哥哥": "71",
    "弟弟": "73",
    "姐": "75",
    "妹": "77",
    "叔叔": "83",
    "婶婶": "84",
    "舅舅": "85",
    "姑姑": "90",
    "侄儿": "93",
    "养子": "27",
    "继子": "27",
    "养女": "37",
    "继女": "37",
    "外孙": "43",
    "重孙": "47",
    "曾孙": "47",
    "重孙女": "48",
    "曾孙女": "48",
    "之夫": "11",
    "儿媳妇": "38",
    "长孙": "41",
    "次孙": "41",
    "长孙女": "42",
    "次孙女": "42",
    "孙": "41",
    "本户户主": "02",
    # Categories older campaignkit files used (before the standard's table).
    "子女": "20",
    "孙子女": "40",
    "岳父母": "50",
    "公婆": "50",
}

_BY_NAME = {name: code for code, name in CODES.items()}
for _code, _name in CODES.items():  # "养子或继子" is also written as either half
    for part in re.split(r"或|、", _name):
        _BY_NAME.setdefault(part, _code)


def relation_code(written: str) -> str | None:
    """The GB/T 4761 two-digit code for a relation as written ("妻", "12", "老伴", " 长子 "), or None."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", str(written)))
    if text.isdigit():
        text = text.zfill(2)
        return text if text in CODES else None
    found = _BY_NAME.get(text) or VARIANTS.get(text)
    if found is None and text not in ("户主", "之"):
        # Village books write the relation to the head as "户主之妻", "户主的长子", "之父".
        rest = re.sub(r"^(户主)?[之的]?", "", text)
        if rest and rest != text:
            found = _BY_NAME.get(rest) or VARIANTS.get(rest)
    return found


def category(code: str) -> str:
    """The one-digit category of a two-digit code: "22" → "子"."""
    return CATEGORIES[code[0]]
