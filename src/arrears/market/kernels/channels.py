"""Channel codes, as the kernels use them (in the order of the scenario's ``CHANNELS``)."""

from __future__ import annotations

from numba import njit

from arrears.scenario.sections.channels import CHANNELS

CALL = CHANNELS.index("call")
SMS = CHANNELS.index("sms")
EMAIL = CHANNELS.index("email")
AI_BOT = CHANNELS.index("ai_bot")
VISIT = CHANNELS.index("visit")
THIRD_PARTY = CHANNELS.index("third_party")
LEGAL_LETTER = CHANNELS.index("legal_letter")


@njit(cache=True, inline="always")
def is_call(channel: int) -> bool:
    """Whether a channel is a telephone call (by a collector or an AI voice bot)."""
    return channel == CALL or channel == AI_BOT
