"""The job worker's commands, registered on the public hooks like any plugin."""

from core import hookimpl


@hookimpl
def register_commands(cli):
    from core.jobs.cli import beat, worker

    cli.add_command(worker)
    cli.add_command(beat)
