"""XLSForms of the kinds KoboToolbox, ODK and Ona users write, written for these tests from the
XLSForm specification (xlsform.org), each with what campaignkit must do with it:
``listed``, ``warned`` (listed, with a warning containing the words) or ``refused`` (with the
sheet, Excel row, column and words naming the construct)."""

from __future__ import annotations

from dataclasses import dataclass, field

YES_NO = [["list name", "name", "label"], ["yes_no", "yes", "是"], ["yes_no", "no", "否"]]


@dataclass(frozen=True)
class Case:
    name: str
    survey: list[list]
    choices: list[list] | None = None
    settings: list[list] | None = None
    outcome: str = "listed"  # listed, warned, refused
    words: str = ""
    cell: tuple = ()  # (sheet, row, column) of a refusal
    extra_sheets: dict = field(default_factory=dict)


CORPUS = [
    Case(
        "text_and_integer",
        [
            ["type", "name", "label", "required"],
            ["text", "village", "您住在哪个嘎查村？", "yes"],
            ["integer", "people", "家里几口人？", "yes"],
        ],
    ),
    Case("yes_no_list_name", [["type", "name", "label"], ["select_one yes_no", "visited", "干部来过您家吗？"]], YES_NO),
    Case(
        "or_other",
        [["type", "name", "label"], ["select_one source or_other", "heard", "您从哪里听说的？"]],
        [["list_name", "name", "label"], ["source", "tv", "电视"], ["source", "meeting", "宣讲会"]],
    ),
    Case(
        "groups",
        [
            ["type", "name", "label"],
            ["begin group", "home", "家庭情况"],
            ["integer", "herd", "牲畜几头（只）？"],
            ["end group", "", ""],
            ["begin_group", "views", "看法"],
            ["select_one yes_no", "better", "日子比十年前好了吗？"],
            ["end_group", "", ""],
        ],
        YES_NO,
    ),
    Case(
        "field_list",
        [
            ["type", "name", "label", "appearance"],
            ["begin group", "page1", "第一页", "field-list"],
            ["text", "name_of_place", "地点", ""],
            ["date", "day", "日期", ""],
            ["end group", "", "", ""],
        ],
    ),
    Case(
        "headers_in_any_case",
        [
            ["TYPE", "Name", "LABEL", "Hint", "Required", "Relevant"],
            ["select_one yes_no", "q1", "收到明白卡了吗？", "点一下", "TRUE", ""],
            ["text", "why", "为什么没收到？", "", "", "${q1} = 'no'"],
        ],
        [["List_Name", "NAME", "Label"], ["yes_no", "yes", "收到了"], ["yes_no", "no", "没有"]],
        [["Form_ID", "Form_Title", "Version"], ["cards", "明白卡回访", "2026-01"]],
    ),
    Case(
        "media_columns",
        [["type", "name", "label", "media::image"], ["select_one animals", "animal", "您家主要养什么？", "herd.jpg"]],
        [
            ["list_name", "name", "label", "image"],
            ["animals", "sheep", "羊", "sheep.png"],
            ["animals", "cattle", "牛", "cattle.png"],
        ],
        outcome="warned",
        words="图片",
    ),
    Case(
        "two_languages",
        [
            ["type", "name", "label::English (en)", "label::中文 (zh)", "hint::English (en)"],
            ["select_one yes_no", "ok", "Satisfied?", "满意吗？", "Tap one"],
        ],
        [
            ["list_name", "name", "label::English (en)", "label::中文 (zh)"],
            ["yes_no", "yes", "Yes", "是"],
            ["yes_no", "no", "No", "否"],
        ],
        [["form_id", "default_language"], ["langs", "中文 (zh)"]],
        outcome="warned",
        words="第二种语言",
    ),
    Case(
        "single_colon_languages",
        [["type", "name", "label:中文 (zh)", "label:English (en)"], ["text", "advice", "您的建议", "Your advice"]],
        outcome="warned",
        words="English (en)",
    ),
    Case(
        "choice_filter",
        [
            ["type", "name", "label", "Choice_Filter"],
            ["select_one sumu", "sumu", "哪个苏木？", ""],
            ["select_one gacha", "gacha", "哪个嘎查？", "sumuID=${sumu}"],
            ["select_one colours", "colour", "喜欢哪种浅色？", "pastel='yes'"],
        ],
        [
            ["List Name", "name", "label", "sumuID", "pastel"],
            ["sumu", "s1", "甲苏木", "", ""],
            ["sumu", "s2", "乙苏木", "", ""],
            ["gacha", "g1", "一嘎查", "s1", ""],
            ["gacha", "g2", "二嘎查", "s1", ""],
            ["gacha", "g3", "三嘎查", "s2", ""],
            ["colours", "pink", "粉", "", "yes"],
            ["colours", "red", "红", "", "no"],
        ],
    ),
    Case(
        "phone_number",
        [
            ["type", "name", "label", "appearance"],
            ["phone number", "phone", "联系电话", ""],
            ["text", "hukou", "户口本编号", "numbers"],
        ],
    ),
    Case(
        "pyxform_aliases",
        [
            ["type", "name", "caption", "relevance", "note"],
            ["integer", "n", "几口人？", "", ""],
            ["text", "why", "为什么？", "${n} > 5", ""],
            ["", "", "", "", "第二版再加一题"],
        ],
    ),
    Case(
        "or_specify_other",
        [["type", "name", "label"], ["select_one source or specify other", "heard", "您从哪里听说的？"]],
        [["list_name", "name", "label"], ["source", "tv", "电视"]],
    ),
    Case(
        "same_name_in_two_groups",
        [
            ["type", "name", "label"],
            ["begin group", "g1", "一"],
            ["integer", "a", "A"],
            ["end group", "", ""],
            ["begin group", "g2", "二"],
            ["text", "b", "B"],
            ["integer", "a", "A"],
            ["end group", "", ""],
        ],
        outcome="refused",
        words="与第 3 行重复",
        cell=("survey", 7, "name"),
    ),
    Case(
        "metadata",
        [
            ["type", "name", "label"],
            ["start", "start", ""],
            ["end", "end", ""],
            ["deviceid", "device", ""],
            ["audit", "audit", ""],
            ["text", "note_text", "说明"],
        ],
    ),
    Case(
        "kobo_columns",
        [["type", "name", "label", "$kuid", "$autoname"], ["text", "q", "问题", "abc12", "q"]],
    ),
    Case(
        "unknown_column",
        [["type", "name", "label", "colour"], ["text", "q", "问题", "red"]],
        outcome="warned",
        words="不是 XLSForm 的列名",
    ),
    Case(
        "repeat",
        [["type", "name", "label"], ["begin repeat", "member", "家庭成员"], ["text", "who", "姓名"], ["end repeat", "", ""]],
        outcome="refused",
        words="重复组（begin repeat）",
        cell=("survey", 2, "type"),
    ),
    Case(
        "geopoint",
        [["type", "name", "label"], ["text", "a", "A"], ["geopoint", "where", "位置"]],
        outcome="refused",
        words="定位（geopoint）",
        cell=("survey", 3, "type"),
    ),
    Case(
        "photo",
        [["type", "name", "label"], ["image", "photo", "拍照"]],
        outcome="refused",
        words="上传照片",
        cell=("survey", 2, "type"),
    ),
    Case(
        "calculate",
        [["type", "name", "label", "calculation"], ["integer", "a", "A", ""], ["calculate", "double", "", "${a} * 2"]],
        outcome="refused",
        words="计算",
        cell=("survey", 3, "type"),
    ),
    Case(
        "external_select",
        [["type", "name", "label"], ["select_one_from_file villages.csv", "village", "嘎查"]],
        outcome="refused",
        words="外部文件",
        cell=("survey", 2, "type"),
    ),
    Case(
        "entities",
        [["type", "name", "label"], ["text", "a", "A"]],
        extra_sheets={"entities": [["list_name", "label"], ["households", "${a}"]]},
        outcome="refused",
        words="实体",
        cell=("entities", None, None),
    ),
    Case(
        "time",
        [["type", "name", "label"], ["time", "at", "几点？"]],
        outcome="refused",
        words="时间（time）",
        cell=("survey", 2, "type"),
    ),
    Case(
        "bad_name",
        [["type", "name", "label"], ["text", "1st", "第一"]],
        outcome="refused",
        words="名字只能用",
        cell=("survey", 2, "name"),
    ),
]
