"""The corpus's errors and warnings, listed below the review so the corpus still opens."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from factcheck.app.text import plain
from factcheck.corpus.problems import Problem, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


class ProblemsPanel(Static):
    """One line per problem, `file:line:column: severity: message`, as `check` prints them."""

    def show(self, problems: list[Problem]) -> None:
        shown = [p for p in problems if p.severity is not Severity.INFO]
        errors = sum(p.severity is Severity.ERROR for p in shown)
        out = Text()
        out.append(
            f"{errors} error{'s' * (errors != 1)}, {len(shown) - errors} warning"
            f"{'s' * (len(shown) - errors != 1)} in the corpus (p hides this panel)\n",
            "bold",
        )
        for problem in shown:
            out.append_text(plain(f"{problem.location}: ", "dim"))
            out.append(f"{problem.severity}: ", _STYLE[problem.severity])
            out.append_text(plain(problem.message))
            out.append("\n")
        out.rstrip()
        self.update(out)
