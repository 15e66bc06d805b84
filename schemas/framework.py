"""The framework as the seed text states it: stages, use-case matrix, prohibitions, metrics."""

from __future__ import annotations

from schemas.enums import Direction, HarmFamily, Level, MetricKind, ProhibitionKey, UseCaseStatus

CHECKPOINT_GUIDANCE = (
    "Before acting, write the current constraint and the smallest observable result "
    "this checkpoint should create. Run this checkpoint in one bounded context, then record "
    "what changed. When the result is incomplete, preserve the last known state and choose "
    "the smallest valid restart instead of expanding the plan."
)
"""The seed's advice repeated at every checkpoint, whole: before, during, and when incomplete."""

EVIDENCE_HINT = (
    "Record the observable result before moving to the next step. If the step cannot be "
    "observed, rewrite it as a physical action or concrete decision."
)
"""The seed's completion-evidence advice of every step: the hint under the evidence field."""

WHAT_TO_MEASURE = (
    "Did the framework produce a clearer decision, a completed action, a shorter recovery "
    "time, or a better handoff? Record the observable outcome rather than whether the process "
    "felt impressive."
)
"""The seed's question behind an outcome's kind (``OutcomeKind``)."""

STAGES: tuple[tuple[str, str], ...] = (
    (
        "Define Permitted Use Cases",
        "Define the coaching tasks that are permitted, conditionally permitted, "
        "human-required, and prohibited.",
    ),
    (
        "Separate Coaching From Surveillance",
        "Prohibit secret monitoring, mental-health inference, automated discipline, "
        "and use of private coaching content for performance scoring.",
    ),
    (
        "Establish Privacy and Governance",
        "Document data collection, retention, model use, access, deletion, export, "
        "subprocessors, security, and incident response.",
    ),
    (
        "Choose the Delivery Model",
        "Choose AI-only, human-led, or hybrid delivery based on consequence, complexity, "
        "and escalation need.",
    ),
    (
        "Design a Limited Pilot",
        "Pilot one workflow with a limited population, informed notice, opt-out, support, "
        "and predeclared stop conditions.",
    ),
    (
        "Train Participants and Managers",
        "Train employees and managers on purpose, limits, privacy, escalation, and what "
        "the system must never be asked to do.",
    ),
    (
        "Measure Outcomes and Harms",
        "Measure usefulness, participation, behavior, administration, privacy incidents, "
        "bias signals, opt-outs, and adverse effects.",
    ),
    (
        "Expand, Modify, or Stop",
        "Expand only when evidence supports the next scope; otherwise modify or stop "
        "without treating adoption as inevitable.",
    ),
)
"""Each stage's title and the step sentence that is its purpose."""

_L, _M, _H = Level.LOW, Level.MEDIUM, Level.HIGH
_QUALIFIED_HUMANS = "Qualified human decision-makers under HR and legal governance"

# name, status, required control, route-to, (consequence, complexity, escalation), guardrail
USE_CASES: tuple[tuple[str, UseCaseStatus, str, str, tuple[Level, Level, Level], bool], ...] = (
    (
        "Meeting preparation",
        UseCaseStatus.PERMITTED,
        "User-controlled context and no confidential recording",
        "",
        (_L, _L, _L),
        False,
    ),
    (
        "Leadership reflection",
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "Private workspace, deletion, and human escalation",
        "",
        (_L, _M, _M),
        False,
    ),
    (
        "Goal setting and accountability",
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "No hidden manager scoring",
        "",
        (_M, _L, _L),
        False,
    ),
    (
        "Career planning",
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "Clear separation from employment decisions",
        "",
        (_M, _M, _L),
        False,
    ),
    (
        "Performance management",
        UseCaseStatus.HUMAN_REQUIRED,
        "AI may prepare materials but not decide ratings or discipline",
        "",
        (_H, _H, _M),
        True,
    ),
    (
        "Mental-health support",
        UseCaseStatus.PROHIBITED,
        "Route to qualified clinical or employee-assistance services",
        "Qualified clinical or employee-assistance services",
        (_H, _H, _H),
        True,
    ),
    (
        "Employee discipline",
        UseCaseStatus.PROHIBITED,
        "No automated recommendation or decision",
        _QUALIFIED_HUMANS,
        (_H, _H, _H),
        True,
    ),
    (
        "Protected-trait or health inference",
        UseCaseStatus.PROHIBITED,
        "No profiling or derived sensitive status",
        "Occupational health or HR, only on the employee's own disclosure",
        (_H, _M, _H),
        True,
    ),
)
"""The seed's use-case matrix with delivery factors chosen for each row."""

PROHIBITIONS: tuple[tuple[ProhibitionKey, str], ...] = (
    (
        ProhibitionKey.SECRET_MONITORING,
        "No secret monitoring: coaching is never used to watch employees without their knowledge.",
    ),
    (
        ProhibitionKey.MENTAL_HEALTH_INFERENCE,
        "No mental-health inference: private development conversations never become psychological profiles.",
    ),
    (
        ProhibitionKey.AUTOMATED_DISCIPLINE,
        "No automated discipline: the system never recommends or decides discipline, and "
        "coaching content never becomes disciplinary evidence.",
    ),
    (
        ProhibitionKey.PERFORMANCE_SCORING,
        "No use of private coaching content for performance scoring: private development "
        "conversations never silently become performance scores.",
    ),
)
"""The four surveillance prohibitions of Step 2, in the seed's words."""

_UP, _DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER

METRICS: tuple[tuple[str, str, MetricKind, str, Direction], ...] = (
    ("voluntary_participation", "Voluntary participation", MetricKind.ENGAGEMENT, "%", _UP),
    ("completion", "Completion", MetricKind.ENGAGEMENT, "%", _UP),
    ("usefulness", "User-reported usefulness", MetricKind.ENGAGEMENT, "%", _UP),
    ("follow_through", "Observable follow-through", MetricKind.OUTCOME, "%", _UP),
    ("human_escalations", "Human escalations", MetricKind.OUTCOME, "count", _DOWN),
    ("privacy_incidents", "Privacy incidents", MetricKind.HARM, "count", _DOWN),
    ("opt_outs", "Opt-outs", MetricKind.HARM, "%", _DOWN),
    ("adverse_effects", "Adverse effects", MetricKind.HARM, "count", _DOWN),
    ("bias_signals", "Bias signals", MetricKind.HARM, "count", _DOWN),
    ("admin_hours", "Administrative hours", MetricKind.COST, "hours", _DOWN),
    (
        "cost_per_active_participant",
        "Cost per active participant",
        MetricKind.COST,
        "per participant",
        _DOWN,
    ),
)
"""The pilot scorecard's eleven metrics: key, name, kind, unit, direction.

Usefulness is engagement, as DESIGN section 3 reads Failure Mode 3: participation,
completion and usefulness show that people use the coach, not that it does no harm.
"""

HARM_FAMILIES: dict[str, HarmFamily] = {
    "opt_outs": HarmFamily.OPT_OUTS,
    "privacy_incidents": HarmFamily.PRIVACY_INCIDENTS,
    "bias_signals": HarmFamily.BIAS_SIGNALS,
    "admin_hours": HarmFamily.ADMINISTRATIVE_BURDEN,
}
"""The default metrics that measure a harm family of Failure Mode 3.

Administrative hours are filed under cost, and adverse effects are a harm outside
the four families: the family is a metric's own field, not read from its kind.
"""
