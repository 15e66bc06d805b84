"""Tab 5: the nine governance topics of Step 3, each written, owned and reviewed."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from schemas.edits import entity, table_of
from schemas.plan import Plan
from schemas.records import GovernanceTopic
from schemas.rules.base import Finding, join_words
from schemas.rules.governance import missing_keys, topic_gaps
from tui import glyphs
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.views.governance import changes, forms
from tui.widgets.keybar import FORWARD
from tui.widgets.lists import PlanList
from tui.widgets.marks import by_entity, finding_lines, mark
from tui.widgets.signedscroll import SignedScroll
from tui.widgets.textpanel import TextPanel

GAP_PLURALS = {"a statement": "statements", "an owner": "owners", "a review": "reviews"}
"""How the completeness line counts each kind of gap."""


def completeness(plan: Plan) -> str:
    """'Stage 3: 6 of 9 topics complete.' and what the others lack."""
    total = len(plan.governance) + len(missing_keys(plan))
    gaps = {topic.id: topic_gaps(plan, topic) for topic in plan.governance}
    done = sum(1 for lacking in gaps.values() if not lacking)
    line = f"Stage 3: {done} of {total} topics complete."
    counts = {gap: sum(gap in lacking for lacking in gaps.values()) for gap in GAP_PLURALS}
    parts = [f"{n} {GAP_PLURALS[gap] if n != 1 else gap.split(' ', 1)[1]}" for gap, n in counts.items() if n]
    parts += [f"the topic {key.value.replace('_', ' ')}" for key in missing_keys(plan)]
    if parts:
        line += f" Missing: {join_words(parts)}."
    return line


INCOMPLETE = "-"
"""The mark of a topic that lacks something no rule asks for yet (stage 3 not started)."""


def marker(plan: Plan, topic: GovernanceTopic, findings: list[Finding]) -> str:
    """The symbol of the topic's most serious finding; else ✓ complete, or - incomplete."""
    if findings:
        return mark(findings)
    return INCOMPLETE if topic_gaps(plan, topic) else str(glyphs.OK)


class GovernanceView(PlanView, tab="governance"):
    """The topic list on the left, the selected topic in full on the right."""

    HELP = (
        "The nine governance topics of Step 3: data collection, retention, model use, access, "
        "deletion, export, subprocessors, security and incident response. Each needs a statement of "
        "what the organization commits to, an owner (a role of the RACI, tab 6) and a review (who "
        "and when) before stage 3 can be completed (rule governance-complete); a next review date "
        "that has passed is a warning (rule dates). Marks: ✓ complete, - incomplete; a topic with a "
        "finding shows its severity as everywhere else (✗ blocking, ! warning, i info). Enter edits "
        "the selected topic."
    )
    BINDINGS = [
        Binding("enter", "edit", "Edit topic", id="governance.edit", priority=True, group=FORWARD),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        """The completeness line, the topic list and the detail pane."""
        yield Static("", id="gov-complete", markup=False)
        with Horizontal():
            yield PlanList(id="gov-list")
            with SignedScroll(id="gov-detail-scroll"):
                yield TextPanel(id="gov-detail")

    @property
    def listing(self) -> PlanList:
        """The topic list."""
        return self.query_one("#gov-list", PlanList)

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the completeness line, the list (keeping the selection) and the detail."""
        table = table_of(GovernanceTopic)
        self.findings = [f for f in findings if f.entity.partition("/")[0] == table]
        found = by_entity(self.findings, table)
        at = self.listing.highlighted or 0
        self.listing.set_options(
            Option(f"{marker(plan, t, found.get(t.id, []))} {t.title}", id=t.id) for t in plan.governance
        )
        if plan.governance:
            self.listing.highlighted = min(at, len(plan.governance) - 1)
        self.query_one("#gov-complete", Static).update(completeness(plan))
        self._show_detail()

    @property
    def topic(self) -> GovernanceTopic | None:
        """The selected topic."""
        index = self.listing.highlighted
        topics = self.plan.governance
        return topics[index] if index is not None and 0 <= index < len(topics) else None

    def on_mount(self) -> None:
        """The detail follows the list's highlight in the same frame."""
        self.listing.on_move = self._highlighted

    def _highlighted(self) -> None:
        self._show_detail()
        self.query_one("#gov-detail-scroll", SignedScroll).scroll_home(animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#gov-list")
    def _selected(self) -> None:
        self.action_edit()

    def _show_detail(self) -> None:
        topic = self.topic
        text = detail(self.plan, topic, self.findings) if topic else "There are no governance topics."
        self.query_one("#gov-detail", TextPanel).show_text(text, titled=True)

    def focus_entity(self, entity: str) -> None:
        """Select the topic a finding points at."""
        _table, _, topic_id = entity.partition("/")
        if topic_id:
            self.listing.select_id(topic_id)
        self.listing.focus()

    def action_edit(self) -> None:
        """Edit the selected topic in a form."""
        if (topic := self.topic) is not None:
            form = forms.topic_form(self.plan, topic, self.session.today)
            self.edit_in_form(form, partial(changes.edit, topic))


def detail(plan: Plan, topic: GovernanceTopic, findings: list[Finding]) -> str:
    """The topic in full: statement, owner, review, next review, and what is missing."""
    roles = {role.id: role.name for role in plan.raci_roles}
    gaps = topic_gaps(plan, topic)
    owner = roles.get(topic.owner_role or "", "") or "nobody yet"
    review = (
        f"{topic.reviewed_by or 'someone unnamed'} on {topic.reviewed_at or 'an unrecorded date'}"
        if topic.reviewed_by or topic.reviewed_at
        else "not yet"
    )
    mine = [f for f in findings if f.entity == entity(topic)]
    lines = [
        f"{marker(plan, topic, mine)} {topic.title}: {'complete' if not gaps else 'incomplete'}",
        "",
        "Statement:",
        topic.statement or "(not written yet)",
        "",
        f"Owner: {owner}",
        f"Reviewed by: {review}",
        f"Next review: {topic.next_review or 'not set'}",
    ]
    if gaps:
        lines += ["", f"Missing: {join_words(gaps)}."]
    lines += finding_lines([f for f in mine if f.rule == "dates"])
    lines += ["", "Enter edits this topic."]
    return "\n".join(lines)
