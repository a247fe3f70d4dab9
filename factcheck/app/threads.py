"""The one way the app runs work in a thread.

- A failure reaches the app's one handler (`ReviewApp.on_worker_state_changed`): the worker is
  the app's, since Worker.StateChanged does not bubble up from a widget's.
- The worker is described in words: Textual describes it by `repr(work)` otherwise, and a bound
  method of the session once spelt out the whole corpus that way, on the UI thread (seconds at
  50,000 claims).
- Work stopped by its cancel event (`corpus.cancelling.Cancelled`: the widget or screen that
  wanted it went) ends quietly: nobody waits for what it would have found.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker

from factcheck.corpus.cancelling import Cancelled


def run_in_thread(
    node: DOMNode,
    work: Callable[[], object],
    *,
    name: str,
    group: str,
    description: str = "",
    exclusive: bool = False,
) -> Worker[None]:
    """Run `work` in a thread worker of `node`'s app, in `group` (which the app's failure
    advice is keyed on); `exclusive` cancels the group's others first."""

    def run() -> None:
        with contextlib.suppress(Cancelled):
            work()

    return node.app.run_worker(
        run,
        thread=True,
        name=name,
        group=group,
        description=description or name,
        exclusive=exclusive,
        exit_on_error=False,
    )
