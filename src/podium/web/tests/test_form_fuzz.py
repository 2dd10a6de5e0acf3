"""A Hypothesis fuzzer for the HTML forms: as each role, every form reachable from the pages that
role sees (found by crawling them, so a new form is fuzzed without touching this file) is sent
bodies made from its own fields, with hostile values: NUL, lone surrogates, invalid UTF-8,
1e999, Infinity, superscript and Arabic-Indic digits, padded and look-alike ids, other
delegations' ids, 5,000-character strings, fields left out or repeated, random files. No answer
may be a server error.

Two passes over each form: a sweep (each field in turn gets each of `SWEEP`, the other fields as
the page offers them, so that the bad value gets past the others' checks: this is what found a
NUL in a statement's title reaching PostgreSQL), then `EXAMPLES` random bodies from Hypothesis.
The state they leave (a proposal withdrawn, a summary published) carries over, as it would on a
real site under attack. About a minute on SQLite."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_from_bytes, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.people.demo import create_demo_accounts
from podium.people.models import Entity
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED
from podium.sideevents.demo import create_demo_rooms
from podium.web.tests.walk import propose_remittances

EXAMPLES = 25
MAX_PAGES = 40
# username of the demo account, as `podium demo` creates them
ROLES = ["secretariat", "cochair", "moderator1", "delegate-mex", "focal-mex", "stakeholder"]
# Links the crawler never follows: they end the session or serve files, not forms.
SKIP = re.compile(r"/accounts/logout/|\.(ics|csv|docx|pdf|txt|json)(\?|$)|/admin/|/i18n/|/api/")


@dataclass
class Form:
    page: str
    action: str
    method: str
    multipart: bool
    fields: list[tuple[str, str, list[str]]] = field(default_factory=list)  # name, type, values

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.action, self.method, tuple(sorted(n for n, _t, _v in self.fields)))


class _Page(HTMLParser):
    """The links and the forms of one page."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        form = self.forms[-1] if self.forms else None
        if tag == "option" and self._select is not None:
            self._select[1].append(a.get("value", ""))
        elif tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        elif tag == "form":
            self.forms.append(
                Form(
                    page=self.url,
                    action=urljoin(self.url, a.get("action") or self.url),
                    method=(a.get("method") or "get").lower(),
                    multipart="multipart" in a.get("enctype", ""),
                )
            )
        elif form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            form.fields.append((a["name"], a.get("type", "text"), [a.get("value", "")]))
        elif tag == "textarea":
            form.fields.append((a["name"], "textarea", [""]))
        elif tag == "select":
            self._select = (a["name"], [])
            form.fields.append((a["name"], "select", self._select[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def crawl(client: Client, start: list[str]) -> list[Form]:
    """Every distinct form on the pages reachable from `start` (same site, bounded)."""
    seen: set[str] = set()
    queue = list(start)
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0).split("#")[0]
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if "html" not in response.get("Content-Type", ""):
            continue
        page = _Page(url)
        page.feed(response.content.decode())
        queue.extend(page.links)
        for form in page.forms:
            forms.setdefault(form.key, form)
    return [f for f in forms.values() if not SKIP.search(f.action)]


HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1e999",
    "Infinity",
    "NaN",
    "²",
    "٣",
    "00000000001",
    " 1",
    "1\n",
    "0x10",
    "a\x00b",
    "\x00",
    "\u202eevil",
    "x" * 5000,
    "9" * 40,
    "MEX",
    "mex",
    "DEU",
    "XXX",
    "2017-05-22",
    "2017-02-30",
    "99:99",
    "<script>alert(1)</script>",
    "publish",
    "delete",
]


# A plausible value for a field that offers none (so that a body often gets past the other
# fields' checks and the hostile value reaches the code behind them).
PLAUSIBLE = {
    "email": ["ana@example.org"],
    "date": ["2017-05-22"],
    "time": ["13:15", "14:30"],
    "number": ["100", "7"],
    "textarea": ["México propone alianzas regionales."],
    "text": ["Ana Torres", "Remittances", "Dr."],
    "file": ["México propone alianzas regionales.\n"],
}


def _hostile(draw: Any, own: list[str]) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
    if choice == 1:
        return draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
    if choice == 2:
        return draw(st.binary(max_size=24))
    suffix = draw(st.sampled_from(["\udc80", "\x00", " ", "0", "\u0660"]))
    return (draw(st.sampled_from(own)) + suffix).encode("utf-8", "surrogatepass")


# Each field in turn gets each of these, the other fields as the page offers them.
SWEEP = [b"a\x00b", "a\udc80b".encode("utf-8", "surrogatepass"), b"\xff\xfe", b"x" * 5000]
SWEEP += [b"1e999", "²".encode(), b"00000000001", b""]


def sweep(form: Form) -> list[list[tuple[str, str, bytes]]]:
    """A body per field and bad value, the other fields as the page offers them; a field of the
    same shape as one already swept (`speaker3_name` after `speaker0_name`, the fourth theme's
    box) is not swept again."""
    plain = [
        (n, t, (v[0] if n == "csrfmiddlewaretoken" else _own(t, v)[0]).encode())
        for n, t, v in form.fields
    ]
    shapes = {"csrfmiddlewaretoken"}
    out = []
    for i, (name, ftype, _value) in enumerate(plain):
        if re.sub(r"\d+", "N", name) not in shapes:
            shapes.add(re.sub(r"\d+", "N", name))
            out += [plain[:i] + [(name, ftype, bad)] + plain[i + 1 :] for bad in SWEEP]
    return out


# Each distinct form is swept once, as the first role that has it (the random bodies are sent
# as every role).
_SWEPT: set[tuple[str, str, tuple[str, ...]]] = set()


def _own(ftype: str, values: list[str]) -> list[str]:
    return [v for v in values if v] or PLAUSIBLE.get(ftype, [""])


@st.composite
def bodies(draw: Any, form: Form) -> list[tuple[str, str, bytes]]:
    """A body for `form` as (name, type, value): most often every field as the page offers it
    but one, which is hostile (so that the hostile value gets past the other fields' checks);
    otherwise any field may be hostile, left out or sent twice."""
    fuzzable = [i for i, (name, _t, _v) in enumerate(form.fields) if name != "csrfmiddlewaretoken"]
    target = draw(st.sampled_from(fuzzable)) if fuzzable and draw(st.booleans()) else None
    out: list[tuple[str, str, bytes]] = []
    for i, (name, ftype, values) in enumerate(form.fields):
        own = _own(ftype, values)
        if name == "csrfmiddlewaretoken":
            out.append((name, ftype, values[0].encode()))
        elif target is not None:
            value = _hostile(draw, own) if i == target else draw(st.sampled_from(own)).encode()
            out.append((name, ftype, value))
        else:
            for _ in range(draw(st.sampled_from([1, 1, 1, 1, 1, 0, 2]))):
                hostile = draw(st.integers(0, 2)) == 0
                value = _hostile(draw, own) if hostile else draw(st.sampled_from(own)).encode()
                out.append((name, ftype, value))
    return out


def _multipart(items: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "fuzz" + "".join(random.choices("0123456789abcdef", k=16))
    chunks = []
    for name, ftype, value in items:
        if ftype == "file":
            head = f'Content-Disposition: form-data; name="{name}"; filename="s.docx"\r\n'
            head += "Content-Type: application/octet-stream\r\n"
        else:
            head = f'Content-Disposition: form-data; name="{name}"\r\n'
        chunks.append(f"--{boundary}\r\n{head}\r\n".encode() + value + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def send(client: Client, form: Form, items: list[tuple[str, str, bytes]]) -> Any:
    path = urlsplit(form.action).path
    if form.method == "get":
        query = "&".join(
            f"{quote_from_bytes(n.encode())}={quote_from_bytes(v)}" for n, _t, v in items
        )
        return client.get(f"{path}?{query}")
    if form.multipart:
        body, ctype = _multipart(items)
    else:
        body = b"&".join(
            quote_from_bytes(n.encode()).encode() + b"=" + quote_from_bytes(v).encode()
            for n, _t, v in items
        )
        ctype = "application/x-www-form-urlencoded"
    return client.generic("POST", path, body, content_type=ctype)


@pytest.fixture
def site(db: None, tmp_path: Any, settings: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    session = import_session_file(SEED)
    create_demo_rooms(session)
    create_demo_accounts(session)
    users = get_user_model().objects
    mexico = Entity.objects.get(code="MEX")
    # Something for the forms that act on a thing: a side event proposed, a statement uploaded.
    propose_remittances(session)
    client = Client()
    client.force_login(users.get(username="delegate-mex"))
    r = client.post(
        f"/sessions/{session.slug}/statements/upload",
        {
            "entity": mexico.pk,
            "language": "es",
            "title": "Declaración",
            "file": SimpleUploadedFile("mx.txt", "México propone.".encode(), "text/plain"),
        },
    )
    assert r.status_code == 302, r.content
    return session


@pytest.mark.parametrize("username", ROLES)
def test_no_form_answers_a_server_error_whatever_it_is_sent(
    site: Any, username: str, django_user_model: Any
) -> None:
    client = Client(raise_request_exception=True)
    client.force_login(django_user_model.objects.get(username=username))
    s = f"/sessions/{site.slug}/"
    pages = ["people/", "my-delegation", "composition", "side-events/mine", "side-events/opga"]
    pages += ["contributions/", "summary", "archive", "statistics", "side-events"]
    forms = crawl(client, ["/", s, "/accounts/", "/accreditation/", *(s + p for p in pages)])
    assert forms, "the crawler found no form"

    for form in forms:
        for items in [] if form.key in _SWEPT else sweep(form):
            response = send(client, form, items)
            assert response.status_code < 500, (form.action, items, response.status_code)
        _SWEPT.add(form.key)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(bodies(form))
        def fuzz(items: list[tuple[str, str, bytes]]) -> None:
            response = send(client, form, items)  # noqa: B023 (run at once, in this iteration)
            assert response.status_code < 500, (form.action, items, response.status_code)  # noqa: B023

        fuzz()
