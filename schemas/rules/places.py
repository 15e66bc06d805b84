"""Where in the app a thing is fixed (tab and key), and what a stage's gate finds unmet."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.rules.base import Finding


@dataclass(frozen=True)
class Place:
    """A tab of the app (DESIGN section 6), and the key there that fixes something."""

    tab: int
    """The tab's digit."""
    title: str
    """The tab's name."""
    key: str = ""
    """The key as the help shows it; empty where the tab has no key for it yet."""
    binding: str = ""
    """The key's binding id, so an app that lets users remap keys can show theirs."""

    def words(self) -> str:
        """'tab 4 Safeguards, key a', or 'tab 7 Pilot'."""
        key = f", key {self.key}" if self.key else ""
        return f"tab {self.tab} {self.title}{key}"


EVIDENCE = Place(2, "Stages", "e", "stages.evidence")
"""Record a stage's completion evidence."""
COMPLETE = Place(2, "Stages", "c", "stages.complete")
"""Mark a stage complete (refused with every unmet item)."""
REOPEN = Place(2, "Stages", "o", "stages.reopen")
"""Reopen a complete stage, with a reason."""
USE_CASE = Place(3, "Use cases", "enter", "use-cases.edit")
"""Edit a use case: status, control, route."""
DELIVERY = Place(3, "Use cases", "m", "use-cases.delivery")
"""Choose a use case's delivery model."""
ATTEST = Place(4, "Safeguards", "a", "safeguards.attest")
"""Attest a prohibition."""
ACCESS = Place(4, "Safeguards", "space", "safeguards.cycle_level")
"""Step a role's access to a data category."""
GROUP_SIZE = Place(4, "Safeguards", "g", "safeguards.group_size")
"""Set the minimum group size k."""
SAFEGUARDS = Place(4, "Safeguards")
"""The prohibitions themselves."""
CONSULTATION = Place(4, "Safeguards", "enter", "safeguards.edit_consultation")
"""Edit a consultation: what the body said and how the plan answered."""
GOVERNANCE = Place(5, "Governance", "enter", "governance.edit")
"""Edit a governance topic."""
PILOT = Place(7, "Pilot", "e", "pilot.design")
"""Design the pilot: workflow, population, notice, opt-out, support, escalation, dates."""
CONDITION = Place(7, "Pilot", "c", "pilot.new_condition")
"""Declare a success or stop condition of the pilot in design."""
AMEND = Place(7, "Pilot", "a", "pilot.amend")
"""Amend a locked condition, with a reason."""
JURISDICTION = Place(7, "Pilot", "J", "pilot.new_jurisdiction")
"""Declare a jurisdiction in scope, with its legal review."""
LEGAL_REVIEW = Place(7, "Pilot", "enter", "pilot.edit")
"""Record a jurisdiction's legal review (enter on its line)."""
TRAINING = Place(7, "Pilot", "t", "pilot.new_training")
"""Record a training session: audience, the five topics, invited, attended."""
START = Place(7, "Pilot", "s", "pilot.start")
"""Start the pilot: refused while a blocking finding of it stands; locks its conditions."""
SCORECARD = Place(8, "Scorecard")
"""The scorecard: each metric's latest value against its conditions, and its trend."""
OBSERVATIONS = Place(8, "Scorecard", "o", "scorecard.observations")
"""A metric's observations: each value, its group and n (delete asks)."""
OBSERVATION = Place(8, "Scorecard", "n", "scorecard.new_observation")
"""Record one observation by hand: metric, period, value, group, n."""
IMPORT = Place(8, "Scorecard", "i", "scorecard.import")
"""Import observations from a CSV file, all rows or none."""
METRIC = Place(8, "Scorecard", "e", "scorecard.edit_metric")
"""Edit a custom metric: name, kind, unit, direction, harm family."""
DECISION = Place(9, "Decision", "d", "decision.decide")
"""Record the Step 8 decision: expand, modify or stop, with the sponsor's sign-off."""
SIGN_OFF = Place(9, "Decision", "s", "decision.sign_off")
"""Record the sponsor's sign-off on the decision in force."""
ROI_CLAIM = Place(9, "Decision", "enter", "decision.edit_claim")
"""Edit a return-on-investment claim: its counterfactual and measurement design."""

RULE_PLACES: dict[str, Place] = {"measurement": SCORECARD, "small-groups": OBSERVATIONS}
"""Where a rule's findings are looked into, whichever record they point at: the scorecard
shows a met stop condition and the harm data missing; a metric's observations show which
figures are hidden."""

ALL: tuple[Place, ...] = (
    EVIDENCE,
    COMPLETE,
    REOPEN,
    USE_CASE,
    DELIVERY,
    ATTEST,
    ACCESS,
    GROUP_SIZE,
    SAFEGUARDS,
    CONSULTATION,
    GOVERNANCE,
    PILOT,
    CONDITION,
    AMEND,
    JURISDICTION,
    LEGAL_REVIEW,
    TRAINING,
    START,
    SCORECARD,
    OBSERVATIONS,
    OBSERVATION,
    IMPORT,
    METRIC,
    DECISION,
    SIGN_OFF,
    ROI_CLAIM,
)
"""Every place named, so a test can hold each key against the app's bindings."""


@dataclass(frozen=True)
class Unmet:
    """One thing a stage's gate needs and the plan does not hold now."""

    what: str
    """What is missing or broken, one sentence."""
    fix: str
    """What to do, one sentence."""
    place: Place
    """Where in the app it is fixed."""


def from_finding(finding: Finding, place: Place) -> Unmet:
    """A finding of a rule a gate reads, as an unmet item fixed at ``place``."""
    return Unmet(finding.message, finding.fix, place)


def place_of(finding: Finding, tables: dict[str, Place], default: Place) -> Place:
    """Where the table a finding points at is edited, or ``default``."""
    return tables.get(finding.entity.partition("/")[0], default)
