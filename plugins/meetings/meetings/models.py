"""The meeting dossier: a meeting from proposal to closing, its invitees and their attendance,
its agenda and materials, its minutes (biên bản) and its conclusion notices (thông báo kết
luận), plus the record of reminders already sent.

A meeting's room (``room_id``) is a catalogue entry of the rooms concept; the room and the chair
are held through core bookings whose ``owner_type``/``owner_ref`` are
:data:`BOOKING_OWNER` and the meeting's id.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit
from core.registry.models import Document
from plugins.meetings.rooms.models import Room

#: ``owner_type`` of the core bookings a meeting holds (its room, its chair).
BOOKING_OWNER = "meetings.meeting"


class MeetingKind(enum.StrEnum):
    MEETING = "meeting"  # cuộc họp
    WORKING_SESSION = "working_session"  # buổi làm việc
    WORKSHOP = "workshop"  # hội nghị, hội thảo
    BRIEFING = "briefing"  # giao ban


class MeetingStatus(enum.StrEnum):
    """proposed → approved → invited → held → minuted → concluded → closed (+ cancelled)."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    INVITED = "invited"
    HELD = "held"
    MINUTED = "minuted"
    CONCLUDED = "concluded"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class InviteeKind(enum.StrEnum):
    USER = "user"
    UNIT = "unit"
    GUEST = "guest"  # from outside the agency: a name and an address, no account


class Rsvp(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DELEGATED = "delegated"  # someone else attends in the invitee's place


class Presence(enum.StrEnum):
    """Attendance taken at the meeting."""

    PRESENT = "present"
    ABSENT = "absent"


class MinutesStatus(enum.StrEnum):
    DRAFT = "draft"
    FILED = "filed"  # numbered BB in the register; never edited again


class NoticeStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"  # by the chair
    ISSUED = "issued"  # numbered TB, sent; never edited again


def _one_of(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


def _user_fk(ondelete: str = "SET NULL") -> ForeignKey:
    return ForeignKey("core_user.id", ondelete=ondelete)


class Meeting(Versioned, Model):
    """A meeting, working session, workshop or briefing session, and where it stands."""

    __tablename__ = "meetings_meeting"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(_one_of("kind", MeetingKind), name="kind"),
        CheckConstraint(_one_of("status", MeetingStatus), name="status"),
        Index("ix_meetings_meeting_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=MeetingKind.MEETING.value)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.PROPOSED.value)
    chair_id: Mapped[int] = mapped_column(_user_fk("RESTRICT"), index=True)
    secretary_id: Mapped[int | None] = mapped_column(_user_fk(), index=True)
    unit_id: Mapped[int | None] = mapped_column(  # the preparing unit
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_room.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(255), default="")  # outside the agency
    materials_due_at: Mapped[datetime | None]  # presenters upload their materials before it
    proposed_by_id: Mapped[int | None] = mapped_column(_user_fk())
    approved_by_id: Mapped[int | None] = mapped_column(_user_fk())
    approved_at: Mapped[datetime | None]
    invitation_id: Mapped[int | None] = mapped_column(  # the numbered GM
        ForeignKey("core_document.id", ondelete="RESTRICT")
    )
    held_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    chair: Mapped[User] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[User | None] = relationship(foreign_keys=[secretary_id])
    unit: Mapped[Unit | None] = relationship()
    room: Mapped[Room | None] = relationship()
    invitation: Mapped[Document | None] = relationship()
    invitees: Mapped[list[Invitee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Invitee.id"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    materials: Mapped[list[Material]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Material.id"
    )
    minutes: Mapped[Minutes | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    notices: Mapped[list[ConclusionNotice]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ConclusionNotice.id"
    )

    @property
    def booking_ref(self) -> str:
        """``owner_ref`` of the core bookings this meeting holds."""
        return str(self.id)

    def __str__(self) -> str:
        return self.title


class Invitee(Model):
    """Someone invited: a user, a unit (its head decides who goes) or an outside guest; their
    answer (RSVP, possibly sending a delegate) and the attendance taken at the meeting."""

    __tablename__ = "meetings_invitee"
    __table_args__ = (
        CheckConstraint(_one_of("kind", InviteeKind), name="kind"),
        CheckConstraint(_one_of("rsvp", Rsvp), name="rsvp"),
        CheckConstraint(f"presence IS NULL OR {_one_of('presence', Presence)}", name="presence"),
        CheckConstraint(
            "(kind = 'user' AND user_id IS NOT NULL AND unit_id IS NULL)"
            " OR (kind = 'unit' AND unit_id IS NOT NULL AND user_id IS NULL)"
            " OR (kind = 'guest' AND guest_name <> '' AND user_id IS NULL AND unit_id IS NULL)",
            name="who",
        ),
        CheckConstraint("rsvp <> 'delegated' OR delegate_id IS NOT NULL", name="delegate"),
        UniqueConstraint("meeting_id", "user_id"),
        UniqueConstraint("meeting_id", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default=InviteeKind.USER.value)
    user_id: Mapped[int | None] = mapped_column(_user_fk("CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="CASCADE"), index=True
    )
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    guest_email: Mapped[str] = mapped_column(String(254), default="")
    guest_organisation: Mapped[str] = mapped_column(String(255), default="")
    rsvp: Mapped[str] = mapped_column(String(10), default=Rsvp.PENDING.value)
    rsvp_reason: Mapped[str] = mapped_column(String(500), default="")
    responded_at: Mapped[datetime | None]
    delegate_id: Mapped[int | None] = mapped_column(_user_fk(), index=True)
    presence: Mapped[str | None] = mapped_column(String(10))
    absence_reason: Mapped[str] = mapped_column(String(500), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="invitees")
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    unit: Mapped[Unit | None] = relationship()
    delegate: Mapped[User | None] = relationship(foreign_keys=[delegate_id])

    @property
    def name(self) -> str:
        """Who is invited, as printed on the invitation and the minutes."""
        if self.user is not None:
            return self.user.full_name or self.user.username
        if self.unit is not None:
            return self.unit.name
        return self.guest_name

    @property
    def attendee(self) -> User | None:
        """The account that attends: the delegate when one was sent, else the invited user."""
        return self.delegate if self.delegate_id else self.user

    def __str__(self) -> str:
        return self.name


class AgendaItem(Model):
    """One item of the agenda, with its presenter."""

    __tablename__ = "meetings_agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings_meeting.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    presenter_id: Mapped[int | None] = mapped_column(_user_fk(), index=True)
    presenter_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    duration_minutes: Mapped[int | None]

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    presenter: Mapped[User | None] = relationship()
    presenter_unit: Mapped[Unit | None] = relationship()

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Material(Model):
    """A file for the meeting (tài liệu), possibly for one agenda item. The bytes live in the
    row so that an upload commits or rolls back with the request; they load only on demand."""

    __tablename__ = "meetings_material"
    __audit_exclude__ = ("content",)
    __table_args__ = (CheckConstraint("size >= 0", name="size"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meeting.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_agenda_item.id", ondelete="SET NULL"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(_user_fk())
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="materials")
    agenda_item: Mapped[AgendaItem | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.filename


class Minutes(Versioned, Model):
    """The minutes (biên bản) written by the secretary once the meeting is held; filing numbers
    them as a BB in the register and freezes them."""

    __tablename__ = "meetings_minutes"
    __table_args__ = (CheckConstraint(_one_of("status", MinutesStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meeting.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default=MinutesStatus.DRAFT.value)
    opened_at: Mapped[datetime | None]  # when the meeting actually began and ended
    closed_at: Mapped[datetime | None]
    participants: Mapped[str] = mapped_column(Text, default="")  # as recorded, one a line
    absentees: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")  # the chair's closing remarks
    written_by_id: Mapped[int | None] = mapped_column(_user_fk())
    document_id: Mapped[int | None] = mapped_column(  # the numbered BB
        ForeignKey("core_document.id", ondelete="RESTRICT")
    )
    filed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="minutes")
    written_by: Mapped[User | None] = relationship()
    document: Mapped[Document | None] = relationship()
    items: Mapped[list[MinutesItem]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesItem.position"
    )


class MinutesItem(Model):
    """What was said and decided on one agenda item (or on a matter raised outside it), and
    the vote when one was taken."""

    __tablename__ = "meetings_minutes_item"
    __table_args__ = (
        UniqueConstraint("minutes_id", "position"),
        CheckConstraint(
            "COALESCE(votes_for, 0) >= 0 AND COALESCE(votes_against, 0) >= 0"
            " AND COALESCE(votes_abstain, 0) >= 0",
            name="votes",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("meetings_minutes.id", ondelete="CASCADE"))
    position: Mapped[int]
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_agenda_item.id", ondelete="SET NULL"), index=True
    )
    heading: Mapped[str] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None]  # None: no vote taken
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]

    minutes: Mapped[Minutes] = relationship(back_populates="items")


conclusion_point_supporter = Table(
    "meetings_conclusion_point_supporter",
    Model.metadata,
    Column(
        "point_id",
        ForeignKey("meetings_conclusion_point.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("unit_id", ForeignKey("core_unit.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ConclusionNotice(Versioned, Model):
    """A conclusion notice (thông báo kết luận): drafted, approved by the chair, issued as a
    numbered TB. Once issued it is never edited; a correction is a new notice that names the
    one it corrects (``corrects_id``)."""

    __tablename__ = "meetings_conclusion_notice"
    __table_args__ = (CheckConstraint(_one_of("status", NoticeStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meeting.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default=NoticeStatus.DRAFT.value)
    summary: Mapped[str] = mapped_column(String(1000))  # trích yếu
    preamble: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_conclusion_notice.id", ondelete="RESTRICT"), index=True
    )
    drafted_by_id: Mapped[int | None] = mapped_column(_user_fk())
    approved_by_id: Mapped[int | None] = mapped_column(_user_fk())
    approved_at: Mapped[datetime | None]
    document_id: Mapped[int | None] = mapped_column(  # the numbered TB
        ForeignKey("core_document.id", ondelete="RESTRICT")
    )
    issued_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="notices")
    corrects: Mapped[ConclusionNotice | None] = relationship(remote_side=[id])
    document: Mapped[Document | None] = relationship()
    points: Mapped[list[ConclusionPoint]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="ConclusionPoint.position"
    )

    def __str__(self) -> str:
        return self.document.symbol if self.document else self.summary


class ConclusionPoint(Model):
    """One conclusion: what is to be done, by which lead unit (required), with which supporting
    units, by when. Issuing the notice hands each point to whoever tracks work."""

    __tablename__ = "meetings_conclusion_point"
    __table_args__ = (
        UniqueConstraint("notice_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_conclusion_notice.id", ondelete="CASCADE")
    )
    position: Mapped[int]
    content: Mapped[str] = mapped_column(Text)
    lead_unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    deadline: Mapped[date | None]
    expected_result: Mapped[str] = mapped_column(String(500), default="")

    notice: Mapped[ConclusionNotice] = relationship(back_populates="points")
    lead_unit: Mapped[Unit] = relationship()
    supporters: Mapped[list[Unit]] = relationship(secondary=conclusion_point_supporter)

    @property
    def source_ref(self) -> str:
        """Names the point in the ``WorkAssigned`` event it becomes. A correction's points keep
        the refs of the notice first issued, so that point n of a correction revises the work
        of point n instead of adding to it."""
        first = self.notice
        while first.corrects is not None:
            first = first.corrects
        return f"notice/{first.id}/point/{self.position}"


class ReminderSent(Model):
    """A reminder already sent, so the job never sends it twice: ``kind`` is e.g.
    ``before:1440`` (24 h before), ``materials`` or ``minutes_late``."""

    __tablename__ = "meetings_reminder_sent"
    __audit__ = False
    __table_args__ = (UniqueConstraint("meeting_id", "kind", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings_meeting.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int] = mapped_column(_user_fk("CASCADE"), index=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


#: What ``register_models`` returns for this concept.
MODELS = (
    Meeting,
    Invitee,
    AgendaItem,
    Material,
    Minutes,
    MinutesItem,
    ConclusionNotice,
    ConclusionPoint,
    ReminderSent,
)
