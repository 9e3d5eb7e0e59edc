"""rasd serve's API (FastAPI TestClient) on a store of invented Arabic articles analysed by rasd itself.

Every filter is checked against the same filter applied in Python to the store's own event records.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from rasd.document import Article  # noqa: E402
from rasd.errors import RasdError  # noqa: E402
from rasd.export.writers import ACLED_COLUMNS  # noqa: E402
from rasd.serve import create_app  # noqa: E402
from rasd.store import SQLiteStore  # noqa: E402
from tests.conftest import seed_article  # noqa: E402

# (id, published, outlet, title, text): invented reports; the Marib strike is told three times, the third
# report (stored last) joins the first two, which were two days apart: one event absorbs the other.
ARTICLES = [
    ("inv-marib-1", "2020-03-10", "Al Masdar", "غارات على مأرب",
     "شنت طائرات التحالف غارات جوية أمس على مواقع لجماعة الحوثي في مدينة مأرب، ما أدى إلى مقتل خمسة مسلحين."),
    ("inv-marib-2", "2020-03-12", "Okaz", "قصف في مأرب",
     "قالت مصادر أمنية إن طائرات التحالف قصفت أمس مواقع للحوثيين في مدينة مأرب."),
    ("inv-raqqa", "2021-06-05", "Al Hayat", "انفجار في الرقة",
     "انفجرت سيارة مفخخة اليوم في مدينة الرقة وأسفر الانفجار عن مقتل ثلاثة مدنيين."),
    ("inv-basra", "2019-11-02", "Al Sharq Al Awsat", "احتجاجات البصرة",
     "تظاهر مئات المحتجين أمس في مدينة البصرة للمطالبة بتحسين الخدمات وتوفير فرص العمل."),
    ("inv-idlib", "2021-02-15", "Al Watan", "إدلب",
     "نفى الجيش السوري أن يكون قد قصف بلدة سراقب في محافظة إدلب أمس."),
    ("inv-taiz", "2020-05-20", "Al Masdar", "معارك تعز",
     "اندلعت اشتباكات عنيفة أمس بين القوات الحكومية ومسلحي الحوثي في مدينة تعز."),
    ("inv-bus", "2022-01-05", "Al Madina", "هجوم على حافلة",  # no place: an event without coordinates
     "قتل مسلحون مجهولون أمس ثلاثة أشخاص في هجوم على حافلة ركاب."),
    ("inv-mosul", "2022-02-10", "Al Hayat", "تهديد", "هدد تنظيم داعش بشن هجمات جديدة على مدينة الموصل."),
]
LATE = [("inv-marib-3", "2020-03-11", "Al Riyadh", "غارات جديدة",
         "شن طيران التحالف أمس غارات جوية على مواقع الحوثيين في مدينة مأرب.")]


def build_store(path: Path) -> Path:
    """The invented articles and the seed article analysed and stored (two batches: the late report merges)."""
    from rasd.pipeline import default_pipeline
    from rasd.runner import ingest

    pipeline = default_pipeline()
    first = [Article(text=t, title=ti, id=i, published=p, source=s) for i, p, s, ti, t in ARTICLES] + [seed_article()]
    late = [Article(text=t, title=ti, id=i, published=p, source=s) for i, p, s, ti, t in LATE]
    with SQLiteStore(path) as store:
        ingest([pipeline(a) for a in first], store)
        ingest([pipeline(a) for a in late], store)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "rasd.db")


@pytest.fixture(scope="module")
def records(db: Path) -> list[dict]:
    with SQLiteStore(db, readonly=True) as store:
        return list(store.iter_real_events())


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, token=""), raise_server_exceptions=False)


def ids(events: list[dict]) -> list[str]:
    return [e["event_id"] for e in events]


def newest_first(events: list[dict]) -> list[str]:
    return ids(sorted(events, key=lambda e: (e.get("event_date") or "", e["event_id"]), reverse=True))


def test_the_store_holds_what_the_tests_need(records):
    assert len(records) >= 6
    assert {r["status"] for r in records} == {"occurred", "possible", "negated", "planned_or_threatened"}
    assert any(r["aliases"] for r in records) and any(r["attribution"] for r in records)


def test_all_events_newest_first_with_total(client, records):
    got = client.get("/api/events", params={"limit": 1000}).json()
    assert got["total"] == len(records) == got["count"]
    assert ids(got["events"]) == newest_first(records)
    assert all(isinstance(e["timestamp"], int) for e in got["events"])


FILTERS = [
    ({"type": "Protests"}, lambda r: r["event_type"] == "Protests"),
    ({"type": ["Protests", "Battles"]}, lambda r: r["event_type"] in ("Protests", "Battles")),
    ({"sub_type": "Air/drone strike"}, lambda r: r["sub_event_type"] == "Air/drone strike"),
    ({"status": "possible"}, lambda r: r["status"] == "possible"),
    ({"status": ["negated", "possible"]}, lambda r: r["status"] in ("negated", "possible")),
    ({"country": "Syria"}, lambda r: r["country"] == "Syria"),
    ({"start": "2020-01-01", "end": "2020-12-31"}, lambda r: "2020-01-01" <= (r["event_date"] or "") <= "2020-12-31"),
    ({"start": "2021-01-01"}, lambda r: (r["event_date"] or "") >= "2021-01-01"),
    ({"bbox": "42,12,54,19"}, lambda r: r["latitude"] is not None and 12 <= r["latitude"] <= 19
     and 42 <= r["longitude"] <= 54),  # Yemen
    ({"actor": "houthi"}, lambda r: any("houthi" in (r.get(k) or "").lower() for k in ("actor1", "actor2"))),
    ({"actor": "الجيش السوري"}, lambda r: "الجيش السوري" in (r.get("actor1_ar") or "")),
    ({"outlet": "Okaz"}, lambda r: "Okaz" in r["outlets"]),
    ({"min_confidence": 0.96}, lambda r: (r.get("confidence") or 0) >= 0.96),
    ({"located": "true"}, lambda r: r["latitude"] is not None),
    ({"country": "Yemen", "type": "Explosions/Remote violence", "start": "2020-03-01"},
     lambda r: r["country"] == "Yemen" and r["event_type"] == "Explosions/Remote violence"
     and r["event_date"] >= "2020-03-01"),
]


@pytest.mark.parametrize(("params", "keep"), FILTERS)
def test_each_filter_keeps_what_the_same_filter_keeps_in_python(client, records, params, keep):
    expected = [r for r in records if keep(r)]
    assert 0 < len(expected) < len(records)  # the filter has something to keep and something to drop
    got = client.get("/api/events", params={**params, "limit": 1000})
    assert got.status_code == 200, got.text
    assert ids(got.json()["events"]) == newest_first(expected) and got.json()["total"] == len(expected)
    assert got.headers["x-total-count"] == str(len(expected))


def test_text_query_finds_the_events_of_the_matching_articles(client, records):
    got = client.get("/api/events", params={"q": "مأرب"}).json()["events"]  # the article's word, any clitic
    expected = [r for r in records if any(d.startswith("inv-marib") for d in r["doc_ids"])]
    assert expected and ids(got) == newest_first(expected)
    assert client.get("/api/events", params={"q": "البطريق"}).json()["total"] == 0


def test_pages_follow_each_other(client, records):
    pages = [client.get("/api/events", params={"limit": 3, "offset": k}).json() for k in range(0, len(records), 3)]
    assert [i for p in pages for i in ids(p["events"])] == newest_first(records)
    assert all(p["total"] == len(records) for p in pages) and pages[0]["count"] == 3
    oldest = client.get("/api/events", params={"sort": "date", "limit": 1}).json()["events"][0]
    assert oldest["event_id"] == newest_first(records)[-1]


def test_map_fields_are_the_few_a_marker_needs(client, records):
    got = client.get("/api/events", params={"fields": "map", "located": "true", "limit": 5000}).json()
    located = [r for r in records if r["latitude"] is not None]
    assert ids(got["events"]) == newest_first(located)
    assert set(got["events"][0]) == {"event_id", "event_date", "event_type", "sub_event_type", "status", "latitude",
                                     "longitude", "location", "country", "n_reports"}
    by_id = {r["event_id"]: r for r in records}
    assert all(e["status"] == by_id[e["event_id"]]["status"] for e in got["events"])


def test_geojson_csv_and_acled_csv_hold_the_filtered_events(client, records):
    syria = [r for r in records if r["country"] == "Syria"]
    geo = client.get("/api/events", params={"country": "Syria", "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert [f["id"] for f in features] == newest_first(syria)
    assert all(f["geometry"]["coordinates"] == [f["properties"]["longitude"], f["properties"]["latitude"]]
               for f in features)
    for fmt, key in (("csv", "event_id"), ("acled-csv", "event_id_cnty")):
        got = client.get("/api/events", params={"country": "Syria", "format": fmt})
        assert got.headers["content-type"].startswith("text/csv") and "attachment" in got.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(got.text)))
        assert [row[key] for row in rows] == newest_first(syria)
    header = next(csv.reader(io.StringIO(client.get("/api/events", params={"format": "acled-csv"}).text)))
    assert header == ACLED_COLUMNS


def test_an_event_shows_its_reports_attribution_and_arabic_evidence(client, records):
    merged = next(r for r in records if r["aliases"])
    got = client.get(f"/api/events/{merged['event_id']}").json()
    assert got["event"]["event_id"] == merged["event_id"] and got["via"] is None
    assert [r["report_id"] for r in got["reports"]] == merged["reports"]
    for rep in got["reports"]:
        text, marks = rep["evidence"]["text"], rep["evidence"]["highlights"]
        assert "trigger" in {m["role"] for m in marks}
        assert all(text[m["start"]:m["end"]] == m["text"] for m in marks)
    quoted = [r for r in got["reports"] if r["attribution"]]
    assert quoted and all(r["attribution"]["kind"] and r["attribution"]["text"] for r in quoted)
    article = client.get(f"/api/articles/{quoted[0]['doc_id']}").json()
    attribution = quoted[0]["attribution"]
    assert article["text"][attribution["start"]:attribution["end"]] == attribution["text"]


def test_aliases_and_report_ids_lead_to_the_live_event(client, records):
    merged = next(r for r in records if r["aliases"])
    by_alias = client.get(f"/api/events/{merged['aliases'][0]}").json()
    assert by_alias["event"]["event_id"] == merged["event_id"] and by_alias["via"] == "alias"
    by_report = client.get(f"/api/events/{merged['reports'][-1]}").json()
    assert by_report["event"]["event_id"] == merged["event_id"] and by_report["via"] == "report"
    missing = client.get("/api/events/rasd-ev-0000000000000000")
    assert missing.status_code == 404 and missing.json() == {"error": "no event 'rasd-ev-0000000000000000'", "status": 404}


def test_an_article_has_its_text_and_every_span(client, records):
    got = client.get("/api/articles/inv-idlib").json()
    assert got["text"].startswith(got["title"] + "\n\n") and got["source"] == "Al Watan"
    spans = [s for layer in got["spans"].values() for s in layer]
    assert {"places", "timexes", "actors"} <= set(got["spans"])
    assert spans and all(got["text"][s["start"]:s["end"]] == s["text"] for s in spans)
    event_of = {r["event_id"] for r in records if "inv-idlib" in r["doc_ids"]}
    assert {r["event_id"] for r in got["reports"]} == event_of
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_search_returns_snippets_with_the_matched_word(client):
    got = client.get("/api/search", params={"q": "قصف"}).json()  # قصفت, قصف: the same word
    assert {"inv-marib-2", "inv-idlib"} <= {h["doc_id"] for h in got["hits"]}
    assert all(f"[{h['matched']}]" in h["snippet"] for h in got["hits"])
    assert client.get("/api/search", params={"q": "؟!"}).status_code == 400


def test_stats_count_the_filtered_events(client, records):
    got = client.get("/api/stats").json()
    assert got["total"] == len(records) == sum(t["count"] for t in got["type"]) == sum(d["count"] for d in got["day"])
    days = {}
    for r in records:
        days[r["event_date"]] = days.get(r["event_date"], 0) + 1
    assert {d["key"]: d["count"] for d in got["day"]} == days
    yemen = client.get("/api/stats", params={"country": "Yemen", "by": ["country", "actor"]}).json()
    assert [c["key"] for c in yemen["country"]] == ["Yemen"] and "day" not in yemen
    assert "Houthis (Ansar Allah)" in {a["key"] for a in yemen["actor"]}
    ranged = client.get("/api/stats", params={"start": "2021-01-01", "all_dates": "true", "by": "day"}).json()
    assert ranged["total"] == len(records)  # a timeline's full range, whatever the brush


@pytest.mark.parametrize(("params", "status", "says"), [
    ({"limit": 0}, 422, "limit"),
    ({"limit": 1001}, 400, "1000"),
    ({"limit": 20_000, "format": "csv"}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
    ({"bbox": "1,2,3"}, 400, "bbox"),
    ({"bbox": "50,10,40,20"}, 400, "bbox"),
    ({"start": "2020-02-30"}, 422, "start"),
    ({"start": "2021-01-01", "end": "2020-01-01"}, 400, "after"),
    ({"status": "rumoured"}, 400, "status"),
    ({"min_confidence": 2}, 422, "min_confidence"),
    ({"format": "xml"}, 422, "format"),
    ({"q": "ق" * 201}, 422, "q"),
    ({"q": "..."}, 400, "search"),
    ({"type": ["x"] * 21}, 422, "type"),
])
def test_malformed_queries_are_clear_4xx_json(client, params, status, says):
    got = client.get("/api/events", params=params)
    assert got.status_code == status, got.text
    body = got.json()
    assert body["status"] == status and says in body["error"]
    assert "Traceback" not in got.text


def test_a_server_failure_is_a_bare_500(tmp_path, db):
    broken = shutil.copy(db, tmp_path / "broken.db")
    app = TestClient(create_app(broken, token=""), raise_server_exceptions=False)
    with sqlite3.connect(broken) as conn:  # the file changes under the running server
        conn.execute("DROP TABLE event_reports")
    got = app.get("/api/events/rasd-ev-0000000000000000")
    assert got.status_code == 500 and got.json() == {"error": "internal server error", "status": 500}


def test_reading_never_writes_the_store(db, client):
    before = db.read_bytes()
    for url in ("/api/events", "/api/stats", "/api/search?q=مأرب", "/api/articles/inv-basra", "/healthz"):
        assert client.get(url).status_code == 200
    assert db.read_bytes() == before
    assert client.get("/healthz").json()["writes"] is False


def test_an_older_database_without_real_events_is_refused_at_start(tmp_path, monkeypatch):
    from rasd.store import migrations

    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        SQLiteStore(tmp_path / "old.db").close()
    with pytest.raises(RasdError, match="rasd cluster"):
        create_app(tmp_path / "old.db", token="")


@pytest.mark.parametrize("where", ["event_date >= '2020-01-01'", "country = 'Yemen' AND event_date > '2020'",
                                   "latitude BETWEEN 10 AND 20 AND longitude BETWEEN 40 AND 50",
                                   "event_type = 'Battles' AND event_date > '2020'"])
def test_filters_are_answered_by_an_index(db, where):
    with sqlite3.connect(db) as conn:
        plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN SELECT count(*) FROM real_events WHERE {where}"))
    assert "INDEX" in plan, plan


# -- writes -------------------------------------------------------------------------------------------

NEW = {"id": "inv-new", "published": "2022-04-03", "source": "Al Madina", "title": "قصف",
       "text": "قصفت مدفعية الجيش أمس مواقع المسلحين في بلدة سراقب بمحافظة إدلب."}


@pytest.fixture
def writable(tmp_path, db) -> Path:
    return Path(shutil.copy(db, tmp_path / "w.db"))


def test_writes_are_disabled_without_a_token(writable):
    app = TestClient(create_app(writable, token=""))
    got = app.post("/api/articles", json={"articles": [NEW]})
    assert got.status_code == 403 and "RASD_TOKEN" in got.json()["error"]


def test_writes_need_the_bearer_token(writable, monkeypatch):
    monkeypatch.setenv("RASD_TOKEN", "s3cret-token")
    app = TestClient(create_app(writable))
    assert app.get("/healthz").json()["writes"] is True
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}):
        got = app.post("/api/articles", json={"articles": [NEW]}, headers=headers)
        assert got.status_code == 401 and got.headers["www-authenticate"] == "Bearer"
    before = app.get("/api/events", params={"start": "2022-03-01"}).json()["total"]
    got = app.post("/api/articles", json={"articles": [NEW]}, headers={"Authorization": "Bearer s3cret-token"})
    assert got.status_code == 201, got.text
    body = got.json()
    assert body["added"] == 1 and body["doc_ids"] == ["inv-new"] and body["events"]["inv-new"]
    after = app.get("/api/events", params={"start": "2022-03-01"}).json()
    assert after["total"] == before + 1 and ids(after["events"]) == body["events"]["inv-new"]
    again = app.post("/api/articles", json={"articles": [NEW]}, headers={"Authorization": "Bearer s3cret-token"})
    assert again.json()["unchanged"] == 1


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 422),
    (json.dumps({"articles": []}).encode(), 422),
    (json.dumps({"articles": [{"title": "no text"}]}).encode(), 422),
    (json.dumps({"articles": [NEW] * 51}).encode(), 422),
    (json.dumps({"articles": [{**NEW, "text": "ق" * 600_000}]}).encode(), 413),
])
def test_bad_or_oversized_bodies_are_refused(writable, body, status):
    app = TestClient(create_app(writable, token="t"))
    got = app.post("/api/articles", content=body, headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
    assert got.status_code == status and got.json()["status"] == status
    with SQLiteStore(writable, readonly=True) as store:
        assert store.counts()["articles"] == len(ARTICLES) + len(LATE) + 1  # nothing was stored


def test_docs_and_the_page_are_served_offline(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
    page = client.get("/")
    assert page.status_code == 200 and "http" not in page.text.replace("http-equiv", "")  # nothing from elsewhere


def test_rasd_demo_serve_opens_the_app_on_the_seed_events(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from rasd.cli import app as cli

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, host, port, **kw: served.update(web=web, host=host, port=port))
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "demo.db"), "--fast-ner", "-q", "--serve"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    got = TestClient(served["web"]).get("/api/events").json()
    assert got["total"] >= 3 and {e["doc_id"] for e in got["events"]} == {"seed-alarabiya-2019-10-02"}
    assert "http://127.0.0.1:8000/" in result.output


def test_rasd_serve_names_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from rasd.cli import app as cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.output
    assert not (tmp_path / "none.db").exists()  # nothing created
