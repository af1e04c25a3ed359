import contextlib
import os
import signal
import tempfile
import threading

import pytest

from arrears import atomic
from arrears.interrupts import EXIT_INTERRUPTED, raised_by_interrupt, stop_on_interrupt
from arrears.market.model import CollectionMarket
from tests.invariants import assert_runs_agree


@contextlib.contextmanager
def sigint_handled_by(handler):
    """SIGINT handled by ``handler`` in this process, the handler before restored after."""
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.fixture
def sigint_raises():
    """SIGINT raises KeyboardInterrupt in this process (also when the runner ignores SIGINT)."""
    with sigint_handled_by(signal.default_int_handler):
        yield


def interrupt_during_day(model: CollectionMarket, day: int, times: int = 1) -> None:
    """Send SIGINT to this process `times` times in the middle of a day, before it is recorded."""
    regulator_step = model.regulator.step

    def step() -> None:
        if model.day == day:
            for _ in range(times):
                os.kill(os.getpid(), signal.SIGINT)
        regulator_step()

    model.regulator.step = step  # type: ignore[method-assign]


def test_an_interrupt_stops_the_run_when_the_day_ends_and_it_can_run_on(scenario, sigint_raises):
    """Ctrl-C mid-day: the day is finished and recorded, then the run stops; run on, and the
    results are those of a run never interrupted."""
    days = scenario.run.warmup_days + scenario.run.days
    model = CollectionMarket(scenario)
    interrupt_during_day(model, day=70)
    with pytest.raises(KeyboardInterrupt):
        model.run()
    assert model.day == 70 and len(model.series()) == 70 - scenario.run.warmup_days + 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    model.run(days - 71)
    straight = CollectionMarket(scenario)
    straight.run()
    assert_runs_agree(model, straight)


def test_a_second_interrupt_does_not_wait_for_the_day_to_end(scenario, sigint_raises):
    """Two Ctrl-Cs in one day: the second raises at once, in the middle of the day."""
    model = CollectionMarket(scenario)
    interrupt_during_day(model, day=70, times=2)
    with pytest.raises(KeyboardInterrupt):
        model.run()
    assert model.day == 70 and len(model.series()) == 70 - scenario.run.warmup_days
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_interrupt_stays_ignored(scenario):
    """With SIGINT ignored (a sweep's pool worker), the run neither stops nor takes it over."""
    with sigint_handled_by(signal.SIG_IGN):
        model = CollectionMarket(scenario)
        interrupt_during_day(model, day=70)
        model.run()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    assert len(model.series()) == scenario.run.days


def test_a_run_in_another_thread_leaves_the_handler_alone(scenario, sigint_raises):
    """Signals reach only the main thread: a run in a worker thread installs no handler."""
    model = CollectionMarket(scenario)
    worker = threading.Thread(target=model.run)
    worker.start()
    worker.join()
    assert len(model.series()) == scenario.run.days
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def numba_relabelled_interrupt() -> SystemError:
    """The error numba's wrapper raises when an interrupt lands in a Python call it makes."""
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise SystemError("CPUDispatcher(...) returned a result with an exception set") from (
                interrupt
            )
    except SystemError as error:
        return error


def test_an_interrupt_relabelled_by_numba_is_recognised():
    """A SystemError caused by a KeyboardInterrupt is an interrupt; other errors are not."""
    assert raised_by_interrupt(KeyboardInterrupt())
    assert raised_by_interrupt(numba_relabelled_interrupt())
    assert not raised_by_interrupt(SystemError("a real bug"))
    looped = ValueError("a cycle of causes")
    looped.__cause__ = SystemError()
    looped.__cause__.__cause__ = looped
    assert not raised_by_interrupt(looped)


def test_a_command_interrupted_prints_one_line_and_exits_130(capsys):
    """Either form of interrupt ends a command with one line and status 130; a real error is
    raised."""

    def interrupted(error: BaseException) -> int:
        raise error

    assert stop_on_interrupt(lambda: interrupted(KeyboardInterrupt())) == EXIT_INTERRUPTED
    assert stop_on_interrupt(lambda: interrupted(numba_relabelled_interrupt())) == EXIT_INTERRUPTED
    assert (
        capsys.readouterr().err.splitlines()
        == ["interrupted: the files written are complete (a sweep resumes with --resume)"] * 2
    )
    with pytest.raises(SystemError, match="a real bug"):
        stop_on_interrupt(lambda: interrupted(SystemError("a real bug")))
    assert stop_on_interrupt(lambda: 0) == 0


def test_an_interrupt_during_an_atomic_write_waits_for_the_file(
    tmp_path, monkeypatch, sigint_raises
):
    """Ctrl-C just after the temporary is created (before anything guards it): the file is
    written and put in place, then the interrupt is raised; no temporary remains."""
    make_temporary = tempfile.mkstemp

    def mkstemp_then_interrupt(**kwargs):
        made = make_temporary(**kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return made

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_then_interrupt)
    target = tmp_path / "summary.json"
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomically(target, lambda path: path.write_text("{}\n"))
    assert [entry.name for entry in tmp_path.iterdir()] == ["summary.json"]
    assert target.read_text() == "{}\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
