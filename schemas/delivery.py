"""The Step 4 delivery recommendation: consequence, complexity, escalation need."""

from __future__ import annotations

from schemas.enums import DeliveryModel, Level

_FACTOR_NAMES = ("consequence", "complexity", "escalation need")


def recommend_delivery(consequence: Level, complexity: Level, escalation: Level) -> tuple[DeliveryModel, str]:
    """The recommended delivery model and the reason for it, in words."""
    # Level() also accepts the stored strings ("high"), so callers may pass either.
    levels = (Level(consequence), Level(complexity), Level(escalation))
    factors = dict(zip(_FACTOR_NAMES, levels, strict=True))
    high = [name for name, level in factors.items() if level is Level.HIGH]
    if high:
        return DeliveryModel.HUMAN_LED, f"Human-led, because {_join(high)} {_verb(high)} high."
    if all(level is Level.LOW for level in factors.values()):
        return (
            DeliveryModel.AI_ONLY,
            "AI-only may serve, because consequence, complexity and escalation need are all low.",
        )
    medium = [name for name, level in factors.items() if level is Level.MEDIUM]
    return (
        DeliveryModel.HYBRID,
        f"Hybrid, because {_join(medium)} {_verb(medium)} medium and nothing is high.",
    )


def _join(names: list[str]) -> str:
    """Join names as a sentence would: 'a', 'a and b', 'a, b and c'."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _verb(names: list[str]) -> str:
    """'is' for one name, 'are' for several."""
    return "is" if len(names) == 1 else "are"
