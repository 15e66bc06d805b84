"""A process that forks writers on request and kills them with SIGKILL after a given delay.

The suite kills hundreds of writers; starting Python and importing the app for each would
take most of its time. This server imports everything once, then for each request forks a
child that runs the real command line (``tui.cli.main.main`` with the request's argv) or the
store's edit loop, and kills it when the delay is up. The server is the child's parent, so the
pid it kills can never be another process's. One JSON request per line on stdin, one JSON
answer per line on stdout.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import schemas.defaults  # noqa: E402, F401 - warmed up: init imports it lazily
import schemas.example  # noqa: E402, F401
import tui.cli.import_observations  # noqa: E402, F401
import tui.cli.init  # noqa: E402, F401
import tui.cli.verify  # noqa: E402, F401
from schemas.history import Set  # noqa: E402
from store import PlanStore  # noqa: E402
from tui.cli.main import main  # noqa: E402


def serve() -> None:
    """Answer requests until stdin closes."""
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.write(json.dumps(handle(request)) + "\n")
        sys.stdout.flush()


def handle(request: dict[str, object]) -> dict[str, object]:
    """Fork one writer, kill it after ``delay`` seconds (None: let it finish), report how it ended."""
    reading, writing = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(reading)
        _child(request, writing)
    os.close(writing)
    delay = request.get("delay")
    if delay is not None:
        time.sleep(float(delay))  # type: ignore[arg-type]
        os.kill(pid, signal.SIGKILL)  # a child that ended already is a zombie until waited: harmless
    _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - started
    with os.fdopen(reading, "rb") as pipe:
        acks = [int(value) for value in pipe.read().split()]
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    return {"killed": killed, "code": code, "acks": acks, "seconds": seconds}


def _child(request: dict[str, object], acks: int) -> None:
    code = 99
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        if request["mode"] == "cli":
            code = main([str(arg) for arg in request["argv"]])  # type: ignore[attr-defined]
        else:
            code = _edit_loop(Path(str(request["path"])), acks)
    finally:
        os._exit(code)


def _edit_loop(path: Path, acks: int) -> int:
    """Raise the pilot cap by one per save, telling the server each value once it is saved."""
    store = PlanStore.open(path)
    if store.read_only:
        return 3
    value = store.plan.policy.pilot_cap
    while True:
        value += 1
        store.apply("policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=value)], "Cap")
        if store.save_error is not None:
            return 4
        os.write(acks, f"{value}\n".encode())


if __name__ == "__main__":
    serve()
