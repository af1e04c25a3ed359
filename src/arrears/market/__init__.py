"""The market: the simulation itself.

Here live :class:`~.model.CollectionMarket` (the day in named phases), its Mesa agents
(:mod:`.agents`), the per-account numba kernels both engines run (:mod:`.kernels`) and which
version of a kernel each engine runs (:mod:`.engines`), the account and borrower tables
(:mod:`.tables`), the agencies' monthly round (:mod:`.agency_market`), the counter-based random
numbers (:mod:`.rng`) and bit-reproducible math (:mod:`.mathx`), and the daily series and run
summary (:mod:`.series`, :mod:`.summary`). It imports only :mod:`arrears.scenario` and the small
utilities at the package's top (:mod:`arrears.interrupts`); it knows nothing of output files,
sweeps, calibration, the dashboard or the command line.
"""
