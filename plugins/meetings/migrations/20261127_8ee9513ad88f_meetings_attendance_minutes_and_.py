"""meetings, attendance, minutes and conclusions

Revision ID: 8ee9513ad88f
Revises: 1415175a08f2
Create Date: 2026-11-27 23:33:21.206870

The meeting dossier: meetings (ending after they start), invitees (a user, a unit or a guest,
with their answer and attendance), agenda items, materials (bytes in the row), minutes and
their items, conclusion notices (a correction references the notice it corrects) and points
(a lead unit required), and the record of reminders sent.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "8ee9513ad88f"
down_revision: str | Sequence[str] | None = "1415175a08f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meetings_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=False),
        sa.Column("secretary_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=255), nullable=False),
        sa.Column("materials_due_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("held_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('meeting', 'working_session', 'workshop', 'briefing')",
            name=op.f("ck_meetings_meeting_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('proposed', 'approved', 'invited', 'held', 'minuted', 'concluded',"
            " 'closed', 'cancelled')",
            name=op.f("ck_meetings_meeting_status"),
        ),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_meetings_meeting_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_meeting_approved_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["chair_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_meeting_chair_id_core_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["core_document.id"],
            name=op.f("fk_meetings_meeting_invitation_id_core_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_meeting_proposed_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["meetings_room.id"],
            name=op.f("fk_meetings_meeting_room_id_meetings_room"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["secretary_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_meeting_secretary_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_meeting_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_meeting")),
    )
    op.create_index(
        op.f("ix_meetings_meeting_chair_id"), "meetings_meeting", ["chair_id"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_meeting_room_id"), "meetings_meeting", ["room_id"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_meeting_secretary_id"), "meetings_meeting", ["secretary_id"], unique=False
    )
    op.create_index(
        "ix_meetings_meeting_starts_at", "meetings_meeting", ["starts_at"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_meeting_unit_id"), "meetings_meeting", ["unit_id"], unique=False
    )
    op.create_table(
        "meetings_agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("presenter_id", sa.Integer(), nullable=True),
        sa.Column("presenter_unit_id", sa.Integer(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0",
            name=op.f("ck_meetings_agenda_item_duration"),
        ),
        sa.CheckConstraint("position >= 1", name=op.f("ck_meetings_agenda_item_position_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_agenda_item_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_agenda_item_presenter_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_agenda_item_presenter_unit_id_core_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_agenda_item")),
        sa.UniqueConstraint(
            "meeting_id", "position", name=op.f("uq_meetings_agenda_item_meeting_id_position")
        ),
    )
    op.create_index(
        op.f("ix_meetings_agenda_item_presenter_id"),
        "meetings_agenda_item",
        ["presenter_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_agenda_item_presenter_unit_id"),
        "meetings_agenda_item",
        ["presenter_unit_id"],
        unique=False,
    )
    op.create_table(
        "meetings_conclusion_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.Column("preamble", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("drafted_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'approved', 'issued')",
            name=op.f("ck_meetings_conclusion_notice_status"),
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_conclusion_notice_approved_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["meetings_conclusion_notice.id"],
            name=op.f("fk_meetings_conclusion_notice_corrects_id_meetings_conclusion_notice"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["core_document.id"],
            name=op.f("fk_meetings_conclusion_notice_document_id_core_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["drafted_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_conclusion_notice_drafted_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_conclusion_notice_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_conclusion_notice")),
    )
    op.create_index(
        op.f("ix_meetings_conclusion_notice_corrects_id"),
        "meetings_conclusion_notice",
        ["corrects_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_conclusion_notice_meeting_id"),
        "meetings_conclusion_notice",
        ["meeting_id"],
        unique=False,
    )
    op.create_table(
        "meetings_invitee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=200), nullable=False),
        sa.Column("guest_email", sa.String(length=254), nullable=False),
        sa.Column("guest_organisation", sa.String(length=255), nullable=False),
        sa.Column("rsvp", sa.String(length=10), nullable=False),
        sa.Column("rsvp_reason", sa.String(length=500), nullable=False),
        sa.Column("responded_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("delegate_id", sa.Integer(), nullable=True),
        sa.Column("presence", sa.String(length=10), nullable=True),
        sa.Column("absence_reason", sa.String(length=500), nullable=False),
        sa.CheckConstraint(
            "(kind = 'user' AND user_id IS NOT NULL AND unit_id IS NULL)"
            " OR (kind = 'unit' AND unit_id IS NOT NULL AND user_id IS NULL)"
            " OR (kind = 'guest' AND guest_name <> '' AND user_id IS NULL AND unit_id IS NULL)",
            name=op.f("ck_meetings_invitee_who"),
        ),
        sa.CheckConstraint(
            "kind IN ('user', 'unit', 'guest')", name=op.f("ck_meetings_invitee_kind")
        ),
        sa.CheckConstraint(
            "presence IS NULL OR presence IN ('present', 'absent')",
            name=op.f("ck_meetings_invitee_presence"),
        ),
        sa.CheckConstraint(
            "rsvp <> 'delegated' OR delegate_id IS NOT NULL",
            name=op.f("ck_meetings_invitee_delegate"),
        ),
        sa.CheckConstraint(
            "rsvp IN ('pending', 'accepted', 'declined', 'delegated')",
            name=op.f("ck_meetings_invitee_rsvp"),
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_invitee_delegate_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_invitee_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_invitee_unit_id_core_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_invitee_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_invitee")),
        sa.UniqueConstraint(
            "meeting_id", "unit_id", name=op.f("uq_meetings_invitee_meeting_id_unit_id")
        ),
        sa.UniqueConstraint(
            "meeting_id", "user_id", name=op.f("uq_meetings_invitee_meeting_id_user_id")
        ),
    )
    op.create_index(
        op.f("ix_meetings_invitee_delegate_id"), "meetings_invitee", ["delegate_id"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_invitee_meeting_id"), "meetings_invitee", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_invitee_unit_id"), "meetings_invitee", ["unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_meetings_invitee_user_id"), "meetings_invitee", ["user_id"], unique=False
    )
    op.create_table(
        "meetings_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("opened_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("absentees", sa.Text(), nullable=False),
        sa.Column("conclusions", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("filed_at", core.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('draft', 'filed')", name=op.f("ck_meetings_minutes_status")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["core_document.id"],
            name=op.f("fk_meetings_minutes_document_id_core_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_minutes_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_minutes_written_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_minutes")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_meetings_minutes_meeting_id")),
    )
    op.create_table(
        "meetings_reminder_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_reminder_sent_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_reminder_sent_user_id_core_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_reminder_sent")),
        sa.UniqueConstraint(
            "meeting_id",
            "kind",
            "user_id",
            name=op.f("uq_meetings_reminder_sent_meeting_id_kind_user_id"),
        ),
    )
    op.create_index(
        op.f("ix_meetings_reminder_sent_user_id"),
        "meetings_reminder_sent",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "meetings_conclusion_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("expected_result", sa.String(length=500), nullable=False),
        sa.CheckConstraint(
            "position >= 1", name=op.f("ck_meetings_conclusion_point_position_positive")
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_conclusion_point_lead_unit_id_core_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["meetings_conclusion_notice.id"],
            name=op.f("fk_meetings_conclusion_point_notice_id_meetings_conclusion_notice"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_conclusion_point")),
        sa.UniqueConstraint(
            "notice_id", "position", name=op.f("uq_meetings_conclusion_point_notice_id_position")
        ),
    )
    op.create_index(
        op.f("ix_meetings_conclusion_point_lead_unit_id"),
        "meetings_conclusion_point",
        ["lead_unit_id"],
        unique=False,
    )
    op.create_table(
        "meetings_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", core.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_meetings_material_size")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["meetings_agenda_item.id"],
            name=op.f("fk_meetings_material_agenda_item_id_meetings_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings_meeting.id"],
            name=op.f("fk_meetings_material_meeting_id_meetings_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["core_user.id"],
            name=op.f("fk_meetings_material_uploaded_by_id_core_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_material")),
    )
    op.create_index(
        op.f("ix_meetings_material_agenda_item_id"),
        "meetings_material",
        ["agenda_item_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_meetings_material_meeting_id"), "meetings_material", ["meeting_id"], unique=False
    )
    op.create_table(
        "meetings_minutes_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("heading", sa.String(length=500), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "COALESCE(votes_for, 0) >= 0 AND COALESCE(votes_against, 0) >= 0"
            " AND COALESCE(votes_abstain, 0) >= 0",
            name=op.f("ck_meetings_minutes_item_votes"),
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["meetings_agenda_item.id"],
            name=op.f("fk_meetings_minutes_item_agenda_item_id_meetings_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["minutes_id"],
            ["meetings_minutes.id"],
            name=op.f("fk_meetings_minutes_item_minutes_id_meetings_minutes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings_minutes_item")),
        sa.UniqueConstraint(
            "minutes_id", "position", name=op.f("uq_meetings_minutes_item_minutes_id_position")
        ),
    )
    op.create_index(
        op.f("ix_meetings_minutes_item_agenda_item_id"),
        "meetings_minutes_item",
        ["agenda_item_id"],
        unique=False,
    )
    op.create_table(
        "meetings_conclusion_point_supporter",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["meetings_conclusion_point.id"],
            name=op.f("fk_meetings_conclusion_point_supporter_point_id_meetings_conclusion_point"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["core_unit.id"],
            name=op.f("fk_meetings_conclusion_point_supporter_unit_id_core_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "point_id", "unit_id", name=op.f("pk_meetings_conclusion_point_supporter")
        ),
    )
    op.create_index(
        op.f("ix_meetings_conclusion_point_supporter_unit_id"),
        "meetings_conclusion_point_supporter",
        ["unit_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_meetings_conclusion_point_supporter_unit_id"),
        table_name="meetings_conclusion_point_supporter",
    )
    op.drop_table("meetings_conclusion_point_supporter")
    op.drop_index(
        op.f("ix_meetings_minutes_item_agenda_item_id"), table_name="meetings_minutes_item"
    )
    op.drop_table("meetings_minutes_item")
    op.drop_index(op.f("ix_meetings_material_meeting_id"), table_name="meetings_material")
    op.drop_index(op.f("ix_meetings_material_agenda_item_id"), table_name="meetings_material")
    op.drop_table("meetings_material")
    op.drop_index(
        op.f("ix_meetings_conclusion_point_lead_unit_id"), table_name="meetings_conclusion_point"
    )
    op.drop_table("meetings_conclusion_point")
    op.drop_index(op.f("ix_meetings_reminder_sent_user_id"), table_name="meetings_reminder_sent")
    op.drop_table("meetings_reminder_sent")
    op.drop_table("meetings_minutes")
    op.drop_index(op.f("ix_meetings_invitee_user_id"), table_name="meetings_invitee")
    op.drop_index(op.f("ix_meetings_invitee_unit_id"), table_name="meetings_invitee")
    op.drop_index(op.f("ix_meetings_invitee_meeting_id"), table_name="meetings_invitee")
    op.drop_index(op.f("ix_meetings_invitee_delegate_id"), table_name="meetings_invitee")
    op.drop_table("meetings_invitee")
    op.drop_index(
        op.f("ix_meetings_conclusion_notice_meeting_id"), table_name="meetings_conclusion_notice"
    )
    op.drop_index(
        op.f("ix_meetings_conclusion_notice_corrects_id"), table_name="meetings_conclusion_notice"
    )
    op.drop_table("meetings_conclusion_notice")
    op.drop_index(
        op.f("ix_meetings_agenda_item_presenter_unit_id"), table_name="meetings_agenda_item"
    )
    op.drop_index(op.f("ix_meetings_agenda_item_presenter_id"), table_name="meetings_agenda_item")
    op.drop_table("meetings_agenda_item")
    op.drop_index(op.f("ix_meetings_meeting_unit_id"), table_name="meetings_meeting")
    op.drop_index("ix_meetings_meeting_starts_at", table_name="meetings_meeting")
    op.drop_index(op.f("ix_meetings_meeting_secretary_id"), table_name="meetings_meeting")
    op.drop_index(op.f("ix_meetings_meeting_room_id"), table_name="meetings_meeting")
    op.drop_index(op.f("ix_meetings_meeting_chair_id"), table_name="meetings_meeting")
    op.drop_table("meetings_meeting")
