import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def as_json(value: Any) -> str:
    """A policy value as the JSON an owner edits (keys sorted); autoescaped by the template."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
