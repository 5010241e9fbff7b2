def test_login_page_is_chinese_by_default(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'lang="zh-CN"' in response.get_data(as_text=True)


def test_login_then_home(client, auth):
    response = auth.login("clerk")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
