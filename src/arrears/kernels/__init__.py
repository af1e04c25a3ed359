"""Per-account arithmetic as numba kernels, shared by both engines.

Each module holds one phase of an account's or borrower's day. The functions are compiled with
``cache=True``; the numba engine calls them in batch over the active rows, the agents engine
calls :func:`arrears.kernels.day.borrower_day` un-jitted (``.py_func``) from each Borrower's
``step``. Parameters always arrive as arguments (a global would be frozen at compile time).

The helpers a borrower's day calls, and :func:`~arrears.kernels.day.borrower_day` itself, are
compiled with ``inline="always"``: numba passes a ``NamedTuple`` of arrays as its flattened
fields, so an ordinary call taking the tables and run constants moves hundreds of words; the
day ran 7x slower with ordinary helper calls (measured at 10^6 accounts) and 2x slower with an
ordinary call per borrower. The ``prange`` loop of
:func:`~arrears.kernels.day.run_borrower_days` calls a plain, non-inlined chunk function with
plain arrays: numba 0.68 loses writes made through a ``NamedTuple`` in a ``prange`` body.
"""
