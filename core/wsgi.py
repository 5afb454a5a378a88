"""WSGI entry point for several web processes: ``gunicorn -w 4 'core.wsgi:app'``."""

from core.app import create_app

app = create_app()
