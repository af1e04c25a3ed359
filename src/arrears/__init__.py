"""arrears: agent-based simulation of debt-collection markets under regulation."""

from arrears._numba_cache import use_versioned_numba_cache
from arrears._threads import prefer_passive_openmp_wait

__version__ = "0.1.0"

use_versioned_numba_cache()
prefer_passive_openmp_wait()
