"""Writes the sample campaign's phone forms (data/sample/forms/*.xlsx) as XLSForm workbooks,
the way a trainer would type them in Excel (``label::中文 (zh)``, ``begin group``).

Run: ``python scripts/make_sample_forms.py``
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

FORMS = Path(__file__).resolve().parents[1] / "data" / "sample" / "forms"

SURVEY_HEADER = [
    "type",
    "name",
    "label::中文 (zh)",
    "hint::中文 (zh)",
    "required",
    "constraint",
    "constraint_message",
    "relevant",
    "appearance",
    "criterion",
]
QUESTIONNAIRE = [
    ["note", "intro", "这是示例问卷：题目和选项可以照着改。每题点一下就能选，填完点最下面的“提交”。", "", "", "", "", "", "", ""],
    ["begin group", "about", "关于您", "", "", "", "", "", "", ""],
    ["select_one domain", "domain", "您在哪里工作或生活？", "", "yes", "", "", "", "", ""],
    ["select_one audience", "audience", "您是", "", "yes", "", "", "", "", ""],
    ["integer", "age", "您的年龄", "填周岁，可以不填", "no", ". >= 10 and . <= 110", "年龄应在 10 到 110 岁之间", "", "", ""],
    ["end group", "", "", "", "", "", "", "", "", ""],
    [
        "select_one agree5",
        "policy_known",
        "通过这次活动，您对党的惠民政策更了解了",
        "",
        "yes",
        "",
        "",
        "",
        "likert",
        "思想觉悟有提高",
    ],
    ["select_one agree5", "cadres_closer", "村（社区）干部和群众的关系更近了", "", "yes", "", "", "", "likert", "党群关系更紧密"],
    ["select_multiple activities", "activities", "您参加过哪些活动？（可多选）", "", "yes", "", "", "", "", ""],
    [
        "text",
        "activities_other",
        "其他活动是什么？",
        "",
        "no",
        "string-length(.) <= 50",
        "请写 50 个字以内",
        "selected(${activities}, 'other')",
        "",
        "",
    ],
    ["select_one yesno", "card_received", "您家收到惠民政策明白卡了吗？", "", "yes", "", "", "", "", "为民服务更有效"],
    ["text", "suggestion", "您对今后的宣讲有什么建议？", "可以不填", "no", "", "", "", "multiline", ""],
    [
        "text",
        "respondent",
        "回访卡上的编号",
        "领了回访卡的请填，两次问卷填同一个编号；没有可不填",
        "no",
        "string-length(.) <= 12",
        "编号最多 12 个字",
        "",
        "",
        "",
    ],
]
CHOICES = [
    ["list_name", "name", "label::中文 (zh)"],
    ["domain", "rural", "农村牧区"],
    ["domain", "community", "社区"],
    ["domain", "office", "机关"],
    ["audience", "herder", "农牧民"],
    ["audience", "resident", "社区居民"],
    ["audience", "cadre", "机关干部"],
    ["audience", "student", "学生"],
    ["audience", "other", "其他"],
    ["agree5", "5", "非常同意"],
    ["agree5", "4", "同意"],
    ["agree5", "3", "说不清"],
    ["agree5", "2", "不同意"],
    ["agree5", "1", "非常不同意"],
    ["activities", "lecture", "宣讲报告会"],
    ["activities", "visit", "干部入户走访"],
    ["activities", "film", "观看红色影视"],
    ["activities", "exhibition", "参观展览"],
    ["activities", "other", "其他"],
    ["yesno", "yes", "收到了"],
    ["yesno", "no", "没有收到"],
]
SETTINGS = [["form_id", "form_title", "version", "access"], ["survey", "群众教育实践活动群众问卷（示例）", "2023-12", "open"]]


# 民意测评: one-time codes on slips (access = tokens), anonymous; the respondents are the unit's people.
APPRAISAL = [
    ["type", "name", "label::中文 (zh)", "hint::中文 (zh)", "required", "appearance", "criterion"],
    ["note", "intro", "这是示例测评表：不记名，每张答题码只能用一次。请按平时的了解如实评价。", "", "", "", ""],
    ["select_one rating", "overall", "对村（社区）党组织书记这一年工作的总体评价", "", "yes", "", ""],
    ["select_one agree5", "listens", "书记常到群众中听取意见", "", "yes", "likert", "党群关系更紧密"],
    ["select_one agree5", "solves", "群众反映的问题能及时办理", "", "yes", "likert", "为民服务更有效"],
    ["select_one agree5", "explains", "党的政策讲得清楚、听得懂", "", "yes", "likert", "思想觉悟有提高"],
    ["text", "advice", "对书记今后工作的建议", "可以不填", "no", "multiline", ""],
]
APPRAISAL_CHOICES = [
    ["list_name", "name", "label::中文 (zh)"],
    ["rating", "excellent", "好"],
    ["rating", "good", "较好"],
    ["rating", "fair", "一般"],
    ["rating", "poor", "差"],
    *[row for row in CHOICES if row[0] == "agree5"],
]
APPRAISAL_SETTINGS = [
    ["form_id", "form_title", "version", "access", "anonymous"],
    ["appraisal", "村（社区）党组织书记民意测评（示例）", "2024-03", "tokens", "yes"],
]


# A pupils' quiz (settings quiz = yes): every question has its answer and an explanation with
# the source of the timeline event it rests on (data/sample/timeline.csv). Order questions name
# timeline events by their 编号; pupils join by class code and seat, never by name.
QUIZ = [
    ["type", "name", "label::中文 (zh)", "required", "answer", "explain::中文 (zh)"],
    [
        "select_one founded",
        "q1",
        "乌审旗人民政府是哪一天成立的？",
        "yes",
        "b",
        "1949年8月10日乌审旗人民政府成立。来源：乌审旗人民政府遗址（内蒙古区情网）",
    ],
    [
        "select_one tf",
        "q2",
        "判断：1965年，乌审召公社被党中央命名为“牧区大寨”。",
        "yes",
        "yes",
        "1965年乌审召公社被命名为“牧区大寨”。来源：治沙英雄——宝日勒岱（鄂尔多斯学网）",
    ],
    [
        "select_multiple before",
        "q3",
        "下面哪些事发生在乌审旗人民政府成立之前？（可多选）",
        "yes",
        "a b",
        "起义在1949年3月19日，临时政务委员会在3月25日成立，都在8月10日之前；剿匪胜利在1950年5月。来源：乌审旗人民政府遗址（内蒙古区情网）",
    ],
    [
        "rank party",
        "q4",
        "按时间先后排一排（最早的放第 1 位）",
        "yes",
        "E07 E08 E09 E10",
        "1935年联络站，1938年成立伊盟工委，1945年重新建立，1947年分设伊东、伊西工委。来源：鄂尔多斯地区的革命遗址（二）",
    ],
    [
        "select_one drought",
        "q5",
        "1957年大旱，乌审召被醉马草毒死的牲畜占总头数的多少？",
        "yes",
        "b",
        "占总头数达11%。来源：宝日勒岱与乌审召治沙报道（中国青年网内容镜像）",
    ],
    [
        "select_one tf",
        "q6",
        "判断：三北防护林体系建设工程是1979年启动的。",
        "yes",
        "yes",
        "1979年启动，毛乌素沙地治理纳入其中。来源：人民网英文版 2020年8月13日报道（毛乌素沙地治沙）",
    ],
    [
        "select_one tf",
        "q7",
        "判断：殷玉珍是1995年嫁到萨拉乌苏村的。",
        "yes",
        "no",
        "是1985年，此后种树治沙。来源：我国沙地沙漠生态修复治理取得显著成效（中国政府网，繁体转载）",
    ],
    [
        "select_one place",
        "q8",
        "1938年，中共伊盟工委在哪里成立？",
        "yes",
        "a",
        "以骑兵团政治部为活动中心，在鄂托克旗乌素加汉村成立。来源：鄂尔多斯地区的革命遗址（二）",
    ],
    [
        "rank banner",
        "q9",
        "按时间先后排一排（最早的放第 1 位）",
        "yes",
        "E12 E13 E14 E18",
        "1949年3月19日起义，3月25日成立临时政务委员会，8月10日人民政府成立，1950年5月剿匪胜利。来源：乌审旗人民政府遗址（内蒙古区情网）",
    ],
    [
        "select_multiple covered",
        "q10",
        "2014年启动的“十个全覆盖”工程包括哪些？（可多选）",
        "yes",
        "a b c",
        "包括危房改造、安全饮水、街巷硬化等十项，没有高速铁路。来源：“十个全覆盖”工程（新华网，中国网转载）",
    ],
]
QUIZ_CHOICES = [
    ["list_name", "name", "label::中文 (zh)"],
    ["founded", "a", "1949年3月19日"],
    ["founded", "b", "1949年8月10日"],
    ["founded", "c", "1950年5月"],
    ["tf", "yes", "对"],
    ["tf", "no", "错"],
    ["before", "a", "东乌审国民党军在达布察克王府起义"],
    ["before", "b", "成立乌审旗临时政务委员会"],
    ["before", "c", "乌审旗剿匪战斗取得胜利"],
    ["before", "d", "《人民日报》发表《牧区大寨—乌审召》"],
    ["party", "E09", "重新建立中共伊盟工委，机关设在城川"],
    ["party", "E07", "大石砭庙成为中共地下工作者的联络站"],
    ["party", "E10", "伊盟工委分设为伊东、伊西两个工委"],
    ["party", "E08", "在乌素加汉村成立中共伊盟工委"],
    ["drought", "a", "1%"],
    ["drought", "b", "11%"],
    ["drought", "c", "50%"],
    ["place", "a", "鄂托克旗乌素加汉村"],
    ["place", "b", "乌审召"],
    ["place", "c", "城川"],
    ["banner", "E14", "乌审旗人民政府成立"],
    ["banner", "E18", "乌审旗剿匪战斗取得胜利"],
    ["banner", "E12", "东乌审国民党军在达布察克王府起义"],
    ["banner", "E13", "成立乌审旗临时政务委员会"],
    ["covered", "a", "危房改造"],
    ["covered", "b", "安全饮水"],
    ["covered", "c", "街巷硬化"],
    ["covered", "d", "高速铁路"],
]
QUIZ_SETTINGS = [["form_id", "form_title", "version", "quiz"], ["quiz_history", "历史小测验（初中）", "2024-01", "yes"]]


# 家校合作: the family-history worksheet's phone form. Each change is a pair of questions
# <aspect>_then / <aspect>_now on one choice list; the class page charts them across a class.
FAMILY = [
    ["type", "name", "label::中文 (zh)", "hint::中文 (zh)", "required", "appearance"],
    ["text", "class_code", "班级码", "老师给的班级码，不写名字", "yes", ""],
    ["note", "intro", "和爸爸妈妈、爷爷奶奶一起填：“那时”是爸爸妈妈小时候（大约三十年前），“现在”是今天。", "", "no", ""],
    ["select_one house", "house_then", "那时住的房子", "", "yes", ""],
    ["select_one house", "house_now", "现在住的房子", "", "yes", ""],
    ["select_one income", "income_then", "那时家里一年的收入（大约）", "", "yes", ""],
    ["select_one income", "income_now", "现在家里一年的收入（大约）", "", "yes", ""],
    ["select_one road", "road_then", "那时家门口的路", "", "yes", ""],
    ["select_one road", "road_now", "现在家门口的路", "", "yes", ""],
    ["select_one water", "water_then", "那时家里吃的水", "", "yes", ""],
    ["select_one water", "water_now", "现在家里吃的水", "", "yes", ""],
    ["select_one school", "school_then", "那时上学", "", "yes", ""],
    ["select_one school", "school_now", "现在上学", "", "yes", ""],
    ["text", "story", "我家的故事", "一两句话：家里哪件事变化最大？", "no", "multiline"],
]
FAMILY_CHOICES = [
    ["list_name", "name", "label::中文 (zh)"],
    ["house", "ger", "蒙古包"],
    ["house", "adobe", "土坯房"],
    ["house", "brick", "砖瓦房"],
    ["house", "flat", "楼房"],
    ["income", "lt1", "不到1万元"],
    ["income", "w1_3", "1万—3万元"],
    ["income", "w3_6", "3万—6万元"],
    ["income", "gt6", "6万元以上"],
    ["income", "unsure", "说不清"],
    ["road", "dirt", "土路、沙路"],
    ["road", "gravel", "砂石路"],
    ["road", "paved", "水泥路、柏油路"],
    ["water", "well", "井水、挑水"],
    ["water", "cistern", "水窖"],
    ["water", "tap", "自来水入户"],
    ["school", "far", "走很远的路"],
    ["school", "near", "附近有学校"],
    ["school", "bus", "坐校车或住校"],
]
FAMILY_SETTINGS = [["form_id", "form_title", "version"], ["family", "我家的变化（家校合作）", "2024-01"]]


def family_responses(path: Path, seed: int = 31) -> Path:
    """Invented answers of 24 families of class 7A: every value is 示例."""
    import random

    rng = random.Random(seed)
    steps = {
        "house": (["ger", "adobe", "brick"], ["brick", "flat", "flat"]),
        "income": (["lt1", "lt1", "w1_3", "unsure"], ["w3_6", "gt6", "w1_3", "w3_6"]),
        "road": (["dirt", "dirt", "gravel"], ["paved", "paved", "gravel"]),
        "water": (["well", "well", "cistern"], ["tap", "tap", "tap", "cistern"]),
        "school": (["far", "far", "near"], ["near", "bus", "near"]),
    }
    rows = []
    for i in range(24):
        row = {"_submission_id": f"sample-family-{i:04d}", "_day": "2024-01-12", "_version": "2024-01", "class_code": "7A"}
        for aspect, (then, now) in steps.items():
            row[f"{aspect}_then"], row[f"{aspect}_now"] = rng.choice(then), rng.choice(now)
        row["story"] = ""
        rows.append(row)
    return write_rows(path, rows, list(rows[0]))


def write(path: Path, survey: list, choices: list, settings: list) -> Path:
    book = Workbook()
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        sheet = book.active if title == "survey" else book.create_sheet(title)
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_rows(path: Path, rows: list[dict], columns: list[str]) -> Path:
    """Answers as a CSV export would hold them (what `campaignkit forms import` reads)."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def responses(path: Path, seed: int = 12) -> Path:
    """Invented answers in two waves (2023-12 and 2024-03), some skipped; 60 respondents kept
    a panel card (respondent code) and answered both waves. Every value is 示例."""
    import random

    rng = random.Random(seed)
    columns = ["_submission_id", "_day", "_version", "domain", "audience", "age", "policy_known", "cadres_closer"]
    columns += ["activities", "activities_other", "card_received", "suggestion", "respondent"]
    audiences = {
        "rural": ["herder", "herder", "other"],
        "community": ["resident", "resident", "other"],
        "office": ["cadre", "cadre", "student"],
    }
    panel = [f"HF-{i:04d}" for i in range(1, 61)]
    rows = []
    for wave, day, count, lift in (("2023-12", "2023-12-20", 120, 0), ("2024-03", "2024-03-25", 130, 1)):
        codes = list(panel)
        for i in range(count):
            domain = rng.choices(["rural", "community", "office"], [5, 3, 2])[0]
            known = min(5, max(1, round(rng.gauss(3.2 + 0.7 * lift, 0.9))))
            closer = min(5, max(1, round(rng.gauss(3.4 + 0.4 * lift, 1.0))))
            chosen = [
                a
                for a in ("lecture", "visit", "film", "exhibition")
                if rng.random() < (0.5 if a == "lecture" else 0.3 + 0.1 * lift)
            ]
            if rng.random() < 0.05:
                chosen.append("other")
            rows.append(
                {
                    "_submission_id": f"sample-{wave}-{i:04d}",
                    "_day": day,
                    "_version": wave,
                    "domain": domain,
                    "audience": rng.choice(audiences[domain]),
                    "age": "" if rng.random() < 0.1 else str(rng.randint(16, 85)),
                    "policy_known": str(known),
                    "cadres_closer": str(closer),
                    "activities": " ".join(chosen or ["lecture"]),
                    "activities_other": "那达慕上的宣讲" if "other" in chosen else "",
                    "card_received": "yes" if rng.random() < 0.55 + 0.25 * lift else "no",
                    "suggestion": rng.choice(["多用蒙汉双语讲", "多讲讲政策怎么申请", "希望放在农闲时候"])
                    if rng.random() < 0.15
                    else "",
                    "respondent": codes.pop(0) if codes and rng.random() < 0.55 else "",
                }
            )
    return write_rows(path, rows, columns)


def appraisal_responses(path: Path, seed: int = 21) -> Path:
    """Invented 民意测评 answers, two waves (no panel code: it is anonymous); every value is 示例."""
    import random

    rng = random.Random(seed)
    rows = []
    for wave, day, count, lift in (("2023-12", "2023-12-28", 58, 0.0), ("2024-03", "2024-03-28", 64, 0.5)):
        for i in range(count):
            score = lambda base, lift=lift: str(min(5, max(1, round(rng.gauss(base + lift, 0.9)))))  # noqa: E731
            rows.append(
                {
                    "_submission_id": f"sample-appraisal-{wave}-{i:04d}",
                    "_day": day,
                    "_version": wave,
                    "overall": rng.choices(["excellent", "good", "fair", "poor"], [3 + 2 * lift, 4, 2, 1 - lift])[0],
                    "listens": score(3.4),
                    "solves": score(3.2),
                    "explains": score(3.6),
                    "advice": rng.choice(["多到牧户家里走走", "办事流程再简化些"]) if rng.random() < 0.1 else "",
                }
            )
    return write_rows(path, rows, list(rows[0]))


# The door-visit record (入户走访登记): filled on the door-visit page, on a phone, or in ODK
# Collect / KoboCollect away from the laptop (its CSV export comes in with `forms import`).
VISITS = [
    ["type", "name", "label::中文 (zh)", "hint::中文 (zh)", "required", "relevant"],
    ["text", "household_id", "户编号", "户表中的户编号，如 HL-001（不写姓名）", "yes", None],
    ["date", "date", "走访日期", None, "yes", None],
    ["text", "cadre", "走访干部", "谁去的", "yes", None],
    ["text", "topics", "走访内容", "讲了什么、算了什么账", "no", None],
    ["text", "demand", "群众诉求", "群众提出的问题或要求；没有就不填", "no", None],
    ["select_one status", "status", "办理情况", None, "no", "${demand} != ''"],
    ["date", "closed_on", "办结日期", "已办结才填", "no", "${status} = 'done'"],
    ["text", "supersedes", "更正记录", "更正以前的一条记录时，填那条记录的编号；不是更正就不填", "no", None],
]
VISITS_CHOICES = [
    ["list_name", "name", "label::中文 (zh)"],
    ["status", "done", "已办结"],
    ["status", "doing", "办理中"],
    ["status", "not_yet", "未办"],
]
VISITS_SETTINGS = [["form_id", "form_title", "version"], ["visits", "入户走访登记", "2024-01"]]

if __name__ == "__main__":
    print(write(FORMS / "survey.xlsx", [SURVEY_HEADER, *QUESTIONNAIRE], CHOICES, SETTINGS))
    print(responses(FORMS / "survey_responses.csv"))
    print(write(FORMS / "appraisal.xlsx", APPRAISAL, APPRAISAL_CHOICES, APPRAISAL_SETTINGS))
    print(appraisal_responses(FORMS / "appraisal_responses.csv"))
    print(write(FORMS / "quiz_history.xlsx", QUIZ, QUIZ_CHOICES, QUIZ_SETTINGS))
    print(write(FORMS / "family.xlsx", FAMILY, FAMILY_CHOICES, FAMILY_SETTINGS))
    print(family_responses(FORMS / "family_responses.csv"))
    print(write(FORMS / "visits.xlsx", VISITS, VISITS_CHOICES, VISITS_SETTINGS))
