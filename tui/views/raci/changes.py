"""What the RACI tab asks of the plan, and what a removal would break (pure, no Textual)."""

from __future__ import annotations

from collections.abc import Callable

from schemas.edits import AskFirst, PlanEdit, changed, new_record, removed
from schemas.enums import RaciLetter
from schemas.history import Change
from schemas.plan import Plan
from schemas.records import RaciActivity, RaciRole
from schemas.rules.base import join_words
from schemas.rules.raci import accountable_roles, responsible_roles
from tui import glyphs

LETTER_WORDS: dict[str, str] = {
    RaciLetter.R: "responsible",
    RaciLetter.A: "accountable",
    RaciLetter.AR: "accountable and doing the work",
    RaciLetter.C: "consulted",
    RaciLetter.I: "informed",
}
"""What each RACI letter means."""

LISTED = 3
"""How many names a message lists before saying 'and N more'."""


def activity(plan: Plan, activity_id: str) -> RaciActivity | None:
    """The activity with this id."""
    return next((a for a in plan.raci_activities if a.id == activity_id), None)


def role(plan: Plan, role_id: str) -> RaciRole | None:
    """The role with this id."""
    return next((r for r in plan.raci_roles if r.id == role_id), None)


def set_cell(row: RaciActivity, column: RaciRole, letter: str | None) -> PlanEdit:
    """Give ``column`` the ``letter`` in ``row`` (None clears the cell)."""
    cells = {key: str(value) for key, value in row.cells.items() if key != column.id}
    if letter:
        cells[column.id] = letter
    return PlanEdit(
        "raci.cell", changed(row, cells=dict(sorted(cells.items()))), cell_summary(row, column, letter)
    )


def cell_summary(row: RaciActivity, column: RaciRole, letter: str | None) -> str:
    """The history's words for a cell change."""
    if letter is None:
        return f'Cleared the letter of {column.name} on "{row.name}"'
    return f'Set {column.name} to {letter} ({LETTER_WORDS[letter]}) on "{row.name}"'


def new_activity(plan: Plan, name: str, decision: bool) -> PlanEdit:
    """A new activity with no letters yet, after the existing ones."""
    put = new_record(plan, RaciActivity, name=name, cells={}, expand_decision=decision)
    return PlanEdit("raci.activity.new", [put], f'Added the RACI activity "{name.strip()}"')


def new_role(plan: Plan, name: str, sponsor: bool) -> PlanEdit:
    """A new role (column), after the existing ones."""
    put = new_record(plan, RaciRole, name=name, sponsor=sponsor)
    return PlanEdit("raci.role.new", [put], f'Added the RACI role "{name.strip()}"')


def rename(record: RaciActivity | RaciRole, name: str, flag: bool) -> PlanEdit:
    """Rename an activity or a role and set its flag (the decision, or the sponsor)."""
    name = name.strip()
    if isinstance(record, RaciActivity):
        what, changes = "activity", changed(record, name=name, expand_decision=flag)
    else:
        what, changes = "role", changed(record, name=name, sponsor=flag)
    summary = (
        f'Renamed the RACI {what} "{record.name}" to "{name}"'
        if name != record.name
        else f'Edited the RACI {what} "{name}"'
    )
    return PlanEdit(f"raci.{what}.edit", changes, summary)


def remove_role(plan: Plan, role: RaciRole) -> AskFirst:
    """Remove a role, its letters in every activity and its ownership of governance topics."""
    changes: list[Change] = removed(role)
    for row in plan.raci_activities:
        if role.id in row.cells:
            changes += set_cell(row, role, None).changes
    changes += [c for t in plan.governance if t.owner_role == role.id for c in changed(t, owner_role=None)]
    question = removal_question(f'Remove the role "{role.name}"?', role_removal_effects(plan, role.id))
    edit = PlanEdit("raci.role.remove", changes, f'Removed the RACI role "{role.name}"')
    return AskFirst(question, edit, yes="Remove")


def remove_activity(plan: Plan, row: RaciActivity) -> AskFirst:
    """Remove an activity (its letters go with it)."""
    question = removal_question(f'Remove the activity "{row.name}"?', activity_removal_effects(plan, row.id))
    edit = PlanEdit("raci.activity.remove", removed(row), f'Removed the RACI activity "{row.name}"')
    return AskFirst(question, edit, yes="Remove")


def _names(items: list[str]) -> str:
    """'"a", "b" and "c"', or the first few and 'N more'."""
    quoted = [f'"{item}"' for item in items[:LISTED]]
    if len(items) > LISTED:
        quoted.append(f"{len(items) - LISTED} more")
    return join_words(quoted)


def _sole(plan: Plan, role_id: str, holds: Callable[[RaciLetter], bool]) -> list[str]:
    """Activities where ``role_id`` is the only role whose letter ``holds`` (A/R counts as A and as R)."""
    roles = {r.id for r in plan.raci_roles}
    return [
        a.name
        for a in plan.raci_activities
        if role_id in a.cells
        and holds(a.cells[role_id])
        and not any(k != role_id and k in roles and holds(v) for k, v in a.cells.items())
    ]


def role_removal_effects(plan: Plan, role_id: str) -> list[str]:
    """What removing the role would break or clear, one sentence each."""
    gone = role(plan, role_id)
    if gone is None:
        return []
    effects = []
    if sole_a := _sole(plan, role_id, _is_accountable):
        effects.append(
            f"{len(sole_a)} activit{_ies(sole_a)} would have no accountable role (A): {_names(sole_a)}."
        )
    if sole_r := _sole(plan, role_id, _is_responsible):
        effects.append(
            f"{len(sole_r)} activit{_ies(sole_r)} would have no responsible role (R): {_names(sole_r)}."
        )
    if gone.sponsor and not any(r.sponsor for r in plan.raci_roles if r.id != role_id):
        effects.append("No role would be the executive sponsor, who owns the decision to expand or stop.")
    owned = [t.title for t in plan.governance if t.owner_role == role_id]
    if owned:
        effects.append(
            f"{len(owned)} governance topic{'s' if len(owned) != 1 else ''} would have no owner: "
            f"{_names(owned)}."
        )
    lettered = sum(1 for a in plan.raci_activities if role_id in a.cells)
    if lettered:
        effects.append(f"Its letters in {lettered} activit{'ies' if lettered != 1 else 'y'} are cleared.")
    return effects


def activity_removal_effects(plan: Plan, activity_id: str) -> list[str]:
    """What removing the activity would break or clear, one sentence each."""
    gone = activity(plan, activity_id)
    if gone is None:
        return []
    effects = []
    others = [a for a in plan.raci_activities if a.expand_decision and a.id != activity_id]
    if gone.expand_decision and not others:
        effects.append(
            "The plan would have no decision to expand or stop, which the executive sponsor must own."
        )
    if gone.cells:
        effects.append(f"Its {len(gone.cells)} letter{'s' if len(gone.cells) != 1 else ''} go with it.")
    return effects


def _is_accountable(letter: RaciLetter) -> bool:
    return letter.accountable


def _is_responsible(letter: RaciLetter) -> bool:
    return letter.responsible


def _ies(items: list[str]) -> str:
    return "y" if len(items) == 1 else "ies"


def row_summary(roles: dict[str, RaciRole], row: RaciActivity) -> str:
    """A valid row in words: who is accountable and who is responsible (A/R is both)."""
    accountable = [r.name for r in accountable_roles(row, roles)]
    responsible = [r.name for r in responsible_roles(row, roles)]
    text = (
        f"Accountable (A): {join_words(accountable) or 'nobody'}; "
        f"responsible (R): {join_words(responsible) or 'nobody'}."
    )
    if row.expand_decision:
        text += " This is the decision to expand, modify or stop."
    return text


def removal_question(question: str, effects: list[str]) -> str:
    """The removal question followed by what it would break."""
    if not effects:
        return f"{question}\n\nNothing else depends on it."
    return (
        question
        + "\n\n"
        + "\n".join(f"{glyphs.BULLET} {effect}" for effect in effects)
        + "\n\nUndo (ctrl+z) brings it back."
    )


def cell_line(row: RaciActivity | None, column: RaciRole | None) -> str:
    """'Role: A (accountable) · Activity' for the cursor cell (the role first: names are long)."""
    if row is None or column is None:
        return "No activities or roles yet: n adds an activity, N adds a role."
    letter = row.cells.get(column.id)
    held = f"{letter} ({LETTER_WORDS[letter]})" if letter else "empty"
    sponsor = f" {glyphs.SPONSOR} executive sponsor" if column.sponsor else ""
    return f"{column.name}{sponsor}: {held} {glyphs.DOT} {row.name}"
