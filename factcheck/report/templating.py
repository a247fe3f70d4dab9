"""Jinja2 environments for the templated formats, and loading a newsroom's own template."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from factcheck.corpus.terminal_text import visible
from factcheck.report import escaping


def _shown(value: object) -> object:
    """Every text the templates print, with what a terminal would act on (ESC, the C1
    controls, bidirectional overrides) as a visible sign, as the app and the command line show
    it: a report is read with `cat` and `less` too. Markup a filter made is left as it is."""
    return visible(value) if type(value) is str else value


@cache
def environment(*, html: bool) -> Environment:
    """HTML templates autoescape everything; Markdown ones escape through the md_* filters.

    StrictUndefined: a misspelt field in a house template fails loudly instead of printing
    nothing in every claim.
    """
    env = Environment(
        loader=PackageLoader("factcheck.report", "templates"),
        auto_reload=False,  # bundled templates do not change while we run: no stat per render
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.filters.update(
        md=escaping.md_inline,
        md_block=escaping.md_block,
        md_quote=escaping.md_quote,
        md_url=escaping.md_url,
        safe_url=escaping.safe_url,
        css_colour=escaping.css_colour,
        text_colour_on=escaping.text_colour_on,
    )
    return env


def template(name: str, *, html: bool, custom: Path | None = None) -> Template:
    """The bundled template `name`, or the file `custom` in the same environment (so a house
    template can `{% extends "report.html.j2" %}` and override only some blocks)."""
    env = environment(html=html)
    if custom is None:
        return env.get_template(name)
    return env.from_string(custom.read_text(encoding="utf-8"))
