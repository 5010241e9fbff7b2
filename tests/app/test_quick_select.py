"""Every form's select box (station.forms.QuickSelect) writes WTForms' markup exactly."""

import pytest
from wtforms import Form, validators
from wtforms import SelectChoice as C
from wtforms.widgets import Select

from station.forms import SelectField


class Sample(Form):
    plain = SelectField(choices=[C("", "Any"), C("a", "Alpha"), C("b", "Beta")])
    odd = SelectField(choices=[C('x"y', "<b>&</b>"), C("z", "")])
    required = SelectField(choices=[C("1", "One")], validators=[validators.InputRequired()])
    numbers = SelectField(choices=[C(1, "One"), C(2, "Two")], coerce=int)
    with_attrs = SelectField(choices=[C("a", "Alpha", render_kw={"disabled": True}), C("b", "B")])
    grouped = SelectField(
        choices=[C("a", "Alpha", optgroup="Letters"), C("1", "One", optgroup="Digits")]
    )
    booleans = SelectField(choices=[C(True, "Yes"), C(False, "No")], coerce=bool)


def test_a_plain_box_as_written_by_hand():
    form = Sample(data={"plain": "a"})
    assert str(form.plain()) == (
        '<select id="plain" name="plain"><option value="">Any</option>'
        '<option selected value="a">Alpha</option><option value="b">Beta</option></select>'
    )


@pytest.mark.parametrize(
    "name", ["plain", "odd", "required", "numbers", "with_attrs", "grouped", "booleans"]
)
@pytest.mark.parametrize(
    "kwargs", [{}, {"aria_invalid": "true", "aria_describedby": "x-error"}, {"class_": "wide"}]
)
def test_the_same_markup_as_wtforms(name, kwargs):
    form = Sample(data={"plain": "b", "odd": 'x"y', "numbers": 2, "booleans": True})
    field = form[name]
    assert str(field(**kwargs)) == str(Select()(field, **kwargs))


def test_the_escaping_of_values_and_labels():
    html = str(Sample(data={"odd": 'x"y'}).odd())
    assert 'value="x&#34;y"' in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert '<option value="z">z</option>' in html  # no label: the value is shown
