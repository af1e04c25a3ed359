"""Per-account arithmetic as numba kernels, shared by both engines.

Each module holds one phase of an account's or borrower's day. The functions are compiled with
``cache=True``; the numba engine calls them in batch over the active rows, the agents engine
calls :func:`arrears.kernels.day.borrower_day` un-jitted (``.py_func``) from each Borrower's
``step``. Parameters always arrive as arguments (a global would be frozen at compile time).
"""
