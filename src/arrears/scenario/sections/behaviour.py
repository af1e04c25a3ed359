"""The behaviour section: how borrowers respond to contact, pressure, tone and plans."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


@dataclass(frozen=True)
class BehaviourParams(Section):
    """How borrowers respond: willingness, tone, conversations, promises, lost contact, paying.

    Willingness for an account is ``base + trust_weight (trust - 0.5) + threat_weight threat -
    stress_weight max(0, stress - resistance_threshold)``. Defaults are documented modelling
    choices, to be calibrated.
    """

    section = "behaviour"

    trust_weight: float = param(
        2.0,
        unit="log-odds / unit trust",
        doc="willingness gained per unit of trust (with trust_from_friendliness and "
        "trust_loss_aggression, a friendly conversation rather than an aggressive one adds "
        "0.26 log-odds of paying; a pleasant-voiced bank agent raised repayment within six "
        "weeks from 71.6% to 84.5%, +0.77 log-odds over a collection relationship: "
        "Laudenbach, Pirschel & Siegel 2018, CESifo WP 7295) [V]",
        low=0,
        high=20,
    )
    threat_weight: float = param(
        1.0,
        unit="log-odds / unit threat",
        doc="willingness gained from credible consequences",
        low=0,
        high=20,
    )
    stress_weight: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="willingness lost per unit of stress above the resistance threshold",
        low=0,
        high=50,
    )
    resistance_threshold: float = param(
        0.6, unit="0-1", doc="stress above which pressure backfires (resistance)", low=0, high=1
    )
    stress_decay: float = param(
        0.02, unit="1/day", doc="daily decay of stress (half-life ~35 days)", low=0, high=1
    )
    stress_relief_friendly: float = param(
        0.05,
        unit="stress / conversation",
        doc="stress relieved by a fully friendly conversation",
        low=0,
        high=1,
    )
    trust_from_friendliness: float = param(
        0.05,
        unit="trust / conversation",
        doc="trust gained by a fully friendly conversation",
        low=0,
        high=1,
    )
    trust_loss_aggression: float = param(
        0.08,
        unit="trust / conversation",
        doc="trust lost by a fully aggressive conversation",
        low=0,
        high=1,
    )
    trust_loss_broken_promise: float = param(
        0.1,
        unit="trust",
        doc="trust lost in a creditor when the borrower breaks a promise",
        low=0,
        high=1,
    )
    self_cure_logit: float = param(
        -7.0,
        unit="log-odds",
        doc="shift of willingness for paying on an ordinary delinquent day without contact",
        low=-20,
        high=20,
    )
    pay_now_tone_logit: float = param(
        1.0,
        unit="log-odds",
        doc="tone channel 'pressure': short-run push to pay now from a fully aggressive tone "
        "(firm demands and threats of consequences raise compliance in the short run: a "
        "threatening letter deterred licence-fee evasion where moral appeals did not, Fellner, "
        "Sausgruber & Traxler 2013, JEEA 11(3)) [U for the size]",
        low=0,
        high=20,
    )
    promise_logit: float = param(
        0.0,
        unit="log-odds",
        doc="utility of promising to pay (vs refusing) in a conversation",
        low=-20,
        high=20,
    )
    plan_logit: float = param(
        0.0,
        unit="log-odds",
        doc="utility of accepting an offered plan (vs refusing)",
        low=-20,
        high=20,
    )
    plan_trust_weight: float = param(
        2.0,
        unit="log-odds / unit trust",
        doc="tone channel 'trust and engagement': utility of an offered plan gained per unit "
        "of trust in the creditor above 1/2 (a borrower who trusts the collector engages with "
        "a plan; the same weight as trust in willingness) [U]",
        low=0,
        high=20,
    )
    shortfall_weight: float = param(
        3.0,
        unit="log-odds",
        doc="how strongly a cash shortfall against the arrears (x shortfall share) turns the "
        "borrower from paying now toward an offered plan",
        low=0,
        high=20,
    )
    dispute_logit: float = param(
        -3.5,
        unit="log-odds",
        doc="utility of disputing the debt ('not my debt')",
        low=-20,
        high=20,
    )
    dispute_days: int = param(
        30, unit="days", doc="collection pause while a dispute is verified", low=0, high=365
    )
    promise_days: int = param(
        7, unit="days", doc="days until a promised payment falls due", low=1, high=60
    )
    promise_keep_logit: float = param(
        0.0, unit="log-odds", doc="intercept of keeping a promise", low=-20, high=20
    )
    promise_keep_willingness: float = param(
        0.5,
        unit="log-odds / log-odds",
        doc="effect of willingness on keeping a promise",
        low=0,
        high=10,
    )
    promise_keep_cash: float = param(
        2.0,
        unit="log-odds",
        doc="effect of covering the arrears with cash on keeping a promise",
        low=0,
        high=20,
    )
    lost_contact_logit: float = param(
        -8.0,
        unit="log-odds",
        doc="daily log-odds of losing contact (失联) for a delinquent "
        "borrower at zero stress and DPD",
        low=-30,
        high=10,
    )
    lost_contact_stress: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="rise of losing contact with stress",
        low=0,
        high=30,
    )
    lost_contact_per_30dpd: float = param(
        0.5,
        unit="log-odds / 30 DPD",
        doc="rise of losing contact with time delinquent",
        low=0,
        high=10,
    )
    contact_regain: float = param(
        0.01,
        unit="1/day",
        doc="daily chance a lost-contact borrower becomes reachable again",
        low=0,
        high=1,
    )
    threat_of_threats: float = param(
        0.5,
        unit="0-1",
        doc="credible threat a collector's threat in a conversation adds",
        low=0,
        high=1,
    )
    third_party_regain: float = param(
        0.3,
        unit="probability",
        doc="chance a third party reached about a lost-contact borrower restores contact "
        "(passes the message on, gives a new number) [U]",
        low=0,
        high=1,
    )
    tolerated_calls_per_7d: int = param(
        7,
        unit="call attempts / 7 days",
        doc="call attempts a borrower bears in 7 days, over all her debts, before each further "
        "one harms her (Regulation F presumes more than 7 in 7 days per debt harassing: the "
        "CFPB's reading of when frequency harms) [U]",
        low=0,
        high=105,
    )
    harm_excess_call: float = param(
        0.1,
        unit="harm / call attempt",
        doc="harm of each call attempt beyond the tolerated number in 7 days (63% of "
        "consumers contacted about a debt said they were contacted too often, CFPB survey "
        "2017) [U]",
        low=0,
        high=10,
    )
    harm_intrusive_contact: float = param(
        0.3,
        unit="harm / attempt",
        doc="harm of a call or visit in an hour the borrower sleeps in (half of it in hours "
        "an office worker works; see arrears.scenario.reachability; 36% of consumers contacted "
        "about a debt were called before 08:00 or after 21:00, CFPB survey 2017) [U]",
        low=0,
        high=10,
    )
    harm_aggressive_conversation: float = param(
        1.5,
        unit="harm / conversation",
        doc="harm of a fully aggressive conversation (in proportion to the tone) [U]",
        low=0,
        high=10,
    )
    harm_threat: float = param(
        1.0,
        unit="harm / threat",
        doc="harm of a threat in a conversation (27% of consumers contacted about a debt "
        "felt threatened, CFPB survey 2017) [U]",
        low=0,
        high=10,
    )
    harm_third_party_contact: float = param(
        0.2,
        unit="harm / contact",
        doc="harm when collectors reach the borrower's family, employer or contacts without "
        "disclosing the debt [U]",
        low=0,
        high=10,
    )
    harm_disclosure: float = param(
        1.5,
        unit="harm / contact",
        doc="further harm when a third-party contact discloses the debt (shame) [U]",
        low=0,
        high=10,
    )
    harm_visit: float = param(
        0.5,
        unit="harm / visit",
        doc="harm of a home visit (collectors at the door) [U]",
        low=0,
        high=10,
    )
    harm_stress: float = param(
        0.1,
        unit="stress / harm",
        doc="stress added per unit of harm (a fully aggressive conversation adds 0.15) [U]",
        low=0,
        high=1,
    )
    harm_decay: float = param(
        0.05,
        unit="1/day",
        doc="daily decay of a borrower's memory of harm (half-life ~14 days)",
        low=0,
        high=1,
    )
    violation_decay: float = param(
        0.02,
        unit="1/day",
        doc="daily decay of a borrower's memory of the rule breaches she saw",
        low=0,
        high=1,
    )
    complaint_logit: float = param(
        -15.0,
        unit="log-odds",
        doc="log-odds of complaining on a contact day, all else zero; with the weights below, "
        "set so that regulator complaints under us_reg_f come to about 3 a year per 1,000 "
        "accounts in arrears (the CFPB received 207,800 debt-collection complaints in 2024; "
        "about 64 million US consumers had a debt in collections in 2021, Urban Institute) [S]",
        low=-30,
        high=10,
    )
    complaint_stress: float = param(
        3.0, unit="log-odds / unit stress", doc="rise of complaining with stress", low=0, high=30
    )
    complaint_harm: float = param(
        1.0,
        unit="log-odds / ln(1 + harm)",
        doc="rise of complaining with remembered harm, per unit of ln(1 + harm): the odds "
        "grow as (1 + harm) to this power, the same in every regime [U]",
        low=0,
        high=30,
    )
    complaint_rights: float = param(
        3.0,
        unit="log-odds / unit awareness",
        doc="rise of complaining with rights awareness",
        low=0,
        high=30,
    )
    complaint_breach_awareness: float = param(
        0.5,
        unit="log-odds / (ln(1 + violations) x unit awareness)",
        doc="rise of complaining with the rule breaches she remembers, per unit of ln(1 + "
        "breaches), times her awareness of her rights (she complains of a breach she knows "
        "is one) [U]",
        low=0,
        high=30,
    )
    breathing_space_logit: float = param(
        -8.0,
        unit="log-odds",
        doc="daily log-odds that a borrower in arrears requests a "
        "statutory moratorium, all else zero",
        low=-30,
        high=10,
    )
    breathing_space_stress: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="rise of moratorium requests with stress",
        low=0,
        high=30,
    )
    breathing_space_rights: float = param(
        3.0,
        unit="log-odds / unit awareness",
        doc="rise of moratorium requests with rights awareness",
        low=0,
        high=30,
    )
    pressure_decay: float = param(
        0.05, unit="1/day", doc="daily decay of a creditor's collection pressure", low=0, high=1
    )
    threat_decay: float = param(
        0.03, unit="1/day", doc="daily decay of a creditor's credible threat", low=0, high=1
    )
    pressure_tone: float = param(
        1.0,
        unit="x",
        doc="extra pressure per attempt from a fully aggressive tone",
        low=0,
        high=10,
    )
    pressure_weight: float = param(
        1.0,
        unit="1 / unit pressure",
        doc="'squeaky wheel': weight of pressure when a short budget is split across creditors",
        low=0,
        high=100,
    )
    trust_allocation_weight: float = param(
        1.0,
        unit="1 / unit trust",
        doc="weight of trust when a short budget is split",
        low=0,
        high=100,
    )
