"""The channels section: the contact channels and each one's cost, time and reach."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from arrears.scenario.fields import Section, param

CHANNELS = ("call", "sms", "email", "ai_bot", "visit", "third_party", "legal_letter")
"""Contact channels, in the order of every per-channel parameter. ``third_party`` is a call to a
borrower's family, employer or reference contacts about the borrower."""


@dataclass(frozen=True)
class ChannelParams(Section):
    """Contact channels, each list in the order of :data:`CHANNELS`.

    Calls, AI voice-bot calls and home visits can become conversations; SMS, e-mail/app messages,
    third-party contacts (a message passed on by family, employer or contacts) and legal letters
    cannot: they nudge the day's decision to pay (and a letter, or a third-party contact that
    discloses the debt, adds threat).
    """

    section = "channels"

    cost: tuple[float, ...] = param(
        (0.5, 0.05, 0.01, 0.1, 50.0, 0.5, 5.0),
        unit="currency units / attempt",
        doc="direct cost of one attempt (telephony, message, travel, postage)",
        low=0,
    )
    staff_minutes: tuple[float, ...] = param(
        (5.0, 0.0, 0.0, 0.0, 90.0, 10.0, 10.0),
        unit="staff-minutes / attempt",
        doc="collector time per attempt (5 min a call = 12 attempts per staff-hour; a visit's "
        "minutes are spent by each collector the regime requires on it)",
        low=0,
    )
    reach: tuple[float, ...] = param(
        (0.9, 0.9, 0.5, 0.9, 0.5, 0.6, 1.0),
        unit="probability",
        doc="chance an attempt reaches the right party when the borrower would answer (calls: "
        "most agencies need 2-4 attempts per right-party contact [S]; messages: read; third "
        "parties: one of "
        "them answers; letters: delivered)",
        low=0,
        high=1,
    )
    pay_logit: tuple[float, ...] = param(
        (0.0, 0.3, 0.1, -0.5, 0.5, 0.2, 0.0),
        unit="log-odds",
        doc="effect on paying: added to paying-now in a conversation, or to the day's "
        "self-cure for a message (an SMS reminder raised on-time repayment by 7-9%, Cadena & "
        "Schoar [S])",
        low=-10,
        high=10,
    )
    threat: tuple[float, ...] = param(
        (0.0, 0.0, 0.0, 0.0, 0.3, 0.3, 1.0),
        unit="0-1",
        doc="credible-consequence signal an attempt adds to the account (legal letter = 1; a "
        "third-party contact only when it discloses the debt)",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """Every list has one value per channel."""
        for field_ in dataclasses.fields(self):
            value = getattr(self, field_.name)
            if len(value) != len(CHANNELS):
                self.fail(
                    field_.name, value, f"must list {len(CHANNELS)} values ({', '.join(CHANNELS)})"
                )
