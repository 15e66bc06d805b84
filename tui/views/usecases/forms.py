"""The Use cases tab's words and forms: status looks, the edit form, the delivery form."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from schemas.delivery import recommend_delivery
from schemas.enums import DeliveryModel, Level, UseCaseStatus
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS
from schemas.text import Line, Name
from tui import glyphs
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.glyphs import Glyph

STATUS_LOOK: dict[UseCaseStatus, tuple[Glyph, str]] = {
    UseCaseStatus.PERMITTED: (glyphs.OK, "permitted"),
    UseCaseStatus.PERMITTED_WITH_CONTROLS: (glyphs.WITH_CONTROLS, "with controls"),
    UseCaseStatus.HUMAN_REQUIRED: (glyphs.HUMAN, "human-required"),
    UseCaseStatus.PROHIBITED: (glyphs.PROHIBITED, "prohibited"),
}
"""Each status as (symbol, short word); the symbol's ASCII form shows without colour too."""

LEVEL_OPTIONS = [(level.value, level) for level in Level]
STATUS_OPTIONS = [(STATUS_WORDS[s], s) for s in UseCaseStatus]
DELIVERY_OPTIONS = [(DELIVERY_WORDS[d], d) for d in DeliveryModel]


def status_label(status: UseCaseStatus, ascii_only: bool = False) -> str:
    """'◐ with controls' (or '~ with controls' without colour)."""
    symbol, word = STATUS_LOOK[status]
    return f"{symbol.ascii if ascii_only else symbol} {word}"


def use_case_form(case: UseCase | None) -> FormDialog:
    """The form that adds (``case`` None) or edits a use case."""
    title = "New use case" if case is None else f'Edit use case "{case.name}"'
    return FormDialog(title, use_case_fields(case))


def use_case_fields(case: UseCase | None) -> list[FormField]:
    """Name, status, required control and route-to, prefilled from ``case``."""
    return [
        FormField(
            "name",
            "Use case",
            initial=case.name if case else "",
            required=True,
            validator=validate_with(Name),
        ),
        FormField(
            "status",
            "Status",
            kind="select",
            options=STATUS_OPTIONS,
            required=True,
            initial=case.status if case else UseCaseStatus.PERMITTED_WITH_CONTROLS,
        ),
        FormField(
            "control",
            "Required control (needed unless permitted)",
            initial=case.control if case else "",
            validator=validate_with(Line),
        ),
        FormField(
            "route_to",
            "Route people to (for a prohibited use case)",
            initial=case.route_to if case else "",
            validator=validate_with(Line),
            show_if=lambda v: v.get("status") is UseCaseStatus.PROHIBITED,
        ),
    ]


def delivery_fields(case: UseCase) -> list[FormField]:
    """The three factors, the chosen model and its rationale."""
    return [
        FormField(
            "consequence",
            "Consequence for the person",
            kind="select",
            options=LEVEL_OPTIONS,
            initial=case.consequence,
            required=True,
        ),
        FormField(
            "complexity",
            "Complexity of the situation",
            kind="select",
            options=LEVEL_OPTIONS,
            initial=case.complexity,
            required=True,
        ),
        FormField(
            "escalation",
            "Escalation need",
            kind="select",
            options=LEVEL_OPTIONS,
            initial=case.escalation,
            required=True,
        ),
        FormField(
            "delivery",
            "Chosen delivery model",
            kind="select",
            options=DELIVERY_OPTIONS,
            initial=case.delivery,
        ),
        FormField(
            "rationale",
            "Rationale (required when the choice differs from the recommendation)",
            initial=case.delivery_rationale,
            validator=validate_with(Line),
        ),
    ]


def recommendation(values: Values) -> tuple[DeliveryModel, str] | None:
    """The recommended model and reason for the factors in ``values``, or None if one is missing."""
    consequence, complexity, escalation = (values.get(n) for n in ("consequence", "complexity", "escalation"))
    if consequence is None or complexity is None or escalation is None:
        return None
    return recommend_delivery(consequence, complexity, escalation)


def delivery_problem(status: UseCaseStatus, values: Values) -> str | None:
    """Why the chosen delivery cannot be saved as it stands, or None."""
    chosen: DeliveryModel | None = values.get("delivery")
    if chosen is None:
        return None
    if status is UseCaseStatus.PROHIBITED and chosen is not DeliveryModel.HUMAN_LED:
        return "A prohibited use case is never delivered by AI; choose human-led or none."
    if status is UseCaseStatus.HUMAN_REQUIRED and chosen is DeliveryModel.AI_ONLY:
        return "A human-required use case is never AI-only; choose hybrid or human-led."
    advice = recommendation(values)
    if advice is not None and chosen is not advice[0] and not str(values.get("rationale") or "").strip():
        return f"{DELIVERY_WORDS[chosen]} differs from the recommendation: write a rationale."
    return None


class DeliveryDialog(FormDialog):
    """The delivery form; its first line shows the recommendation for the factors as typed."""

    def __init__(self, case: UseCase, **kwargs: Any) -> None:
        super().__init__(
            f'Delivery model: "{case.name}"',
            delivery_fields(case),
            check=lambda values: delivery_problem(case.status, values),
            intro=" ",
            **kwargs,
        )

    def revalidate(self) -> bool:
        """Check the fields, then show the recommendation for the current factors."""
        valid = super().revalidate()
        advice = recommendation(self.values())
        text = f"Recommended: {advice[1]}" if advice else "Rate all three factors to see the recommendation."
        self.query_one("#form-intro", Static).update(text)
        return valid
