"""Login form (Flask-WTF: every form carries a CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=150)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()
