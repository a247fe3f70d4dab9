"""Command palette entries for the review screen: every action, and the filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from factcheck.reviews.session import Filters
from factcheck.reviews.workflow import State

if TYPE_CHECKING:
    from factcheck.app.screens.review import ReviewScreen

Command = tuple[str, Callable[[], object], str]


class ReviewCommands(Provider):
    """Commands are shown as `Content` built from plain strings: tags come from the corpus and
    must never be read as markup."""

    def _commands(self) -> list[Command]:
        screen: ReviewScreen = self.screen  # type: ignore[assignment]
        session = screen.session
        current = session.filters
        commands: list[Command] = [
            (
                "Filter: unrated or stale",
                lambda: screen.apply_filters(Filters(unrated=True, tag=current.tag)),
                "claims you still have to rate",
            ),
            (
                "Filter: stale",
                lambda: screen.apply_filters(Filters(stale=True, tag=current.tag)),
                "ratings made on other evidence than today's",
            ),
            (
                "Filter: in dispute",
                lambda: screen.apply_filters(Filters(disputed=True, tag=current.tag)),
                "claims on which reviewers gave different verdicts (editors left out)",
            ),
            (
                "Filter: show all claims",
                lambda: screen.apply_filters(Filters()),
                "clear every filter",
            ),
        ]
        for verdict in session.corpus.scale:
            label = verdict.label
            commands.append(
                (
                    f"Filter: verdict {label}",
                    lambda label=label: screen.apply_filters(
                        Filters(verdict=label, tag=current.tag)
                    ),
                    "claims you rated so",
                )
            )
        for state in State:
            commands.append(
                (
                    f"Filter: state {state.value}",
                    lambda state=state: screen.apply_filters(Filters(state=state, tag=current.tag)),
                    "claims at this point of the workflow",
                )
            )
        for tag in session.tags():
            commands.append(
                (
                    f"Filter: tag {tag}",
                    lambda tag=tag: screen.apply_filters(replace(current, tag=tag)),
                    "claims with this tag",
                )
            )
        for verdict in session.corpus.scale:
            commands.append(
                (
                    f"Rate: {verdict.label} ({verdict.key})",
                    lambda key=verdict.key: screen.action_rate(key),
                    "rate the selected claim",
                )
            )
        commands += [
            (
                "Next claim in your queue (])",
                screen.action_next_unrated,
                "assigned to you and waiting on you; else unrated or stale",
            ),
            (
                "Set the claim aside (A)",
                screen.action_set_aside,
                "with a reason; no verdict needed",
            ),
            (
                "Editor's desk (D)",
                screen.action_desk,
                "claims awaiting sign-off, disputes first",
            ),
            ("Write note (n)", screen.action_note, "the rationale for the verdict"),
            (
                "Cite the highlighted quote, or uncite it (space in the evidence)",
                screen.action_cite,
                "the quotes your verdict rests on come first in the report",
            ),
            (
                "Show or hide other reviewers' verdicts (o)",
                screen.action_toggle_others,
                "hidden by default, so others' verdicts do not anchor yours",
            ),
            (
                "Comment on the claim (C)",
                screen.action_comment,
                "a short message to the other reviewers and the editor",
            ),
            ("Undo last change (u)", screen.action_undo, "a rating, a note, or a claim or link"),
            ("Add a claim (a)", screen.action_add_claim, "a form, checked as you type"),
            ("Edit the selected claim (E)", screen.action_edit_claim, ""),
            (
                "Suggest evidence (g)",
                screen.action_suggest,
                "the passages of the sources that bear on the claim, best first, with why",
            ),
            (
                "Quote a source as evidence (S)",
                screen.action_pick_source,
                "choose a source, select a passage, c / s / x adds it",
            ),
            ("Search claims (/)", screen.action_search, ""),
            ("Show or hide problems (p)", screen.action_toggle_problems, ""),
            ("Export report (e)", screen.action_export, "md, html, json, csv, claimreview"),
            ("Help (?)", screen.action_help, ""),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Content(name), run, text=name, help=help_text)
