"""How tasks, their history and extension requests are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, Text
from plugins.planning.tasks.checks import MAX_WORKING_DAYS
from plugins.planning.tasks.models import (
    EXTENSION_STATUSES,
    PRIORITIES,
    STATUSES,
    UPDATE_KINDS,
    TaskPriority,
)

VERSION = "The task's version you act on, unless sent as If-Match."
LONG_TEXT = 10_000


class TaskSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    title = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    expected_result = fields.String(dump_only=True)
    priority = fields.String(dump_only=True, metadata={"enum": list(PRIORITIES)})
    lead_unit_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Set when a unit leads."}
    )
    lead_user_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Set when a person leads."}
    )
    supporter_unit_ids = fields.Method("supporters", dump_only=True)
    assigner_id = fields.Integer(dump_only=True, allow_none=True)
    assigned_on = fields.Date(dump_only=True)
    due_on = fields.Date(
        dump_only=True, metadata={"description": "The first deadline, kept for statistics."}
    )
    deadline = fields.Date(
        dump_only=True, metadata={"description": "The deadline in force (after extensions)."}
    )
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    progress = fields.Integer(dump_only=True)
    completed_on = fields.Date(dump_only=True, allow_none=True)
    returned_at = fields.AwareDateTime(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Set while the lead has returned it, awaiting a new lead."},
    )
    return_reason = fields.String(dump_only=True)
    plan_item_id = fields.Integer(dump_only=True, allow_none=True)
    source = fields.String(dump_only=True, allow_none=True)
    source_ref = fields.String(dump_only=True, allow_none=True)
    cites = fields.String(dump_only=True)
    source_url = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)

    def supporters(self, task: object) -> list[int]:
        return sorted(s.unit_id for s in getattr(task, "supporters", []))


class TaskInputSchema(ApiSchema):
    title = Text(500, min_length=1, required=True)
    description = Text(LONG_TEXT, load_default="")
    expected_result = Text(LONG_TEXT, load_default="")
    priority = Choice(PRIORITIES, load_default=TaskPriority.NORMAL.value)
    lead_unit_id = Id(allow_none=True, load_default=None)
    lead_user_id = Id(allow_none=True, load_default=None)
    supporter_unit_ids = fields.List(Id(), validate=validate.Length(max=50), load_default=list)
    assigned_on = Day(load_default=None, metadata={"description": "Default: today."})
    deadline = Day(
        load_default=None, metadata={"description": "A date; or send working_days instead."}
    )
    working_days = fields.Integer(
        strict=True,
        validate=validate.Range(1, MAX_WORKING_DAYS),
        load_default=None,
        metadata={"description": "Deadline N working days after the assignment."},
    )
    plan_item_id = Id(allow_none=True, load_default=None)


class TaskUpdateSchema(ApiSchema):
    title = Text(500, min_length=1)
    description = Text(LONG_TEXT)
    expected_result = Text(LONG_TEXT)
    priority = Choice(PRIORITIES)
    supporter_unit_ids = fields.List(Id(), validate=validate.Length(max=50))
    plan_item_id = Id(allow_none=True)
    version = Id(metadata={"description": VERSION})


class AttachmentSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    filename = fields.String(dump_only=True)
    content_type = fields.String(dump_only=True)
    size = fields.Integer(dump_only=True)


class UpdateSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    task_id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"enum": list(UPDATE_KINDS)})
    progress = fields.Integer(dump_only=True, allow_none=True)
    note = fields.String(dump_only=True)
    author_id = fields.Integer(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), dump_only=True)


class UpdateListSchema(ApiSchema):
    items = fields.List(fields.Nested(UpdateSchema), dump_only=True)


class ProgressInputSchema(ApiSchema):
    progress = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(0, 100),
        metadata={"description": "Percent done; 100 completes the task."},
    )
    note = Text(LONG_TEXT, load_default="")
    version = Id(metadata={"description": VERSION})


class CompleteInputSchema(ApiSchema):
    completed_on = Day(load_default=None, metadata={"description": "Default: today."})
    note = Text(LONG_TEXT, load_default="")
    version = Id(required=True, metadata={"description": VERSION})


class ReasonInputSchema(ApiSchema):
    reason = Text(LONG_TEXT, min_length=1, required=True)
    version = Id(metadata={"description": VERSION})


class ReassignInputSchema(ApiSchema):
    lead_unit_id = Id(allow_none=True, load_default=None)
    lead_user_id = Id(allow_none=True, load_default=None)
    note = Text(LONG_TEXT, load_default="")
    version = Id(required=True, metadata={"description": VERSION})


class ExtensionSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    task_id = fields.Integer(dump_only=True)
    previous_deadline = fields.Date(dump_only=True)
    requested_deadline = fields.Date(dump_only=True)
    reason = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(EXTENSION_STATUSES)})
    requested_by_id = fields.Integer(dump_only=True, allow_none=True)
    requested_at = fields.AwareDateTime(dump_only=True)
    decided_by_id = fields.Integer(dump_only=True, allow_none=True)
    decided_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    decision_note = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)


class ExtensionListSchema(ApiSchema):
    items = fields.List(fields.Nested(ExtensionSchema), dump_only=True)


class ExtensionInputSchema(ApiSchema):
    requested_deadline = Day(required=True)
    reason = Text(LONG_TEXT, min_length=1, required=True)


class DecisionInputSchema(ApiSchema):
    approve = fields.Boolean(required=True, metadata={"description": "True approves."})
    note = Text(LONG_TEXT, load_default="")
    version = Id(metadata={"description": "The request's version, unless sent as If-Match."})
