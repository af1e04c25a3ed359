"""Tests of the Borrower agent: a view of its rows that reads them as the kernels do."""

import numpy as np

from arrears.market.model import CollectionMarket
from arrears.market.tables import ACTIVE, CHARGED_OFF, REPAID
from tests.conftest import small_scenario


def test_max_dpd_is_over_open_accounts_only():
    """A closed account's DPD does not count, as in the kernels' ``borrower_max_dpd``."""
    model = CollectionMarket(small_scenario())
    row = int(np.flatnonzero(model.borrowers.n_accounts >= 2)[0])
    borrower = model.borrower(row)
    closed, still_open = borrower.accounts[0], borrower.accounts[1]
    accounts = model.accounts
    accounts.status[closed], accounts.dpd[closed] = CHARGED_OFF, 150
    accounts.status[still_open], accounts.dpd[still_open] = ACTIVE, 12
    assert borrower.max_dpd == 12
    accounts.status[still_open] = REPAID
    assert borrower.max_dpd == 0
