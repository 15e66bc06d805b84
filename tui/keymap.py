"""The user's key remapping: binding id -> keys, read from a small JSON file (no Textual)."""

from __future__ import annotations

import json
import re
from pathlib import Path

_BINDING_ID = re.compile(r"^[a-z0-9_-]+\.[a-z0-9_.-]+$")
_KEYS = re.compile(r"^[A-Za-z0-9_+]+(,[A-Za-z0-9_+]+)*$")
RESERVED = ("ctrl+enter", "shift+enter", "ctrl+b", "ctrl+a")
"""Keys a remap may not take: unreliable in terminals, or tmux's prefix keys."""


class KeymapError(Exception):
    """The keymap file cannot be used; the message names the file and the entry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_keymap(path: Path) -> dict[str, str]:
    """The remapping in ``path`` (``{"stages.evidence": "x"}``); empty if there is no file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KeymapError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise KeymapError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise KeymapError(f'{path}: must be an object such as {{"stages.evidence": "x"}}')
    for binding_id, keys in data.items():
        _check(path, binding_id, keys)
    return dict(data)


def _check(path: Path, binding_id: str, keys: object) -> None:
    if not _BINDING_ID.match(binding_id):
        raise KeymapError(f"{path}: '{binding_id}' is not a binding id (see ? help, e.g. stages.evidence)")
    if not isinstance(keys, str) or not _KEYS.match(keys):
        raise KeymapError(f'{path}: {binding_id}: keys must be text such as "x" or "ctrl+e,x"')
    taken = [key for key in keys.split(",") if key in RESERVED]
    if taken:
        raise KeymapError(f"{path}: {binding_id}: {taken[0]} is not available (terminals or tmux use it)")


Scope = list[tuple[str, str, str]]
"""The bindings active together (one view with the screen's and the app's keys):
(binding id, default keys, description)."""


def check_scopes(path: Path, keymap: dict[str, str], scopes: list[Scope]) -> None:
    """Refuse an id that no binding has, and a remapped key that another binding already answers to."""
    known = {binding_id for scope in scopes for binding_id, _, _ in scope}
    for binding_id in keymap:
        if binding_id not in known:
            raise KeymapError(f"{path}: '{binding_id}' is not a binding id of this app (? help shows them)")
    for scope in scopes:
        owner: dict[str, tuple[str, str]] = {}
        for binding_id, default, description in scope:
            for key in (k.strip() for k in keymap.get(binding_id, default).split(",")):
                other, other_description = owner.setdefault(key, (binding_id, description))
                if other != binding_id and (binding_id in keymap or other in keymap):
                    moved, holder, what = (
                        (binding_id, other, other_description)
                        if binding_id in keymap
                        else (other, binding_id, description)
                    )
                    raise KeymapError(
                        f"{path}: {moved}: '{key}' is already the key of {holder} ({what}); "
                        "choose another key, or remap that one too"
                    )
