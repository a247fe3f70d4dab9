"""The app shows where the selected claim was checked before, under the claim (escaped)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.app import create_app
from factcheck.app.widgets.checked_before_view import CheckedBeforeView
from factcheck.cli import cli
from factcheck.workspace.checked_before import find_checked_before
from tests.test_app_review import REVIEWER, opened

FEED = [
    {
        "@type": "ClaimReview",
        "url": "https://check.example/daesh",
        "claimReviewed": "Daesh has been defeated and suppressed [bold red]in Afghanistan[/]",
        "author": {"@type": "Organization", "name": "Example <script>Check</script>"},
        "datePublished": "2022-05-10",
        "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
    }
]


async def test_the_line_is_shown_on_the_claim_and_only_there(
    bundled_copy: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(FEED), encoding="utf-8")
    with (bundled_copy / "factcheck.yaml").open("a", encoding="utf-8") as settings:
        settings.write('imported_ratings:\n  "Pants on Fire": "False"\n')
    imported = CliRunner().invoke(cli, ["import-claimreview", str(feed), str(bundled_copy)])
    assert imported.exit_code == 0, imported.output

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        view = screen.query_one(CheckedBeforeView)
        for _ in range(200):  # the matching runs in a worker after the first paint
            if view.found:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert screen.claim_list.selected is not None
        assert screen.claim_list.selected.id == "daesh-defeated"
        shown = str(view.render())
        assert view.display
        assert (
            'checked before: "Daesh has been defeated and suppressed [bold red]in Afghanistan[/]" '
            "— rated Pants on Fire (False on our scale) by Example <script>Check</script>, "
            "on 2022-05-10"
        ) in shown  # the markup in the feed is shown as it was written, not acted on
        assert "https://check.example/daesh" in shown

        await pilot.press("j")  # the next claim was not checked before: the line goes
        assert screen.claim_list.selected.id != "daesh-defeated"
        assert not view.display
        await pilot.press("k")
        assert view.display and "Pants on Fire" in str(view.render())


def test_the_app_and_the_command_find_the_same(bundled_copy: Path, tmp_path: Path) -> None:
    from factcheck.workspace import Workspace

    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(FEED), encoding="utf-8")
    CliRunner().invoke(cli, ["import-claimreview", str(feed), str(bundled_copy)])
    found = find_checked_before(Workspace.open(bundled_copy))
    assert list(found) == ["daesh-defeated"]
