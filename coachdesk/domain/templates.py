"""The two questionnaire templates every database holds (editable data, seeded once)."""

from __future__ import annotations

from typing import TypedDict


class TemplateItem(TypedDict):
    key: str
    text: str


class Template(TypedDict):
    key: str
    title: str
    scale: list[int]  # [lowest, highest]
    items: list[TemplateItem]


CLIENT_TEMPLATE_KEY = "client-default"
PRACTITIONER_TEMPLATE_KEY = "practitioner-default"

DEFAULT_TEMPLATES: tuple[Template, ...] = (
    {
        "key": CLIENT_TEMPLATE_KEY,
        "title": "Client evaluation",
        "scale": [1, 5],
        "items": [
            {"key": "confidence", "text": "I feel confident in my role"},
            {"key": "motivation", "text": "I feel motivated and enthusiastic about my work"},
            {"key": "morale", "text": "My morale at work is good"},
            {"key": "stress", "text": "I manage work-related stress well"},
            {"key": "performance", "text": "I am performing well in my role"},
            {
                "key": "proactivity",
                "text": "I address issues proactively and make decisions effectively",
            },
            {"key": "development_plan", "text": "I have a clear plan for my development"},
        ],
    },
    {
        "key": PRACTITIONER_TEMPLATE_KEY,
        "title": "Practitioner end-of-relationship evaluation",
        "scale": [1, 5],
        "items": [
            {"key": "contract_clear", "text": "The contracting gave us a clear, shared agreement"},
            {
                "key": "client_engaged",
                "text": "The client engaged fully and acted between sessions",
            },
            {"key": "objectives_met", "text": "The relationship met the objectives we agreed"},
            {"key": "match_suitable", "text": "The hub's match suited this client and me"},
            {"key": "supervision_used", "text": "I used supervision to reflect on this work"},
            {
                "key": "own_learning",
                "text": "I developed my own practice through this relationship",
            },
        ],
    },
)

#: Which template an evaluation of each kind uses by default.
TEMPLATE_FOR_KIND: dict[str, str] = {
    "pre": CLIENT_TEMPLATE_KEY,
    "post": CLIENT_TEMPLATE_KEY,
    "follow-up": CLIENT_TEMPLATE_KEY,
    "practitioner-post": PRACTITIONER_TEMPLATE_KEY,
}
