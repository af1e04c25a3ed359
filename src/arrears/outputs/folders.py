"""Options several commands share: where a command's results go.

Results are never replaced unasked: a command run without ``--out`` writes to a new folder of
its own under ``results/`` (named from what it ran, numbered if the name is taken), and an
``--out`` that is not empty is refused unless ``--overwrite`` is given (see
:func:`arrears.outputs.run_files.prepare_output_dir`). ``arrears sweep`` has rules of its own (a
sweep resumes into its folder with ``--resume``; see :class:`arrears.sweeps.store.SweepStore`).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

RESULTS = Path("results")
"""Where a command's default folder goes, relative to the working directory."""

_UNSAFE = re.compile(r"[^A-Za-z0-9_.]")
"""Characters a default folder's name does not take from the words that name it."""


def add_output_arguments(parser: argparse.ArgumentParser, default: str) -> None:
    """Add ``--out`` and ``--overwrite`` to a command that writes results into a folder.

    Args:
        parser: The command's parser.
        default: The folder used without ``--out``, in words (a new one each time).
    """
    parser.add_argument(
        "--out", type=Path, help=f"output folder (default: a new folder, {default}[-2, -3, ...])"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="write into --out even if it is not empty, replacing files of the same names",
    )


def output_folder(args: argparse.Namespace, words: Sequence[str], needed_bytes: int) -> Path:
    """The folder a command writes its results to, checked and created before any run.

    Args:
        args: Parsed arguments with ``out`` and ``overwrite`` (see :func:`add_output_arguments`).
        words: What names the default folder, e.g. the market, regime and seed; joined by ``-``,
            and any character but a letter, digit, ``_`` or ``.`` made ``_`` (a custom regime's
            name may hold a ``/``).
        needed_bytes: Space the results will need, bytes.

    Returns:
        ``--out``, or a new folder under :data:`RESULTS` named from ``words``.

    Raises:
        ScenarioError: If ``--out`` is not empty and ``--overwrite`` was not given, or the
            folder lacks space or cannot be written (see :mod:`arrears.outputs.run_files`).
    """
    from arrears.outputs.run_files import new_output_dir, prepare_output_dir

    if args.out is None:
        name = "-".join(_UNSAFE.sub("_", word) for word in words)
        return new_output_dir(RESULTS, name, needed_bytes)
    return prepare_output_dir(args.out, needed_bytes, args.overwrite)
