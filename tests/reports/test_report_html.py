"""The HTML report: one self-contained printable file, no script, every typed text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from planbuild import add, edit, example
from reportkit import SMALL_TOTAL, export, plan_file, with_small_groups

from schemas.enums import UseCaseStatus
from schemas.plan import Plan

SCRIPT = '<script>alert("x")</script>'
_FETCHING = {"src", "href", "srcset", "action", "formaction", "data", "poster", "xlink:href", "background"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of style elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _html(capsys: pytest.CaptureFixture[str], plan: Plan, folder: Path, fmt: str = "html") -> str:
    path = plan_file(plan, folder)
    out = folder / "report.html"
    code, err = export(capsys, path, "--format", fmt, "--out", out)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def _parsed(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("fmt", ["html", "notice"])
def test_nothing_is_loaded_from_anywhere_and_nothing_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    elements = _parsed(_html(capsys, with_small_groups(), tmp_path, fmt))
    names = {tag for tag, _attrs in elements.tags}
    assert "script" not in names and not names & {"link", "img", "iframe", "object", "embed", "image", "use"}
    for tag, attrs in elements.tags:
        assert not any(name.startswith("on") for name in attrs), tag
        for name in _FETCHING & set(attrs):
            assert (attrs[name] or "").startswith("#"), f"<{tag} {name}={attrs[name]!r}>"
    style = "".join(elements.styles)
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    csp = [a for t, a in elements.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_a_script_typed_into_a_use_case_comes_out_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = add(
        example(),
        "use_cases",
        id="uc-20",
        name=SCRIPT,
        status=UseCaseStatus.PROHIBITED,
        control=SCRIPT,
        route_to='"><img src=x onerror=alert(1)>',
    )
    plan = edit(plan, "use_cases", "uc-9", control=SCRIPT)  # the pilot's workflow: in the notice too
    for fmt in ("html", "notice"):
        (tmp_path / fmt).mkdir()
        text = _html(capsys, plan, tmp_path / fmt, fmt)
        assert "<script" not in text.lower() and "<img" not in text.lower()
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
        assert not any(tag == "img" for tag, _a in _parsed(text).tags)


def test_prints_on_a4_and_letter_with_whole_rows_and_a_page_per_section(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    style = "".join(_parsed(_html(capsys, example(), tmp_path)).styles)
    assert "@media print" in style and "@page" in style
    assert not re.search(r"(?<![-\w])size\s*:", style)  # no paper size forced: A4 and Letter both fit
    assert "break-before: page" in style  # each top-level section starts a page
    assert "tr," in style and "break-inside: avoid" in style  # rows never cut across pages
    assert "thead { display: table-header-group; }" in style  # headers repeat on each page


def test_trends_are_inline_svg_with_suppressed_periods_as_labelled_gaps(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = _html(capsys, with_small_groups(), tmp_path)
    figure = text[
        text.index('aria-label="Peer feedback given') : text.index(
            "</figure>", text.index('aria-label="Peer feedback given')
        )
    ]
    assert "4 values shown, 1 suppressed" in figure
    assert figure.count('<polyline class="series"') == 2  # the line breaks at the gap
    assert 'class="gap"' in figure and ">suppressed</text>" in figure
    assert "suppressed (fewer than 5 people)" in figure
    assert str(SMALL_TOTAL[0]) not in text
    assert "<svg" in text and "xmlns" not in text  # inline SVG needs no namespace file
