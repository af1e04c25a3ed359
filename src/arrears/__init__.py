"""arrears: agent-based simulation of debt-collection markets under regulation."""

__version__ = "0.1.0"
