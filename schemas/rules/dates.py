"""dates: an overdue stage target, governance review, pilot end or review action is a warning."""

from __future__ import annotations

from datetime import date

from schemas.enums import PilotStatus, Severity, StageStatus
from schemas.plan import Plan
from schemas.review import is_overdue
from schemas.rules.base import Finding, at, pilot_label, stage_name

RULE = "dates"


def dates(plan: Plan, today: date) -> list[Finding]:
    """Warn about every date that has passed with its work still open."""
    found = []
    for stage in plan.stages:
        if stage.due is not None and stage.due < today and stage.status is not StageStatus.COMPLETE:
            found.append(
                _warning(
                    stage.number,
                    at("stages", stage.id),
                    f"{stage_name(plan, stage.number, start=True)} was due on {stage.due} "
                    "and is not complete.",
                    "Complete the stage, or set a new target date and say why it moved.",
                )
            )
    for topic in plan.governance:
        if topic.next_review is not None and topic.next_review < today:
            found.append(
                _warning(
                    3,
                    at("governance", topic.id),
                    f'The review of governance topic "{topic.title}" was due on {topic.next_review}.',
                    "Review the statement, record the review and set the next review date.",
                )
            )
    for pilot in plan.pilots:
        open_ = pilot.status in (PilotStatus.DESIGN, PilotStatus.RUNNING)
        if pilot.end is not None and pilot.end < today and open_:
            state = "is still running" if pilot.status is PilotStatus.RUNNING else "is still in design"
            found.append(
                _warning(
                    8,
                    at("pilots", pilot.id),
                    f"{pilot_label(pilot, start=True)} was due to end on {pilot.end} and {state}.",
                    "Record that it ended and decide to expand, modify or stop, or set a new end date.",
                )
            )
    return found + _actions(plan, today)


def _actions(plan: Plan, today: date) -> list[Finding]:
    """An action agreed at a review, past its due date and not done: naming its owner."""
    meetings = {review.id: review.held_on for review in plan.reviews}
    found = []
    for action in plan.review_actions:
        if is_overdue(action, today):
            held = meetings.get(action.review)
            agreed = f" (agreed at the review of {held})" if held else ""
            found.append(
                _warning(
                    action.stage,
                    at("review_actions", action.id),
                    f'The action "{action.what}" on {stage_name(plan, action.stage)}, owned by '
                    f"{action.owner}, was due on {action.due} and is not done{agreed}.",
                    f"{action.owner}: do it and mark it done (tab 1 Overview, key d), or agree a new "
                    "due date at the next review.",
                )
            )
    return found


def _warning(stage: int, entity: str, message: str, fix: str) -> Finding:
    return Finding(rule=RULE, severity=Severity.WARNING, stage=stage, entity=entity, message=message, fix=fix)
