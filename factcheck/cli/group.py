"""The `factcheck` group: the commands register themselves on it (factcheck/cli/*.py)."""

from __future__ import annotations

import click

from factcheck import __version__
from factcheck.cli.common import no_color_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@no_color_option
def cli() -> None:
    """Check claims against evidence quoted from their sources.

    A corpus is a folder with claims/ and evidence/ (YAML). With no PATH, commands use the current
    folder when it is a corpus, else the corpus bundled with factcheck.
    """
