"""The `repair_files` example of corpusmill-repair, as the evaluation scripts run it.

`--bin BIN` names a build to run (nothing is built); without it the release build is
used, built first unless `--no-build`.
"""
import json
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))


def add_arguments(parser):
    """Adds `--bin` and `--no-build` to an argparse parser."""
    parser.add_argument("--bin", help="the repair_files binary to run (default: the release build, built first)")
    parser.add_argument("--no-build", action="store_true", help="run the release build as it is")


def texts_for(binary, paths, batch=500):
    """The text `binary` repairs each of `paths` to, in their order (None where it
    reported an error instead), run on `batch` files at a time so that a command
    line never grows too long."""
    texts = {}
    for start in range(0, len(paths), batch):
        out = subprocess.run([binary, *paths[start:start + batch]], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            row = json.loads(line)
            texts[row["path"]] = row.get("text")
    return [texts.get(path) for path in paths]


def binary(args):
    """The binary to run for parsed arguments, building the release one first if asked."""
    if args.bin:
        return args.bin
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "corpusmill-repair", "--example", "repair_files"],
                       cwd=REPO, check=True)
    return os.path.join(TARGET, "release", "examples", "repair_files")
