"""Back-office list page of 20 users out of 100,000, over HTTP in-process (the Flask test
client), against a hand-written raw-SQL page that renders the same rows with the same count,
in the same run. Prints median time, statements and the ratio; never pass/fail.

    .venv/bin/python -m bench.user_list [--users 100000] [--runs 30]
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from sqlalchemy import text

from bench.common import build, timed
from bench.common import options as parse_options

USERS_PAGE_SQL = (
    "SELECT id, username, full_name, email, phone, active, last_login_at FROM core_user"
    " ORDER BY username LIMIT 20 OFFSET :offset"
)


def raw_page(engine, offset: int) -> tuple[str, int]:
    """The same rows and count, rendered by hand: the floor a list page can reach."""
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM core_user")).scalar_one()
        rows = conn.execute(text(USERS_PAGE_SQL), {"offset": offset}).all()
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row[1:]) + "</tr>"
        for row in rows
    )
    return f"<p>{count}</p><table>{cells}</table>", 2


TEMPLATE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Users</title>
<link rel="stylesheet"
 href="{{ url_for('admin.static', filename='bootstrap/bootstrap4/css/bootstrap.min.css') }}">
</head><body><nav>{% for item in menu %}<a href="{{ item }}">{{ item }}</a>{% endfor %}</nav>
<p>{{ count }}</p><table class="table">{% for row in rows %}<tr>
<td><a href="{{ url_for('core_user.details_view', id=row.id) }}">view</a>
<a href="{{ url_for('core_user.edit_view', id=row.id) }}">edit</a>
<a href="{{ url_for('core_user.reset_password', id=row.id) }}">reset</a></td>
{% for value in row[1:] %}<td>{{ value if value is not none else '' }}</td>{% endfor %}
</tr>{% endfor %}</table></body></html>"""


def raw_template_page(app, engine, offset: int) -> str:
    """The same rows and count through a Jinja template with per-row links: the floor for a
    templated page."""
    from flask import render_template_string

    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM core_user")).scalar_one()
        rows = conn.execute(text(USERS_PAGE_SQL), {"offset": offset}).all()
    with app.test_request_context():
        menu = [rule.rule for rule in app.url_map.iter_rules() if rule.rule.endswith("_view")][:12]
        return render_template_string(TEMPLATE, rows=rows, count=count, menu=menu)


def main() -> None:
    options = parse_options(__doc__)
    from core.db import db
    from core.testing import count_queries

    with tempfile.TemporaryDirectory() as tmp:
        app, admin_id = build(Path(tmp), options.users)
        client = app.test_client()
        with app.app_context():
            from core.identity import sessions

            sid = sessions.create(admin_id)
            db.session.commit()
            engine = db.engine
        with client.session_transaction() as s:
            s[sessions.SESSION_KEY], s["_user_id"], s["_fresh"] = sid, str(admin_id), True
        page = f"/admin/core_user/?page={options.users // 40}"  # a page in the middle

        def app_page() -> int:
            with count_queries(engine) as queries:
                response = client.get(page)
            assert response.status_code == 200
            return queries.count

        def sql_page() -> int:
            raw_page(engine, (options.users // 40) * 20)
            return 2

        def template_page() -> int:
            raw_template_page(app, engine, (options.users // 40) * 20)
            return 2

        app_page(), sql_page(), template_page()  # warm up
        app_statements, app_ms = timed(app_page, options.runs)
        sql_statements, sql_ms = timed(sql_page, options.runs)
        _, template_ms = timed(template_page, options.runs)
        with count_queries(engine) as listed:
            client.get(page)
        assert listed.count == app_statements

    print(f"User list, 20 of {options.users:,} users, median of {options.runs} runs")
    print(f"  back office (Flask-Admin)        {app_ms:7.2f} ms  {app_statements} statements")
    print(f"  raw SQL, HTML by hand            {sql_ms:7.2f} ms  {sql_statements} statements")
    print(f"  raw SQL, Jinja page with links   {template_ms:7.2f} ms  2 statements")
    print(f"  ratio to raw SQL                 {app_ms / sql_ms:7.2f}x  (target <= 2x)")
    print(f"  ratio to raw SQL + Jinja         {app_ms / template_ms:7.2f}x")


if __name__ == "__main__":
    main()
