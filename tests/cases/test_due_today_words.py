"""A clock due today says "due today" wherever a case shows its next step: the lists,
the case page and the home page use the same words (not 即将到期 in one and 今天到期 in
another)."""

from datetime import timedelta

from case_helpers import add_case, today
from helpers import text


def _due_today_and_in_two_days(app) -> tuple[str, str]:
    day = today(app)

    def contact_on(due):
        return {
            "due_contact": due,
            "due_reply": day + timedelta(days=9),
            "due_close": day + timedelta(days=20),
        }

    now = add_case(app, subject="今天要联系", later=contact_on(day))
    soon = add_case(app, subject="后天要联系", later=contact_on(day + timedelta(days=2)))
    return now, soon


def test_the_list_and_the_case_page_say_due_today(app, client, auth):
    now, soon = _due_today_and_in_two_days(app)
    auth.login("head")
    listing = text(client.get("/cases/?sort=due"))
    row_now = listing.split(now, 1)[1].split("</tr>", 1)[0]
    row_soon = listing.split(soon, 1)[1].split("</tr>", 1)[0]
    assert "今天到期" in row_now and "即将到期" not in row_now
    assert "即将到期" in row_soon and "今天到期" not in row_soon
    assert "今天到期" in text(client.get(f"/cases/{now}"))
