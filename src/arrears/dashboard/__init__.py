"""The dashboard: an interactive market in the browser, on Mesa's SolaraViz.

Here live the page (:mod:`.app`), the model session its controls drive (:mod:`.session`), its
figures (:mod:`.figures`) and the ``arrears dashboard`` command (:mod:`.cli`). It imports the
scenario, the market and the run figures (:mod:`arrears.outputs.figures`); nothing else imports
it.
"""
