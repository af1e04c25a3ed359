"""Ctrl-C and compiled code: an interrupt takes effect between days and files, never inside one.

Python turns SIGINT into ``KeyboardInterrupt`` at the next Python-level instruction it runs. In
the middle of a day that can be a small Python function a numba wrapper calls while it boxes a
kernel's result (``_numba_unpickle``); the wrapper does not expect an exception there and reports
``SystemError: ... returned a result with an exception set`` instead (the ``KeyboardInterrupt``
survives only as its cause). Even where it surfaces cleanly, an interrupt mid-day leaves half a
day applied to the tables. :func:`held_interrupts` holds a first Ctrl-C until the day in
progress has ended, so the model stops in a consistent state and can run on; a second Ctrl-C
does not wait. Atomic writes hold it the same way, so a file is never left half-way between its
temporary and its final name. :func:`raised_by_interrupt` recognises an interrupt that numba
re-labelled, for interrupts outside the day loop (building a model, writing results), and
:func:`stop_on_interrupt` turns either into the commands' one line and exit status.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

EXIT_INTERRUPTED = 130
"""Exit status after SIGINT (128 + signal number, the shell's convention)."""


@contextmanager
def held_interrupts() -> Iterator[Callable[[], None]]:
    """Hold SIGINT until the caller says a unit of work (a day, a file) has ended.

    Takes effect only in the main thread (the only one Python delivers signals to) and only when
    SIGINT has a Python handler (as by default; an ignored SIGINT, as in a sweep's pool worker,
    stays ignored). The handler in place is restored on leaving.

    Yields:
        ``deliver``: call it after each unit; it runs the held interrupt's own handler (by default
        raising ``KeyboardInterrupt``) if one came during the unit. Leaving the block delivers
        too.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield lambda: None
        return
    held: list[FrameType | None] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        if held:
            previous(signum, frame)
        held.append(frame)

    def deliver() -> None:
        if held:
            frame = held[0]
            held.clear()
            previous(signal.SIGINT, frame)

    signal.signal(signal.SIGINT, hold)
    try:
        yield deliver
    finally:
        signal.signal(signal.SIGINT, previous)
    deliver()


def raised_by_interrupt(error: BaseException) -> bool:
    """Whether an exception is, or was caused by, a ``KeyboardInterrupt``.

    Args:
        error: The exception, e.g. numba's ``SystemError`` from a kernel's wrapper.

    Returns:
        True if the exception or any exception in its chain of causes is a ``KeyboardInterrupt``.
    """
    chain: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and not any(link is seen for seen in chain):
        if isinstance(link, KeyboardInterrupt):
            return True
        chain.append(link)
        link = link.__cause__ or link.__context__
    return False


def stop_on_interrupt(command: Callable[[], int]) -> int:
    """Run a command; on Ctrl-C, one line on stderr and :data:`EXIT_INTERRUPTED`, no traceback.

    Every file arrears writes is written atomically, so an interrupted command leaves complete
    files only, and a sweep resumes where it stopped.

    Args:
        command: The command; returns its exit status.

    Returns:
        The command's exit status, or :data:`EXIT_INTERRUPTED` if it was interrupted.
    """
    try:
        return command()
    except (KeyboardInterrupt, SystemError) as error:
        if not raised_by_interrupt(error):
            raise
        print(
            "interrupted: the files written are complete (a sweep resumes with --resume)",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
