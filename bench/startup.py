"""Process start to first served admin page: VanPhong (all five plugins) vs a bare app.

The bare app is Flask + Flask-Admin + Flask-SQLAlchemy-Lite with as many models and admin views
as VanPhong registers, in the same invocation. Each child process is timed from the parent
(interpreter start to exit, after one signed-in GET of /admin/); peak memory is the child's
maximum resident set size. Prints medians of N runs and the ratio; never pass/fail.

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLUGINS = ("planning", "meetings", "assets", "regulations", "reception")

VANPHONG_CHILD = """
import json, sys
def peak_rss_kib():  # VmHWM resets at exec, unlike ru_maxrss, which keeps the parent's peak
    with open("/proc/self/status") as fh:
        return int(next(l for l in fh if l.startswith("VmHWM")).split()[1])
from core.app import create_app
app = create_app({"database_url": sys.argv[1], "instance_path": sys.argv[2],
                  "secret_key": "bench", "plugins": tuple(sys.argv[3].split(","))})
client = app.test_client()
with client.session_transaction() as s:
    s["_user_id"] = "1"; s["_fresh"] = True; s["vp_sid"] = sys.argv[4]
response = client.get("/admin/")
assert response.status_code == 200, response.status_code
print(json.dumps({"rss_kib": peak_rss_kib()}))
"""

BARE_CHILD = """
import json, sys
def peak_rss_kib():  # VmHWM resets at exec, unlike ru_maxrss, which keeps the parent's peak
    with open("/proc/self/status") as fh:
        return int(next(l for l in fh if l.startswith("VmHWM")).split()[1])
from flask import Flask
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView
from flask_admin.theme import Bootstrap4Theme
from flask_babel import Babel
from flask_sqlalchemy_lite import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

models = []
for i in range(int(sys.argv[2])):
    models.append(type(f"Thing{i}", (Base,), {
        "__tablename__": f"thing{i}",
        "__annotations__": {"id": Mapped[int], "name": Mapped[str]},
        "id": mapped_column(primary_key=True),
        "name": mapped_column(String(200)),
    }))
app = Flask(__name__)
app.config.update(SECRET_KEY="bench", SQLALCHEMY_ENGINES={"default": sys.argv[1]})
db = SQLAlchemy(app)
Babel(app)
admin = Admin(app, name="Bare", theme=Bootstrap4Theme())
with app.app_context():
    Base.metadata.create_all(db.engine)
    for i in range(int(sys.argv[3])):
        model = models[i % len(models)]
        admin.add_view(ModelView(model, db, endpoint=f"thing{i}", category="Things"))
response = app.test_client().get("/admin/")
assert response.status_code == 200, response.status_code
print(json.dumps({"rss_kib": peak_rss_kib()}))
"""


PREPARE_CHILD = """
import json, sys
from bench.startup import prepare
from pathlib import Path
print(json.dumps(prepare(Path(sys.argv[1]))))
"""


def prepare(folder: Path) -> tuple[str, int, int, str]:
    """A migrated database with the plugins enabled and one superuser; returns the URL and the
    number of models and admin views VanPhong registers. Runs in a child process, so this
    process stays small (a child's memory figures start from its parent's at fork)."""
    from core import migrations
    from core.app import create_app
    from core.db import db
    from core.identity.services import create_user
    from core.testing import enabled_branches

    url = f"sqlite:///{folder / 'bench.db'}"
    app = create_app(
        {"database_url": url, "instance_path": folder, "secret_key": "bench", "plugins": PLUGINS}
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        from core.identity import sessions

        admin = create_user(db.session, "admin", "benchmark-password", superuser=True)
        sid = sessions.create(admin.id)
        db.session.commit()
    registry = app.extensions["vanphong"].registry
    n_models = sum(len(models) for models in registry.models.values())
    n_views = len(app.extensions["admin"][0]._views) - 1  # without the index
    return url, n_models, n_views, sid


def run_child(args: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])["rss_kib"] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepared = subprocess.run(
            [sys.executable, "-c", PREPARE_CHILD, str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        url, n_models, n_views, sid = json.loads(prepared.stdout.strip().splitlines()[-1])
        bare_url = f"sqlite:///{folder / 'bare.db'}"
        results: dict[str, list[tuple[float, float]]] = {"vanphong": [], "bare": []}
        for _ in range(options.runs):  # interleaved, so drift hits both alike
            results["vanphong"].append(
                run_child([VANPHONG_CHILD, url, str(folder), ",".join(PLUGINS), sid])
            )
            results["bare"].append(run_child([BARE_CHILD, bare_url, str(n_models), str(n_views)]))

    print(
        f"Start to first admin page, median of {options.runs} runs "
        f"({n_models} models and {n_views} admin views in both apps)"
    )
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        medians[name] = (wall, rss)
        print(f"  {name:<9} {wall * 1000:7.0f} ms   peak RSS {rss:6.1f} MiB")
    ratio = medians["vanphong"][0] / medians["bare"][0]
    print(f"  ratio     {ratio:7.2f}×  (target ≤ 1.5×; VanPhong peak RSS target < 120 MiB)")


if __name__ == "__main__":
    main()
