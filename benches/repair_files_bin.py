"""The `repair_files` example of corpusmill-repair, as the evaluation scripts run it.

`--bin BIN` names a build to run (nothing is built); without it the release build is
used, built first unless `--no-build`.
"""
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))


def add_arguments(parser):
    """Adds `--bin` and `--no-build` to an argparse parser."""
    parser.add_argument("--bin", help="the repair_files binary to run (default: the release build, built first)")
    parser.add_argument("--no-build", action="store_true", help="run the release build as it is")


def binary(args):
    """The binary to run for parsed arguments, building the release one first if asked."""
    if args.bin:
        return args.bin
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "corpusmill-repair", "--example", "repair_files"],
                       cwd=REPO, check=True)
    return os.path.join(TARGET, "release", "examples", "repair_files")
