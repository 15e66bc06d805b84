"""Review mode's forms: the meeting (date and attendees), a stage's outcome, an action, done."""

from __future__ import annotations

from datetime import date

from schemas.enums import ReviewOutcome
from schemas.plan import Plan
from schemas.records import ReviewAction, Stage, StageVerdict
from schemas.review import OUTCOME_WORDS
from schemas.text import Line, Name
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.views.review.changes import MAX_ATTENDEES, OTHER


def role_options(plan: Plan, other: str) -> list[tuple[str, str]]:
    """The plan's RACI roles (by id), then the choice to write another."""
    return [(role.name, role.id) for role in plan.raci_roles] + [(other, OTHER)]


def _filled(values: Values, name: str) -> bool:
    return bool(str(values.get(name) or "").strip())


def attendee_fields(plan: Plan, number: int) -> list[FormField]:
    """Name, role and a typed role of attendee ``number``; shown once the one before has a name."""
    first = number == 1
    previous = f"name_{number - 1}"

    def named(values: Values) -> bool:
        return first or _filled(values, previous)

    def roled(values: Values) -> bool:
        return named(values) and (first or _filled(values, f"name_{number}"))

    return [
        FormField(
            f"name_{number}",
            f"Attendee {number}: name" + ("" if first else " (leave empty when everyone is in)"),
            required=first,
            validator=validate_with(Line),
            show_if=None if first else named,
        ),
        FormField(
            f"role_{number}",
            f"Attendee {number}: role",
            kind="select",
            options=role_options(plan, "Another role (write it below)"),
            required=True,
            show_if=None if first else roled,
        ),
        FormField(
            f"other_{number}",
            f"Attendee {number}: the role, in words",
            required=True,
            validator=validate_with(Name),
            show_if=lambda values: roled(values) and values.get(f"role_{number}") == OTHER,
        ),
    ]


def meeting_form(plan: Plan, today: date) -> FormDialog:
    """Asked once when a review starts: the day and who is at the meeting."""
    fields = [field for number in range(1, MAX_ATTENDEES + 1) for field in attendee_fields(plan, number)]
    fields.append(
        FormField("held_on", "Date of the meeting (YYYY-MM-DD)", kind="date", initial=today, required=True)
    )
    intro = (
        "Who is at the meeting? Type each name; choose the role each speaks for from the RACI "
        "roles (enter opens the list, typing finds a role), or write another. Tab moves on; "
        "ctrl+s starts the review."
    )
    return FormDialog("Stage review meeting", fields, intro=intro, save_label="Start the review")


def outcome_form(stage: Stage, outcome: ReviewOutcome, earlier: StageVerdict | None) -> FormDialog:
    """The note recorded with ``outcome`` for ``stage``; required when changes are requested."""
    changes = outcome is ReviewOutcome.CHANGES_REQUESTED
    label = "What must change" if changes else "Note (optional)"
    note = FormField(
        "note",
        label,
        initial=earlier.note if earlier is not None else "",
        required=changes,
        validator=validate_with(Line),
    )
    title = f"Stage {stage.number} {stage.title}: {OUTCOME_WORDS[outcome]}"
    intro = "Enter records it; it replaces an outcome recorded earlier in this meeting." if earlier else ""
    return FormDialog(title, [note], intro=intro, save_label="Record")


def action_form(plan: Plan, stage: Stage) -> FormDialog:
    """What is to be done, who owns it (a RACI role or a person) and by when."""
    fields = [
        FormField("what", "What is to be done", required=True, validator=validate_with(Name)),
        FormField(
            "owner",
            "Owner",
            kind="select",
            options=role_options(plan, "A person (write the name below)"),
            required=True,
        ),
        FormField(
            "owner_name",
            "Owner's name",
            required=True,
            validator=validate_with(Name),
            show_if=lambda values: values.get("owner") == OTHER,
        ),
        FormField("due", "Due (YYYY-MM-DD)", kind="date", required=True),
    ]
    return FormDialog(f"Action on stage {stage.number} {stage.title}", fields, save_label="Add action")


def done_form(plan: Plan, action: ReviewAction, today: date) -> FormDialog:
    """Who did ``action`` (typed; prefilled only with the plan's display name) and when."""

    def not_ahead(values: Values) -> str | None:
        done_at = values.get("done_at")
        return "A done date cannot be later than today." if done_at and done_at > today else None

    fields = [
        FormField(
            "done_by",
            "Done by",
            initial=plan.plan.display_name,
            required=True,
            validator=validate_with(Name),
        ),
        FormField("done_at", "Done on (YYYY-MM-DD)", kind="date", initial=today, required=True),
    ]
    intro = f"Owner {action.owner}, due {action.due}, agreed on stage {action.stage}."
    return FormDialog(f'Done: "{action.what}"', fields, check=not_ahead, intro=intro, save_label="Mark done")
