"""The placement section: when lenders place accounts with agencies or sell them."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


@dataclass(frozen=True)
class PlacementParams(Section):
    """Lenders' use of agencies: what they place, how they score agencies, what they sell.

    Each lender keeps accounts in-house until ``placement_dpd`` and then places them, at a
    month's end, with its agencies in proportion to their placement shares (champion /
    challenger). It scores each agency monthly on net recovery per unit of placed balance, less
    penalties for complaints and regulator sanctions, and moves shares toward the champion.
    Charged-off balances may be sold each month to debt buyers outside the market (a
    forward-flow sale) at a price per unit of face value.
    """

    section = "placement"

    placement_dpd: int = param(
        60,
        unit="days past due",
        doc="DPD from which accounts are placed with agencies (agencies are typically used from "
        "60-90 DPD, before charge-off [V])",
        low=1,
        high=720,
    )
    retain_share: float = param(
        0.1,
        unit="share of accounts",
        doc="share of accounts a lender never places, working them in-house to the end "
        "(about 10% of charged-off card balances are kept in-house, US 2014 [V])",
        low=0,
        high=1,
    )
    challenger_share: float = param(
        0.3,
        unit="share of placements",
        doc="share of placements split evenly among all agencies (the challengers) so each "
        "can be scored; the rest goes to the champion",
        low=0,
        high=1,
    )
    share_step: float = param(
        0.3,
        unit="share / month",
        doc="how far placement shares move each month toward the champion/challenger target",
        low=0,
        high=1,
    )
    score_smoothing: float = param(
        0.3,
        unit="weight / month",
        doc="weight of the latest month in a lender's scorecard of an agency",
        low=0.01,
        high=1,
    )
    complaint_penalty: float = param(
        0.02,
        unit="score / (complaint per 100 accounts)",
        doc="score deducted per monthly complaint per 100 accounts placed (score is net "
        "recovery per unit of placed balance a month) (documented default)",
        low=0,
    )
    sanction_penalty: float = param(
        0.05,
        unit="score / sanction",
        doc="score deducted per regulator sanction of the agency (smoothed like the rest) "
        "(documented default)",
        low=0,
    )
    debt_sale_share: float = param(
        0.0,
        unit="share of charged-off balance",
        doc="share of each month's charged-off balances sold to debt buyers; 0 = no sales",
        low=0,
        high=1,
    )
    debt_sale_price: float = param(
        0.04,
        unit="currency units / unit of face value",
        doc="price of charged-off debt (about 4 cents per dollar of face value, FTC 2013 [V])",
        low=0,
        high=1,
    )
