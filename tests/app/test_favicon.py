"""The browser tab shows the application's own icon, on the login page and after."""

import re


def test_every_page_links_the_icon_and_it_is_served(client, auth):
    for path in ("/login", "/"):
        if path == "/":
            auth.login("clerk")
        body = client.get(path).get_data(as_text=True)
        link = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', body)
        assert link, path
    with client.get(link.group(1)) as icon:
        assert icon.status_code == 200
        assert icon.mimetype == "image/svg+xml"
        assert b"<svg" in icon.data
