"""The use-case matrix's words and forms: status looks, the edit form, the delivery form."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from schemas.delivery import recommend_delivery
from schemas.enums import DeliveryModel, Level, UseCaseStatus
from schemas.history import Change, Put, Set
from schemas.plan import Plan, next_id
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS
from schemas.rules.matrix import limit_for
from schemas.text import Line, Name
from tui.dialogs.form import FormDialog, FormField, Values, validate_with

Edit = tuple[list[Change], str]
"""The changes of one user action and its summary (what a view records)."""

STATUS_LOOK: dict[UseCaseStatus, tuple[str, str, str]] = {
    UseCaseStatus.PERMITTED: ("✓", "+", "permitted"),
    UseCaseStatus.PERMITTED_WITH_CONTROLS: ("◐", "~", "with controls"),
    UseCaseStatus.HUMAN_REQUIRED: ("●", "H", "human-required"),
    UseCaseStatus.PROHIBITED: ("✕", "X", "prohibited"),
}
"""Each status as (symbol, ASCII symbol for NO_COLOR, short word)."""

LEVEL_OPTIONS = [(level.value, level) for level in Level]
STATUS_OPTIONS = [(STATUS_WORDS[s], s) for s in UseCaseStatus]
DELIVERY_OPTIONS = [(DELIVERY_WORDS[d], d) for d in DeliveryModel]

FRAMEWORK_LIMITS = (
    "The framework prohibits automated ratings, discipline recommendations and other "
    "consequential employment decisions, and does not authorize processing sensitive "
    "employee data; qualified humans and legal governance remain responsible."
)
"""What the framework prohibits, in the seed's words, for the loosening confirmation."""


def status_label(status: UseCaseStatus, ascii_only: bool = False) -> str:
    """'◐ with controls' (or '~ with controls' without colour)."""
    symbol, plain, word = STATUS_LOOK[status]
    return f"{plain if ascii_only else symbol} {word}"


def minimum_status(case_name: str, guardrail: bool) -> UseCaseStatus | None:
    """The loosest status the framework allows this use case, or None if it is free."""
    limit = limit_for(case_name)
    if limit is not None:
        return limit.minimum
    return UseCaseStatus.HUMAN_REQUIRED if guardrail else None


def loosens_guardrail(name: str, guardrail: bool, old: UseCaseStatus | None, new: UseCaseStatus) -> bool:
    """True if ``new`` is looser than both the old status and the framework's limit."""
    minimum = minimum_status(name, guardrail)
    if minimum is None or new.strictness >= minimum.strictness:
        return False
    return old is None or new.strictness < old.strictness


def loosening_question(name: str, guardrail: bool, new: UseCaseStatus) -> str:
    """The confirmation that says what the framework prohibits before a guardrail is loosened."""
    minimum = minimum_status(name, guardrail) or UseCaseStatus.HUMAN_REQUIRED
    limit = limit_for(name)
    keep = STATUS_WORDS[minimum] + ("" if minimum is UseCaseStatus.PROHIBITED else " or stricter")
    route = f" and sends people to {limit.route}" if limit is not None else ""
    return (
        f'"{name}" is a limit of the framework: it stays {keep}{route}. {FRAMEWORK_LIMITS}\n\n'
        f"Set it to {STATUS_WORDS[new]} anyway? The plan will carry a blocking guardrail "
        "finding until it is set back."
    )


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


def delivery_changes(case: UseCase, values: Values) -> Edit:
    """Set the factors, model and rationale of ``case`` that the delivery form changed."""
    wanted = {
        "consequence": values["consequence"],
        "complexity": values["complexity"],
        "escalation": values["escalation"],
        "delivery": values.get("delivery"),
        "delivery_rationale": str(values.get("rationale") or "").strip(),
    }
    changes: list[Change] = [
        Set(table="use_cases", key=case.id, field=name, value=value)
        for name, value in wanted.items()
        if getattr(case, name) != value
    ]
    chosen = values.get("delivery")
    model = f"delivery {DELIVERY_WORDS[chosen]}" if chosen else "no delivery model chosen"
    return changes, f'Use case "{case.name}": {model}.'


def form_changes(case: UseCase | None, values: Values, existing: list[str]) -> Edit:
    """Add a use case (``case`` None, the next ``uc-N`` id) or set the fields the form changed."""
    fields = {
        "name": values["name"].strip(),
        "status": values["status"],
        "control": values["control"].strip(),
        "route_to": values["route_to"].strip(),
    }
    if case is None:
        record = {"id": next_id("uc", existing), **fields, "guardrail": limit_for(fields["name"]) is not None}
        return [Put(table="use_cases", record=record)], f'Added use case "{fields["name"]}".'
    changes: list[Change] = [
        Set(table="use_cases", key=case.id, field=name, value=value)
        for name, value in fields.items()
        if getattr(case, name) != value
    ]
    return changes, f'Edited use case "{fields["name"]}".'


def status_change(case: UseCase, new: UseCaseStatus) -> Edit:
    """Set the status of ``case`` to ``new``."""
    change: list[Change] = [Set(table="use_cases", key=case.id, field="status", value=new)]
    return change, f'Use case "{case.name}": {STATUS_WORDS[case.status]} -> {STATUS_WORDS[new]}.'


def delete_question(case: UseCase, plan: Plan) -> str:
    """Ask before deleting ``case``, saying which pilot and which framework limit it would break."""
    question = f'Delete use case "{case.name}"?'
    for pilot in plan.pilots:
        if pilot.use_case == case.id:
            question += (
                f'\n\nPilot "{pilot.name}" pilots this use case: it would be left without '
                "its one workflow (a pilot-design finding)."
            )
    if case.guardrail or limit_for(case.name):
        question += "\n\nIt is a limit of the framework: a matrix without it is a blocking guardrail finding."
    return question + "\n\nUndo (ctrl+z) brings it back."


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
