"""``vanphong events deliver``: run the handlers of every due event now, without a worker."""

from __future__ import annotations

import click


@click.group("events")
def events() -> None:
    """Events between modules (a conclusion notice becoming tasks, …)."""


@events.command("deliver")
def deliver() -> None:
    """Deliver every due event here and now; prints each outcome."""
    from core.events.delivery import deliver_pending

    outcomes = deliver_pending()
    for event_id, outcome in outcomes.items():
        click.echo(f"{event_id}\t{outcome}")
    click.echo(f"{len(outcomes)} event(s)")
