"""Filling in forms the way a person does, shared by the browser tests."""


def sign_in_professional(page, username: str) -> None:
    page.goto("/ammattilainen/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill("demo-salasana-2026")
    page.get_by_role("button", name="Kirjaudu").click()


def send_older_person_concern(page, name: str, municipality: str, concern: str, start: bool = True) -> None:
    """An anonymous concern notification about an older person, not in danger; `start=False` goes on
    with the form already open on its first page."""
    if start:
        page.goto("/lomakkeet/")
        page.get_by_role("button", name="Huoli-ilmoitus iäkkäästä henkilöstä").click()
    page.get_by_role("group", name="Onko henkilö välittömässä vaarassa?").get_by_label("Ei").check()
    page.get_by_role("button", name="Seuraava").click()
    page.get_by_label("Nimi").fill(name)
    page.get_by_role("group", name="Kotikunta").get_by_label(municipality).check()
    page.get_by_role("button", name="Seuraava").click()
    page.get_by_label("Muisti").check()
    page.get_by_label("Kerro tarkemmin.").fill(concern)
    page.get_by_role("button", name="Seuraava").click()
    page.get_by_label("Yksityishenkilö").check()
    page.get_by_role("button", name="Lähetä").click()
