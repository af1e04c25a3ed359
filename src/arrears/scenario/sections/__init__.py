"""The scenario's sections, one module each: a frozen dataclass of validated fields per part.

Each section declares its fields once, with unit, range, default, meaning and source
(:func:`arrears.scenario.fields.param`); the simulation reads them from here, and
:mod:`arrears.market.kernels.inputs` derives the kernels' run constants from them. Sections import
only :mod:`arrears.scenario.fields`, :mod:`arrears.scenario.reachability` and one another's
named lists (tiers, channels).
"""
