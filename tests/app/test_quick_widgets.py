"""The attributes, date boxes and check boxes of station.forms write WTForms' markup exactly."""

from datetime import date

import pytest
from markupsafe import Markup
from wtforms import Form
from wtforms.widgets import CheckboxInput, DateInput
from wtforms.widgets import html_params as wtforms_html_params

from station.forms import BooleanField, DateField, html_params


class Sample(Form):
    day = DateField()
    flag = BooleanField()


ATTRIBUTES = [
    {},
    {"name": "q", "id": "q"},
    {"class_": "wide", "for_": "x", "data_hx_get": "/a?b=1&c=2", "aria_describedby": "e"},
    {"checked": True, "readonly": False, "required": True, "value": 'say "hi" <b>'},
    {"value": Markup('<i>"kept"</i>'), "title": "it's", "min": 0, "max": 9.5},
    {"placeholder": "检索案件", "x": None},
]


@pytest.mark.parametrize("kwargs", ATTRIBUTES)
def test_attributes_as_wtforms_writes_them(kwargs):
    assert html_params(**kwargs) == wtforms_html_params(**kwargs)
    assert isinstance(html_params(**kwargs), Markup)


def test_a_date_box_as_written_by_hand():
    form = Sample(data={"day": date(2026, 12, 8)})
    assert str(form.day()) == '<input id="day" name="day" type="date" value="2026-12-08">'


@pytest.mark.parametrize("data", [{}, {"day": date(2026, 1, 31), "flag": True}])
@pytest.mark.parametrize(
    "kwargs", [{}, {"aria_invalid": "true", "aria_describedby": "x-error"}, {"class_": "w"}]
)
def test_the_same_markup_as_wtforms(data, kwargs):
    form = Sample(data=data)
    assert str(form.day(**kwargs)) == str(DateInput()(form.day, **kwargs))
    assert str(form.flag(**kwargs)) == str(CheckboxInput()(form.flag, **kwargs))
