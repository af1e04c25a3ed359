"""A run's files: what one run writes and how researchers' tools read it back.

Here live the run folder and its files (:mod:`.run_files`: series, summary, figures, written
atomically), Parquet with units and provenance in its metadata (:mod:`.parquet`), the run's
figures (:mod:`.figures`) and the choice of an output folder (:mod:`.folders`: ``--out`` and
``--overwrite``). It imports :mod:`arrears.market` and :mod:`arrears.scenario`, never sweeps,
calibration, the dashboard or the command line.
"""
