"""Cross-article event clustering: one event per real event, stable ids, fusion, and the dedup scores."""

import json
from dataclasses import replace

import pytest

from rasd.events.cluster import Clusterer, Report, fuse
from rasd.events.cluster_eval import Predicted, bcubed, cluster_same_key, gold_clusters, pairwise

BOMB = "Explosions/Remote violence"
# an invented town at 16.0 N, 44.0 E; 0.1 degree of latitude is about 11 km
TOWN = {"latitude": 16.0, "longitude": 44.0, "geo_precision": 1, "location": "Wadi Town"}


def _report(rid: str, doc: str, day: str = "2016-03-10", published: str = "2016-03-11", typ: str = BOMB,
            sub: str = "Suicide bomb", outlet: str = "outlet-a", **fields) -> Report:
    return Report(report_id=rid, doc_id=doc, event_type=typ, sub_event_type=sub, outlet=outlet, published=published,
                  event_date=day, time_precision=fields.pop("time_precision", 1), **{**TOWN, **fields})


def test_two_outlets_reporting_one_bombing_become_one_event():
    c = Clusterer()
    a = c.add(_report("r1", "d1", evidence="فجر انتحاري نفسه قرب سوق البلدة صباح الخميس", fatalities=7))
    b = c.add(_report("r2", "d2", outlet="outlet-b", sub="Remote explosive/landmine/IED", latitude=16.05,
                      evidence="انفجار عبوة في البلدة يوقع قتلى", fatalities=9))
    assert a == b and len(c) == 1
    fused = c.event(a).fused()
    assert fused["outlets"] == ["outlet-a", "outlet-b"] and fused["reports"] == ["r1", "r2"]
    assert fused["fatalities"] == 7  # the most conservative count
    assert [x["fatalities"] for x in fused["claims"]["fatalities"]] == [7, 9]


def test_same_town_a_week_apart_stays_apart():
    c = Clusterer()
    assert c.add(_report("r1", "d1")) != c.add(_report("r2", "d2", day="2016-03-17", published="2016-03-18"))


def test_a_different_type_at_the_same_place_and_day_stays_apart():
    c = Clusterer()
    bomb = c.add(_report("r1", "d1"))
    protest = c.add(_report("r2", "d2", typ="Protests", sub="Peaceful protest"))
    assert bomb != protest


def test_a_distant_town_and_reports_of_one_article_stay_apart():
    c = Clusterer()
    first = c.add(_report("r1", "d1"))
    assert c.add(_report("r2", "d2", latitude=16.5)) != first  # about 55 km away
    assert c.add(_report("r3", "d1", sub="Grenade")) != first  # a second event of the same article


def test_a_region_level_report_reaches_further():
    c = Clusterer()
    first = c.add(_report("r1", "d1"))
    assert c.add(_report("r2", "d2", latitude=16.5, geo_precision=3)) == first


def test_merge_keeps_the_older_id_and_records_the_alias():
    c = Clusterer()
    west = c.add(_report("r1", "d1", longitude=43.85))  # two reports 33 km apart: two events
    east = c.add(_report("r2", "d2", longitude=44.15))
    assert west != east
    joined = c.add(_report("r3", "d3"))  # a report between them, within 25 km of both
    assert joined == west and len(c) == 1
    assert c.event(west).aliases == [east]
    assert c.resolve(east) == west and c.event_of("r2") == west


def test_a_vague_report_does_not_merge_events():
    c = Clusterer()
    west = c.add(_report("r1", "d1", longitude=43.85))
    east = c.add(_report("r2", "d2", longitude=44.15))
    assert c.add(_report("r3", "d3", geo_precision=3)) == west
    assert len(c) == 2 and c.resolve(east) == east


def _batch() -> list[Report]:
    # in publication order; the second half opens with a report that merges two events of the first
    return [_report("r2", "d2", published="2016-03-11", longitude=44.15, outlet="outlet-b"),
            _report("r3", "d3", published="2016-03-11", longitude=43.85, outlet="outlet-c"),
            _report("r1", "d1", published="2016-03-12"),
            _report("r4", "d4", published="2016-03-12", typ="Protests", sub="Peaceful protest"),
            _report("r5", "d5", published="2016-03-20", day="2016-03-19"),
            _report("r6", "d6", published="2016-03-21", day="2016-03-19", latitude=16.1, outlet="outlet-b")]


def _clusters(c: Clusterer) -> list[tuple[str, list[str], list[str]]]:
    return [(e.event_id, [r.report_id for r in e.reports], e.aliases) for e in c.events()]


def test_two_halves_give_the_same_events_and_ids_as_one_pass():
    reports = _batch()
    one = Clusterer()
    one.add_many(list(reversed(reports)))  # a batch is fed in publication order whatever order it comes in
    first = Clusterer()
    first.add_many(reports[:2])
    state = json.loads(json.dumps(first.state()))  # carried to the next run as plain data
    second = Clusterer.from_state(state)
    second.add_many(reports[2:])
    assert _clusters(one) == _clusters(second)
    assert len(one) == 3 and one.events()[0].aliases  # the merge happened in both


def test_feeding_the_same_reports_again_changes_nothing():
    c = Clusterer()
    ids = c.add_many(_batch())
    before = _clusters(c)
    assert c.add_many(_batch()) == ids and _clusters(c) == before


def test_ids_come_from_the_first_report_and_survive_later_reports():
    c = Clusterer()
    eid = c.add(_report("r1", "d1"))
    c.add(_report("r2", "d2"))
    assert c.event_of("r2") == eid and eid.startswith("rasd-ev-")
    other = Clusterer()
    assert other.add(_report("r1", "dX")) == eid  # derived from the report's id alone


def test_fusion_takes_the_most_precise_place_and_day_and_keeps_a_denial():
    region = _report("r1", "d1", location="Wadi Province", geo_precision=3, time_precision=2, latitude=16.2)
    town = _report("r2", "d2", outlet="outlet-b")
    denial = _report("r3", "d3", status="negated", outlet="outlet-c", fatalities=0)
    fused = fuse([region, town, denial])
    assert fused["location"] == "Wadi Town" and fused["geo_precision"] == 1 and fused["time_precision"] == 1
    assert fused["status"] == "possible"  # one report denies it
    assert {x["status"] for x in fused["claims"]["status"]} == {"occurred", "negated"}
    assert fused["fatalities"] is None  # a denial's zero is no count of the dead
    assert fuse([region, town])["status"] == "occurred"
    assert (fused["first_seen"], fused["last_seen"]) == ("2016-03-11", "2016-03-11")


def test_fusion_counts_zero_only_when_nobody_gives_a_death_toll():
    assert fuse([_report("r1", "d1", fatalities=0)])["fatalities"] == 0
    assert fuse([_report("r1", "d1", fatalities=0), replace(_report("r2", "d2"), fatalities=3)])["fatalities"] == 3


def test_bcubed_and_pairwise_on_a_hand_example():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    system = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    # precision per item: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1 -> both 11/15
    p, r, f = bcubed(system, gold)
    assert (p, r, f) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # system pairs ab cd ce de, gold pairs ab ac bc de: 2 shared
    assert pairwise(system, gold) == pytest.approx((0.5, 0.5, 0.5))
    singletons = {k: k for k in gold}
    assert bcubed(singletons, gold)[0] == 1.0 and pairwise(singletons, gold)[2] == 0.0


def _gold_event(day: str, lat: float, prec: int = 1, typ: str = BOMB) -> dict:
    return {"event_type": typ, "sub_event_type": "Suicide bomb", "date": day,
            "location": {"lat": lat, "lon": 44.0, "geo_precision": prec}}


def test_gold_clusters_link_articles_but_never_two_events_of_one_article():
    gold = {"g1": [_gold_event("2016-03-10", 16.0), _gold_event("2016-03-10", 16.1)],
            "g2": [_gold_event("2016-03-11", 16.05)],
            "g3": [_gold_event("2016-03-10", 16.6, prec=3)],  # 67 km off, region level
            "g4": [_gold_event("2016-03-13", 16.0), _gold_event("2016-03-10", 16.0, typ="Protests")]}
    label = gold_clusters(gold)
    assert label["g1", 0] != label["g1", 1]  # one article's two events stay two
    assert label["g2", 0] in (label["g1", 0], label["g1", 1])
    assert label["g3", 0] in (label["g1", 0], label["g1", 1])
    assert len({label["g4", 0], label["g4", 1]} & {label["g1", 0], label["g1", 1]}) == 0


def test_the_key_baseline_needs_the_same_sub_type_place_and_day():
    rec = {"sub_event_type": "Suicide bomb", "geonameid": 7, "latitude": 16.0, "longitude": 44.0, "event_date": "2016-03-10"}
    docs = [Predicted("d1", None, None, [rec]), Predicted("d2", None, None, [dict(rec)]),
            Predicted("d3", None, None, [{**rec, "event_date": "2016-03-11"}])]
    labels = cluster_same_key(docs)
    assert labels["d1", 0] == labels["d2", 0] != labels["d3", 0]


def test_a_new_report_is_compared_only_with_reports_near_it(monkeypatch: pytest.MonkeyPatch):
    import rasd.events.cluster as cluster

    calls = []

    def counting(a: Report, b: Report, settings: cluster.Settings) -> bool:
        calls.append(b.report_id)
        return compatible(a, b, settings)

    compatible = cluster.compatible
    monkeypatch.setattr(cluster, "compatible", counting)

    def compared_after(stored: int) -> list[str]:
        c = Clusterer()
        for n in range(stored):  # one report a day, each 3 degrees further east: nothing near another
            c.add(_report(f"s{n}", f"ds{n}", day=f"2016-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}", longitude=3.0 * (n % 50)))
        c.add(_report("near", "dn", day="2016-01-05", longitude=0.1))  # in the window, not the same event
        calls.clear()
        c.add(_report("new", "dx", day="2016-01-01", longitude=0.0))
        return sorted(set(calls))  # a candidate may also be compared as its event's first report

    assert compared_after(30) == compared_after(600) == ["near", "s0"]


def test_evaluate_prints_rasd_beside_both_baselines():
    from rasd.events.cluster_eval import evaluate

    def pred(doc: str, sub: str, day: str) -> dict:
        return {"event_id": f"{doc}-1", "doc_id": doc, "event_type": BOMB, "sub_event_type": sub, "event_date": day,
                "time_precision": 1, "latitude": 16.0, "longitude": 44.0, "geo_precision": 1}

    gold = {"d1": [_gold_event("2016-03-10", 16.0)], "d2": [_gold_event("2016-03-10", 16.0)]}
    docs = [Predicted("d1", "2016-03-10", "a", [pred("d1", "Suicide bomb", "2016-03-10")]),
            Predicted("d2", "2016-03-11", "b", [pred("d2", "Grenade", "2016-03-10")])]
    lines = evaluate(gold, docs).splitlines()
    rows = {line[:28].strip(): line.split() for line in lines[3:]}
    assert rows["rasd (cluster.yaml rule)"][-7:-4] == ["1", "1.000", "1.000"]  # one event, B3 P and R
    assert rows["none"][-7] == "2" and rows["sub-type+place+day"][-7] == "2"


def test_reports_do_not_chain_away_from_the_event():
    """Each step is within reach of the previous report, but the third is too far from the first:
    it fits a member of the event, not the event (single-link chaining made 141-report events)."""
    c = Clusterer()
    first = c.add(_report("r1", "d1"))
    assert c.add(_report("r2", "d2", latitude=16.15)) == first  # about 17 km
    assert c.add(_report("r3", "d3", latitude=16.30)) != first  # 17 km from r2, 33 km from r1


def test_the_store_does_not_chain_either(tmp_path):
    import sqlite3

    from rasd.store.clusters import StoreClusterer
    from rasd.store.migrations import migrate

    conn = sqlite3.connect(tmp_path / "s.db")
    migrate(conn)
    store = StoreClusterer(conn)
    first = store.add(_report("r1", "d1"))
    assert store.add(_report("r2", "d2", latitude=16.15)) == first
    assert store.add(_report("r3", "d3", latitude=16.30)) != first


def test_a_country_wide_report_joins_only_country_wide_ones():
    c = Clusterer()
    town = c.add(_report("r1", "d1"))
    country = {"geo_precision": 3, "location": "Yemen", "country": "Yemen", "latitude": 16.2}
    wide = c.add(_report("r2", "d2", **country))
    assert wide != town  # «في اليمن» locates nothing near the town
    assert c.add(_report("r3", "d3", **country)) == wide
