import io

from arrears.market import first_compile
from arrears.market.first_compile import compile_kernels, kernels_cached


def test_cached_kernels_are_not_compiled_again():
    """Once the borrower's day is in numba's cache, nothing runs and nothing is written."""
    compile_kernels(io.StringIO())  # the suite may start with a cold cache
    out = io.StringIO()
    assert kernels_cached()
    assert compile_kernels(out) == 0.0
    assert out.getvalue() == ""


def test_a_cold_cache_compiles_on_a_small_market_with_a_clock(monkeypatch):
    """With a cold cache the kernels are compiled on a tiny market, and a log (not a terminal)
    gets a line to say so, the elapsed time now and then, and the time it took."""
    monkeypatch.setattr(first_compile, "kernels_cached", lambda: False)
    monkeypatch.setattr(first_compile, "LOG_SECONDS", 0.01)
    out = io.StringIO()
    seconds = compile_kernels(out)
    lines = out.getvalue().splitlines()
    assert seconds > 0
    assert lines[0].startswith("compiling the kernels for this machine")
    assert any(line.strip().endswith(" s") and line.startswith("  ") for line in lines[1:-1])
    assert lines[-1].startswith("compiled the kernels in ")
    assert "\r" not in out.getvalue()
