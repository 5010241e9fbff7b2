"""A county-level inspector (县纪委): a county user who also holds the inspector role, of no
station. Their inspector role opens no station's page; only views declared county_level."""

import pytest
from helpers import add_county_inspector, text

from station.accounts import AccountError, check_roles
from station.rules import roles as R


@pytest.fixture
def county_inspector(app):
    return add_county_inspector(app)


def test_a_county_inspector_needs_no_station_and_a_clerk_still_does():
    check_roles({R.COUNTY, R.INSPECTOR}, None)  # no error
    for roles in ({R.INSPECTOR}, {R.COUNTY, R.INSPECTOR, R.CLERK}, {R.HEAD, R.COUNTY}):
        with pytest.raises(AccountError):
            check_roles(roles, None)


# The station's pages: what the inspector role would open in a station, and what the
# county-level inspector gets instead (the county's, with no station).
#                 url                        county inspector
STATION_PAGES = [("/cases/", 403), ("/cases/mine", 403), ("/cases/new?channel=phone", 403),
                 ("/search?q=停电", 403), ("/confidential/status", 403), ("/", 200)]  # fmt: skip


@pytest.mark.parametrize(("url", "status"), STATION_PAGES)
def test_the_inspector_role_opens_no_station_page_without_a_station(
    app, client, auth, county_inspector, url, status
):
    auth.login(county_inspector)
    assert client.get(url).status_code == status


def test_the_menu_offers_only_what_opens(app, client, auth, county_inspector):
    auth.login(county_inspector)
    page = text(client.get("/"))
    for link in ('href="/cases/"', 'href="/cases/new"', 'href="/confidential/log"'):
        assert link not in page
