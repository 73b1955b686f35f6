"""Virtual residents aged 65+ in a flu-vaccination rush (locust; see bench/rush/README.md).

`Resident`: takes the next unused person from the list `rush.py prepare` wrote (LUUKKU_RUSH_RESIDENTS),
signs in on the demo's test identification page by henkilötunnus, opens the front page (which sends a
signed-in resident to their home page), the service list and the flu service's times, picks a free time,
opens its confirm page, books it and views the booking; then signs out and starts over as the next
person. A time someone else took meanwhile (409) is tried again with another, up to three times.
`CheapPage`: the anonymous front page (no database query), the baseline of the same server.
Think time 0.5-1.5 s between steps, as a person reads.
"""

import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, events, task

SLOT_LINK = re.compile(r'href="(/ajanvaraus/aika/(\d+)/)"')
DETAIL = re.compile(r"/ajanvaraus/varaus/[0-9a-f-]{36}/")
FLU = os.environ.get("LUUKKU_RUSH_SERVICE", "influenssarokotus-65")

_people: list[str] = []
_next = iter(())
_lock = threading.Lock()


@events.init.add_listener
def _load_people(environment, **_kwargs) -> None:
    global _next
    path = Path(os.environ.get("LUUKKU_RUSH_RESIDENTS", "var/rush-residents.txt"))
    _people.extend(line.strip() for line in path.read_text().splitlines() if line.strip())
    _next = iter(enumerate(_people))


def _next_person() -> tuple[int, str] | None:
    with _lock:
        return next(_next, None)


class Resident(HttpUser):
    wait_time = between(0.5, 1.5)

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def _post(self, url: str, data: dict, name: str, ok=(302,)):
        with self.client.post(
            url,
            {**data, "csrfmiddlewaretoken": self._csrf()},
            name=name,
            allow_redirects=False,
            headers={"Referer": self.host + url},
            catch_response=True,
        ) as response:
            if response.status_code in ok:
                response.success()
            return response

    @task
    def book_a_flu_shot(self) -> None:
        person = _next_person()
        if person is None:
            self.environment.runner.quit() if self.environment.runner else None
            return
        number, hetu = person
        self.client.cookies.clear()
        self.client.get("/tunnistautuminen/", name="sign-in page")
        signed_in = self._post("/tunnistautuminen/", {"hetu": hetu}, "sign in")
        if signed_in.status_code != 302:
            return
        self.wait()
        self.client.get("/", name="front")  # a signed-in resident is sent to /oma/
        self.wait()
        self.client.get("/ajanvaraus/", name="services")
        for _attempt in range(3):
            self.wait()
            times = self.client.get(f"/ajanvaraus/palvelu/{FLU}/", name="flu times")
            links = SLOT_LINK.findall(times.text or "")
            if not links:
                return
            confirm_url, _slot = random.choice(links[:60])
            self.wait()
            self.client.get(confirm_url, name="confirm page")
            self.wait()
            booked = self._post(confirm_url, {"phone": f"+35840{number:07d}"}, "book", ok=(302, 409))
            if booked.status_code == 409:
                events.request.fire(
                    request_type="note",
                    name="slot taken meanwhile",
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )
                continue
            location = booked.headers.get("Location", "")
            if booked.status_code == 302 and DETAIL.fullmatch(location):
                events.request.fire(
                    request_type="note",
                    name="booked",
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )
                self.wait()
                self.client.get(location, name="view booking")
            break
        self._post("/uloskirjautuminen/", {}, "sign out")


class CheapPage(HttpUser):
    """The baseline: the anonymous front page of the same server (run alone: `locust ... CheapPage`)."""

    wait_time = between(0.5, 1.5)

    @task
    def front(self) -> None:
        self.client.get("/", name="cheap: anonymous front")
