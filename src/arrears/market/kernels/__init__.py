"""Per-account arithmetic as numba kernels, shared by both engines.

Each module holds one phase of an account's or borrower's day. The functions are compiled with
``cache=True``; the numba engine calls them in batch over the active rows, the agents engine
calls :func:`arrears.market.kernels.day.borrower_day` un-jitted (``.py_func``) from each Borrower's
``step``. Parameters always arrive as arguments (a global would be frozen at compile time).

The helpers a borrower's day calls on its common paths, and
:func:`~arrears.market.kernels.day.borrower_day` itself, are compiled with ``inline="always"``:
numba passes a ``NamedTuple`` of arrays as its flattened fields, so an ordinary call taking the
tables and run constants moves hundreds of words. Helpers on rare paths (a conversation, a court
hearing, a renewal, a garnishment, a promise falling due, a moratorium or holiday request) are
ordinary calls: inlining them made the day's kernel take minutes to compile and bought no speed once
the kernel's tables are :func:`~arrears.market.kernels.borrow.borrowed` (no reference counting). The
numba engine shares a day's borrowers out to threads from Python
(:func:`~arrears.market.kernels.day.run_borrower_days`), each running the GIL-free
:func:`~arrears.market.kernels.day.run_borrower_rows` over a contiguous run of the active rows in
row order, prefetching each borrower's rows a few borrowers ahead
(:mod:`~arrears.market.kernels.prefetch`). A check that decides whether a rare path runs belongs
before its call, not inside it (:func:`~arrears.market.kernels.litigation.owes_judgment`), and
nothing on a borrower's path allocates.
"""
