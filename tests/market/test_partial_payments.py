"""How payments short of the arrears move an account's age: the two FFIEC methods."""

import numpy as np

from arrears.market.kernels.inputs import run_constants
from arrears.market.kernels.payment import settle_payment
from arrears.market.model import CollectionMarket
from arrears.market.tables import BorrowerEvent, LenderEvent, empty_accounts, empty_borrowers
from tests.conftest import small_scenario

INSTALMENT = 100_00
"""The account's instalment in the tests, cents."""


def account_paid(payments, full_payment_share):
    """DPD and arrears of an account 95 days past due on four instalments after ``payments``."""
    run = run_constants(small_scenario(**{"lenders.full_payment_share": full_payment_share}))
    borrowers, accounts = empty_borrowers(1), empty_accounts(1)
    borrowers.buffer[0] = sum(payments)
    accounts.instalment[0] = INSTALMENT
    accounts.arrears[0] = accounts.balance[0] = 4 * INSTALMENT
    accounts.dpd[0] = 95
    events = np.zeros(len(LenderEvent), np.int64)
    borrower_events = np.zeros(len(BorrowerEvent), np.int64)
    for amount in payments:
        settle_payment(0, 0, amount, run, borrowers, accounts, events, borrower_events)
    return int(accounts.dpd[0]), int(accounts.arrears[0])


def test_aggregated_payments_clear_whole_instalments():
    """Aggregated, payments age the account back 30 days for each whole instalment cleared."""
    assert account_paid([95_00], 0.0) == (95, 305_00)
    assert account_paid([60_00, 60_00], 0.0) == (65, 280_00)
    assert account_paid([250_00], 0.0) == (35, 150_00)


def test_each_payment_counts_on_its_own_from_ninety_percent():
    """Payment by payment, 90% of an instalment counts as one and less counts for nothing."""
    assert account_paid([95_00], 0.9) == (65, 305_00)
    assert account_paid([60_00, 60_00], 0.9) == (95, 280_00)
    assert account_paid([185_00], 0.9) == (65, 215_00)
    assert account_paid([190_00], 0.9) == (35, 210_00)


def test_paying_the_arrears_brings_the_account_current_by_either_method():
    """Whatever the method, clearing the arrears makes the account current."""
    assert account_paid([60_00, 340_00], 0.9) == (0, 0)
    assert account_paid([400_00], 0.0) == (0, 0)


def test_crediting_payment_by_payment_writes_off_more():
    """Small payments that do not count hold fewer balances back from charge-off."""
    written_off = {}
    for share in (0.0, 0.9):
        scenario = small_scenario(
            **{
                "population.n_accounts": 3000,
                "run.days": 360,
                "run.warmup_days": 180,
                "lenders.full_payment_share": share,
            }
        )
        model = CollectionMarket(scenario)
        model.run()
        written_off[share] = model.summary()["written_off"]
    assert written_off[0.9] > 1.05 * written_off[0.0]
