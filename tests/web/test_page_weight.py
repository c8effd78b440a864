"""A question page stays light for a cheap phone on the classroom's Wi-Fi: its HTML and every stylesheet and
script it links weigh under 30 KB together (the shipped font is cached once and not counted), and nothing on
it is fetched from another host."""

from __future__ import annotations

import re

import pytest

from tests.web.helpers import answer_data, page, question_form, signup

BUDGET = 30 * 1024
LINKED = re.compile(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"')
EXTERNAL = re.compile(r'(?:href|src|action)="(?:https?:)?//', re.IGNORECASE)


def weigh(client, url: str) -> dict[str, int]:
    """The bytes of the page and of each stylesheet and script it links (not the icon: the browser keeps it)."""
    html = page(client.get(url))
    assert not EXTERNAL.search(html), "the page links to another host"
    sizes = {url: len(html.encode("utf-8"))}
    for href in LINKED.findall(html):
        if href.endswith((".css", ".js")):
            response = client.get(href)
            assert response.status_code == 200, href
            body = response.get_data()
            assert b"url(http" not in body and b"@import" not in body, f"{href} fetches something else"
            sizes[href] = len(body)
            response.close()
    return sizes


def start(client, kind: str) -> str:
    response = client.post("/practice", data={"count": "10", "kinds": kind,
                                              "grading_type": "relative_all_previous_and_next"})
    assert response.status_code == 302, page(response)
    return response.headers["Location"]


@pytest.mark.parametrize("kind", ["when", "order"])
def test_every_question_and_feedback_page_weighs_under_30_kb_with_its_css_and_js(client, kind):
    """All ten questions of a quiz (the longest ordering question is the heaviest page) and their feedback."""
    signup(client)
    url = start(client, kind)
    heaviest: dict[str, tuple[int, dict]] = {}
    for _ in range(10):
        html = page(client.get(url))
        if 'name="question_id"' not in html:
            break
        sizes = weigh(client, url)
        assert any(name.endswith(".css") for name in sizes), f"the page links no stylesheet? {sizes}"
        heaviest["question"] = max(heaviest.get("question", (0, {})), (sum(sizes.values()), sizes), key=lambda t: t[0])
        answered = client.post(f"{url}/answer", data=answer_data(question_form(html)))
        assert answered.status_code == 302
        feedback = answered.headers["Location"]
        sizes = weigh(client, feedback)
        heaviest["feedback"] = max(heaviest.get("feedback", (0, {})), (sum(sizes.values()), sizes), key=lambda t: t[0])
    assert set(heaviest) == {"question", "feedback"}
    for name, (total, sizes) in heaviest.items():
        print(f"heaviest {kind} {name} page: {total} bytes of {BUDGET}: {sizes}")  # pytest -s shows the margin
        assert total < BUDGET, f"the heaviest {name} page: {total} bytes > {BUDGET}: {sizes}"
