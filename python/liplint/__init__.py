"""liplint, packaged for pip: the self-contained liplint executable and a launcher for it.

This package contains no analysis code. `liplint` (the console script) and `python -m liplint` locate the
executable shipped in `liplint/bin/` and replace the Python process with it, so arguments, standard
streams, signals and the exit code (0, 1 or 2, see the README) are the executable's own.
"""

import os
import sys

__all__ = ["executable", "main"]


def executable():
    """Absolute path of the liplint executable inside this installed package."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "liplint")


def main():
    """Runs the liplint executable with this process's arguments; never returns."""
    path = executable()
    if not os.access(path, os.X_OK):
        sys.stderr.write(f"liplint: the executable {path} is missing or not executable; reinstall the wheel\n")
        sys.exit(2)
    try:
        os.execv(path, [path, *sys.argv[1:]])
    except OSError as error:
        sys.stderr.write(f"liplint: cannot run {path}: {error.strerror} (this wheel is for x86-64 Linux)\n")
        sys.exit(2)
