"""What the Use cases tab asks of the plan, and the questions it asks first (pure, no Textual)."""

from __future__ import annotations

from typing import Any

from schemas.edits import AskFirst, PlanEdit, changed, new_record, removed
from schemas.enums import DeliveryModel, UseCaseStatus
from schemas.plan import Plan
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS
from schemas.rules.matrix import limit_for

Values = dict[str, Any]

ORDER = list(UseCaseStatus)
"""The statuses, loosest first."""

FRAMEWORK_LIMITS = (
    "The framework prohibits automated ratings, discipline recommendations and other "
    "consequential employment decisions, and does not authorize processing sensitive "
    "employee data; qualified humans and legal governance remain responsible."
)
"""What the framework prohibits, in the seed's words, for the loosening confirmation."""


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


def _ask_to_loosen(name: str, guardrail: bool, new: UseCaseStatus, edit: PlanEdit) -> AskFirst:
    """Ask before loosening a framework limit; the history says it was confirmed."""
    confirmed = PlanEdit(
        "use_case.loosen_guardrail",
        edit.changes,
        edit.summary + " (a framework limit, loosened after confirmation)",
    )
    return AskFirst(loosening_question(name, guardrail, new), confirmed, yes="Loosen anyway", no="Keep it")


def save(plan: Plan, case: UseCase | None, values: Values) -> PlanEdit | AskFirst:
    """Add a use case (``case`` None) or change what the form changed; a loosened limit asks first."""
    fields = {name: values[name] for name in ("name", "status", "control", "route_to")}
    name = str(fields["name"]).strip()
    if case is None:
        guardrail = limit_for(name) is not None
        put = new_record(plan, UseCase, **fields, guardrail=guardrail)
        edit = PlanEdit("use_case.new", [put], f'Added use case "{name}".')
    else:
        guardrail = case.guardrail
        edit = PlanEdit("use_case.edit", changed(case, **fields), f'Edited use case "{name}".')
    if not edit.empty and loosens_guardrail(name, guardrail, case.status if case else None, values["status"]):
        return _ask_to_loosen(name, guardrail, values["status"], edit)
    return edit


def step_status(case: UseCase, steps: int) -> PlanEdit | AskFirst | str:
    """Move the status ``steps`` stricter (negative: looser); a limit asks first; a str says why not."""
    index = ORDER.index(case.status) + steps
    if index >= len(ORDER):
        return f'"{case.name}" is already prohibited, the strictest status.'
    if index < 0:
        return f'"{case.name}" is already permitted, the loosest status.'
    new = ORDER[index]
    summary = f'Use case "{case.name}": {STATUS_WORDS[case.status]} -> {STATUS_WORDS[new]}.'
    edit = PlanEdit(
        "use_case.tighten" if steps > 0 else "use_case.loosen", changed(case, status=new), summary
    )
    if loosens_guardrail(case.name, case.guardrail, case.status, new):
        return _ask_to_loosen(case.name, case.guardrail, new, edit)
    return edit


def delivery(case: UseCase, values: Values) -> PlanEdit:
    """Set the factors, model and rationale of ``case`` that the delivery form changed."""
    chosen: DeliveryModel | None = values.get("delivery")
    changes = changed(
        case,
        consequence=values["consequence"],
        complexity=values["complexity"],
        escalation=values["escalation"],
        delivery=chosen,
        delivery_rationale=str(values.get("rationale") or ""),
    )
    model = f"delivery {DELIVERY_WORDS[chosen]}" if chosen else "no delivery model chosen"
    return PlanEdit("use_case.delivery", changes, f'Use case "{case.name}": {model}.')


def delete(case: UseCase, plan: Plan) -> AskFirst:
    """Remove ``case`` after saying which pilot and which framework limit it would break."""
    question = f'Delete use case "{case.name}"?'
    for pilot in plan.pilots:
        if pilot.use_case == case.id:
            question += (
                f'\n\nPilot "{pilot.name}" pilots this use case: it would be left without '
                "its one workflow (a pilot-design finding)."
            )
    if case.guardrail or limit_for(case.name):
        question += "\n\nIt is a limit of the framework: a matrix without it is a blocking guardrail finding."
    edit = PlanEdit("use_case.delete", removed(case), f'Deleted use case "{case.name}".')
    return AskFirst(question + "\n\nUndo (ctrl+z) brings it back.", edit, yes="Delete")
