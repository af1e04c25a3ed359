import os
import subprocess
import sys

import pytest


def _wait_policy_after_import(env: dict[str, str]) -> str:
    code = "import os, arrears; print(os.environ['OMP_WAIT_POLICY'])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_workers_sleep_unless_the_user_says_otherwise(given, expected):
    """Importing arrears sets OMP_WAIT_POLICY=PASSIVE, keeping a value the user set."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given is not None:
        env["OMP_WAIT_POLICY"] = given
    assert _wait_policy_after_import(env) == expected
