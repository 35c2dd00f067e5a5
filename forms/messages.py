"""What a citizen is told about one bad answer, in Chinese and English.

`message_for` turns one JSON-Schema error on a field into a sentence that names the field and
says how to put it right. Values with rules of their own (ID numbers, credit codes, card numbers,
names, addresses) already carry their wording in the `InvalidValue` the format check raised.
"""

from __future__ import annotations

from datetime import date

from jsonschema.exceptions import ValidationError

from forms.catalog import Field
from forms.errors import InvalidValue
from forms.schema import date_problem
from forms.text import Text


def lower(label: str) -> str:
    """"Full name" → "full name", but "ID card number" stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def missing(field: Field) -> Text:
    zh, en = field.label.zh, lower(field.label.en)
    if field.type == "choice":
        return Text(f"请选择{zh}", f"Choose an answer for {field.label.en}")
    if field.type == "date":
        return Text(f"请填写{zh}，格式如 2019-06-01", f"Enter {en} as year-month-day, e.g. 2019-06-01")
    if field.type == "group":
        item = field.item_label or field.label
        return Text(f"请至少添加{max(field.min_items, 1)}位{item.zh}（{zh}）",
                    f"Enter {en}: add at least {max(field.min_items, 1)} {lower(item.en)}")
    return Text(f"请填写{zh}", f"Enter {en}")


def date_message(field: Field, value: str, today: date) -> Text:
    zh, en = field.label.zh, field.label.en
    problem = date_problem(value, today)
    if problem == "unreal":
        return Text(f"{zh}“{value}”不是真实存在的日期，请核对",
                    f"{en}: {value} is not a real date; check it")
    if problem == "future":
        return Text(f"{zh}不能晚于今天，请核对", f"{en} cannot be after today; check it")
    return Text(f"{zh}请按“年-月-日”填写，例如 2019-06-01",
                f"Enter {lower(en)} as year-month-day, e.g. 2019-06-01")


def integer_message(field: Field) -> Text:
    zh, en = field.label.zh, lower(field.label.en)
    low, high = field.minimum, field.maximum
    if low is not None and high is not None:
        return Text(f"{zh}请填写{low}到{high}之间的整数", f"Enter {en} as a whole number from {low} "
                    f"to {high}")
    if low is not None:
        return Text(f"{zh}请填写不小于{low}的整数", f"Enter {en} as a whole number of at least {low}")
    return Text(f"{zh}请填写整数，只用数字0-9", f"Enter {en} as a whole number, digits 0-9 only")


def message_for(field: Field, error: ValidationError, today: date) -> Text:
    """The citizen's wording for one schema error on `field`."""
    zh, en = field.label.zh, field.label.en
    kind = error.validator
    if kind == "required":
        return missing(field)
    if kind == "type":
        if field.type == "group":
            return Text(f"{zh}应为一组人员信息，请逐位添加", f"{en} is a list of people; add them "
                        "one by one")
        return Text(f"{zh}的格式不对，请以文字重新填写",
                    f"{en} is in the wrong form; enter it again as text")
    if kind == "enum":
        return Text(f"请从以下选项中选择{zh}：{'、'.join(c.label.zh for c in field.choices)}",
                    f"Choose {lower(en)} from: {', '.join(c.label.en for c in field.choices)}")
    if kind == "maxLength":
        entered = len(error.instance) if isinstance(error.instance, str) else 0
        return Text(f"{zh}最多{field.max_length}个字，您填写了{entered}个字，请删减",
                    f"{en} can be at most {field.max_length} characters; you entered "
                    f"{entered}. Shorten it")
    if kind in ("minItems", "maxItems"):
        item = field.item_label or field.label
        if kind == "minItems":
            return missing(field)
        return Text(f"{zh}最多{field.max_items}位，请删除多余的{item.zh}",
                    f"{en} can list at most {field.max_items}; remove the extra {lower(item.en)}")
    if kind == "pattern" and field.type == "integer":
        return integer_message(field)
    if kind == "pattern":
        return Text(f"{zh}含有无法显示的字符，请删除后重新填写",
                    f"{en} contains characters that cannot be shown; remove them")
    if kind == "format" and isinstance(error.cause, InvalidValue):
        return error.cause.message
    if kind == "format" and field.type == "phone":
        return Text(f"{zh}应为11位数字，以1开头（例如13805711234），请核对",
                    f"A {lower(en)} has 11 digits and starts with 1 (e.g. 13805711234); "
                    "check it")
    if kind == "format" and field.type == "date" and isinstance(error.instance, str):
        return date_message(field, error.instance, today)
    return Text(f"{zh}填写有误，请核对", f"{en} is not valid; check it")


def in_item(group: Field, index: int, sub: Field, message: Text) -> Text:
    """A sub-field's message placed in its group entry: "第2位家庭成员的姓名：…"."""
    item = group.item_label or group.label
    return Text(f"第{index + 1}位{item.zh}的{sub.label.zh}：{message.zh}",
                f"{item.en[:1].upper()}{item.en[1:]} {index + 1}, {lower(sub.label.en)}: "
                f"{message.en}")
