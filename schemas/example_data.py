"""The worked example's texts and measurements: governance, data access, notice, observations."""

from __future__ import annotations

from datetime import date, timedelta

from schemas.enums import AccessLevel, DataCategory, GovernanceKey
from schemas.example_stages import IT_LEAD, LEGAL_LEAD, SECURITY_LEAD

GOVERNANCE_STATEMENTS: dict[GovernanceKey, tuple[str, str]] = {
    GovernanceKey.DATA_COLLECTION: (
        "Only what a participant types into a preparation session is collected, plus sign-in "
        "and session counts and the answers to a short weekly survey. Participants are asked not "
        "to name the people they prepare to talk to or enter health details, and the coach "
        "reminds them. No recording of meetings, email or chat.",
        LEGAL_LEAD,
    ),
    GovernanceKey.RETENTION: (
        "Preparation content is kept 30 days, then deleted; usage counts and survey answers "
        "are kept for the pilot and 90 days after it, then deleted.",
        LEGAL_LEAD,
    ),
    GovernanceKey.MODEL_USE: (
        "The model prepares conversations only. It does not score anyone, infer health or "
        "protected traits, build profiles or recommend discipline, and the vendor does not "
        "train on our data.",
        LEGAL_LEAD,
    ),
    GovernanceKey.ACCESS: (
        "Each participant sees only their own sessions and usage. HR sees usage and reports, "
        "and the sponsor reports, only as totals over at least five people. Nobody else, a "
        "participant's own manager or any leader included, sees content or usage, and no "
        "profile is derived.",
        IT_LEAD,
    ),
    GovernanceKey.DELETION: (
        "A participant can delete any session at once; all content is deleted within 30 days "
        "of leaving the pilot, and the vendor confirms deletion in writing.",
        LEGAL_LEAD,
    ),
    GovernanceKey.EXPORT: (
        "A participant can export their own sessions as text. No bulk export of content to "
        "the organization exists.",
        IT_LEAD,
    ),
    GovernanceKey.SUBPROCESSORS: (
        "The vendor's two subprocessors (cloud hosting and the model provider) are listed in "
        "the contract annex; a change needs 30 days' notice and our approval.",
        LEGAL_LEAD,
    ),
    GovernanceKey.SECURITY: (
        "Single sign-on with the company identity provider, encryption in transit and at "
        "rest, hosting in the EU, and an annual third-party test of the vendor.",
        SECURITY_LEAD,
    ),
    GovernanceKey.INCIDENT_RESPONSE: (
        "The vendor reports any incident to Security within 24 hours; Security informs Legal "
        "and privacy, the sponsor and affected participants. One privacy incident is a stop "
        "condition: the pilot stops until the sponsor decides.",
        SECURITY_LEAD,
    ),
}
"""Each topic's statement and who reviewed it."""

_NONE, _OWN, _AGG = AccessLevel.NONE, AccessLevel.OWN, AccessLevel.AGGREGATE
_PRIVATE, _DERIVED = DataCategory.PRIVATE_CONTENT, DataCategory.DERIVED_PROFILES
_USAGE, _REPORTS = DataCategory.USAGE_METADATA, DataCategory.AGGREGATE_REPORTS

DATA_ACCESS: tuple[tuple[str, dict[DataCategory, AccessLevel]], ...] = (
    ("Participant (new manager)", {_PRIVATE: _OWN, _DERIVED: _NONE, _USAGE: _OWN, _REPORTS: _NONE}),
    ("Participant's manager or leader", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _NONE, _REPORTS: _NONE}),
    ("HR", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _AGG, _REPORTS: _AGG}),
    ("Executive sponsor", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _NONE, _REPORTS: _AGG}),
)
"""The access table exactly as the access statement and the notice say it."""

NOTICE = """\
Northwind Logistics is piloting an AI coach that helps new managers prepare for difficult \
feedback conversations, for eight weeks. Taking part is voluntary.

What it does: it helps you plan what to say, anticipate reactions and rehearse.
What it never does: score anyone, send your notes or transcripts to anyone, \
or recommend discipline. Please do not name the people you prepare to talk to, \
or enter health details.

Who sees what: only you see your sessions and your own usage. Your own manager and \
other leaders see nothing. HR and the pilot's sponsor see only totals over at least \
five people, from usage counts and a short weekly survey.

You can leave at any time, with no reason and no consequence; your sessions are then \
deleted. Questions or concerns: coaching-pilot@northwind.example or your HR business \
partner."""
"""The notice participants received two weeks before launch."""

# metric, week since launch, value, group ("" = everyone), people behind the value
OBSERVATIONS: tuple[tuple[str, int, float, str, int], ...] = (
    ("usefulness", 1, 68.0, "", 38),
    ("usefulness", 2, 72.0, "", 39),
    ("usefulness", 3, 75.0, "", 39),
    ("usefulness", 4, 79.5, "", 39),
    ("usefulness", 4, 76.2, "Rotterdam hub", 21),
    ("usefulness", 4, 86.7, "Head office", 15),
    ("usefulness", 4, 66.7, "Venlo depot", 3),
    ("completion", 1, 55.0, "", 40),
    ("completion", 2, 62.0, "", 39),
    ("completion", 3, 66.0, "", 38),
    ("completion", 4, 71.1, "", 38),
    ("completion", 4, 70.8, "Operations", 24),
    ("completion", 4, 80.0, "Office functions", 10),
    ("completion", 4, 50.0, "Customer service", 4),
    ("human_escalations", 1, 1, "", 40),
    ("human_escalations", 2, 0, "", 39),
    ("human_escalations", 3, 2, "", 38),
    ("human_escalations", 4, 1, "", 38),
    ("privacy_incidents", 1, 0, "", 40),
    ("privacy_incidents", 2, 0, "", 39),
    ("privacy_incidents", 3, 0, "", 38),
    ("privacy_incidents", 4, 0, "", 38),
    ("adverse_effects", 2, 0, "", 39),
    ("adverse_effects", 4, 0, "", 38),
    ("opt_outs", 1, 2.5, "", 40),
    ("opt_outs", 2, 2.5, "", 40),
    ("opt_outs", 3, 5.0, "", 40),
    ("opt_outs", 4, 5.0, "", 40),
    ("better_preparation", 2, 64.0, "", 36),
    ("better_preparation", 4, 71.0, "", 37),
    ("bias_signals", 2, 0, "", 39),
    ("bias_signals", 4, 0, "", 38),
    ("admin_hours", 1, 6.0, "", 40),
    ("admin_hours", 2, 5.0, "", 39),
    ("admin_hours", 3, 4.5, "", 38),
    ("admin_hours", 4, 4.0, "", 38),
)
"""Four weeks of measurement, each harm family of Failure Mode 3 included (administrative
hours: the HR business partners' time on the pilot); two week-4 cuts include a group
under five people."""

# metric, value, group ("" = everyone), people behind the value
WEEK_5: tuple[tuple[str, float, str, int], ...] = (
    ("voluntary_participation", 95.0, "", 40),
    ("completion", 73.7, "", 38),
    ("usefulness", 81.0, "", 38),
    ("usefulness", 79.0, "Rotterdam hub", 21),
    ("usefulness", 86.0, "Head office", 14),
    ("usefulness", 70.0, "Venlo depot", 3),
    ("better_preparation", 74.0, "", 37),
    ("human_escalations", 1, "", 38),
    ("privacy_incidents", 0, "", 38),
    ("adverse_effects", 0, "", 38),
    ("opt_outs", 5.0, "", 40),
    ("bias_signals", 0, "", 38),
    ("admin_hours", 4.0, "", 38),
)
"""The example's fifth week, to import: no incident; one cut holds a group under five."""

INCIDENT: tuple[tuple[str, float, str, int], ...] = (
    ("privacy_incidents", 1, "", 38),
    ("adverse_effects", 0, "", 38),
    ("opt_outs", 5.0, "", 40),
)
"""A report the day after: one privacy incident, which meets the example's first stop condition."""


def observations_csv(rows: tuple[tuple[str, float, str, int], ...], period: date) -> str:
    """Rows as an observations CSV file (DESIGN section 7), all for ``period``."""
    lines = ["metric,period,value,group,n"]
    lines += [f"{metric},{period.isoformat()},{value:g},{group},{n}" for metric, value, group, n in rows]
    return "\n".join(lines) + "\n"


def example_files(today: date) -> dict[str, str]:
    """The worked example's two observation files by name: week 5 (yesterday), then the incident (today).

    Dated from ``today``, so both come after the example's own four weeks whenever it was made.
    """
    return {
        "example-week-5.csv": observations_csv(WEEK_5, today - timedelta(days=1)),
        "example-incident.csv": observations_csv(INCIDENT, today),
    }
