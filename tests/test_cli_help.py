"""The README's command table is the CLI's own usage: every command, every option, nothing else."""

from __future__ import annotations

import argparse
import re
import subprocess

from tests.conftest import ASNWH, REPO


def _help(*args: str) -> str:
    proc = subprocess.run([ASNWH, *args, "--help"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _usage(help_text: str) -> str:
    """The usage line(s) of `--help`, joined, without `[-h]`."""
    usage = help_text.split("\n\n", 1)[0].removeprefix("usage: ")
    return " ".join(usage.replace("[-h]", "").split())


def _readme_commands() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(asnwh [^`]+)` \|", section, re.M)
    return {row.split()[1]: " ".join(row.replace("\\|", "|").split()) for row in rows}


def _commands() -> list[str]:
    listed = re.search(r"\{([a-z,-]+)\}", _help()).group(1)
    return listed.split(",")


def test_readme_lists_every_command_of_the_cli() -> None:
    assert sorted(_readme_commands()) == sorted(_commands())


def test_readme_usage_of_each_command_is_its_help_usage() -> None:
    readme = _readme_commands()
    for command in _commands():
        assert readme[command] == _usage(_help(command)), command


def test_every_argument_of_every_command_has_help_text() -> None:
    from pipelines.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(sub.choices) == sorted(_commands())
    for command, parser in sub.choices.items():
        for action in parser._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, f"asnwh {command}: {action.option_strings or action.dest} has no help text"


def test_module_clis_taking_an_out_dir_print_usage_for_help_and_write_nothing(tmp_path) -> None:
    # `python -m tests.corpus_pdf --help` once rendered the corpus into a folder named "--help".
    import os
    import sys

    for module in ("samples.documents", "tests.corpus_pdf", "tests.scans"):
        proc = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
        assert proc.returncode == 0 and "usage:" in proc.stdout and "OUT_DIR" in proc.stdout, (module, proc.stderr)
        assert list(tmp_path.iterdir()) == [], module
