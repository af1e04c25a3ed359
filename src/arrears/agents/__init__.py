"""The market's Mesa agents: borrowers, lenders, collectors and the regulator."""

from arrears.agents.borrower import Borrower
from arrears.agents.collector import Collector
from arrears.agents.lender import Lender
from arrears.agents.regulator import Regulator

__all__ = ["Borrower", "Collector", "Lender", "Regulator"]
