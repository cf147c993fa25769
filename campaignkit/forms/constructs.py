"""What campaignkit does with each part of the XLSForm spec: serve it on the phone pages, read
it and say what is not used (a warning), or refuse it by name with what to do instead.

The README's table of question types is this module in words. A construct is refused only
when a form that has it could not be filled in honestly on a phone page: its answers would
be lost (a repeat, a photo) or invented (a calculation nobody sees). What only adds something
optional (a picture, a second language, a layout hint) is read and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

# Question types served on the phone pages (pyxform's name after its aliases → ours).
SERVED_TYPES = {
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "rank": "rank",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "text": "text",
    "string": "text",
    "phone number": "text",  # digits only (ODK's own constraint), a number keypad
    "note": "note",
    "date": "date",
}

# Filled in by ODK Collect itself, never asked: in the XForm for Collect, not on the phone pages,
# and not stored (a phone's number or account would un-anonymise an answer).
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "uri:deviceid",
    "uri:email",
    "uri:phonenumber",
    "uri:simserial",
    "uri:subscriberid",
    "uri:username",
    "start time",
    "end time",
    "get start time",
    "get end time",
    "get today",
    "device id",
    "get device id",
    "sim id",
    "get sim id",
    "subscriber id",
    "get subscriber id",
    "imei",
}


@dataclass(frozen=True)
class Refusal:
    what: str  # the construct, in Chinese with its XLSForm name
    instead: str  # what the trainer can do


_LOCATION = Refusal("定位（{type}）", "手机页面不取定位；请改用 text 题，让人写嘎查村或地点")
_MEDIA = Refusal("上传照片、录音、录像、文件或扫码（{type}）", "手机页面不收文件；请改用 text 题，或另行收集照片")
_EXTERNAL = Refusal("从外部文件取选项（{type}）", "请把选项写进 choices 工作表，改用 select_one 或 select_multiple")
_TIME = Refusal("时间（{type}）", "请改用 date 题（日期）或 text 题")

REFUSED_TYPES = {
    "begin repeat": Refusal("重复组（begin repeat）", "手机页面不能一组题填多遍；请按最多的次数写成几组题，或每次另交一份"),
    "end repeat": Refusal("重复组（end repeat）", "请删去 begin repeat 到 end repeat 之间的重复，见 begin repeat"),
    "begin loop": Refusal("循环组（begin loop）", "手机页面不循环；请把每一项写成一组题"),
    "end loop": Refusal("循环组（end loop）", "请删去循环组，见 begin loop"),
    "geopoint": _LOCATION,
    "geotrace": _LOCATION,
    "geoshape": _LOCATION,
    "location": _LOCATION,
    "gps": _LOCATION,
    "start-geopoint": _LOCATION,
    "background-geopoint": _LOCATION,
    "image": _MEDIA,
    "photo": _MEDIA,
    "audio": _MEDIA,
    "background-audio": _MEDIA,
    "video": _MEDIA,
    "file": _MEDIA,
    "barcode": _MEDIA,
    "osm": Refusal("地图标注（osm）", "手机页面不画地图；请改用 text 题"),
    "select one external": _EXTERNAL,
    "select_one_external": _EXTERNAL,
    "select_one_from_file": _EXTERNAL,
    "select_multiple_from_file": _EXTERNAL,
    "select one from file": _EXTERNAL,
    "select multiple from file": _EXTERNAL,
    "csv-external": _EXTERNAL,
    "xml-external": _EXTERNAL,
    "calculate": Refusal("计算（calculate）", "手机页面不做看不见的计算；请删去这一行，需要的数在导出回答后再算"),
    "hidden": Refusal("隐藏题（hidden）", "请删去这一行：手机页面不收看不见的回答"),
    "range": Refusal("滑块（range）", "请改用 integer 题，在 constraint 里写范围，如 . >= 1 and . <= 10"),
    "time": _TIME,
    "datetime": _TIME,
    "date time": _TIME,
    "trigger": Refusal("确认按钮（trigger）", "请改用 select_one 题，选项写“知道了”"),
    "acknowledge": Refusal("确认按钮（acknowledge）", "请改用 select_one 题，选项写“知道了”"),
}

# Survey columns that change what is asked or stored, and cannot be honoured on a phone page.
REFUSED_COLUMNS = {
    "calculation": Refusal("计算（calculation 列）", "手机页面不做看不见的计算；请清空这一格，需要的数在导出回答后再算"),
    "repeat_count": Refusal("重复次数（repeat_count 列）", "手机页面不重复题目，见 begin repeat"),
    "jr:count": Refusal("重复次数（jr:count 列）", "手机页面不重复题目，见 begin repeat"),
    "count": Refusal("重复次数（count 列）", "手机页面不重复题目，见 begin repeat"),
    "trigger": Refusal("触发计算（trigger 列）", "请清空这一格：手机页面不做计算"),
    "save_to": Refusal("实体（save_to 列）", "campaignkit 不管理 ODK 实体；请清空这一格"),
    "bind::entities:saveto": Refusal("实体（save_to 列）", "campaignkit 不管理 ODK 实体；请清空这一格"),
}

# Sheets whose whole point cannot be served.
REFUSED_SHEETS = {
    "external_choices": Refusal("外部选项表（external_choices 工作表）", "请把选项写进 choices 工作表"),
    "entities": Refusal("ODK 实体（entities 工作表）", "campaignkit 不管理 ODK 实体；请删去这个工作表"),
    "osm": Refusal("地图标注（osm 工作表）", "请删去这个工作表和 osm 题"),
}

# Settings that would make the answers unreadable here or send them elsewhere.
REFUSED_SETTINGS = {
    "public_key": Refusal(
        "加密提交（public_key）", "加密的回答这台电脑读不了；请清空 public_key（匿名问卷请用 settings 里的 anonymous）"
    ),
    "omit_instanceid": Refusal("不要提交编号（omit_instanceID）", "每份回答要有编号才能只算一次；请清空这一格"),
}

# Columns read, used or shown elsewhere; each with what a trainer is told when the phone page
# cannot use it. None: used fully, nothing to say.
SURVEY_COLUMNS: dict[str, str | None] = {
    "type": None,
    "name": None,
    "label": None,
    "hint": None,
    "required": None,
    "required_message": None,
    "constraint": None,
    "constraint_message": None,
    "relevant": None,
    "appearance": None,
    "choice_filter": None,
    "read_only": "read_only（只读）：手机页面照常可填；在 ODK Collect 里只读",
    "default": "default（默认值）：手机页面不预先填好；在 ODK Collect 里预先填好",
    "guidance_hint": "guidance_hint（补充说明）：手机页面不显示；在 ODK Collect 里可展开看",
    "parameters": "parameters（参数）：手机页面不用；在 ODK Collect 里照用",
    "media::image": "图片（image 列）：手机页面不显示图片，只显示文字；图片文件要另放进 ODK Collect",
    "media::big-image": "大图（big-image 列）：手机页面不显示图片，只显示文字",
    "media::audio": "录音（audio 列）：手机页面不放录音，只显示文字",
    "media::video": "视频（video 列）：手机页面不放视频，只显示文字",
    "image": "图片（image 列）：手机页面不显示图片，只显示文字；图片文件要另放进 ODK Collect",
    "big-image": "大图（big-image 列）：手机页面不显示图片，只显示文字",
    "audio": "录音（audio 列）：手机页面不放录音，只显示文字",
    "video": "视频（video 列）：手机页面不放视频，只显示文字",
    "autoplay": "autoplay（自动播放）：手机页面不放录音视频；在 ODK Collect 里照用",
    "rows": "rows（文本框行数）：手机页面按内容显示；在 ODK Collect 里照用",
    "readonly": "read_only（只读）：手机页面照常可填；在 ODK Collect 里只读",
    # pyxform's other spellings of the columns above (pyxform.aliases.survey_header)
    "caption": None,
    "relevance": None,
    "constraining_message": None,
    "requiredmsg": None,
    "noapperrorstring": None,
    "no_app_error_string": None,
    "command": None,
    "tag": None,
    "value": None,
    "compact_tag": None,
    "body": None,
    "criterion": None,  # campaignkit's own: which of the five criteria a question measures
    "answer": None,  # campaignkit's own: a quiz's correct choice(s)
    "explain": None,  # campaignkit's own: why, shown after a quiz
    "note": None,  # a trainer's comment column, never shown
}
CHOICE_COLUMNS: dict[str, str | None] = {
    "list_name": None,
    "list name": None,
    "name": None,
    "label": None,
    "media::image": "选项图片（image 列）：手机页面不显示图片，只显示选项文字",
    "media::big-image": "选项大图（big-image 列）：手机页面不显示图片，只显示选项文字",
    "media::audio": "选项录音（audio 列）：手机页面不放录音",
    "media::video": "选项视频（video 列）：手机页面不放视频",
    "image": "选项图片（image 列）：手机页面不显示图片，只显示选项文字",
    "big-image": "选项大图（big-image 列）：手机页面不显示图片，只显示选项文字",
    "audio": "选项录音（audio 列）：手机页面不放录音",
    "video": "选项视频（video 列）：手机页面不放视频",
    "caption": None,
    "value": None,
    "order": None,
}
SETTINGS_COLUMNS: dict[str, str | None] = {
    "form_id": None,
    "id_string": None,
    "form_title": None,
    "set_form_title": None,
    "set_form_id": None,
    "prefix": None,
    "title": None,
    "version": None,
    "default_language": None,
    "instance_name": None,  # Collect's name for a saved instance
    "style": "style（版式）：手机页面是一页从上到下；在 ODK Collect 里照用",
    "submission_url": "submission_url（提交地址）：不用；ODK Collect 交到 campaignkit forms collect 给的地址",
    "auto_send": None,
    "auto_delete": None,
    "allow_choice_duplicates": None,
    "namespaces": None,
    "clean_text_values": None,
    "access": None,  # campaignkit's own: open or tokens
    "anonymous": None,  # campaignkit's own: answers sealed
    "quiz": None,  # campaignkit's own: a class quiz
}
# Appearances the phone pages draw; others are read (ODK Collect draws them).
DRAWN_APPEARANCES = {"likert", "minimal", "multiline", "numbers", "phone-number", "field-list", ""}
# Every header campaignkit or pyxform knows, lower-cased when read ("Label" is "label"); any
# other column keeps its case (a choices column "sumuID" is what a choice_filter names).
KNOWN_HEADERS = set(SURVEY_COLUMNS) | set(CHOICE_COLUMNS) | set(SETTINGS_COLUMNS) | set(REFUSED_COLUMNS) | set(REFUSED_SETTINGS)
# Columns written by KoboToolbox's form builder for its own bookkeeping.
KOBO_PREFIX = "$"
