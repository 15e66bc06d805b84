"""No network: a whole app session and every command run with sockets refused, and none is tried.

Local socket pairs (``AF_UNIX``: the event loop wakes itself with one) stay allowed; an
Internet socket, a connection or a name lookup is refused and noted.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from relkit import figure, make_plan, run

from store import PlanStore
from tui.app import CoachApp
from tui.cli.main import COMMANDS

LOCAL = {getattr(socket, "AF_UNIX", None)}


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse every network socket, connection and name lookup; the list of what was tried."""
    tried: list[str] = []
    real = socket.socket

    class Refused(real):  # type: ignore[misc, valid-type]
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            if family not in LOCAL and kwargs.get("fileno") is None and not (args[2:3] and args[2]):
                tried.append(f"socket({family})")
                raise OSError("network refused by the test")
            super().__init__(family, *args, **kwargs)

        def connect(self, address: Any) -> None:
            if self.family not in LOCAL:
                tried.append(f"connect({address})")
                raise OSError("network refused by the test")
            super().connect(address)

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            tried.append(f"{name}{args[:2]}")
            raise OSError("network refused by the test")

        return refused

    monkeypatch.setattr(socket, "socket", Refused)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield tried


def test_the_guard_notices_a_network_attempt(attempts: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert attempts == ["create_connection(('example.org', 443),)", f"socket({socket.AF_INET})"]


def test_every_command_runs_without_the_network(
    attempts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.json"
    export = tmp_path / "export.json"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # for git-setup
    monkeypatch.chdir(tmp_path)
    runs = [
        (["init", plan, "--example"], 0),
        (["check", plan], 0),  # the worked example has no blocking finding
        (["check", plan, "--format", "json"], 0),
        (["history", plan], 0),
        (["verify", plan], 0),
        (["export", plan, "--format", "json"], 0),
        (["export", plan, "--format", "json", "--out", export], 0),
        (["init", tmp_path / "copy.json", "--from", export], 0),
        (["example-observations", tmp_path], 0),
        (["import-observations", plan, tmp_path / "example-week-5.csv"], 0),
        (["merge", tmp_path / "copy.json", plan, tmp_path / "copy.json"], 0),
        (["git-setup", plan], 0),
        (["schema"], 0),
        (["paths"], 0),
    ]
    for argv, code in runs:
        done = run(*argv)
        assert done.code == code, (argv, done.err)
    ran = {str(argv[0]) for argv, _ in runs}
    app_commands = {"review"}  # opens the app, whose whole session runs without the network below
    assert ran | app_commands == set(COMMANDS), "every command, and a new one joins this list"
    assert attempts == []
    figure("no network: commands run with sockets refused", len(runs))


async def test_a_whole_app_session_runs_without_the_network(attempts: list[str], tmp_path: Path) -> None:
    store = PlanStore.open(make_plan(tmp_path / "plan.json"))
    app = CoachApp(store, today=date(2025, 3, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        for tab in "123456789":
            await pilot.press(tab)
            await pilot.pause()
        await pilot.press("2", "s")  # start stage 1: an edit, saved durably
        await pilot.press("ctrl+z")  # undone: another save
        await pilot.press("question_mark", "escape", "ctrl+p", "escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    store.close()
    saved = PlanStore.open(tmp_path / "plan.json", read_only=True).history()
    assert [entry.action for entry in saved][-1] == "undo", "the session saved its edits"
    assert attempts == []
