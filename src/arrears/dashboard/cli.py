"""The ``arrears dashboard`` command: serve the interactive dashboard (:mod:`.app`).

The page is served by Solara's server in this process until it is stopped (Ctrl-C). Solara's
usage telemetry and its check for a newer release are switched off: a research tool does not
phone home.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

DEFAULT_PORT = 8765


def port_number(text: str) -> int:
    """Parse a TCP port for argparse.

    Args:
        text: The command-line value.

    Returns:
        The port, 1-65535.

    Raises:
        argparse.ArgumentTypeError: If the value is not an integer in 1-65535.
    """
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be an integer in [1, 65535], got {text!r}")
    return port


def command_dashboard(args: argparse.Namespace) -> int:
    """Serve the dashboard on a host and port until interrupted."""
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    from solara.__main__ import run

    print(f"arrears dashboard: open http://{args.host}:{args.port} (Ctrl-C stops it)", flush=True)
    solara_args = [
        "arrears.dashboard.app",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--production",
        "--no-check-version",
        "--open" if args.open else "--no-open",
    ]
    run.main(solara_args, prog_name="arrears dashboard", standalone_mode=False)
    return 0


def register(commands: Any) -> None:
    """Add the ``dashboard`` subcommand to the ``arrears`` command's subparsers.

    Args:
        commands: The object returned by ``ArgumentParser.add_subparsers``.
    """
    dashboard = commands.add_parser(
        "dashboard", help="serve the interactive dashboard (open it in a browser)"
    )
    dashboard.add_argument("--host", default="127.0.0.1", help="address to listen on")
    dashboard.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help="TCP port to listen on"
    )
    dashboard.add_argument("--open", action="store_true", help="open the page in a web browser")
    dashboard.set_defaults(handler=command_dashboard)
