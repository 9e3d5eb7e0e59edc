"""The event scorer: actor comparison, one-to-one matching, and the place and date limits."""

from rasd.events.evaluate import _match, report, same_actor, score


def _gold(sub="Air/drone strike", typ="Explosions/Remote violence", day="2015-08-05", lat=15.0, lon=44.0, prec=1):
    return {"event_type": typ, "sub_event_type": sub, "date": day,
            "location": {"text": "x", "lat": lat, "lon": lon, "geo_precision": prec}}


def _pred(sub="Air/drone strike", typ="Explosions/Remote violence", day="2015-08-05", lat=15.0, lon=44.0, prec=1):
    return {"event_type": typ, "sub_event_type": sub, "event_date": day, "latitude": lat, "longitude": lon,
            "geo_precision": prec}


def test_an_actor_of_another_country_is_not_a_match():
    assert not same_actor("Military Forces of Iraq", {"canonical": "Military Forces of Syria"})
    assert not same_actor("Civilians (Iraq)", {"canonical": "Civilians (Syria)"})
    assert same_actor("Military Forces of Yemen (Hadi loyalists)", {"canonical": "Military Forces of Yemen"})
    assert same_actor(None, None) and not same_actor("Houthis (Ansar Allah)", None)


def test_matching_is_one_to_one():
    gold = [_gold(), _gold()]
    assert len(_match(gold, [_pred()])) == 1
    assert len(_match([_gold()], [_pred(), _pred()])) == 1
    assert len(_match(gold, [_pred(), _pred()])) == 2


def test_matching_prefers_the_same_sub_type_when_both_could_match():
    gold = [_gold(sub="Shelling/artillery/missile attack"), _gold()]
    pairs = _match(gold, [_pred(), _pred(sub="Shelling/artillery/missile attack")])
    assert all(g["sub_event_type"] == p["sub_event_type"] for g, p in pairs)


def test_dates_match_within_one_day_only():
    assert _match([_gold()], [_pred(day="2015-08-06")])
    assert not _match([_gold()], [_pred(day="2015-08-07")])
    assert not _match([_gold()], [_pred(day=None)])


def test_places_match_within_50_km_or_100_km_for_regions():
    # 0.4 degrees of latitude is about 44 km, 0.6 about 67 km
    assert _match([_gold()], [_pred(lat=15.4)])
    assert not _match([_gold()], [_pred(lat=15.6)])
    assert _match([_gold(prec=3)], [_pred(lat=15.6)])
    assert not _match([_gold()], [_pred(typ="Battles", sub="Armed clash")])


def test_report_counts_predictions_in_articles_without_events_and_hides_errors():
    t = score({"a": [_gold()], "quiet": []}, {"a": [_pred(day="2016-01-01")], "quiet": [_pred()]})
    assert (t.gold, t.pred, t.matched) == (1, 2, 0)
    assert (t.quiet_docs, t.quiet_docs_with_events, t.quiet_docs_events) == (1, 1, 1)
    text = report(t)
    assert "F1 0.000" in text and "errors:" not in text
    detailed = report(t, errors=True)
    assert "a  missed" in detailed and "quiet  spurious" in detailed


def test_date_misses_are_counted_by_where_the_date_came_from():
    own = {**_pred(day="2015-07-01"), "evidence": {"start": 0, "end": 50}, "spans": {"date": [10, 14]}}
    lead = {**_pred(day="2015-07-01"), "evidence": {"start": 100, "end": 150}, "spans": {"date": [10, 14]}}
    borrowed = {**_pred(day="2015-07-01"), "dated_by": "rasd-x"}
    landmark = {**_pred(day="2015-07-01"), "dated_by": "landmark:Some battle"}
    default = _pred(day="2015-07-01")
    old = {**_gold(), "is_background": True}
    t = score({"a": [_gold(), _gold(), _gold(), _gold(), old]}, {"a": [own, lead, borrowed, landmark, default]})
    assert t.matched == 0
    assert (t.date_misses["own sentence"], t.date_misses["elsewhere in the article"], t.date_misses["borrowed"],
            t.date_misses["landmark"], t.date_misses["default"],
            t.date_misses["gold over 30 days before publication"]) == (1, 1, 1, 1, 1, 1)
    assert "own sentence 1, elsewhere in the article 1, default 1, borrowed 1, landmark 1" in report(t)


def test_unmatched_gold_events_are_counted_by_what_their_sentence_held():
    from rasd import analyse
    from rasd.events.evaluate import losses

    strike = "وقصفت طائرات حربية أمس مواقع للمسلحين في مدينة صعدة."
    quiet = "وعاد الهدوء إلى أحياء المدينة بعد ظهر اليوم نفسه."
    doc = analyse(f"{strike} {quiet}", published="2015-08-10")
    pred = [e.to_record() for e in doc.events]
    (p,) = pred
    far_day = {**_gold(day="2015-06-01", lat=p["latitude"], lon=p["longitude"]), "evidence": strike}
    no_word = {**_gold(lat=p["latitude"], lon=p["longitude"]), "evidence": quiet}
    assert losses(doc, [far_day, no_word], pred) == {"a record with another day": 1, "no trigger word": 1}
    same = {**_gold(day=p["event_date"], lat=p["latitude"], lon=p["longitude"]), "evidence": strike}
    assert losses(doc, [same], pred) == {}  # a matched gold event is no loss
