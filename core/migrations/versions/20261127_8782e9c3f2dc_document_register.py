"""Document register

Revision ID: 8782e9c3f2dc
Revises: a11b1ad9a972
Create Date: 2026-11-27 21:22:29.405263

Document types (seeded with Decree 30/2020/NĐ-CP Appendix III, editable afterwards), registers
and the types each numbers, the per-register per-year counters, and issued documents. The
database refuses a second document with the same (register, year, number).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "8782e9c3f2dc"
down_revision: str | Sequence[str] | None = "a11b1ad9a972"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Appendix III, in its order: abbreviation ("" for the công văn, whose symbol is issuing body
#: and drafting unit) and name.
DOCUMENT_TYPES = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("", "Công văn"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
]


def upgrade() -> None:
    document_type = op.create_table(
        "core_document_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_document_type")),
        sa.UniqueConstraint("code", name=op.f("uq_core_document_type_code")),
        sa.UniqueConstraint("name", name=op.f("uq_core_document_type_name")),
    )
    op.create_table(
        "core_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("issuer_name", sa.String(length=255), nullable=False),
        sa.Column("issuer_abbreviation", sa.String(length=30), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_core_register_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_register")),
        sa.UniqueConstraint("name", name=op.f("uq_core_register_name")),
    )
    with op.batch_alter_table("core_register", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_register_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "core_register_type",
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["register_id"],
            ["core_register.id"],
            name=op.f("fk_core_register_type_register_id_core_register"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["core_document_type.id"],
            name=op.f("fk_core_register_type_type_id_core_document_type"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("register_id", "type_id", name=op.f("pk_core_register_type")),
    )
    with op.batch_alter_table("core_register_type", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_register_type_type_id"), ["type_id"], unique=False
        )

    op.create_table(
        "core_register_counter",
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["register_id"],
            ["core_register.id"],
            name=op.f("fk_core_register_counter_register_id_core_register"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("register_id", "year", name=op.f("pk_core_register_counter")),
    )
    op.create_table(
        "core_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("type_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=80), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.Column("signer", sa.String(length=150), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("drafting_unit", sa.String(length=30), nullable=False),
        sa.Column("recipients", sa.String(length=2000), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=True),
        sa.Column("archive_holder", sa.String(length=255), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("source_ref", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("withdrawn_reason", sa.String(length=500), nullable=False),
        sa.Column("withdrawn_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_core_document_number_positive")),
        sa.ForeignKeyConstraint(
            ["issued_by_id"],
            ["core_user.id"],
            name=op.f("fk_core_document_issued_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["register_id"],
            ["core_register.id"],
            name=op.f("fk_core_document_register_id_core_register"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["core_document_type.id"],
            name=op.f("fk_core_document_type_id_core_document_type"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_core_document_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["core_user.id"],
            name=op.f("fk_core_document_withdrawn_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_document")),
        sa.UniqueConstraint(
            "register_id",
            "year",
            "number",
            name=op.f("uq_core_document_register_id_year_number"),
        ),
    )
    with op.batch_alter_table("core_document", schema=None) as batch_op:
        batch_op.create_index("ix_core_document_signed_on", ["signed_on"], unique=False)
        batch_op.create_index("ix_core_document_source", ["source", "source_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_document_type_id"), ["type_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_document_unit_id"), ["unit_id"], unique=False)

    op.bulk_insert(
        document_type,
        [
            {"code": code, "name": name, "sort_order": (i + 1) * 10, "active": True}
            for i, (code, name) in enumerate(DOCUMENT_TYPES)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("core_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_document_unit_id"))
        batch_op.drop_index(batch_op.f("ix_core_document_type_id"))
        batch_op.drop_index("ix_core_document_source")
        batch_op.drop_index("ix_core_document_signed_on")

    op.drop_table("core_document")
    op.drop_table("core_register_counter")
    with op.batch_alter_table("core_register_type", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_register_type_type_id"))

    op.drop_table("core_register_type")
    with op.batch_alter_table("core_register", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_register_unit_id"))

    op.drop_table("core_register")
    op.drop_table("core_document_type")
