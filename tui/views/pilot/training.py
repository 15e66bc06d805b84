"""The Pilot tab's training lines: per audience the five topics, then each session (no Textual).

Attendance behind fewer than k people is not shown, nor what could be worked out from it.
"""

from __future__ import annotations

from datetime import date

from schemas.enums import Audience, TrainingTopic
from schemas.plan import Plan
from schemas.records import Pilot, TrainingSession
from schemas.rules.base import join_words
from schemas.rules.pilot import TOPIC_WORDS
from schemas.substance_pilot import attendance_words
from tui.views.pilot.line import GOOD, NEEDED, Row


def training_rows(plan: Plan, pilot: Pilot, today: date) -> list[Row]:
    """A line per audience (topics covered by sessions held), then a line per session."""
    k = plan.policy.min_group_size
    sessions = [s for s in plan.training if s.pilot in (None, pilot.id)]
    rows = [_audience(a, [s for s in sessions if s.audience is a], today, k) for a in Audience]
    return rows + [_session(s, k) for s in sessions]


def _audience(audience: Audience, sessions: list[TrainingSession], today: date, k: int) -> Row:
    """Which of the five topics the audience was trained on, and how many attended (k allowing)."""
    held = [s for s in sessions if s.held_on is not None and s.held_on <= today and s.attended > 0]
    covered = {t for s in held for t in s.topics}
    missing = [TOPIC_WORDS[t] for t in TrainingTopic if t not in covered]
    done = len(TrainingTopic) - len(missing)
    invited, attended = sum(s.invited for s in held), sum(s.attended for s in held)
    detail = f"{audience.value.capitalize()}: {done} of {len(TrainingTopic)} topics covered by sessions held"
    detail += f"; not yet: {join_words(missing)}." if missing else "."
    detail += f"\n{attendance_words(invited, attended, k).capitalize()}."
    return Row(
        str(GOOD if not missing else NEEDED),
        "Training",
        f"{audience.value.capitalize()}: {done} of 5 topics"
        + (f", not {join_words(missing)}" if missing else ""),
        f"{len(held)} held",
        "trained" if not missing else "not trained",
        detail + "\nt records a session.",
        "new_training",
    )


def _session(s: TrainingSession, k: int) -> Row:
    """One session: audience, topics, attended of invited (hidden under k), date."""
    topics = ", ".join(TOPIC_WORDS[t] for t in s.topics) or "no topics"
    words = attendance_words(s.invited, s.attended, k)
    shown = f"?/{s.invited} (n<{k})" if "suppressed" in words else f"{s.attended}/{s.invited}"
    return Row(
        "",
        "Session",
        f"{s.audience.value.capitalize()}: {topics}",
        shown,
        str(s.held_on or "no date"),
        f"Training session for {s.audience.value} on {s.held_on or '(no date)'}: {topics}.\n"
        f"{words.capitalize()}.",
        "training",
        s.id,
        f"training/{s.id}",
    )
