"""Forms shared by every feature, and the select box they all use."""

import wtforms
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import SubmitField
from wtforms.widgets import CheckboxInput, DateInput, Select
from wtforms.widgets.core import clean_key

from .i18n import lazy_gettext as _l


class EmptyForm(FlaskForm):
    """Nothing but the CSRF token: for buttons that POST."""

    submit = SubmitField(_l("Submit"))


def html_params(**kwargs: object) -> Markup:
    """WTForms' ``html_params``, the same text written without ``Markup.format``: WTForms
    formats every attribute through ``string.Formatter``, 25 µs of the 35 that a date box
    costs; a case list's filter form writes eight (README "Statements built once")."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = escape(clean_key(key))
        if value is True:
            params.append(key)
        elif value is not False:
            written = str(escape(value)).replace('"', "&quot;")  # a Markup value's own quotes
            params.append(f'{key}="{written}"')
    return Markup(" ".join(params))


class QuickSelect(Select):
    """WTForms' select box, the same markup written a few times faster.

    A list page draws five select boxes of up to twenty options: through WTForms each
    option costs a ``html_params`` (a ``Markup.format`` of every attribute) and the
    widget looks up its option renderer's signature each time, 0.3 ms a box, a tenth of
    the page (README, "A list page's Python"). A plain option is written here
    directly; one with attributes of its own, a grouped or a multiple select is left to
    WTForms. The markup is WTForms' to the character (``tests/app/test_quick_select.py``)."""

    def __call__(self, field: wtforms.Field, **kwargs: object) -> Markup:
        if self.multiple or field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for name in self.validation_attrs:
            flag = getattr(field.flags, name, None)
            if flag is not None and name not in kwargs:
                kwargs[name] = flag
        options = "".join(map(self.render_option, field.iter_choices()))
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")

    @classmethod
    def render_option(cls, choice: wtforms.fields.choices.Choice, **kwargs: object) -> Markup:
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        value, label = escape(choice.value), escape(choice.label or choice.value)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{value}">{label}</option>')


class SelectField(wtforms.SelectField):
    """WTForms' SelectField drawn by ``QuickSelect``: every form's select box."""

    widget = QuickSelect()


class QuickDateInput(DateInput):
    """WTForms' date box, its attributes written by ``html_params`` above."""

    html_params = staticmethod(html_params)


class QuickCheckboxInput(CheckboxInput):
    """WTForms' check box, its attributes written by ``html_params`` above."""

    html_params = staticmethod(html_params)


class DateField(wtforms.DateField):
    """WTForms' DateField drawn by ``QuickDateInput``."""

    widget = QuickDateInput()


class BooleanField(wtforms.BooleanField):
    """WTForms' BooleanField drawn by ``QuickCheckboxInput``."""

    widget = QuickCheckboxInput()
