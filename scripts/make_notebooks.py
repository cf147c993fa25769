"""Write the dashboards' thin notebooks (narrative + one call per widget).

Run: ``python scripts/make_notebooks.py`` — the notebooks in notebooks/ are its output.
"""

from pathlib import Path

import nbformat as nbf

OUT = Path(__file__).resolve().parents[1] / "notebooks"


def notebook(*cells: tuple[str, str]) -> nbf.NotebookNode:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, text in cells:
        cell = nbf.v4.new_markdown_cell(text) if kind == "md" else nbf.v4.new_code_cell(text)
        cell.metadata = {}
        nb.cells.append(cell)
    return nb


NOTEBOOKS = {
    "index.ipynb": notebook(
        ("md", "# 宣讲看板\n\n"
               "给宣讲团用的数据看板。每一页的数字都标明了**来源**；编造的演示数据标着 **示例**。\n\n"
               "| 看板 | 讲什么 |\n|---|---|\n"
               "| [发展账](ledger.ipynb) | 十年来的变化：选地区、指标和年份，先看前后对比，再看历年变化 |\n"
               "| [项目资金](funding.ipynb) | 钱从哪里来：中央、自治区、市、旗、镇各级投入和建成的项目 |\n"
               "| [发展蓝图](blueprint.ipynb) | 今后五年的目标、现在走到了哪一步 |\n"
               "| [惠民资金（会议用）](benefits_meeting.ipynb) | 全镇、各村领了多少惠民资金，钱从哪一级来；只有汇总，没有个人信息 |\n"
               "| [炕头账（入户用）](door_visit.ipynb) | 坐在一户人家里，一项一项算清楚领了什么、谁出的钱，打印明白卡 |\n"
               "| [幻灯片](slides.ipynb) | 开会时用：一页讲一件事，大字，翻页讲解 |\n"
               "| [数据体检](data_health.ipynb) | 给培训人员：表格有没有错、错在第几行 |\n\n"
               "**没有网络也能用**：看板在本机运行，不需要联网。\n\n"
               "**在手机上看**：用 `campaignkit serve --lan` 启动，手机连同一个无线网络，扫终端里显示的二维码。"),
    ),
    "ledger.ipynb": notebook(
        ("md", "# 发展账：十年来的变化\n\n"
               "**怎么讲：** 先选“类别”和“指标”，再选地区。默认打开的是**前后对比**：起始年份和结束年份并排，"
               "一句话说清楚变化了多少。\n\n"
               "- 每张图下面都写着**来源**；不同来源的数字不一样时，两个都画出来（空心菱形），讲的时候说明口径；\n"
               "- 标着 **示例** 的是编造的演示数据，不能当真实数字讲；\n"
               "- “数据表”里是图上每一个数字的出处，可以下载成 Excel 能打开的表格；\n"
               "- 会场后排看不清时，点“投影大字”。"),
        ("code", "from campaignkit.widgets import ledger_explorer\n\nledger_explorer()"),
    ),
    "funding.ipynb": notebook(
        ("md", "# 项目资金：钱从哪里来\n\n"
               "**怎么讲：** 先看“钱从哪里来”：各级财政各出了多少、各占多少；再看“逐年投入”；"
               "“建成了什么”列出修了多少公里路、多少户通了自来水等实物量。\n\n"
               "可以按年份、地区（嘎查村、社区）和项目类别筛选。标着 **示例** 的是编造的演示数据。"),
        ("code", "from campaignkit.widgets import funding_view\n\nfunding_view()"),
    ),
    "blueprint.ipynb": notebook(
        ("md", "# 发展蓝图：今后五年的目标\n\n"
               "**怎么讲：** 每一项目标都写明基期、目标和最新进展，状态用文字写出："
               "**已达成**、**按计划推进**、**进度落后**。图上的竖线表示按时间算应该完成的比例。\n\n"
               "下面的文字可以直接照着讲：“今后每年需要增加多少”和“此前每年增加多少”放在一起比。"),
        ("code", "from campaignkit.widgets import blueprint_view\n\nblueprint_view()"),
    ),
    "benefits_meeting.ipynb": notebook(
        ("md", "# 惠民资金：会议上讲\n\n"
               "**怎么讲：** 全镇（或某个嘎查村、社区）每年通过一卡通领到多少惠民资金、户均多少，"
               "按项目、按出资层级（中央、自治区、市、旗、镇）各占多少。\n\n"
               "这一页**只有汇总数字**，没有任何姓名、身份证号和卡号；不足 5 户的组合不显示金额，以免认出具体人家，"
               "可以放心投到大屏幕上。"),
        ("code", "from campaignkit.widgets import meeting_view\n\nmeeting_view()"),
    ),
    "door_visit.ipynb": notebook(
        ("md", "# 炕头账：入户算账\n\n"
               "**怎么用：** 输入户编号（或选单位、输入户主姓名中的字）找到这一户。左边是一卡通每年到账的明细，"
               "右边可以改面积、假设家里有人满 60 岁，算一算应得多少；下面列出需要核对的事项。\n\n"
               "- 姓名、身份证号、卡号默认打码，只在户主本人面前才点“显示姓名”；\n"
               "- 每次查询都会记入访问记录，镇党委可以查看；\n"
               "- “生成明白卡”得到一页 PDF，可以打印留给这户人家。\n\n"
               "**这一页有个人信息，不要投到会议大屏幕上，也不要用 --lan 分享。**"),
        ("code", "from campaignkit.widgets import door_visit\n\ndoor_visit()"),
    ),
    "slides.ipynb": notebook(
        ("md", "# 幻灯片\n\n选一个主题，用“下一页”翻页。每页只讲一件事，字号按投影设计。"),
        ("code", "from campaignkit.widgets import slides\n\nslides()"),
    ),
    "data_health.ipynb": notebook(
        ("md", "# 数据体检\n\n这一页检查本次活动的全部表格：每张表读入了多少行、跳过了多少空行和说明行、"
               "有多少行因为错误没有载入，以及每个问题出在**哪个文件、第几行、哪一列**，应该怎么改。\n\n"
               "改好表格后，刷新这一页即可重新检查。"),
        ("code", "from campaignkit.widgets import data_health\n\ndata_health()"),
        ("md", "**怎么看：**\n\n- **错误**：这一行没有载入，必须改正；\n"
               "- **警告**：数据已载入，但请核对（例如不同来源的数字不一致，这是正常的，讲解时说明口径即可）；\n"
               "- 行号就是在 Excel 里看到的行号。"),
    ),
}

if __name__ == "__main__":
    for name, nb in NOTEBOOKS.items():
        nbf.write(nb, OUT / name)
    print(f"wrote {len(NOTEBOOKS)} notebooks to {OUT}")
