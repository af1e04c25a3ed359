"""The market's Mesa agents: borrowers, lenders, collectors, agencies and the regulator.

``BorrowerSet`` is all the borrowers as one Mesa AgentSet, read from the tables.
"""

from arrears.market.agents.agency import Agency
from arrears.market.agents.borrower import Borrower
from arrears.market.agents.borrower_set import BorrowerSet
from arrears.market.agents.collector import Collector
from arrears.market.agents.lender import Lender
from arrears.market.agents.regulator import Regulator

__all__ = ["Agency", "Borrower", "BorrowerSet", "Collector", "Lender", "Regulator"]
