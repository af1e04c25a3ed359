"""The experiment machinery: many runs of many scenarios, and what they show.

Here live the sweep definition read from TOML (:mod:`.definition`), experimental designs
(:mod:`.designs`: grids, Sobol and Morris), the runners and their backends (:mod:`.runner`,
:mod:`.backends`: serial, processes, Dask), the resumable store of finished runs
(:mod:`.store`), per-point means with intervals (:mod:`.aggregate`), paired contrasts between
arms (:mod:`.contrasts`), sensitivity indices (:mod:`.sensitivity`), the sweep's figures and
report (:mod:`.figure_specs`, :mod:`.figures`, :mod:`.report`), the helpers experiment scripts
share (:mod:`.study`) and the ``arrears sweep``, ``plot`` and ``analyze`` commands (:mod:`.cli`).
It imports :mod:`arrears.scenario`, :mod:`arrears.market` and :mod:`arrears.outputs`; nothing
below it imports it.
"""
