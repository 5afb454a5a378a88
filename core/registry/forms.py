"""Back-office forms: issuing a number, withdrawing one, checking a draft's format."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional


class IssueForm(FlaskForm):
    """The fields of the register book; the service checks the rules and names the field."""

    register_id = SelectField(_l("Register"), coerce=int)
    type_id = SelectField(_l("Document type"), coerce=int)
    signed_on = DateField(_l("Signed on"))
    summary = TextAreaField(_l("Summary"), validators=[Length(max=1000)])
    signer = StringField(_l("Signer"), validators=[Length(max=150)])
    unit_id = SelectField(_l("Drafting unit"), coerce=int)
    drafting_unit = StringField(
        _l("Drafting unit's abbreviation"),
        validators=[Length(max=30)],
        description=_l("For a công văn (15/SNV-VP); empty: the drafting unit's."),
    )
    recipients = TextAreaField(_l("Recipients"), validators=[Length(max=2000)])
    copies = IntegerField(_l("Copies"), validators=[Optional(), NumberRange(1, 100_000)])
    archive_holder = StringField(_l("Unit or person keeping the file copy"), [Length(max=255)])
    note = StringField(_l("Note"), validators=[Length(max=500)])


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Length(max=500)])


class CheckForm(FlaskForm):
    """A draft's metadata; the parts left empty are not checked."""

    type_id = SelectField(_l("Document type"), coerce=int)
    symbol = StringField(_l("Number and symbol"), validators=[Length(max=100)])
    date_line = StringField(_l("Place and date"), validators=[Length(max=200)])
    recipients = TextAreaField(_l("Recipients"), validators=[Length(max=2000)])
    issuer = StringField(_l("Issuing body's abbreviation"), validators=[Length(max=30)])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
