"""A synthetic national-scale sociale kaart, shared by the benchmarks.

``directory_rows(n, seed)`` yields HSDS rows ``(table name, {column: value})`` in an order where
every row comes after the rows it refers to: organisations (one per ten services), then per
service its location, address, service-at-location, weekly schedule, sometimes a cost option,
and two life-domain attributes. The column names are HSDS's, which are also the model fields'
attnames, so a row becomes a model with ``MODELS[table](**row)``. ``write_package`` writes the
same rows as an HSDS 3.0 tabular data package. Needs no Django settings.

Names and descriptions come from small Dutch word lists: harsher than a real directory, as a
common word ("geld", "koor", "samen") matches 20-50 % of all services.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from steunsysteem.directory.vocabularies import LIFE_DOMAINS

DATAPACKAGE = (
    Path(__file__).resolve().parents[1] / "src/steunsysteem/directory/hsds/datapackage.json"
)
ACTIVITIES = """
Zanggroep|Wandelgroep|Inloophuis|Kookclub|Taalcafé|Maatjesproject|Schuldhulp|Repair Café|
Herstelgroep|Buurtrestaurant|Fietsclub|Tekenatelier|Moestuin|Computerles|
Vrijwilligerscentrum|Klusdienst|Koor|Breiclub|Yogales|Wijkcentrum|Lotgenotengroep|
Budgetcoach|Sportinstuif|Theatergroep|Koffieochtend|Kaartclub|Telefooncirkel|Zwemgroep|
Werkplaats|Dagbesteding
""".replace("\n", "").split("|")
NAMES = """
De Lijsters|Het Anker|De Brug|Samen|De Ontmoeting|Het Baken|De Horizon|Zonnebloem|De Linde|
Op Koers|Thuis|De Schakel|Het Kompas|Lichtpunt
""".replace("\n", "").split("|")
SENTENCES = """
Elke week samen zingen in het koor.
Een rondje wandelen in het park met koffie na afloop.
Hulp bij geldzaken, schulden en post.
Samen koken en eten voor weinig geld.
Een maatje om mee op te trekken.
Iedereen is welkom, je hoeft je niet aan te melden.
Vrijwilligers helpen je op weg.
Leer werken met de computer en internet.
Praten met mensen die hetzelfde hebben meegemaakt.
Kom langs voor een kop koffie.
Werkervaring opdoen in een veilige omgeving.
Creatief bezig zijn met verf en klei.
Voor mensen met psychische klachten.
Samen sporten op je eigen niveau.
Wij zoeken vrijwilligers voor de bar en de tuin.
Oefenen met Nederlands praten.
""".strip().splitlines()
PLACES = "Buurthuis|Wijkcentrum|Bibliotheek|Kerkzaal|Sporthal|Dorpshuis|Atelier".split("|")
STREETS = "Dorpsstraat|Kerkstraat|Molenweg|Stationsplein|Julianalaan|Beatrixstraat".split("|")
CITIES = {
    "Utrecht": "Utrecht",
    "Zwolle": "Overijssel",
    "Groningen": "Groningen",
    "Tilburg": "Noord-Brabant",
    "Arnhem": "Gelderland",
    "Leeuwarden": "Friesland",
    "Delft": "Zuid-Holland",
    "Venlo": "Limburg",
    "Hoorn": "Noord-Holland",
    "Assen": "Drenthe",
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
STATUSES = ["active"] * 95 + ["temporarily closed"] * 3 + ["inactive"] * 2
MODIFIED = datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)


def postcode_areas(seed: int, count: int = 4000) -> dict[str, tuple[float, float]]:
    """Four-digit postcode -> (latitude, longitude) of its centre, spread over the Netherlands."""
    rng = random.Random(seed)
    areas: dict[str, tuple[float, float]] = {}
    while len(areas) < count:
        areas[str(rng.randint(1000, 9999))] = (rng.uniform(50.8, 53.4), rng.uniform(3.5, 7.1))
    return areas


def _ids(rng: random.Random) -> Iterator[uuid.UUID]:
    while True:
        yield uuid.UUID(int=rng.getrandbits(128), version=4)


def directory_rows(n: int, seed: int) -> Iterator[tuple[str, dict]]:
    rng = random.Random(seed)
    new_id = _ids(rng).__next__
    areas = postcode_areas(seed)
    codes = list(areas)
    domains = [LIFE_DOMAINS.term_id(code) for code in LIFE_DOMAINS.dutch_names]
    organizations = []
    for i in range(max(1, n // 10)):
        organizations.append(new_id())
        yield (
            "organization",
            {
                "id": organizations[-1],
                "name": f"Stichting {rng.choice(NAMES)} {i}",
                "description": f"Vrijwilligersorganisatie in {rng.choice(list(CITIES))}.",
                "website": f"https://stichting-{i}.example.nl",
            },
        )
    for i in range(n):
        organization = organizations[i % len(organizations)]
        service, location, link = new_id(), new_id(), new_id()
        code = rng.choice(codes)
        city = rng.choice(list(CITIES))
        lat, lon = areas[code]
        yield (
            "service",
            {
                "id": service,
                "organization_id": organization,
                "name": f"{rng.choice(ACTIVITIES)} {rng.choice(NAMES)}",
                "description": " ".join(rng.sample(SENTENCES, 3)),
                "status": rng.choice(STATUSES),
                "email": f"info{i}@example.nl",
                "last_modified": MODIFIED,
            },
        )
        yield (
            "location",
            {
                "id": location,
                "location_type": "physical",
                "organization_id": organization,
                "name": f"{rng.choice(PLACES)} {rng.choice(NAMES)}",
                "latitude": round(lat + rng.uniform(-0.01, 0.01), 6),
                "longitude": round(lon + rng.uniform(-0.01, 0.01), 6),
            },
        )
        yield (
            "address",
            {
                "id": new_id(),
                "location_id": location,
                "address_1": f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                "city": city,
                "state_province": CITIES[city],
                "postal_code": f"{code} {rng.choice('ABCDEFGHJK')}{rng.choice('LMNPRSTVWX')}",
                "country": "NL",
                "address_type": "physical",
            },
        )
        yield "service_at_location", {"id": link, "service_id": service, "location_id": location}
        hour = rng.choice([9, 10, 13, 14, 19])
        yield (
            "schedule",
            {
                "id": new_id(),
                "service_id": service,
                "freq": "WEEKLY",
                "interval": 1,
                "byday": rng.choice(WEEKDAYS),
                "opens_at": datetime.time(hour),
                "closes_at": datetime.time(hour + 2),
            },
        )
        if rng.random() < 0.3:
            amount = rng.choice([0, 2, 5])
            yield (
                "cost_option",
                {"id": new_id(), "service_id": service, "amount": amount, "currency": "EUR"},
            )
        for term in rng.sample(domains, 2):
            yield (
                "attribute",
                {
                    "id": new_id(),
                    "link_id": service,
                    "link_entity": "service",
                    "taxonomy_term_id": term,
                },
            )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def write_package(folder: Path, n: int, seed: int) -> Counter:
    """Write the directory as an HSDS 3.0 tabular data package; returns rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATAPACKAGE, folder / "datapackage.json")
    resources = json.loads(DATAPACKAGE.read_text("utf-8"))["resources"]
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in resources}
    paths = {r["name"]: r["path"] for r in resources}
    handles, writers, counts = {}, {}, Counter()
    try:
        for table, row in directory_rows(n, seed):
            if table not in writers:
                handles[table] = (folder / paths[table]).open("w", encoding="utf-8", newline="")
                writers[table] = csv.writer(handles[table])
                writers[table].writerow(columns[table])
            writers[table].writerow([_cell(row.get(name)) for name in columns[table]])
            counts[table] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts


def write_json(path: Path, n: int, seed: int) -> Counter:
    """Write the same directory as one HSDS JSON document in the tabular form
    (``{"organizations.csv": [...], ...}``); returns rows per table."""
    resources = json.loads(DATAPACKAGE.read_text("utf-8"))["resources"]
    paths = {r["name"]: r["path"] for r in resources}
    tables: dict[str, list[dict]] = {}
    counts: Counter = Counter()
    for table, row in directory_rows(n, seed):
        tables.setdefault(paths[table], []).append(
            {name: value if isinstance(value, int | float) else _cell(value)
             for name, value in row.items()}
        )  # fmt: skip
        counts[table] += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
    return counts
