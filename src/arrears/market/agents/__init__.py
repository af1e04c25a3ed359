"""The market's Mesa agents: borrowers, lenders, collectors, agencies and the regulator."""

from arrears.market.agents.agency import Agency
from arrears.market.agents.borrower import Borrower
from arrears.market.agents.collector import Collector
from arrears.market.agents.lender import Lender
from arrears.market.agents.regulator import Regulator

__all__ = ["Agency", "Borrower", "Collector", "Lender", "Regulator"]
