"""Calibration and validation: is this a market a researcher recognises?

Here live the public figures each named market is checked against, with their sources and
tolerances, and the mechanisms' expected directions (:mod:`.targets`), the check itself
(:mod:`.validate`) with its yearly steadiness test (:mod:`.steadiness`), its report and figures
(:mod:`.report`, :mod:`.figures`), the search that fits a market's free parameters
(:mod:`.fitting`) and the ``arrears validate`` command (:mod:`.cli`). It runs its scenarios
through :mod:`arrears.sweeps`; nothing in the simulation or the sweeps imports it.
"""
