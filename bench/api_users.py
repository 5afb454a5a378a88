"""``GET /api/v1/users?page_size=50`` out of 100,000 users through the app in-process (the
Flask test client, a bearer token), against a hand-written handler in the same run: raw SQL for
the same count and rows, ``json.dumps`` of the same fields. Prints median time, statements and
the ratio; never pass/fail.

    .venv/bin/python -m bench.api_users [--users 100000] [--runs 30]
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import text

from bench.common import build, timed
from bench.common import options as parse_options

PAGE_SIZE = 50
PAGE_SQL = (
    "SELECT id, username, full_name, email, phone, active, is_superuser, locale, created_at,"
    " last_login_at, version FROM core_user ORDER BY username, id LIMIT :size OFFSET :offset"
)


def raw_handler(engine, offset: int) -> str:
    """The floor: the same count and page by hand, serialised with json.dumps."""
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM core_user")).scalar_one()
        rows = conn.execute(text(PAGE_SQL), {"size": PAGE_SIZE, "offset": offset}).mappings()
        items = [dict(row) for row in rows]
    page = {"items": items, "page": offset // PAGE_SIZE + 1, "page_size": PAGE_SIZE}
    return json.dumps({**page, "total": total}, default=str)  # times as stored


def main() -> None:
    options = parse_options(__doc__)
    from core.api.tokens import create_token
    from core.db import db
    from core.identity.models import User
    from core.testing import count_queries

    with tempfile.TemporaryDirectory() as tmp:
        app, admin_id = build(Path(tmp), options.users)
        with app.app_context():
            _token, raw = create_token(db.session, db.session.get(User, admin_id), "bench", 1)
            db.session.commit()
            engine = db.engine
        client = app.test_client()
        headers = {"Authorization": f"Bearer {raw}"}
        page = options.users // PAGE_SIZE // 2  # a page in the middle
        url = f"/api/v1/users?page_size={PAGE_SIZE}&page={page}"

        def api() -> int:
            with count_queries(engine) as queries:
                response = client.get(url, headers=headers)
            assert response.status_code == 200 and len(response.json["items"]) == PAGE_SIZE
            return queries.count

        def by_hand() -> int:
            raw_handler(engine, (page - 1) * PAGE_SIZE)
            return 2

        api(), by_hand()  # warm up (and the token's last use is noted once a minute)
        api_statements, api_ms = timed(api, options.runs)
        raw_statements, raw_ms = timed(by_hand, options.runs)
        backend = engine.dialect.name

    print(f"GET /api/v1/users, {PAGE_SIZE} of {options.users:,} users on {backend},")
    print(f"median of {options.runs} runs")
    print(f"  API (token, schema, paging)      {api_ms:7.2f} ms  {api_statements} statements")
    print(f"  raw SQL + json.dumps             {raw_ms:7.2f} ms  {raw_statements} statements")
    print(f"  ratio                            {api_ms / raw_ms:7.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
