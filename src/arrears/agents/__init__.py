"""The market's Mesa agents: borrowers, lenders, collectors, agencies and the regulator."""

from arrears.agents.agency import Agency
from arrears.agents.borrower import Borrower
from arrears.agents.collector import Collector
from arrears.agents.lender import Lender
from arrears.agents.regulator import Regulator

__all__ = ["Agency", "Borrower", "Collector", "Lender", "Regulator"]
