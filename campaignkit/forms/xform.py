"""A form's XForm, the XML ODK Collect fills in, made by pyxform from the same survey model the
phone pages are built from, and an OpenRosa instance (what Collect sends back) read into the
fields a phone page would have posted."""

from __future__ import annotations

import copy
import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pyxform.builder import create_survey_element_from_dict

from .model import Form
from .questions import OTHER_LABEL


@dataclass(frozen=True)
class XForm:
    xml: str
    md5: str  # OpenRosa's form list gives it as "md5:…": Collect downloads a form again when it changes

    @property
    def hash(self) -> str:
        return f"md5:{self.md5}"


def xform_of(form: Form) -> XForm:
    assert form.survey is not None, "a form read from a workbook"
    # JSON keeps the order of the languages: Collect opens a form in its default, else the first.
    return _xform(json.dumps(form.survey, ensure_ascii=False), form.language or "")


@lru_cache(maxsize=64)
def _xform(survey_json: str, language: str) -> XForm:
    survey = _for_collect(json.loads(survey_json))
    if language and language != "default":
        survey["default_language"] = language  # the language the phone pages show
    xml = create_survey_element_from_dict(survey).to_xml(pretty_print=False)
    return XForm(xml, hashlib.md5(xml.encode("utf-8")).hexdigest())


def _for_collect(survey: dict) -> dict:
    """The survey as Collect should have it: answers sent back here (no submission_url of the
    workbook's), and the words pyxform adds ("Other", "Specify other.") in Chinese."""
    survey = copy.deepcopy(survey)
    survey.pop("submission_url", None)
    survey.pop("public_key", None)

    def visit(node: dict) -> None:
        for choice in node.get("choices", []) if isinstance(node.get("choices"), list) else []:
            _other_choice(choice)
        if node.get("type") == "text" and node.get("label") == "Specify other.":
            node["label"] = f"{OTHER_LABEL}（请写明）"
        if node.get("type") == "phone number" and not node.get("hint"):
            node["hint"] = "只填数字"
        for child in node.get("children", []):
            visit(child)

    visit(survey)
    for choices in (survey.get("choices") or {}).values():
        for choice in choices:
            _other_choice(choice)
    return survey


def _other_choice(choice: dict) -> None:
    if choice.get("name") != "other":
        return
    label = choice.get("label")
    if isinstance(label, dict):
        choice["label"] = {k: OTHER_LABEL if v == "Other" else v for k, v in label.items()}
    elif label == "Other":
        choice["label"] = OTHER_LABEL


class InstanceError(ValueError):
    """An OpenRosa submission that cannot be read, in Chinese."""


@dataclass(frozen=True)
class Instance:
    form_id: str
    version: str
    instance_id: str  # meta/instanceID without its "uuid:": the submission id, and the record's
    fields: dict[str, list[str]]  # as a phone page posts them; Collect's metadata left out


def read_instance(body: bytes, form_of) -> tuple[Form, Instance]:
    """The form (``form_of(form_id)``, None when unknown) and the answers of an XForm instance."""
    try:
        root = fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise InstanceError("提交的内容里有不允许的 XML 声明（DOCTYPE 或 ENTITY）") from None
    except ET.ParseError as exc:
        raise InstanceError(f"提交的内容不是完整的 XML（{exc}）") from None
    form_id = root.get("id", "")
    form = form_of(form_id)
    if form is None:
        raise LookupError(form_id)
    instance_id = _text(root.find("./meta/instanceID")) or _text(root.find(".//{*}instanceID"))
    if not instance_id:
        raise InstanceError("提交里没有 meta/instanceID（每份回答的编号）")
    return form, Instance(form_id, root.get("version", ""), instance_id.removeprefix("uuid:"), _fields(root, form))


def _fields(root: ET.Element, form: Form) -> dict[str, list[str]]:
    """The instance's answers by question name, as a phone page posts them: groups flattened
    (names are unique in a form), a multiple choice split at its spaces."""
    asked = {q.name: q for q in form.answerable}
    meta = {id(e) for m in root if _local(m.tag) == "meta" for e in m.iter()}  # instanceID, audit…: Collect's own
    fields: dict[str, list[str]] = {}
    for element in root.iter():
        name = _local(element.tag)
        if element is root or len(element) or id(element) in meta:
            continue
        value = _text(element)
        if not value:
            continue
        question = asked.get(name)
        if question is None:
            if name in form.collect_only:
                continue  # Collect's own metadata (start, end, deviceid…): never stored
            fields[name] = [value]  # refused by the answer checks, by name
        elif question.type in ("select_multiple", "rank"):
            fields[name] = value.split()
        else:
            fields[name] = [value]
    return fields


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
