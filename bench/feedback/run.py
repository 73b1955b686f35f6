"""Feedback at scale on PostgreSQL: target search over 5 000 targets and the monthly report over a
million answers.

Run by hand (not part of the test suite):

    .venv/bin/python bench/feedback/run.py --targets 5000 --answers 1000000

It creates a fresh database (default luukku_bench_feedback on 127.0.0.1), an organisation of about 200
units under the demo county's levels, the targets (fi/sv/en names: municipality x service x team) and
the answers and invitations spread over twelve months with generate_series. Then it times:

- search: `feedback.search.search(query)` - what the predictive search view calls, with the index
  check and the fetch of the shown targets - for queries typed as residents type them: beginnings of
  one or two words, a letter wrong, missing or swapped, in Finnish, Swedish and English (p50/p95/p99);
- report: `feedback.reports.organisation_report` at every organisation level for the last complete
  month computed from the answers (what the monthly summary does before the month is closed), the
  closing of the months (`reports.close_months`, run by `manage.py feedback_daily`), and the twelve
  months of the report page once closed months come from their stored summaries; best of three.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SERVICES = (
    ("hammashoitola", "tandklinik", "dental clinic"),
    ("terveysasema", "hälsostation", "health station"),
    ("laboratorio", "laboratorium", "laboratory"),
    ("lastenneuvola", "barnrådgivning", "child health clinic"),
    ("äitiysneuvola", "mödrarådgivning", "maternity clinic"),
    ("fysioterapia", "fysioterapi", "physiotherapy"),
    ("kotihoito", "hemvård", "home care"),
    ("palveluohjaus", "servicehandledning", "service guidance"),
    ("perheneuvola", "familjerådgivning", "family counselling"),
    ("mielenterveyspalvelut", "mentalvårdstjänster", "mental health services"),
    ("päihdepalvelut", "missbrukarvård", "substance use services"),
    ("kouluterveydenhuolto", "skolhälsovård", "school health care"),
    ("aikuissosiaalityö", "socialt arbete för vuxna", "adult social work"),
    ("vammaispalvelut", "handikappservice", "disability services"),
    ("päivystys", "jour", "emergency clinic"),
    ("rokotukset", "vaccinationer", "vaccinations"),
    ("diabeteshoitaja", "diabetesskötare", "diabetes nurse"),
    ("palvelutalo", "serviceboende", "sheltered housing"),
    ("omaishoidon tuki", "stöd för närståendevård", "informal care support"),
    ("puheterapia", "talterapi", "speech therapy"),
)
PLACES = (
    ("Hämeenlinna", "Tavastehus"),
    ("Riihimäki", "Riihimäki"),
    ("Forssa", "Forssa"),
    ("Janakkala", "Janakkala"),
    ("Hattula", "Hattula"),
    ("Hausjärvi", "Hausjärvi"),
    ("Loppi", "Loppi"),
    ("Tammela", "Tammela"),
    ("Jokioinen", "Jockis"),
    ("Humppila", "Humppila"),
    ("Ypäjä", "Ypäjä"),
    ("Lammi", "Lammi"),
    ("Tuulos", "Tuulos"),
    ("Renko", "Rengo"),
    ("Iittala", "Iittala"),
    ("Turenki", "Tyrväntö"),
)


def setup_django(database_url: str) -> None:
    os.environ["LUUKKU_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def recreate_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def seed(targets: int, answers: int, invitations: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from luukku.feedback import surveys
    from luukku.feedback.models import FeedbackTarget
    from luukku.feedback.search import search_key
    from luukku.identity.models import OrgUnit
    from luukku.identity.personas import seed_organisation

    call_command("migrate", verbosity=0)
    seed_organisation()
    county = OrgUnit.objects.get(code="kanta-hame")
    units = []
    for d in range(5):
        division = OrgUnit.objects.create(
            code=f"b-div-{d}", name=f"Toimiala {d}", level="division", parent=county
        )
        for a in range(4):
            area = OrgUnit.objects.create(
                code=f"b-area-{d}-{a}", name=f"Tulosalue {d}.{a}", level="result_area", parent=division
            )
            units += [
                OrgUnit(code=f"b-unit-{d}-{a}-{u}", name=f"Yksikkö {d}.{a}.{u}", level="unit", parent=area)
                for u in range(10)
            ]
    units = OrgUnit.objects.bulk_create(units)
    rng = random.Random(5)
    rows, n = [], 0
    while len(rows) < targets:
        place_fi, place_sv = PLACES[n % len(PLACES)]
        fi, sv, en = SERVICES[(n // len(PLACES)) % len(SERVICES)]
        team = n // (len(PLACES) * len(SERVICES))
        suffix = f", tiimi {team}" if team else ""
        names = (
            f"{place_fi}, {fi}{suffix}",
            f"{place_sv}, {sv}{suffix.replace('tiimi', 'team')}",
            f"{place_fi}, {en}{suffix.replace('tiimi', 'team')}",
        )
        rows.append(
            FeedbackTarget(
                code=f"b-{n}",
                kind="team" if team else "service",
                name=names[0],
                name_sv=names[1],
                name_en=names[2],
                unit=rng.choice(units),
                search_key=search_key(*names),
            )
        )
        n += 1
    FeedbackTarget.objects.bulk_create(rows, batch_size=2000)
    definition = surveys.definition(surveys.CORE_KEY)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO feedback_invitation (token_digest, target_id, unit_id, person_id, phone_digest,
                email_digest, trigger, survey_key, source, channel, created_at, expires_at, answered_at)
            SELECT md5(g::text), t.id, t.unit_id, NULL, '', '', 'bench', 'palaute', 'bench:' || g, 'sms',
                   now() - (g %% 365) * interval '1 day', now(), CASE WHEN g %% 4 = 0 THEN now() END
            FROM generate_series(1, %s) g
            JOIN feedback_feedbacktarget t ON t.code = 'b-' || (g %% %s)
            """,
            [invitations, targets],
        )
        cursor.execute(
            """
            INSERT INTO feedback_surveyanswer (definition_id, target_id, unit_id, invited, channel,
                language, answers, nps, comment, sentiment, topics, answered_at, entered_by_id)
            SELECT %s, t.id, t.unit_id, false, 'web', 'fi', '{}',
                   CASE WHEN g %% 10 < 7 THEN 10 WHEN g %% 10 < 8 THEN 9
                        WHEN g %% 10 < 9 THEN 8 ELSE g %% 7 END,
                   '', '', '[]', now() - (g %% 365) * interval '1 day' - (g %% 24) * interval '1 hour', NULL
            FROM generate_series(1, %s) g
            JOIN feedback_feedbacktarget t ON t.code = 'b-' || (g %% %s)
            """,
            [definition.pk, answers, targets],
        )
        cursor.execute("ANALYZE")


def queries(rng: random.Random, count: int) -> list[str]:
    from luukku.feedback.models import FeedbackTarget

    names = list(FeedbackTarget.objects.values_list("name", "name_sv", "name_en"))
    found = []
    for _n in range(count):
        name = rng.choice(rng.choice(names)).replace(",", "")
        words = name.split()
        typed = [w[: rng.randint(3, len(w))] for w in words[: rng.randint(1, 2)]]
        if rng.random() < 0.4:  # one typo in the longest typed word
            i = max(range(len(typed)), key=lambda k: len(typed[k]))
            w = typed[i]
            if len(w) >= 5:
                p = rng.randint(1, len(w) - 2)
                kind = rng.choice(("wrong", "missing", "swap"))
                w = (
                    w[:p] + "x" + w[p + 1 :]
                    if kind == "wrong"
                    else w[:p] + w[p + 1 :]
                    if kind == "missing"
                    else w[:p] + w[p + 1] + w[p] + w[p + 2 :]
                )
                typed[i] = w
        found.append(" ".join(typed))
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--targets", type=int, default=5_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--invitations", type=int, default=4_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="luukku_bench_feedback")
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is (no re-seeding)")
    args = parser.parse_args()
    if not args.keep:
        recreate_database(f"{args.server}/postgres", args.database)
    setup_django(f"{args.server}/{args.database}")
    started = time.perf_counter()
    if not args.keep:
        seed(args.targets, args.answers, args.invitations)
        print(
            f"seeded {args.targets} targets, {args.answers} answers, {args.invitations} invitations "
            f"in {time.perf_counter() - started:.0f} s"
        )

    from luukku.feedback import reports, search

    rng = random.Random(11)
    typed = queries(rng, args.queries)
    t = time.perf_counter()
    search.index()
    print(f"search index built in {1000 * (time.perf_counter() - t):.0f} ms")
    timings, empty = [], 0
    for query in typed:
        t = time.perf_counter()
        found = search.search(query)
        timings.append(1000 * (time.perf_counter() - t))
        empty += not found
    print(
        f"search over {args.targets} targets, {len(typed)} queries: p50 {statistics.median(timings):.2f} ms, "
        f"p95 {percentile(timings, 0.95):.2f} ms, p99 {percentile(timings, 0.99):.2f} ms, "
        f"max {max(timings):.2f} ms; {empty} queries found nothing"
    )
    last_complete = reports.months_back(2)[0]
    best = float("inf")
    for _n in range(3):
        t = time.perf_counter()
        rows = reports.organisation_report([last_complete])  # no month closed yet: from the answers
        best = min(best, time.perf_counter() - t)
    county = rows[0].total()
    print(
        f"monthly report {last_complete[0]}-{last_complete[1]:02d} from the answers, "
        f"{len(rows)} organisation units: {best:.2f} s (county: {county.answers} answers, NPS {county.nps}, "
        f"response rate {county.response_rate})"
    )
    t = time.perf_counter()
    closed = reports.close_months()
    print(f"closing {closed} months (feedback_daily, once per month): {time.perf_counter() - t:.1f} s")
    best = float("inf")
    for _n in range(3):
        t = time.perf_counter()
        rows = reports.organisation_report(reports.months_back(12))
        best = min(best, time.perf_counter() - t)
    county = rows[0].total()
    print(
        f"twelve-month report (the report page), closed months from their summaries: {best:.2f} s "
        f"(county: {county.answers} answers, NPS {county.nps})"
    )


if __name__ == "__main__":
    main()
