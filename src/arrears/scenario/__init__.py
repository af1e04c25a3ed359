"""The scenario: everything a run is told, declared once with its unit, range, default and source.

Here live the parameter fields and their checks (:mod:`.fields`), the scenario's sections and
the :class:`~.scenario.Scenario` that holds them with its TOML loader (:mod:`.scenario`), the
named regulatory regimes (:mod:`.regimes`) and markets (:mod:`.markets`), when borrowers answer
by hour (:mod:`.reachability`), dotted-path and keyword overrides (:mod:`.overrides`), and the
``arrears params``, ``regimes`` and ``markets`` commands (:mod:`.cli`). It is the bottom layer:
it imports nothing from the rest of arrears, so a scenario can be built, checked and written
without loading the simulation.
"""
