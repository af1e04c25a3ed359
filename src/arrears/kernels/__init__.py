"""Per-account arithmetic as numba kernels, shared by both engines.

Each module holds one phase of an account's or borrower's day. The functions are compiled with
``cache=True``; the numba engine calls them in batch over the active rows, the agents engine
calls :func:`arrears.kernels.day.borrower_day` un-jitted (``.py_func``) from each Borrower's
``step``. Parameters always arrive as arguments (a global would be frozen at compile time).

The helpers a borrower's day calls are compiled with ``inline="always"``: numba passes a
``NamedTuple`` of arrays as its flattened fields, so an ordinary call to a helper taking the
account table and run constants moves hundreds of words, and the day ran 7x slower with
ordinary calls (measured at 10^6 accounts). :func:`~arrears.kernels.day.borrower_day` itself is
*not* inlined into the ``prange`` loop of :func:`~arrears.kernels.day.run_borrower_days`: numba
0.68 loses writes made to a ``NamedTuple``'s arrays directly in a ``prange`` body.
"""
