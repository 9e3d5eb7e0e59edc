from __future__ import annotations

import os

import pytest

from rasd.document import Article, Document, Place, Timex
from rasd.events import extract_events
from rasd.events.numbers import fatalities
from rasd.sources import find_sources
from rasd.text.stage import analyse_text


def _doc(text: str, published: str = "2015-08-08", places=(), timexes=(), doc_id: str = "t") -> Document:
    doc = analyse_text(Document.from_article(Article(text=text, id=doc_id, published=published)))
    doc.places = list(places)
    doc.timexes = list(timexes)
    return extract_events(find_sources(doc))


def _place(doc_text: str, name: str, en: str, kind: str = "populated") -> Place:
    i = doc_text.index(name)
    return Place(name, i, i + len(name), en, "YE", 15.35, 44.2, kind)


def _records(text: str, published: str = "2015-08-06") -> list:
    """The events the whole pipeline finds in ``text``."""
    from rasd import analyse

    return analyse(text, published=published).events


def _found(text: str, published: str = "2015-08-06") -> list[tuple[str, str]]:
    """(sub-type, status) of each event the whole pipeline finds in ``text``."""
    return [(e.sub_event_type, e.status) for e in _records(text, published)]


def _subtypes(text: str, published: str = "2015-08-06") -> list[str]:
    return [sub for sub, _ in _found(text, published)]


def test_air_strike_with_place_date_fatalities_and_source():
    text = "وقالت مصادر محلية إن غارات جوية لطيران التحالف استهدفت أمس مواقع الحوثيين في صنعاء، ما أسفر عن مقتل 12 مسلحا."
    i = text.index("أمس")
    doc = _doc(text, places=[_place(text, "صنعاء", "Sanaa")], timexes=[Timex("أمس", i, i + 3, "DATE", "2015-08-07", 1)])
    (ev,) = doc.events
    r = ev.to_record()
    assert (r["event_type"], r["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert r["event_date"] == "2015-08-07" and r["time_precision"] == 1 and r["date_ar"] == "أمس"
    assert r["location"] == "Sanaa" and r["geo_precision"] == 1 and r["country"] == "Yemen" and r["iso"] == 887
    assert r["fatalities"] == 12 and r["status"] == "occurred"
    assert r["attribution"]["kind"] == "anonymous" and r["attribution"]["text"] == "مصادر محلية"
    assert doc.text[r["evidence"]["start"] : r["evidence"]["end"]] == r["evidence"]["text"]
    assert r["notes"].endswith(".") and "Sanaa" in r["notes"]


def test_threat_is_not_an_occurred_event():
    text = "وهدد التنظيم بشن هجمات انتحارية على المساجد في صنعاء."
    doc = _doc(text, places=[_place(text, "صنعاء", "Sanaa")])
    assert [e.status for e in doc.events] == ["planned_or_threatened"]
    assert doc.events[0].sub_event_type == "Suicide bomb"
    assert _doc("وهدد التنظيم بشن هجمات انتحارية على المساجد.").events == []  # a threat with no place


def test_summaries_over_a_period_are_not_events():
    text = "ويشن الطيران الأمريكي في الأسابيع الأخيرة غارات جوية على مواقع التنظيم في جبل سنجار."
    assert _doc(text, places=[_place(text, "جبل سنجار", "Sinjar")]).events == []
    one = "وشن الطيران الأمريكي أمس غارات جوية على مواقع التنظيم في جبل سنجار."
    assert len(_doc(one, places=[_place(one, "جبل سنجار", "Sinjar")]).events) == 1


def test_the_target_of_a_seized_bomb_is_not_another_event():
    from rasd.pipeline import analyse

    doc = analyse("وأوضح المصدر أنه تم اكتشاف وتدمير مستودع للمتفجرات يعود للمسلحين في قرية المهدية، "
                  "واكتشاف وتدمير 30 عبوة ناسفة كانت جاهزة لاستهداف دوريات الشرطة.", published="2015-08-03")
    assert [e.sub_event_type for e in doc.events] == ["Disrupted weapons use"]


def test_headline_and_body_give_one_record():
    doc = analyse_text(Document.from_article(Article(title="مقتل 3 في تفجير عبوة ناسفة", text="قتل ثلاثة أشخاص في تفجير عبوة ناسفة على الطريق.", id="h", published="2015-08-08")))
    doc = extract_events(find_sources(doc))
    assert len(doc.events) == 1
    assert doc.events[0].evidence["start"] >= doc.body_start  # the body sentence is the evidence
    assert doc.events[0].fatalities == 3


def test_background_event_and_distinct_types():
    text = "وفي فبراير خطف مقاتلو التنظيم 250 مسيحيا. وتظاهر المئات اليوم في المدينة."
    i = text.index("فبراير")
    j = text.index("اليوم")
    doc = _doc(text, timexes=[Timex("فبراير", i, i + 6, "DATE", "2015-02", 3, ("2015-02-01", "2015-02-28")),
                              Timex("اليوم", j, j + 5, "DATE", "2015-08-08", 1)])
    subs = {e.sub_event_type: e for e in doc.events}
    assert subs["Abduction/forced disappearance"].is_background
    assert subs["Abduction/forced disappearance"].time_precision == 3
    assert not subs["Peaceful protest"].is_background


def test_no_events_in_non_conflict_text():
    assert _doc("افتتح الأمير معرضا للكتاب وسط حضور كبير من المثقفين.").events == []


def test_fatality_counts():
    assert fatalities("قتل ثلاثة مدنيين بقصف") == 3
    assert fatalities("سقوط عشرات القتلى") == 12
    assert fatalities("وراح ضحيته 7 جنود و4 مدنيين") == 11
    assert fatalities("لقي مصرعه مع 40 آخرين") == 41
    assert fatalities("لم يسفر الهجوم عن وقوع إصابات") == 0
    assert fatalities("أصيب 3 أشخاص") is None


def test_event_ids_are_stable():
    text = "شنت طائرات التحالف غارات جوية على مواقع الحوثيين في صنعاء، وتظاهر المئات في صنعاء احتجاجا على الغلاء."

    def ids(doc_id: str = "t") -> list[str]:
        return [e.event_id for e in _doc(text, places=[_place(text, "صنعاء", "Sanaa")], doc_id=doc_id).events]

    first = ids()
    assert len(first) == len(set(first)) == 2 and all(i.startswith("rasd-") for i in first)  # two events, two ids
    assert ids() == first  # the same on every run
    assert set(ids("other")).isdisjoint(first)  # and the article is part of the id


def test_sport_and_metaphor_are_not_events():
    assert _doc("وفي الشوط الثاني، رد الفريق بهدف من ضربة حرة في الدقيقة 60.").events == []
    assert _doc("ودعا إلى إنهاء عمليات اختطاف العقول للناشئة والشباب.").events == []


def test_execution_of_civilians_is_an_attack():
    (ev,) = _doc("أعدم تنظيم داعش 11 شابا في الموصل.").events
    assert (ev.event_type, ev.sub_event_type, ev.fatalities) == ("Violence against civilians", "Attack", 11)


def test_found_bombs_are_disrupted_weapons_use():
    text = "وأعلن الجيش اكتشاف وتفكيك عبوة ناسفة على الطريق في صنعاء."
    (ev,) = _doc(text, places=[_place(text, "صنعاء", "Sanaa")]).events
    assert ev.sub_event_type == "Disrupted weapons use"


def test_takeover_words_need_armed_actors():
    assert _doc("المال سيطر على المشاعر والقلوب، والمصلحة تحكم الشعوب.").events == []
    from rasd import analyse

    (ev,) = analyse("وسيطر مسلحو تنظيم داعش على مدينة تدمر بعد معارك مع الجيش السوري.", published="2015-05-21").events
    assert (ev.sub_event_type, ev.location, ev.actor1) == ("Non-state actor overtakes territory", "Tadmur", "Islamic State (Syria)")


def test_protesters_are_actor1_and_killed_soldiers_are_targets():
    from rasd import analyse

    (protest,) = analyse("تظاهر مئات المواطنين في تعز للمطالبة برحيل الحوثيين.", published="2015-08-10").events
    assert (protest.actor1, protest.inter1) == ("Protesters (Yemen)", 6)
    (bomb,) = analyse("قتل 5 جنود سوريين في هجوم بسيارة مفخخة استهدف حاجزا للجيش في ريف حماة أمس.",
                      published="2015-08-10").events
    assert bomb.actor2 == "Military Forces of Syria (2000-)" and bomb.fatalities == 5 and bomb.geo_precision == 2


def test_questions_report_no_event():
    assert _doc("هل قصفت الطائرات مدينة صنعاء أمس؟").events == []


def test_force_against_protesters_and_their_movement():
    from rasd import analyse

    (fired,) = analyse("أطلقت قوات الأمن العراقية النار على المتظاهرين في البصرة أمس.", published="2015-08-10").events
    assert (fired.sub_event_type, fired.actor1) == ("Excessive force against protesters", "Protesters (Iraq)")
    assert fired.actor2 is not None and "Iraq" in fired.actor2
    (rally,) = analyse("تظاهر أنصار حزب الله في بيروت.", published="2015-08-10").events
    assert (rally.actor1, rally.assoc_actor_1, rally.actor2) == ("Protesters (Lebanon)", "Hezbollah", None)


def test_commentary_on_an_undated_event_is_not_coded():
    text = "وقال المحلل السياسي عبدالناصر مودع إن تحرير عدن من الحوثيين تطور نوعي."
    assert _doc(text, places=[_place(text, "عدن", "Aden")]).events == []
    reported = "وقال مسؤول عسكري إن القوات استعادت عدن من الحوثيين."
    assert [e.sub_event_type for e in _doc(reported, places=[_place(reported, "عدن", "Aden")]).events] == [
        "Government regains territory"]


def test_no_event_is_read_from_a_tag_list():
    text = "وزار الوزير المدينة أمس والتقى المسؤولين سمات تدمر حمص هجوم داعش جنود"
    doc = _doc(text)
    assert doc.events == []
    assert doc.spans["trailer"][0].text.startswith("سمات") and doc.sentences[-1].text.startswith("سمات")


def test_no_event_is_read_from_a_columnists_other_titles():
    text = ("وختم الكاتب مقاله بالدعوة إلى الحوار بين الأندية. مقالات أخرى للكاتب"
            "(هل انتهى زمن الحوار؟!)(تفجير مسجد في مدينة أبها أمس)")
    doc = _doc(text)
    assert doc.events == []
    assert doc.spans["trailer"][0].text.startswith("مقالات أخرى للكاتب")
    # the first title may follow with no space at all
    glued = _doc("وختم الكاتب مقاله بالدعوة إلى الحوار. مقالات أخرى للكاتبحين يصمت الجميع!(انفجار الحافلة في كابل)؟!")
    assert glued.events == [] and glued.spans["trailer"][0].text.startswith("مقالات أخرى للكاتب")


def test_a_handover_is_of_a_camp_or_positions():
    assert _subtypes("وقالت الشرطة إن قنبلة انفجرت أمس في منطقة دار سلم جنوب صنعاء.") == ["Remote explosive/landmine/IED"]
    assert _subtypes("واضطر قائد اللواء إلى تسليم المعسكر للقوات الحكومية في مدينة لحج أمس.") == [
        "Non-violent transfer of territory"]


def test_the_inquiry_into_a_gas_attack_is_no_attack():
    assert _subtypes("وناقش مجلس الأمن مشروعا لإنشاء فريق يحقق في الهجمات بغاز الكلور على بلدة سرمين.") == []
    assert _subtypes("وقال ناشطون إن الطائرات ألقت براميل محملة بغاز الكلور على بلدة سرمين في ريف إدلب أمس.") == [
        "Chemical weapon"]


def test_usurping_power_is_no_sexual_violence():
    assert _subtypes("واتهم الوزير الجماعة بمحاولة اغتصاب السلطة الشرعية في مدينة صنعاء العام الماضي.") == []
    assert _subtypes("وقالت المنظمة إن قوات الجيش قامت باغتصاب فتاتين في مدينة جوبا الأسبوع الماضي.") == ["Sexual violence"]


def test_riot_police_and_a_mind_hijacked_are_no_events():
    assert _subtypes("وانتشرت قوات الشرطة ومكافحة الشغب في محيط المستشفى بمدينة جوبا أمس.") == []
    assert _subtypes("ويجري اختطاف الشبان فكريا عبر مواقع التواصل في مدينة الرياض.") == []
    assert _subtypes("وشهدت مدينة البصرة أمس أعمال شغب بعد مقتل متظاهر.") == ["Violent demonstration"]


def test_a_police_report_is_no_liberation_and_a_manhunt_no_arrest_yet():
    assert _subtypes("وصادرت السلطات في مطار القاهرة سكاكين ممنوعة من حقيبة مسافر وقامت بتحرير محضر بالواقعة.") == []
    assert _found("وطلب المحافظ من الشرطة تكثيف الدوريات للقبض على المهاجمين في مدينة الخليل.") == [
        ("Arrests", "planned_or_threatened")]


def test_an_attempt_changes_no_hands():
    assert _found("وقالت المصادر إن المقاتلين يحاولون استعادة القرى الغربية في محافظة لحج.") == [
        ("Government regains territory", "planned_or_threatened")]
    assert _found("واستعاد المقاتلون القرى الغربية في محافظة لحج أمس.") == [("Government regains territory", "occurred")]


def test_clearing_mines_is_no_retaking():
    assert _subtypes("وتصل قوة هندسية إلى مدينة عدن اليوم لتطهيرها من الألغام التي زرعها المسلحون.") == []


def test_sunstroke_is_no_attack():
    assert _subtypes("وأصيب عشرات العمال في مدينة الرياض بضربات الشمس خلال الأسبوع الماضي.") == []


def test_heartbeats_are_no_attack():
    assert _subtypes("أمس في مستشفى الطائف وبعد إنعاش استمر عشر دقائق عادت ضربات القلب للطفل.") == []


def test_a_plan_has_no_date_unless_its_clause_states_one():
    text = "أظهر فيديو نشر أمس استعدادات المعارضة، تمهيدا للاقتحام الوشيك لقلب درعا التي تتحصن بها قوات النظام."
    i = text.index("أمس")
    doc = _doc(text, places=[_place(text, "درعا", "Daraa")], timexes=[Timex("أمس", i, i + 3, "DATE", "2015-08-07", 1)])
    assert [(e.status, e.event_date) for e in doc.events] == [("planned_or_threatened", None)]


def _report(text: str, doc_id: str, day: str = "اليوم", published: str = "2015-08-06") -> Document:
    i = text.index(day)
    return _doc(text, published=published, places=[_place(text, "جازان", "Jazan")], doc_id=doc_id,
                timexes=[Timex(day, i, i + len(day), "DATE", published, 1)])


def _report_and_reaction() -> tuple[list[Document], Document]:
    """A bombing reported on its day in Jazan by two outlets, and a condemnation of it four days later (no date)."""
    first = [_report("فجر انتحاري نفسه اليوم في مسجد في مدينة جازان.", "a"),
             _report("قتل انتحاري اليوم عشرة من المصلين في مسجد بمدينة جازان.", "a2")]
    reaction = "دان مجلس الوزراء الهجوم الانتحاري الذي استهدف المصلين في جازان."
    return first, _doc(reaction, published="2015-08-10", places=[_place(reaction, "جازان", "Jazan")], doc_id="b")


def test_a_reaction_article_takes_the_date_of_the_reported_event():
    from rasd.events.corpus import date_references

    first, later = _report_and_reaction()
    (ev,) = later.events
    assert ev.event_date == "2015-08-09" and not ev.date_explicit  # the publication-day fallback
    far = "دان مجلس الوزراء الهجوم الانتحاري الذي استهدف المصلين في صنعاء."
    other = _doc(far, published="2015-08-10", places=[Place("صنعاء", far.index("صنعاء"), far.index("صنعاء") + 5, "Sanaa", "YE", 15.35, 46.2, "populated")], doc_id="c")
    docs = [*first, later, other]
    assert date_references([(d.published, d.events) for d in docs]) == 1
    assert ev.event_date == "2015-08-06" and ev.dated_by in {d.events[0].event_id for d in first}
    assert ev.to_record()["dated_by"] == ev.dated_by
    assert other.events[0].event_date == "2015-08-09"  # another place: left alone


def test_one_report_or_reports_on_different_days_lend_no_date():
    from rasd.events.corpus import date_references

    first, later = _report_and_reaction()
    assert date_references([(first[0].published, first[0].events), (later.published, later.events)]) == 0
    # ongoing fighting: the same kind of event at the same place reported on several days
    earlier = _report("قتل انتحاري أمس عشرة من المصلين في مسجد بمدينة جازان.", "a3", day="أمس", published="2015-08-02")
    docs = [first[0], earlier, later]
    assert date_references([(d.published, d.events) for d in docs]) == 0
    assert later.events[0].event_date == "2015-08-09" and later.events[0].dated_by is None


def test_a_verb_reporting_the_act_afresh_keeps_its_own_day():
    from rasd.events.corpus import date_references

    first_text = "قصفت مدفعية الحوثيين اليوم أحياء سكنية في جازان."
    i = first_text.index("اليوم")
    first = _doc(first_text, published="2015-08-06", places=[_place(first_text, "جازان", "Jazan")], doc_id="a",
                 timexes=[Timex("اليوم", i, i + 5, "DATE", "2015-08-06", 1)])
    later_text = "وقصفت مدفعية الحوثيين أحياء سكنية في جازان."
    later = _doc(later_text, published="2015-08-10", places=[_place(later_text, "جازان", "Jazan")], doc_id="b")
    assert [e.sub_event_type for e in later.events] == ["Shelling/artillery/missile attack"]
    assert date_references([(first.published, first.events), (later.published, later.events)]) == 0
    assert later.events[0].event_date == "2015-08-09" and later.events[0].dated_by is None


def test_dating_carries_across_batches_of_a_long_run():
    from rasd.events.corpus import dated_in_batches

    first, later = _report_and_reaction()
    out = list(dated_in_batches([*first, later], size=1))
    assert [d.doc_id for d in out] == ["a", "a2", "b"] and later.events[0].event_date == "2015-08-06"


def test_the_weapon_word_nearest_the_trigger_types_it():
    text = "أدى القصف الذي نفذ بقذائف الهاون والصواريخ إلى سقوط 4 قتلى مدنيين في إدلب مع تحليق طائرات الاستطلاع فوق البلدة."
    doc = _doc(text, places=[_place(text, "إدلب", "Idlib")])
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"]
    # a weapon named after "فيما" belongs to another event
    from rasd.pipeline import analyse

    doc = analyse("هاجم مسلحون مجهولون القنصلية الأميركية في إسطنبول أمس وتبادلوا إطلاق النار مع الشرطة التركية، "
                  "فيما كانت الطائرات تحلق فوق المدينة.", published="2015-08-10")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]


def test_a_backer_country_is_not_the_place():
    from rasd.pipeline import analyse

    doc = analyse("واصل طيران التحالف الذي تقوده السعودية غاراته أمس على مواقع الحوثيين.", published="2015-08-08")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"] and doc.events[0].country_code != "SA"
    doc = analyse("واصل طيران التحالف الذي تقوده السعودية غاراته أمس على مواقع الحوثيين في مأرب.", published="2015-08-08")
    assert [e.location for e in doc.events] == ["Marib"]


def test_a_generic_mention_takes_the_sub_type_reported_elsewhere():
    from rasd.events.corpus import dated_in_batches
    from rasd.pipeline import analyse

    report = analyse("قتل 15 من رجال الأمن اليوم في تفجير انتحاري استهدف مسجد في مدينة جازان.", id="a",
                     published="2015-08-06")
    second = analyse("فجر انتحاري حزامه الناسف اليوم داخل مصلى في مدينة جازان.", id="a2", published="2015-08-06")
    reaction = analyse("دان مجلس الوزراء التفجير الإرهابي الذي ضرب مصلين داخل مسجد في مدينة جازان.", id="b",
                       published="2015-08-10")
    assert [(e.sub_event_type, e.event_date) for e in reaction.events] == [("Remote explosive/landmine/IED", "2015-08-09")]
    list(dated_in_batches([report, second, reaction]))
    assert [(e.sub_event_type, e.event_date) for e in reaction.events] == [("Suicide bomb", "2015-08-06")]
    assert reaction.events[0].time_precision == 2  # a borrowed day is known to the week


def test_two_districts_in_one_sentence_are_two_strikes():
    from rasd.pipeline import analyse

    doc = analyse("وفي منطقة ساقين، قصف طيران التحالف المركز الثقافي، مضيفة أن التحالف قصف أيضا منزل أحد القياديين "
                  "في مديرية سحار.", published="2015-08-08")
    assert sorted((e.sub_event_type, e.location) for e in doc.events) == [
        ("Air/drone strike", "Sahar District"), ("Air/drone strike", "Saqayn")]  # منطقة + town is the town


@pytest.mark.xfail(strict=True, reason="rule fitted to one dev sentence: ongoing fighting in a paraphrase (other town, "
                   "'المواجهات'/'الاشتباكات المسلحة') gives no Armed clash at all")
def test_a_goal_does_not_absorb_the_fighting():
    from rasd.pipeline import analyse

    doc = analyse("وتستمر المواجهات بين المقاومة الشعبية والحوثيين في مدينة الضالع، حيث تعمل المقاومة حاليا على بسط "
                  "سيطرتها على المواقع التي ما زالت بيد الحوثيين لتحرير المدينة.", published="2015-08-07")
    assert [(e.sub_event_type, e.status) for e in doc.events if e.status == "occurred"] == [("Armed clash", "occurred")]


def test_a_negated_noun_is_no_event_but_a_denial_is_reported_as_negated():
    from rasd.pipeline import analyse

    contrast = analyse("وقال البيان إن الهدف هو خدمة أمن تركيا القومي في حلب، وليس قتال قوات النظام السوري.", published="2015-08-08")
    assert contrast.events == []
    denial = analyse("ونفت الحكومة أن تكون طائرات التحالف قصفت مدينة تعز أمس.", published="2015-08-08")
    assert [(e.sub_event_type, e.status) for e in denial.events] == [("Air/drone strike", "negated")]


def test_roles_between_sides_passive_deaths_and_claimed_attacks():
    from rasd.pipeline import analyse

    def roles(text: str) -> list[tuple[str | None, str | None]]:
        return [(e.actor1, e.actor2) for e in analyse(text, published="2015-08-07").events]

    assert roles("وتستمر المواجهات المسلحة بين المقاومة والحوثيين في مدينة تعز.") == [
        ("Popular Resistance (Yemen)", "Houthis (Ansar Allah)")]
    assert roles("قتل جندي تركي في هجوم بقذيفة صاروخية شنه مسلحون أكراد في ولاية هكاري.") == [
        ("PKK: Kurdistan Workers Party", "Military Forces of Turkey (2016-)")]
    assert roles("وفي ولاية ديار بكر، قتل ثلاثة عناصر من الشرطة في انفجار عبوة في بلدة ليجة.")[0][1] == "Police Forces of Turkey (2016-)"


def test_the_side_after_with_is_the_opponent_unless_it_is_an_ally():
    from rasd.events.arguments import _role
    from rasd.pipeline import analyse

    def role_of(text: str, name: str) -> str:
        doc = analyse(text, published="2015-08-07")
        (m,) = [a for a in doc.actors if name in a.text]
        trigger = doc.text.index("اشتباكات")
        return _role(doc, m, trigger, trigger + len("اشتباكات"))

    assert role_of("تبادل الجيش اطلاق النار مع الحوثيين خلال اشتباكات عنيفة في تعز.", "الحوثيين") == "target"
    assert role_of("تقدم الجيش بالتنسيق مع الحوثيين خلال اشتباكات عنيفة في تعز.", "الحوثيين") == "agent"


def test_passive_victims_and_the_side_that_is_blamed():
    from rasd.pipeline import analyse

    doc = analyse("وقتل اثنان من عناصر الشرطة التركية بالرصاص مساء أمس في مدينة ماردين في هجوم نسبته السلطات إلى "
                  "حزب العمال الكردستاني.", published="2015-08-07")
    assert [(e.actor1, e.actor2) for e in doc.events] == [("PKK: Kurdistan Workers Party", "Police Forces of Turkey (2016-)")]


def test_the_date_of_a_report_is_not_the_date_of_the_event():
    from rasd.pipeline import analyse

    doc = analyse("قال ناشطون اليوم الجمعة إن مقاتلي تنظيم داعش سيطروا على بلدة مهين في ريف حمص. "
                  "وسيطر التنظيم على البلدة إثر معارك ضارية مع الجيش السوري الليلة الماضية.",
                  published="2015-08-07")
    takeovers = [e for e in doc.events if e.event_type == "Battles"]
    assert [(e.event_date, e.date_ar) for e in takeovers] == [("2015-08-06", "الليلة الماضية")]


def test_a_month_is_dated_on_its_fifteenth_and_a_part_of_it_in_its_middle():
    from rasd.events.arguments import _as_date

    month = Timex("الشهر الماضي", 0, 12, "DATE", "2015-07", 3, ("2015-07-01", "2015-07-31"))
    late = Timex("نهاية يوليو", 0, 11, "DATE", "2015-07", 3, ("2015-07-21", "2015-07-31"))
    assert (_as_date(month), _as_date(late)) == ("2015-07-15", "2015-07-26")


def test_shooting_of_a_civilian_and_a_dispersed_protest():
    from rasd.pipeline import analyse

    (shot,) = analyse("أعلنت وزارة الصحة الفلسطينية استشهاد شاب برصاص قوات الاحتلال الإسرائيلي قرب مخيم الجلزون شمال رام الله "
                      "صباح اليوم.", published="2015-08-10").events
    assert (shot.sub_event_type, shot.actor1, shot.actor2, shot.fatalities) == (
        "Attack", "Military Forces of Israel (1948-)", "Civilians (Palestine)", 1)
    # the camp, which no gazetteer has, stands at the town its sentence names (ACLED's geo precision 2)
    from rasd.places import geocode

    ramallah = geocode("رام الله")
    record = shot.to_record()
    assert (record["location_ar"], record["geo_precision"]) == ("مخيم الجلزون", 2)
    assert (record["latitude"], record["longitude"]) == (ramallah.lat, ramallah.lon)
    protest = analyse("فرقت قوات الأمن اللبنانية بالقنابل المسيلة للدموع متظاهرين حاولوا اقتحام مبنى السراي الحكومي في بيروت "
                      "مساء أمس.", published="2015-08-10").events
    assert [(e.sub_event_type, e.location) for e in protest] == [("Protest with intervention", "Beirut")]


def test_generic_actors_take_the_country_of_the_event():
    from rasd.pipeline import analyse

    doc = analyse("قتل 15 شخصا بينهم نساء وأطفال الأربعاء عندما فجر انتحاري نفسه في سوق مزدحمة في مدينة قندوز بشمال "
                  "أفغانستان.", published="2015-07-23", title="اليمن: الحوثيون يقصفون عدن")
    assert [(e.actor1, e.actor2) for e in doc.events] == [
        ("Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)")]


def test_a_toll_over_a_period_and_a_missile_programme_are_not_events():
    from rasd.pipeline import analyse

    assert analyse("وأشار المرصد إلى أن 170 مدنيا قتلوا جراء غارات التحالف على محافظة الرقة خلال هذه الفترة.",
                   published="2015-07-23").events == []
    assert analyse("وقال إن الحل الوحيد هو تفكيك كل إمكانات إيران النووية والصاروخية.", published="2015-07-23").events == []


def test_family_dawn_and_spotlight_are_not_events():
    from rasd.pipeline import analyse

    for text in ("لقي طالب مصرعه في الرقة، ونصبت أسرته سرادق العزاء في الخرطوم.",
                 "وقالت قوات فجر ليبيا التي كانت تهدد الوطية إنها أصبحت مهددة في العجيلات.",
                 "وأضاف أن مهرجان جدة خطف الأضواء وأصبح محطة مهمة في رحلتنا."):
        assert [e.sub_event_type for e in analyse(text, published="2015-07-20").events
                if e.sub_event_type in ("Abduction/forced disappearance", "Remote explosive/landmine/IED")] == [], text
    real = analyse("فجر انتحاري نفسه في سوق مزدحمة في مدينة قندوز أمس.", published="2015-07-20")
    assert [e.sub_event_type for e in real.events] == ["Suicide bomb"]


def test_a_takeover_names_its_place_and_a_bare_reference_is_dropped():
    from rasd.pipeline import analyse

    assert analyse("بناء دولة تسمح للسنة باستعادة زمام السلطة بعد أن فرت قوات الجيش.", published="2015-07-20").events == []
    assert analyse("لم يتمكن الليبيون الذين جاءوا هربا من الاقتتال من تسجيل أنفسهم لاجئين.", published="2015-07-20").events == []


def test_a_plan_needs_a_place_in_its_own_words_not_a_country_elsewhere():
    from rasd.pipeline import analyse

    doc = analyse("وهاجمت حركة أحرار الشام في بيان أمس اتفاقا روسيا أميركيا لإخراج تنظيم داعش من الشريط الحدودي "
                  "السوري العراقي، معتبرة أنه يخدم مصالح واشنطن، لا محاربة النظام السوري.", published="2015-08-09")
    assert doc.events == []
    doc = analyse("وتستعد المقاومة للزحف نحو مدينة البيضاء لتحريرها من الحوثيين.", published="2015-08-09")
    assert [(e.sub_event_type, e.status, e.event_date) for e in doc.events] == [
        ("Government regains territory", "planned_or_threatened", None)]


def test_counts_at_two_towns_are_two_events():
    from rasd.pipeline import analyse

    doc = analyse("قتل 3 مدنيين في قصف لقوات النظام على مدينة دوما و2 في مدينة داريا أمس.", published="2015-08-03")
    assert sorted((e.location, e.fatalities) for e in doc.events) == [("Darayya", 2), ("Duma", 3)]


def test_past_anchors_present_generalities_and_mine_clearance_are_not_events():
    from rasd.pipeline import analyse

    for text in ("وصلت أول طائرة إغاثية إماراتية إلى مطار عدن منذ تحرير المدينة من الميليشيات.",
                 "أسفرت الجهود الأمنية عن إجهاض مخططات الإخوان التي تستهدف قوات الجيش والشرطة في دمياط.",
                 "لتبدأ الآن مرحلة التطهير من كل الجيوب والألغام في عدن."):
        assert analyse(text, published="2015-07-25").events == [], text
    assert [e.sub_event_type for e in analyse("تظاهر المئات في ساحة التحرير وسط بغداد للمطالبة بالإصلاح.",
                                             published="2015-07-25").events] == ["Peaceful protest"]


def test_civilians_hit_by_a_bomb_are_the_target():
    from rasd.pipeline import analyse

    doc = analyse("وقالت الشرطة إن امرأة وابنها أصيبا بجروح جراء قنبلة يدوية رماها مسلحون مجهولون على منزلهم في حي "
                  "المعلمين شرقي مدينة بعقوبة.", published="2015-08-03")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.civilian_targeting) for e in doc.events] == [
        ("Grenade", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", True)]


def test_subject_before_the_verb_acts():
    from rasd.pipeline import analyse

    # subject–verb–object: the noun right after the verb is the object, not the subject
    doc = analyse("وقال شيخ قبلي أمس إن المقاومة الشعبية تحاصر الحوثيين في مدينة رداع بمحافظة البيضاء.",
                  published="2015-08-10")
    assert [(e.actor1, e.actor2) for e in doc.events] == [("Popular Resistance (Yemen)", "Houthis (Ansar Allah)")]


@pytest.mark.xfail(strict=True, reason="the learned actor1 (rasd.events.roles) takes the militias named after «لكن» in the sentence before")
def test_a_later_contrast_or_predicate_is_no_party():
    from rasd.pipeline import analyse

    # actors after "لكن", or objects of another verb, take no part in the reopening of a crossing
    doc = analyse("وتم افتتاح معبر القائم الحدودي بين سوريا والعراق يوم الاثنين، لكن من يسيطر عليه هم ميليشيات "
                  "إيرانية وعراقية. وافتتاح المعبر في هذا التوقيت يمنح الحماية لهذه الميليشيات.", published="2019-10-02")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [("Other", None, None)]


def test_a_year_after_since_does_not_date_an_event():
    from rasd.events.arguments import since_year
    from rasd.pipeline import analyse

    doc = analyse("وتشهد مدن العراق احتجاجات على نقص الخدمات رغم المبالغ التي صرفت على الطاقة منذ عام 2003.",
                  published="2015-08-07")
    (t,) = [t for t in doc.timexes if "2003" in t.text]
    assert since_year(doc, t)
    assert all(not (e.event_date or "").startswith("2003") for e in doc.events)
    ago = analyse("قتل ثلاثة جنود منذ يومين في هجوم على حاجز للجيش في العريش.", published="2015-08-07")
    assert not any(since_year(ago, t) for t in ago.timexes)


def test_a_long_span_after_since_dates_a_state_not_the_event():
    from rasd.pipeline import analyse

    # «the biggest of their kind for ten years», «besieged for three years»: the day is not in the past span
    doc = analyse("خرج آلاف المتظاهرين في الناصرية في احتجاجات هي الأوسع من نوعها منذ عشر سنوات.", published="2015-08-10")
    assert [e.event_date for e in doc.events] == ["2015-08-09"]
    doc = analyse("قصفت طائرات النظام بلدة مضايا المحاصرة منذ ثلاث سنوات.", published="2015-08-10")
    assert doc.events and {e.event_date for e in doc.events} == {"2015-08-09"}
    # a span of years before the verb still says when it happened: about two years ago
    for text in ("ومنذ نحو عامين سيطر مسلحو التنظيم على مدينة الرمادي بعد معارك.",
                 # the word before «منذ» ends the sentence before: it describes nothing after it
                 "وتوقفت الحركة على الطريق الدولي. ومنذ نحو عامين سيطر مسلحو التنظيم على مدينة الرمادي."):
        doc = analyse(text, published="2015-08-10")
        assert [e.event_date[:4] for e in doc.events if e.sub_event_type == "Non-state actor overtakes territory"] == ["2013"]


def test_strikes_on_a_town_and_its_neighbourhood_are_one_event():
    from rasd.pipeline import analyse

    doc = analyse("دوت انفجارات قوية ليلة أمس في صنعاء إثر غارات لطائرات التحالف على مواقع للحوثيين. "
                  "وذكر سكان أن الغارات طالت معسكرات للحوثيين في حي الحصبة شمالي المدينة.",
                  published="2015-08-07")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Air/drone strike", "Sanaa")]


def test_the_first_of_coordinated_actors_is_the_party_but_between_names_two_sides():
    from rasd.pipeline import analyse

    def roles(text: str) -> list[tuple[str | None, str | None]]:
        return [(e.actor1, e.actor2) for e in analyse(text, published="2015-08-07").events]

    assert roles("وتعرضت مواقع الحوثيين وأتباع صالح لغارات عنيفة في مدينة تعز.") == [(None, "Houthis (Ansar Allah)")]
    assert roles("وتستمر المواجهات المسلحة بين المقاومة والحوثيين في مدينة تعز.") == [
        ("Popular Resistance (Yemen)", "Houthis (Ansar Allah)")]


def test_civilians_are_no_party_to_a_change_of_territory():
    from rasd.pipeline import analyse

    doc = analyse("أفاد ناشطون اليوم بأن مسلحي تنظيم داعش اختطفوا عشرات المدنيين بعد أن سيطروا على بلدة مهين في "
                  "ريف حمص الجنوبي.", published="2015-08-07")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Abduction/forced disappearance", "Islamic State (Syria)", "Civilians (Syria)"),
        ("Non-state actor overtakes territory", "Islamic State (Syria)", None)]


def test_the_side_a_strike_paves_the_way_for_is_no_target_and_belonging_keeps_the_target():
    from rasd.pipeline import analyse

    def roles(text: str) -> list[tuple[str | None, str | None]]:
        return [(e.actor1, e.actor2) for e in analyse(text, published="2015-08-07").events]

    assert roles("وطيران التحالف يشن غارات عنيفة على مدينة تعز تمهيدا لتقدم «المقاومة».") == [("Saudi-led Coalition", None)]
    assert roles("إن غارات مكثفة طالت مواقع وعربات تتبع الحوثيين في مدينة إب.") == [(None, "Houthis (Ansar Allah)")]


def test_sweeping_militant_pockets_is_no_change_of_territory():
    from rasd.pipeline import analyse

    sweep = analyse("وأوضح المتحدث العسكري أن العملية تأتي ضمن جهود الجيش لاستكمال تطهير الجيوب والبؤر الإرهابية "
                    "في مدينة رفح.", published="2015-08-03")
    assert all(e.sub_event_type != "Government regains territory" for e in sweep.events)
    retaken = analyse("وحررت القوات العراقية مدينة الرمادي من سيطرة تنظيم داعش أمس.", published="2015-08-03")
    assert [e.sub_event_type for e in retaken.events] == ["Government regains territory"]


def _bombing_rows(text: str) -> list[tuple]:
    from rasd.pipeline import analyse

    return [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in analyse(text, published="2015-08-11").events]


def test_the_blamed_group_names_the_bomber():
    assert _bombing_rows("واستهدف هجوم بسيارة ملغومة مخفرا للشرطة في ميدان تقسيم في إسطنبول أمس. وحملت السلطات التركية "
                         "حزب العمال الكردستاني مسؤولية التفجير الانتحاري الذي طال المخفر.") == [
        ("Remote explosive/landmine/IED", "PKK: Kurdistan Workers Party", "Police Forces of Turkey (2016-)", "Taksim (Istanbul)")]


@pytest.mark.xfail(strict=True, reason="the learned actor1 (rasd.events.roles) leaves an unclaimed car bomb with no actor1")
def test_a_neighbourhood_locates_the_town_bombing():
    # "في المدينة" (Istanbul, named in the clause before) and the neighbourhood named later: one bombing, there
    assert _bombing_rows("أطلق مسلحون أمس النار على القنصلية الأميركية في إسطنبول، بينما انفجرت سيارة ملغومة قرب مخفر للشرطة في "
                         "المدينة. ووقع الانفجار أمام المخفر في ميدان تقسيم.") == [
        ("Remote explosive/landmine/IED", "Unidentified Armed Group (Turkey)", "Police Forces of Turkey (2016-)",
         "Taksim (Istanbul)")]


def test_a_duration_after_since_still_dates_the_event():
    from rasd.pipeline import analyse

    doc = analyse("سقط أربعة شرطيين قتلى منذ ثلاثة أيام بانفجار عبوة ناسفة استهدفت دوريتهم في الموصل.", published="2015-08-10")
    assert [e.event_date for e in doc.events] == ["2015-08-07"]
    (t,) = [t for t in doc.timexes if "ثلاثة" in t.text]
    assert t.type == "DURATION" and t.value == "P3D"


def test_a_patrol_is_not_the_football_league():
    """«دورية» ends in taa marbuta: not «دوري» + the pronoun ه, so the sport veto «الدوري» does not fire."""
    from rasd.pipeline import analyse

    doc = analyse("انفجرت عبوة ناسفة بدورية للجيش على طريق سريع قرب مدينة كركوك صباح أمس.", published="2017-03-02")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Remote explosive/landmine/IED", "Kirkuk")]
    assert analyse("فاز الفريق في مباراة الدوري أمس بعد هجوم سريع.", published="2017-03-02").events == []


def test_the_longest_trigger_wins_whatever_the_set_order():
    """A token's readings are a set; the trigger must not depend on which reading comes first
    (PYTHONHASHSEED): «بقصف جوي» is the two-word air strike, not the one-word «بقصف»."""
    import subprocess
    import sys

    code = ("from rasd.text.tokens import tokenize\n"
            "from rasd.events.lexicon import load_lexicon, token_keys\n"
            "from rasd.events.detect import _match_at\n"
            "toks = tokenize('ردت القوات بقصف جوي على مواقع المسلحين')\n"
            "n, trig = _match_at(toks, [token_keys(t) for t in toks], 2, load_lexicon())\n"
            "print(n, trig.sub_event_type)")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(8)}
    assert seen == {"2 Air/drone strike"}


def test_an_event_in_this_century_is_not_dated_in_the_future():
    from rasd.pipeline import analyse

    doc = analyse("اعتقلت السلطات عناصر من تنظيم القاعدة في الجزائر خلال القرن الحالي.", published="2016-01-20")
    assert doc.events and all(e.event_date is None or e.event_date <= "2016-01-20" for e in doc.events)


def test_a_word_the_gazetteer_lacks_does_not_end_a_list_of_towns():
    from rasd.pipeline import analyse

    doc = analyse("بسطت قوات المقاومة سيطرتها أمس على زنجبار والمخزن ولودر بمحافظة أبين.", published="2015-08-08")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [
        ("Government regains territory", "Zinjibar"), ("Government regains territory", "Lawdar")]


def test_gunmen_who_fire_on_an_army_patrol_are_actor1_and_the_army_actor2():
    from rasd.pipeline import analyse

    # "للجيش" owns the patrol that was fired on; "فقتلوا" carries its subject, so "جنديين" is its object
    doc = analyse("أطلق مسلحون النار على دورية للجيش في مدينة العريش أمس فقتلوا جنديين.", published="2015-08-08")
    assert [(e.actor1, e.actor2) for e in doc.events] == [
        ("Unidentified Armed Group (Egypt)", "Military Forces of Egypt (2014-)")]


def test_an_actor_in_a_parenthetical_aside_is_no_party():
    from rasd.pipeline import analyse

    doc = analyse("وقال جيش الفتح -وهو تحالف لفصائل تقاتل نظام بشار الأسد- إنه سيطر أمس على قرية في ريف إدلب.",
                  published="2015-08-08")
    assert [(e.sub_event_type, e.actor1) for e in doc.events] == [("Non-state actor overtakes territory", "Jaish al Fateh")]


def test_a_detention_centre_is_no_arrest():
    assert _found("وقال المسؤول إن الإدارة تتخذ الإجراءات اللازمة لإغلاق مركز الاعتقال في غوانتانامو.", "2015-08-08") == []
    assert _subtypes("اعتقلت الشرطة أمس ثلاثة مشتبه بهم في مدينة الدمام.", "2015-08-08") == ["Arrests"]


def test_the_kind_of_territory_change_follows_the_final_actor1():
    from rasd.pipeline import analyse

    texts = ["سيطر مقاتلو المقاومة الشعبية أمس على مدينة جعار إثر قتال مع المتمردين.",
             "سيطر مسلحو داعش أمس على بلدة مهين في ريف حمص بعد معارك مع قوات النظام.",
             "استعاد الجيش العراقي أمس السيطرة على ناحية الكرمة من تنظيم داعش."]
    kinds = [(e.sub_event_type, e.inter1) for t in texts for e in analyse(t, published="2015-08-08").events
             if e.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")]
    assert len(kinds) == 3
    assert all((sub == "Non-state actor overtakes territory") == (inter == 2) for sub, inter in kinds), kinds


def test_a_crushing_blow_is_a_figure_of_speech_and_istawlaw_a_takeover():
    from rasd.pipeline import analyse

    doc = analyse("استولى مقاتلو المقاومة أمس على مدينة لودر بمحافظة أبين، في ضربة قاصمة للمتمردين.",
                  published="2015-08-08")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Government regains territory", "Lawdar")]
    doc = analyse("وقال مسؤول إن المقاتلين استولوا أمس على بلدة مهين في ريف حمص.", published="2015-08-08")
    assert [e.trigger["text"] for e in doc.events] == ["استولوا"]


def test_clashes_between_the_two_sides_and_hostage_taking():
    # «بين الطرفين» names the parties of a clash the sentence before introduced
    assert _subtypes("ودارت أمس مواجهات متقطعة بين الجانبين قرب مدينة يريم.", "2015-08-09") == ["Armed clash"]
    assert "Abduction/forced disappearance" in _subtypes(
        "انتهت أمس عملية احتجاز رهائن دامت ساعات داخل مصرف بمدينة غاو في مالي.", "2015-08-09")


def test_an_arsenal_is_no_attack_and_a_range_in_kilometres_no_year():
    from rasd.pipeline import analyse

    doc = analyse("وتمتلك الدولة ترسانة كبيرة من الصواريخ يصل مداها إلى 2000 كيلومتر.", published="2015-08-09")
    assert doc.events == [] and doc.timexes == []


def test_a_clash_between_unarmed_people_is_no_armed_clash():
    assert _found("فضت الشرطة أمس اشتباكا بين بائع وزبائن في سوق مدينة جدة.", "2015-08-09") == []
    assert _subtypes("اندلعت أمس مواجهات بين المهاجمين والشرطة في مدينة العريش.", "2015-08-09") == ["Armed clash"]


def test_a_vague_recent_phrase_does_not_date_an_event():
    from rasd.pipeline import analyse

    doc = analyse("واستعاد الجيش في وقت سابق السيطرة على بلدة جعار بمحافظة أبين.", published="2015-08-10")
    assert [(e.event_date, e.date_ar) for e in doc.events] == [("2015-08-09", None)]  # not mid-July from «في وقت سابق»


def test_a_later_bare_mention_is_the_same_event_wherever_the_fallback_placed_it():
    from rasd.events.extract import _same
    from rasd.events.record import Event

    def event(place: str, cc: str, lat: float, lon: float, stated: bool) -> Event:
        return Event("t", "Explosions/Remote violence", "Suicide bomb", "Political violence", "occurred",
                     {"start": 0, "end": 1, "text": ""}, {"start": 0, "end": 1}, event_date="2015-08-08",
                     time_precision=1, location=place, country_code=cc, latitude=lat, longitude=lon, geo_precision=1,
                     location_kind="populated", location_explicit=stated, date_explicit=stated)

    reported = event("Kabul", "AF", 34.53, 69.17, True)
    # "وقال الرئيس العائد من ليون إن الاعتداء الانتحاري …": no place or day of its own, placed at Lyon
    assert _same(reported, event("Lyon", "FR", 45.75, 4.85, False))
    assert not _same(reported, event("Lyon", "FR", 45.75, 4.85, True))  # a bombing stated to be in Lyon is another


def test_a_bare_container_word_is_a_bomb_only_with_what_was_done_with_it():
    assert _subtypes("وزعت الجمعية الخيرية أمس ثلاثة آلاف عبوة حليب على الأسر في مدينة حمص.") == []
    assert _subtypes("قتل جنديان أمس عندما انفجرت عبوة زرعها مسلحون على طريق في مدينة حمص.") == [
        "Remote explosive/landmine/IED"]


def test_dual_and_plural_bombers_are_suicide_bombings():
    assert _subtypes("فجرت انتحاريتان نفسيهما صباح أمس في سوق مزدحم بمدينة مايدوغوري، ما أسفر عن مقتل 9 أشخاص.") == [
        "Suicide bomb"]


def test_a_foiled_or_intended_bombing_did_not_happen_but_a_repelled_attack_is_a_clash():
    assert _found("أحبطت الشرطة صباح أمس تفجيرا انتحاريا كان سيستهدف سوقا شعبيا في مدينة الدمام.") == [
        ("Suicide bomb", "planned_or_threatened")]
    assert _found("وكان الهدف من الأحزمة الناسفة تفجير جامع كبير في مدينة الدمام.") == [
        ("Suicide bomb", "planned_or_threatened")]
    assert _found("أحبط مقاتلو القبائل أمس هجوما شنه مسلحون حوثيون على مواقعهم في مدينة تعز.") == [
        ("Armed clash", "occurred")]


def test_defused_bombs_are_disrupted_weapons_use_not_explosions():
    assert _subtypes("وأبطل خبراء الهندسة صباح أمس مفعول أربع عبوات ناسفة زرعت قرب جسر في مدينة الرمادي.") == [
        "Disrupted weapons use"]


def test_a_festival_called_tazahura_is_no_protest():
    assert _subtypes("اختتمت أمس في مدينة صفاقس تظاهرة ثقافية استمرت أسبوعا بمشاركة فرق من عشر دول.") == []
    assert _subtypes("شارك المئات أمس في تظاهرة أمام مبنى المحافظة في مدينة صفاقس للمطالبة بفرص عمل.") == [
        "Peaceful protest"]


def test_restored_legitimacy_is_no_territory():
    assert _subtypes("شدد قائد قوات التحالف أمس في مدينة عدن على استعادة الشرعية في كل المحافظات.") == []
    assert _subtypes("أعلنت المقاومة أمس تحرير بلدة الوضيع في محافظة أبين من الحوثيين.") == ["Government regains territory"]


def test_a_deal_is_an_agreement_event_only_as_a_truce_ceasefire_or_exchange():
    assert _subtypes("وقال الوزير أمس إن الاتفاق مع الفصائل المسلحة في مدينة درعا يحقق مصالح الطرفين.") == []
    assert _subtypes("ونص الاتفاق الموقع بين الجيش والقبائل في مدينة مأرب على تقاسم عائدات النفط.") == []
    assert _subtypes("وأعلن الجيش والمتمردون أمس وقف إطلاق النار في مدينة الزنتان لمدة أسبوع.") == ["Agreement"]


def test_a_truce_is_an_agreement_only_where_it_is_reached_or_begins():
    assert _subtypes("وتحدث الوزير أمس في مدينة كسلا عن هدنة محتملة بين الجيش والمتمردين.") == []
    assert _subtypes("وتأمل الحكومة أن تكون هناك هدنة في مدينة الزنتان خلال الصيف.") == []
    assert _subtypes("بدأ سريان الهدنة بين الجيش والمتمردين في مدينة كسلا صباح أمس.") == ["Agreement"]


def test_peace_and_dawn_are_not_the_verbs_spelt_like_them():
    assert _subtypes("ودعا المجلس أمس في مدينة عمان إلى حفظ الأمن والسلم في المنطقة.") == []
    assert _subtypes("سلم المسلحون أمس بلدة الهبارية إلى الجيش بموجب تسوية.") == ["Non-violent transfer of territory"]


def test_control_of_an_army_or_a_decision_is_no_territory():
    assert _subtypes("وبسيطرة الرئيس السابق على الجيش تمكن من ملاحقة خصومه في مدينة عدن.") == []
    assert _subtypes("وأدت سيطرة الحوثيين على مؤسسات الدولة في صنعاء إلى انهيار الاقتصاد.") == []
    assert _subtypes("سيطرت قوات المعارضة أمس على بلدة بداما في ريف إدلب.") == ["Non-state actor overtakes territory"]


def test_a_place_in_an_armed_groups_name_is_not_where_it_struck():
    from rasd import analyse

    doc = analyse("هاجم مسلحون من جماعة أنصار بيت المقدس أمس حاجزا للجيش في مدينة العريش.", published="2015-08-06")
    assert [e.location for e in doc.events] == ["Arish"]
    doc = analyse("هاجم مسلحون من جماعة أنصار بيت المقدس أمس حاجزا للجيش قرب الحدود.", published="2015-08-06")
    assert "Jerusalem" not in [e.location for e in doc.events]


def test_the_side_whose_dead_are_counted_is_the_target_of_a_strike_but_a_party_to_a_clash():
    from rasd import analyse

    (strike,) = analyse("أفاد المرصد أمس بمصرع 9 من مسلحي تنظيم داعش جراء غارات جوية على بلدة الشدادي.",
                        published="2015-08-06").events
    assert (strike.actor1, strike.actor2) == (None, "Islamic State (Syria)")
    (clash,) = analyse("أفادت مصادر أمس بمصرع عدد من مسلحي الحوثيين خلال اشتباكات مع قوات المقاومة الشعبية في مدينة مأرب.",
                       published="2015-08-06").events
    assert (clash.actor1, clash.actor2) == ("Houthis (Ansar Allah)", "Popular Resistance (Yemen)")


def test_a_strike_in_a_clause_opened_by_kama_takes_that_clauses_town():
    from rasd import analyse

    doc = analyse("وسمع أمس دوي انفجارات في مدينة إب كما نفذت مقاتلات التحالف ضربات جوية على مخازن أسلحة في مدينة حرض.",
                  published="2015-08-06")
    assert ("Air/drone strike", "Harad") in [(e.sub_event_type, e.location) for e in doc.events]


def test_who_reports_an_attack_is_not_who_made_it():
    from rasd import analyse

    doc = analyse("وذكر الجيش التركي في بيانه الصادر أمس أن مسلحين هاجموا مخفرا للشرطة في ولاية ماردين.", published="2015-08-06")
    assert [(e.actor1, e.actor2) for e in doc.events] == [("Unidentified Armed Group (Turkey)", "Police Forces of Turkey (2016-)")]
    doc = analyse("وأعلن الجيش التركي أمس أن طائراته قصفت معسكرات لحزب العمال الكردستاني قرب جبال قنديل.", published="2015-08-06")
    assert [e.actor1 for e in doc.events] == ["Military Forces of Turkey (2016-)"]


def test_finding_wreckage_or_a_body_is_no_disrupted_weapon():
    assert _subtypes("وعثر صيادون أمس على حطام جناح طائرة قرب شاطئ مدينة صلالة.") == []
    assert _subtypes("وتواصل فرق البحث في مدينة صلالة جهودها للعثور على الطائرة المفقودة.") == []
    assert _subtypes("وعثرت قوات الأمن أمس على عبوات ناسفة في مدينة العريش وقامت بتفكيكها.") == ["Disrupted weapons use"]


def test_an_on_this_day_column_dates_each_year_line_on_the_days_date():
    from rasd import analyse
    from rasd.io.readers import Article

    text = "أحداث وقعت في مثل هذا اليوم\n1941- طائرات ألمانية تقصف مدينة لندن.\nوفي عام 1967 قصفت الطائرات مدينة السويس."
    doc = analyse(Article(text=text, id="c", published="2015-08-02"))
    assert [(e.location, e.event_date, e.time_precision) for e in doc.events] == [
        ("London", "1941-08-02", 1), ("Suez", "1967-07-15", 3)]


def test_an_aim_a_cyber_attack_and_stationed_teams_are_no_events():
    assert _subtypes("ونظمت الغرفة دورات تستهدف تدريب 250 شابا وفتاة في مدينة تبوك نهاية العام الجاري.") == []
    assert _subtypes("واستهدفت طائرات التحالف أمس معسكر تدريب للحوثيين في مدينة ذمار.") == ["Air/drone strike"]
    assert _subtypes("وشن قراصنة أمس هجمات على مواقع حكومية في مدينة أنقرة.") == []
    assert _subtypes("وتعرضت مواقع وزارات في مدينة أنقرة أمس لهجمات إلكترونية عطلت خدماتها.") == []
    assert _subtypes("ونشر الدفاع المدني فرقه أمس وتمركزها في أحياء مدينة جدة تحسبا للأمطار.") == []


def test_hijacking_power_or_the_state_is_no_abduction():
    assert _subtypes("واتهم الوزير الميليشيات في صنعاء باختطاف السلطة ومؤسسات الدولة منذ العام الماضي.") == []
    assert _subtypes("اختطف مسلحون أمس مهندسا في مدينة صنعاء.") == ["Abduction/forced disappearance"]


def test_what_the_arrested_are_charged_with_is_not_reported_as_done():
    assert _found("ألقت الشرطة أمس القبض على 7 من أنصار الجماعة في مدينة المنصورة، لتورطهم في أعمال شغب والتظاهر بدون تصريح.") == [
        ("Arrests", "occurred")]


def test_a_goal_or_an_ability_is_no_change_of_territory_yet():
    assert _found("وتحتشد قوات المقاومة في محافظة لحج من أجل تحرير مدينة تعز.") == [
        ("Government regains territory", "planned_or_threatened")]
    assert _found("وقال القائد أمس إن المقاتلين قادرون على استعادة مدينة الرمادي خلال أسابيع.") == [
        ("Government regains territory", "planned_or_threatened")]


def test_a_tally_over_the_same_period_is_no_event():
    assert _found("وشهدت الفترة نفسها إحراق أكثر من 100 عربة ومقتل 11 مسلحا خلال مواجهات مع الشرطة في مدينة ديار بكر.") == []


def test_a_halt_to_strikes_and_an_expected_march_did_not_happen():
    assert _found("وأصدر الرئيس أمس أمرا بوقف القصف الجوي لمخيمات المتمردين قرب مدينة كالي.") == []
    assert _found("ومن المنتظر أن يخرج آلاف المتظاهرين اليوم في مدينة برلين.") == [("Peaceful protest", "planned_or_threatened")]


def test_areas_outside_control_a_permission_and_a_claim_are_not_reported_acts():
    assert _found("وتعتمد المجالس المحلية في القرى الخارجة عن سيطرة الحكومة بريف إدلب الليرة التركية.") == []
    assert _found("وأفاد مسؤولون أمس بأن البنتاغون وافق على السماح بضربات جوية لحماية المقاتلين المدربين شمال سوريا.") == [
        ("Air/drone strike", "planned_or_threatened")]
    assert _found("وسخر الوزير من مزاعم الحوثيين باستهداف مطار عدن بصاروخ.") == [
        ("Shelling/artillery/missile attack", "possible")]


def test_an_armed_group_flies_no_air_strike():
    from rasd import analyse

    (struck,) = analyse("وأفاد شهود بأن مسلحي الحوثي تلقوا أمس ضربات جوية من طيران التحالف قرب مدينة صعدة.",
                        published="2015-08-06").events
    assert (struck.sub_event_type, struck.actor1, struck.actor2) == (
        "Air/drone strike", "Saudi-led Coalition", "Houthis (Ansar Allah)")


def test_what_a_town_suffered_happened_and_who_did_it_acted():
    from rasd import analyse

    assert _found("وتعرضت مدينة تعز أمس لقصف عنيف من الحوثيين.") == [("Shelling/artillery/missile attack", "occurred")]
    (ev,) = analyse("وتعرضت مدينة تعز أمس لقصف عنيف من الحوثيين.", published="2015-08-06").events
    assert (ev.actor1, ev.actor2) == ("Houthis (Ansar Allah)", None)
    (ev,) = analyse("وقالت مصادر إن مسلحي حزب العمال الكردستاني تعرضوا أمس لقصف من الطيران التركي قرب بلدة زاخو.",
                    published="2015-08-06").events
    assert (ev.actor1, ev.actor2) == ("Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party")


def test_the_arrest_of_ordinary_criminals_is_no_political_arrest():
    assert _subtypes("ألقت دوريات الأمن أمس القبض على ثلاثة مهربين بحوزتهم كميات من الحشيش في محافظة جازان.") == []
    assert _subtypes("اعتقلت قوات الأمن أمس خمسة ناشطين معارضين في مدينة المنامة.") == ["Arrests"]


def test_a_word_inside_a_groups_name_is_no_event():
    assert _subtypes("وصل وفد من الحركة الشعبية لتحرير السودان أمس إلى مدينة جوبا.", "2015-07-31") == []


def test_feared_prepared_and_breached_are_no_events():
    assert _found("أغلقت الشرطة أمس الطرق المؤدية إلى الجامع في مدينة القطيف خوفا من هجوم انتحاري.") == []
    assert _found("وتولت الخلية تجهيز الانتحاريين في مدينة الدمام بحسب بيان وزارة الداخلية أمس.") == []
    assert _found("واتهم الجيش المتمردين بخرقهم للهدنة في مدينة تعز أمس.") == []


def test_a_forced_withdrawal_is_no_peaceful_handover_and_an_arrest_to_come_is_planned():
    assert ("Non-violent transfer of territory", "occurred") not in _found(
        "أجبرت فصائل المعارضة التنظيم أمس على الانسحاب من قرية تل مالد شمال حلب بعد معارك.")
    assert _found("انسحبت القوات الحكومية أمس من مدينة الرمادي بموجب اتفاق مع العشائر.") == [
        ("Non-violent transfer of territory", "occurred")]
    assert ("Arrests", "occurred") not in _found(
        "وقال إن السلطات ستفتح تحقيقا ليصار إلى القبض على منفذي الهجوم في مدينة إسطنبول.")


def test_a_person_joining_a_group_changes_no_group():
    assert _subtypes("وقضت المحكمة أمس بسجن مواطن بتهمة الانضمام إلى تنظيم داعش في مدينة الرياض.") == []
    assert _subtypes("وقال والده إن الشاب انضم إلى تنظيم داعش في مدينة الرقة قبل أن يقتل.") == []
    assert _subtypes("أعلنت كتيبة المجد أمس اندماجها مع جبهة النصرة في ريف إدلب.") == ["Change to group/activity"]


def test_a_broken_truce_a_rescue_and_an_arrest_to_be_made_are_no_such_events():
    assert _found("وأكد البيان أن القوات الحكومية انتهكت وقف إطلاق النار مع المتمردين في مدينة كسلا أمس.") == []
    assert _found("أعلن الجيش والمتمردون أمس هدنة لمدة ثلاثة أيام في مدينة كسلا.") == [("Agreement", "occurred")]
    assert _found("باشرت فرق الهلال الأحمر أمس حالة احتجاز لثلاثة شبان إثر انهيار صخري في جبل قرب مدينة أبها.") == []
    assert _found("وقع حادث مروري مساء أمس على طريق الأفلاج وتم احتجاز سائق الشاحنة في مركز الشرطة.") == []
    assert ("Arrests", "occurred") not in _found(
        "وطالب البرلمان الحكومة بتشكيل لجنة ليقوم الجيش باعتقال المتورطين في مدينة الموصل.")


def test_no_clash_happened_and_an_accusation_is_no_report():
    assert _found("ودخلت قوات المقاومة أمس بلدة قعطبة شمال الضالع دونما اشتباكات تذكر مع الحوثيين.") == []
    assert ("Attack", "occurred") not in _found("واتهمت النيابة الشاب بالضلوع في هجمات على مراكز الشرطة في مدينة العريش.")
    assert _found("ووجهت النيابة أمس اتهاما لشرطي في مدينة دالاس بقتل رجل أعزل.") == [("Attack", "possible")]


def test_deaths_in_a_disaster_and_a_court_sentence_are_no_attacks():
    assert _found("قتل ثلاثة رعاة أمس في صاعقة ضربت قرية جبلية قرب مدينة إب.") == []
    assert _found("قررت محكمة جنايات الجيزة أمس إحالة أوراق سبعة من عناصر التنظيم إلى المفتي لإبداء الرأي في إعدامهم.") == []
    assert _found("أعدم مسلحو التنظيم أمس سبعة مدنيين في ساحة عامة بمدينة الرقة.") == [("Attack", "occurred")]


def test_a_states_protest_note_is_no_demonstration():
    assert _found("وتقدمت الحكومة الباكستانية أمس باحتجاج رسمي لدى سفارة الهند في إسلام آباد.") == []
    assert _found("نظم مئات الطلاب أمس احتجاجا أمام مبنى الجامعة في مدينة الخرطوم.") == [("Peaceful protest", "occurred")]


def test_commissioned_missile_boats_are_no_attack():
    assert _found("دشنت القوات البحرية أمس في ميناء الإسكندرية لنشي صواريخ من طراز جديد.") == []
    assert _found("أطلق الحوثيون أمس صواريخ على مدينة نجران.") == [("Shelling/artillery/missile attack", "occurred")]


def test_a_generic_actor_in_a_country_the_dictionary_lacks_gets_that_countrys_acled_name():
    from rasd import analyse

    doc = analyse("اعتقلت الشرطة أمس عشرين متظاهرا في مدينة رانشي الهندية.", published="2015-08-06")
    assert [e.actor1 for e in doc.events if e.sub_event_type == "Arrests"] == ["Police Forces of India"]


def test_a_blast_named_generically_is_not_merged_into_a_clash_at_the_same_place():
    # «الانفجار» alone is still an explosion; the clash told next is another event, not its type
    text = ("قالت الشرطة إن الانفجار وقع صباح اليوم في مدينة الحلة. "
            "واندلعت اشتباكات مساء اليوم في مدينة الحلة بين مسلحين وقوات الأمن.")
    assert sorted(_subtypes(text)) == ["Armed clash", "Remote explosive/landmine/IED"]


def test_a_generic_blast_and_a_generic_attack_at_one_place_stay_one_event():
    text = ("استهدف الهجوم صباح اليوم سوقا شعبيا في مدينة الحلة. "
            "وقالت الشرطة إن التفجير وقع في مدينة الحلة صباح اليوم وأسفر عن مقتل خمسة أشخاص.")
    assert _subtypes(text) == ["Remote explosive/landmine/IED"]


def test_going_from_defence_to_attack_is_a_turn_of_phrase():
    assert _subtypes("انتقل مقاتلو المقاومة الشعبية في مدينة الحلة أمس من الدفاع إلى الهجوم ضد الحوثيين.") == []


def _actor1(text: str, published: str = "2015-08-06") -> list[str | None]:
    from rasd import analyse

    return [e.actor1 for e in analyse(text, published=published).events]


def test_who_reports_a_bombing_did_not_plant_the_bomb():
    assert _actor1("قالت الشرطة إن قنبلة انفجرت تحت سيارة أجرة في مدينة الحلة اليوم وقتلت سائقها وراكبين.") == [None]
    # the source that says it acted itself («إن قواته», «إنه») stays the agent
    assert _actor1("وقال الجيش في بيان إن قواته قصفت مواقع المسلحين في مدينة الحلة اليوم.") == ["Military Forces of Iraq (2014-)"]


def test_an_ambush_takes_no_weapon_from_the_air_raids_told_before_it():
    text = ("شنت طائرات التحالف غارات على مواقع المسلحين في مدينة الحلة أمس. "
            "ونصب مقاتلون من العشائر كمينا لدورية المسلحين قرب بلدة المسيب مما أدى إلى مقتل اثنين منهم.")
    assert _subtypes(text) == ["Air/drone strike", "Armed clash"]


def test_a_programme_aimed_at_all_walks_of_society_attacks_no_one():
    assert _subtypes("وأكد أن فعاليات المهرجان في مدينة الطائف استهدفت كافة شرائح السكان والزوار.") == []
    assert _subtypes("وقال إن البرامج تستهدف الفئات المحتاجة في مدينة الحلة.") == []


def test_a_state_lodging_a_protest_is_no_demonstration():
    assert _subtypes("وأضاف المتحدث أن إسلام آباد تتقدم باحتجاج على خرق الهدنة الذي جرى في كشمير أمس.") == []


def test_who_denies_having_struck_stays_the_accused_actor():
    assert _actor1("نفى الجيش العراقي أن يكون قد قصف بلدة المسيب أمس.") == ["Military Forces of Iraq (2014-)"]


def test_what_is_done_daily_is_a_campaign_not_an_event():
    assert _subtypes("وينفذ الطيران الأردني يوميا غارات على مواقع المسلحين في ريف الرقة.") == []
    assert _subtypes("ونفذ الطيران الأردني أمس غارات على مواقع المسلحين في ريف الرقة.") == ["Air/drone strike"]


def test_what_happens_from_time_to_time_is_no_event():
    assert _subtypes("وغالبا ما تندلع اشتباكات عنيفة بين قوات النظام والمعارضة في محيط بلدة الفوعة بريف إدلب.") == []
    assert _subtypes("ومن حين لآخر يخطف مسلحون مواطنين أجانب في محافظة مأرب.") == []
    assert _subtypes("اندلعت اشتباكات عنيفة أمس بين قوات النظام والمعارضة في محيط بلدة الفوعة بريف إدلب.") == ["Armed clash"]


def test_an_armed_group_borrows_no_aircraft_from_the_sentence_before():
    text = ("قصفت الطائرات التركية مواقع حزب العمال الكردستاني في شمال العراق أمس. "
            "وفي بلدة جزرة قتل شرطي مساء السبت في هجوم تبناه حزب العمال الكردستاني.")
    assert _subtypes(text)[0] == "Air/drone strike" and "Air/drone strike" not in _subtypes(text)[1:]


def test_a_birth_year_dates_no_event():
    from rasd import analyse

    doc = analyse("وبين المتهمين (سعد خالد مواليد 1987) الذي انضم إلى التنظيم في مدينة الموصل وشارك في القتال الدائر ضد الجيش العراقي.",
                  published="2015-08-06")
    assert doc.events and all(not (e.event_date or "").startswith("1987") for e in doc.events)


def test_a_siege_in_preparation_for_storming_a_city_plans_its_retaking():
    found = _found("وأكملت القوات العراقية حصار مدينة الرمادي تحضيرا لعملية اقتحامها وتحريرها من المسلحين.")
    assert found and {status for _, status in found} == {"planned_or_threatened"}


def test_leaders_killed_in_air_strikes_are_the_target_even_with_words_between():
    from rasd import analyse

    doc = analyse("وأعلن مصدر عسكري عن مقتل أربعة قادة «ميدانيين» من تنظيم داعش بغارات جوية على قضاء هيت أمس.",
                  published="2015-08-06")
    assert [(e.sub_event_type, e.actor2) for e in doc.events] == [("Air/drone strike", "Islamic State (Iraq)")]
    assert doc.events[0].actor1 != "Islamic State (Iraq)"


def test_pre_emptive_security_strikes_and_families_are_no_attacks_or_abductions():
    assert _subtypes("وأثنى الأهالي على الضربات الاستباقية التي وجهتها الأجهزة الأمنية للخلايا المتطرفة في مدينة الدمام.") == []
    assert _subtypes("وقدم الهلال الأحمر مساعدات إلى الأسر وعناصر الدفاع المدني في مدينة الحلة أمس.") == []
    assert _subtypes("وأسر المسلحون خمسة جنود في مدينة الحلة أمس.") == ["Abduction/forced disappearance"]


def test_going_to_fight_is_no_battle_that_happened():
    found = _found("وقالت السلطات إن عشرات الشبان سافروا إلى مدينة حلب للقتال الدائر في صفوف الجماعات المتطرفة.")
    assert found == [("Armed clash", "planned_or_threatened")]


def test_what_happened_is_not_dated_after_the_report():
    from rasd import analyse

    # (a retaking named only to date the reopening, «بعد تحريره», is a reference and no event at all)
    doc = analyse("وذكر المسؤول أن الجيش حرر ميناء المكلا من المسلحين، وأن الفرق تعمل لفتحه أمام السفن في الأسبوع القادم.",
                  published="2015-08-06")
    (ev,) = doc.events
    assert ev.status == "occurred" and ev.event_date is not None and ev.event_date <= "2015-08-06"


def test_a_town_placed_by_its_bearing_from_a_city_is_the_place():
    from rasd import analyse

    doc = analyse("وقال مسؤول محلي في مدينة سبها جنوب طرابلس إن عشرة أشخاص قتلوا في اشتباكات قبلية.", published="2015-08-06")
    assert [e.location for e in doc.events] == ["Sabha"]


def test_fighting_as_a_policy_is_no_battle_but_fighting_that_went_on_is():
    assert _subtypes("وناقش الوزراء أمس في أنقرة سبل قتال تنظيم داعش في شمال سوريا.") == []
    assert _subtypes("ودار قتال عنيف بين الجيش والمسلحين في مدينة الرمادي أمس.") == ["Armed clash"]
    assert _subtypes("وقتل ثلاثة جنود في قتال مع المسلحين قرب مدينة الرمادي أمس.") == ["Armed clash"]


def test_a_repelled_attack_happened():
    assert _found("وتصدت قوات الجيش أمس لهجوم شنه المسلحون على مواقعها في مدينة مأرب.") == [("Armed clash", "occurred")]


def test_expelling_an_envoy_is_no_regained_territory():
    assert _subtypes("وقال الوزير إن السلطات قامت بطرد السفير الإيراني من العاصمة أنقرة الشهر الماضي.") == []
    assert _subtypes("وتمكنت القوات من طرد المسلحين من مدينة الرمادي أمس.") == ["Government regains territory"]


def test_friendly_matches_are_sport():
    assert _subtypes("واختتم الشباب معسكره في مدينة أبها الذي خاض خلاله أربع مواجهات ودية.") == []
    assert _subtypes("واندلعت مواجهات عنيفة بين مسلحين والشرطة في مدينة إسطنبول أمس.") == ["Armed clash"]


def test_searching_for_weapons_is_no_find_yet():
    assert _found("ونفذت الشرطة حملة تفتيش في أحياء مدينة الموصل للعثور على أسلحة ومتفجرات مخبأة.") == [
        ("Disrupted weapons use", "planned_or_threatened")]
    assert _found("ونفذت الشرطة حملة تفتيش في أحياء مدينة الموصل وعثرت على أسلحة ومتفجرات مخبأة.") == [
        ("Disrupted weapons use", "occurred")]


def test_what_a_side_always_does_is_no_event():
    assert _subtypes("ودائما ما تشن الطائرات المسيرة غارات على مواقع المسلحين قرب مدينة سنجار.") == []


def test_an_article_summing_up_a_period_details_its_tally_undated():
    from rasd import analyse

    text = ("وقال المتحدث العسكري إن المدفعية قصفت مواقع المسلحين في مدينة الشيخ زويد. "
            "وأضاف أن قوات الجيش اشتبكت أمس مع مسلحين في مدينة رفح.")
    tally = analyse(text, title="مقتل 60 مسلحا في شمال سيناء خلال 9 أيام", published="2015-08-06")
    plain = analyse(text, title="الجيش يواصل عملياته في شمال سيناء", published="2015-08-06")
    assert len(plain.events) > len(tally.events) >= 1
    assert all(e.date_explicit for e in tally.events)


def test_the_protest_word_dates_the_event_rather_than_the_protesters():
    # the protesters' demands come first, the protest and its day after: one event, on the protest's day
    from rasd import analyse

    (ev,) = analyse("ناقش البرلمان اليوم الاثنين مطالب المحتجين في البصرة، وكانت قد انطلقت مساء السبت مظاهرات "
                    "غاضبة في المدينة احتجاجا على انقطاع الكهرباء.", published="2015-08-10").events
    assert (ev.sub_event_type, ev.event_date, ev.location) == ("Peaceful protest", "2015-08-08", "Basrah")


def test_a_bomb_named_in_its_own_sentence_borrows_no_air_strike_from_before():
    text = ("شنت الطائرات الأردنية غارات على مواقع المسلحين قرب مدينة الرقة أمس. "
            "وانفجرت قنبلة خبئت قرب مخفر في بلدة نصيبين مساء أمس فجرح جنديان.")
    assert _subtypes(text) == ["Air/drone strike", "Remote explosive/landmine/IED"]


def test_a_band_is_not_a_dispersal_and_held_ground_is_no_takeover():
    assert _subtypes("وصلت المطربة إلى مدينة وهران أمس وفرقتها لإحياء حفل في المهرجان.") == []
    assert _subtypes("فرقت الشرطة مئات المتظاهرين في وسط مدينة البصرة أمس.") == ["Protest with intervention"]
    assert _subtypes("قصفت قوات المعارضة أمس حي الزهراء الخاضع لسيطرة النظام في مدينة حلب.") == [
        "Shelling/artillery/missile attack"]


def test_air_support_neither_arms_a_ground_attack_nor_carries_it_out():
    from rasd import analyse

    (ev,) = analyse("وبدأ جنود الحكومة اليمنية بدعم جوي كثيف من التحالف هجوما على مواقع الحوثيين في حي كريتر بعدن أمس.",
                    published="2015-08-06").events
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 is not None and "Coalition" not in ev.actor1


def test_a_strike_demanded_to_stop_is_no_event():
    assert _subtypes("ودعت الحكومة العراقية أمس إلى وقف قصف المقاتلات التركية لقرى قرب مدينة زاخو.") == []


def test_deaths_in_a_collapse_or_a_storm_and_firemen_containing_a_fire_are_no_events():
    assert _subtypes("قتل سبعة أشخاص في مدينة كراتشي أمس بعد ساعات من بدء هطول الأمطار بغزارة.") == []
    assert _subtypes("لقي ثلاثة عمال حتفهم في مدينة جدة أمس إثر انهيار مبنى قيد الإنشاء.") == []
    assert _subtypes("وعملت فرق الإطفاء في مدينة الدمام أمس على محاصرة النيران في مستودع.") == []
    assert _subtypes("قتل ثلاثة جنود بهجوم نفذه مسلحون على حاجز في مدينة العريش أمس.") == ["Armed clash"]


def test_a_missile_programme_and_rescuers_freeing_the_injured_are_no_events():
    assert _subtypes("ويستمر بموجب القرار منع تقنيات الصواريخ عن طهران خمس سنوات أخرى.") == []
    assert _subtypes("وأطلقت الميليشيات الصواريخ على مدينة جازان أمس.") == ["Shelling/artillery/missile attack"]
    assert _subtypes("ونجحت فرق الإنقاذ أمس في تحرير المصابين العالقين داخل حافلة قرب مدينة الطائف.") == []
    assert _subtypes("وجرى اقتحام الشقة من قبل وحدات الإنقاذ في حي الروضة بجدة أمس لإخلاء السكان.") == []


def test_an_arrest_is_criminal_even_when_the_crime_is_named_far_from_it():
    assert _subtypes("وتمكنت دوريات الأمن في مدينة تبوك أمس من القبض على ثلاثة وافدين كانوا يتنقلون بسيارة "
                     "وبحوزتهم كمية كبيرة من أقراص الكبتاجون.") == []
    assert _subtypes("واعتقلت الشرطة التونسية أمس عشرة عناصر من خلية متطرفة في مدينة سوسة.") == ["Arrests"]


def test_a_death_sentence_is_no_killing_but_an_armed_groups_execution_is():
    assert _subtypes("وأرجأت المحكمة في مدينة لاهور اليوم إعدام امرأة أدينت في قضية مرتبطة باغتيال حاكم إقليم البنجاب.") == []
    assert _subtypes("وأعدم مسلحو التنظيم أمس خمسة رجال في ساحة عامة بمدينة الرقة.") == ["Attack"]


def test_what_happens_in_case_of_is_only_possible():
    assert _found("وقال إن الحكومة في حالة اعتقال الناشطين في مدينة المنامة أمس ستواجه غضبا شعبيا.") == [
        ("Arrests", "possible")]


def test_the_arrests_of_a_crime_story_are_not_coded_unless_political():
    from rasd import analyse

    body = "وتمكنت دوريات الأمن في مدينة الطائف أمس من القبض على شخصين بعد مطاردة في حي شعبي."
    crime = analyse(body, title="الإطاحة بعصابة تخصصت في سرقة المحلات بالطائف", published="2015-08-06")
    assert crime.events == []
    cell = analyse(body, title="الإطاحة بخلية إرهابية في الطائف", published="2015-08-06")
    assert [e.sub_event_type for e in cell.events] == ["Arrests"]


def test_a_projectile_across_the_border_is_shelling():
    from rasd.pipeline import analyse

    # «مقذوف»: the Saudi press's word for a shell fired from across the border
    doc = analyse("أصيب ثلاثة مقيمين ظهر اليوم بعد سقوط مقذوفات عسكرية على سوق شعبي في مدينة نجران.", published="2015-07-20")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Shelling/artillery/missile attack", "Najran")]


def test_a_shelled_market_is_an_attack_but_a_market_named_for_rockets_is_not():
    assert _subtypes("سقطت خمس قذائف هاون على سوق الخضار في حي الميدان بدمشق أمس.") == ["Shelling/artillery/missile attack"]
    assert _subtypes("وضبطت البلدية أطنانا من الأغذية الفاسدة في أسواق الصواريخ أمس.") == []


def test_strikes_by_named_jets_over_a_region_are_reported_not_a_vague_reference():
    from rasd.pipeline import analyse

    doc = analyse("نفذت مقاتلات أردنية فجر اليوم ضربات على مواقع للتنظيم في جنوب سوريا.", published="2015-08-10")
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Air/drone strike", "Southern Syria")]
    # a bare generic word over a region stays a reference
    assert _subtypes("وتواصلت الهجمات في جنوب سوريا.", "2015-08-10") == []


def test_a_retaking_named_to_date_something_else_is_a_reference_not_a_report():
    from rasd.pipeline import analyse

    doc = analyse("هبطت أمس طائرة مساعدات في مطار المكلا بعد تحريره من مسلحي التنظيم.", published="2015-08-10")
    assert [e for e in doc.events if e.sub_event_type == "Government regains territory"] == []
    # dated right after the trigger, the retaking is itself reported
    doc = analyse("تقدمت القوات نحو الشمال إثر تحرير الجيش، أمس، بلدة المسيمير في محافظة لحج.", published="2015-08-10")
    assert [e.event_date for e in doc.events if e.sub_event_type == "Government regains territory"] == ["2015-08-09"]


def test_the_assault_of_a_takeover_takes_no_weapon_from_the_sentence_before():
    from rasd.pipeline import analyse

    text = ("وقصفت المقاتلات مواقع المتمردين في زنجبار. وسيطرت قوات الجيش على ميناء المكلا بعد أن شنت هجوما "
            "على المتمردين فجر الأحد.")
    doc = analyse(text, published="2015-08-10")
    assert sorted(e.sub_event_type for e in doc.events) == ["Air/drone strike", "Government regains territory"]


def test_shooters_named_between_the_verb_and_the_fire_is_a_shooting():
    assert _subtypes("أطلق مسلحون ملثمون النار على حاجز للجيش قرب مدينة الشيخ زويد فجر اليوم.") == ["Armed clash"]
    assert _subtypes("أشعل الشباب النار على شاطئ البحر ليلة العيد.") == []


def test_two_soldiers_killed_by_a_sniper_is_fighting():
    assert _subtypes("قتل جنديان برصاص قناص قرب مدينة حرستا مساء أمس.") == ["Armed clash"]


def test_a_sit_in_by_its_verb_is_a_protest_but_not_the_verse():
    assert _subtypes("اعتصم مئات المعلمين أمام مبنى وزارة التربية في مدينة أربيل أمس.") == ["Peaceful protest"]
    assert _subtypes("وقال الخطيب: واعتصموا بحبل الله جميعا.") == []


def test_a_military_patrol_is_the_army_not_the_police():
    from rasd.pipeline import analyse

    doc = analyse("استهدف مسلحون مجهولون دورية عسكرية قرب مدينة العريش أمس.", published="2015-08-10")
    assert [e.actor2 for e in doc.events] == ["Military Forces of Egypt (2014-)"]


def test_a_market_set_free_is_no_retaking():
    assert not any("territory" in sub for sub in _subtypes("بدأت قوات الأمن في القاهرة أمس تطبيق قرار تحرير سوق الصرف."))


def test_stopping_an_advance_or_a_shipment_is_no_arrest():
    assert "Arrests" not in _subtypes("ضربت المدفعية مواقع المتمردين فأوقفت تقدمهم نحو مدينة صرواح أمس.")
    assert "Arrests" not in _subtypes("وتمكن خفر السواحل من توقيف شحنة ذخائر قبالة ميناء مصراتة أمس.")
    assert _subtypes("أوقفت الشرطة أمس خمسة مطلوبين ينتمون إلى خلية إرهابية في مدينة الأحساء.") == ["Arrests"]


def test_a_march_of_development_is_no_protest():
    # the protest entry keeps its own «مسيرة …» metaphors (they had slipped to the sit-in entry below it)
    assert _subtypes("واحتفل الأهالي في مدينة الطائف أمس بإنجازات مسيرة التنمية وسط تظاهرات فرح.") == []


def test_a_terrorist_attack_is_political_violence_without_a_named_side():
    text = "أسفر الهجوم{} على مبنى البلدية في مدينة الحمامات أمس عن سقوط 4 قتلى."
    assert _subtypes(text.format(" الإرهابي")) == ["Armed clash"]
    assert _subtypes(text.format("")) == []  # no side, no fighting word: a bare «الهجوم» may be anything


def test_a_columnists_undated_mention_is_commentary():
    from rasd import analyse

    def found(text: str, byline: str) -> list[str]:
        return [e.location for e in analyse(text, published="2015-08-10", dateline=byline).events]

    undated = "وقد شاهد العالم كله كيف قصفت طائرات النظام أحياء حلب بالبراميل المتفجرة."
    dated = "قصفت طائرات النظام أمس أحياء حلب بالبراميل المتفجرة."
    assert found(undated, "منيرة عبدالله القحطاني") == []  # a column
    assert found(undated, "بيروت - أ ف ب") == ["Aleppo"]  # a report
    assert found(dated, "منيرة عبدالله القحطاني") == ["Aleppo"]  # a column's dated event is kept


def test_a_sermon_or_the_prophets_history_reports_no_event():
    told = "وروى المرشد كيف اشتبك {} مع {} قرب جبل {} وقتل العشرات."
    assert _subtypes(told.format("المسلمون بقيادة النبي صلى الله عليه وسلم", "جيش المشركين", "أحد")) == []
    assert _subtypes(told.format("المسلحون", "جيش النظام", "الزاوية")) == ["Armed clash"]


def test_a_present_tense_verb_after_a_conjunction_states_a_generality():
    assert _subtypes("تنظم الجمعية دورة تدريبية مجانية وتستهدف الشباب في المدينة المنورة.") == []
    # "تفكيك" (dismantling) is a noun, though its doubled root reads like a present-tense verb
    assert _subtypes("وتمكنت فرق الهندسة العسكرية من تفكيك عبوات ناسفة زرعها المسلحون في بيوت حي الضباط بمدينة "
                     "الرمادي.") == ["Disrupted weapons use"]


def test_a_protest_as_the_motive_of_another_act_is_no_demonstration():
    # «احتجاجا على» after a resignation, a recalled envoy or a walk-out gives a motive, not a demonstration
    assert _found("وقدم رئيس البلدية استقالته أمس احتجاجا على تأخر صرف رواتب الموظفين في مدينة حمص.") == []
    assert _found("واستدعت الكويت أمس سفيرها في بغداد للتشاور احتجاجا على تصريحات نائب عراقي.") == []
    # … and a demonstration when it is what people gathered, marched or struck for
    assert _found("وتجمع مئات العمال أمس أمام مبنى المحافظة في مدينة البصرة احتجاجا على تأخر الرواتب.") == [
        ("Peaceful protest", "occurred")]
    assert _found("وأضرب سائقو الحافلات أمس في مدينة عمان احتجاجا على رفع أسعار الوقود.") == [
        ("Peaceful protest", "occurred")]


def test_the_side_a_town_is_taken_from_is_the_target():
    # «من يد» names whose hands the town was taken out of; it did not act
    from rasd import analyse

    events = analyse("وعاد المحافظ أمس إلى مدينة الضالع التي جرى تحريرها قبل أيام من يد مسلحي الحوثي.",
                     published="2015-08-10").events
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Government regains territory", None, "Houthis (Ansar Allah)")]


def test_freeing_hostages_is_no_retaking_of_territory():
    assert _found("وأعلن الجيش أمس أنه حرر 40 رهينة بينهم نساء وأطفال قرب مدينة مايدوغوري.") == []
    assert _found("وحررت القوات الحكومية أمس مدينة مايدوغوري من مسلحي الحركة.") == [
        ("Government regains territory", "occurred")]


def test_a_festival_or_course_aimed_at_an_audience_is_no_attack():
    assert _found("وأوضح أن فعاليات الصيف استهدفت هذا العام كل الأعمار من زوار المدينة.") == []
    assert _found("واستهدفت الدورة التدريبية أمس 40 موظفا من الدفاع المدني في مدينة جدة.") == []
    assert _found("واستهدفت قذائف الهاون أمس حيا سكنيا في مدينة درعا.") != []


def test_stopping_visas_or_rescuing_trapped_workers_is_no_arrest():
    assert _found("وقالت الوزارة إن السفارة في عمان أوقفت منح التأشيرات للمواطنين أمس.") == []
    assert _found("وهرعت فرق الإنقاذ إلى الموقع بعد احتجاز عاملين داخل بئر في قرية قرب مدينة تبوك.") == []
    # the eruption named far from the word (beyond the trigger's window): stranded travellers all the same
    assert _found("وتسبب ثوران بركاني قرب الجزيرة أمس في إغلاق المطار، ما اضطر شركات الطيران لتأجيل عشرات الرحلات "
                  "وأدى إلى احتجاز آلاف السياح داخل صالات مطار جاكرتا.") == []
    assert ("Arrests", "occurred") in _found("وأوقفت الشرطة أمس ثلاثة مشتبه بهم في تفجير مسجد في مدينة الدمام.")


def test_a_shot_fired_by_mistake_or_investments_wound_up_are_no_attack():
    assert _found("وأصيب طفل أمس بعد أن تعرض بالخطأ لإطلاق نار في حديقة المنزل في مدينة الطائف.") == []
    assert _found("وأعلن الصندوق أمس تصفية الاستثمارات في الشركة بمدينة دبي.") == []
    assert _found("وتمكنت قوات الأمن أمس من تصفية خمسة مسلحين في مدينة العريش.") != []


def test_an_event_known_only_to_its_country_is_placed_at_the_capital():
    from rasd import analyse

    (ev,) = analyse("وقالت مصادر إن طائرات التحالف نفذت غارات على مواقع في اليمن أمس.", published="2015-08-10").events
    assert ev.location == "Yemen" and ev.geo_precision == 3
    assert abs(ev.latitude - 15.35) < 0.1 and abs(ev.longitude - 44.21) < 0.1  # Sanaa, not the country's middle


def test_a_new_leader_of_an_armed_group_is_a_change_to_the_group_in_its_country():
    from rasd import analyse

    (ev,) = analyse("وأعلن تنظيم أنصار الشريعة في بنغازي أمس اختيار قائد ميداني أميرا جديدا له خلفا لقائده السابق.",
                    published="2015-08-10").events
    assert (ev.sub_event_type, ev.actor1, ev.location, ev.geo_precision) == (
        "Change to group/activity", "Ansar al Sharia (Libya)", "Libya", 3)
    # a prince made governor is no armed group's change
    assert _found("وأصدر الملك أمرا بتعيين الأمير فهد أميرا لمنطقة الجوف.") == []


def test_after_a_preposition_the_expelling_word_is_a_noun_and_its_object_was_driven_out():
    from rasd import analyse

    (ev,) = analyse("ونجح المقاتلون أمس في طرد الحوثيين خارج بلدة زنجبار في محافظة أبين.", published="2015-08-10").events
    assert ev.actor2 == "Houthis (Ansar Allah)" and ev.actor1 != "Houthis (Ansar Allah)"
    assert ev.sub_event_type == "Government regains territory"


def test_any_attack_is_a_hypothetical_not_a_report():
    assert _found("وحذر القائد العسكري من أن أي هجوم على البلدة سيواجه برد حاسم.") == []
    assert _found("وطلبت الشرطة من الأهالي الإبلاغ عن أي اشتباكات قرب حي الزهور في مدينة حلب.") == []
    assert _found("وشن مسلحون أمس هجوما على نقطة تفتيش قرب مدينة حلب.") != []


def test_an_event_so_many_days_before_the_one_reported_is_dated_back():
    from rasd import analyse

    (ev,) = analyse("وأعلنت السلطات حظر التجول يوم الجمعة بعد ثلاثة أيام على تفجير انتحاري استهدف سوقا في مدينة بنغازي.",
                    published="2015-08-10").events
    assert (ev.sub_event_type, ev.event_date) == ("Suicide bomb", "2015-08-04")  # Friday the 7th, three days before
    (ev,) = analyse("وقتل ثلاثة جنود أمس في هجوم على حاجز قرب مدينة درنة.", published="2015-08-10").events
    assert ev.event_date == "2015-08-09"


def test_the_motive_of_a_protest_is_no_event_of_its_own():
    assert _found("وتظاهر مئات الأشخاص في باريس أمس للتنديد بالقصف الذي تنفذه المدفعية على القرى الكردية.") == [
        ("Peaceful protest", "occurred")]
    assert _found("واعتصم عشرات الطلاب أمس أمام الجامعة في طهران احتجاجا على اعتقال زملائهم.") == [
        ("Peaceful protest", "occurred")]
    assert _found("ونظم نحو ألف شخص اعتصاما قرب ساحة رئيسية في مدينة اللاذقية أمس.") == [("Peaceful protest", "occurred")]
    # an act in a clause of its own after the motive is reported
    assert ("Arrests", "occurred") in _found("وتجمع عشرات الشبان في حي بروكلين احتجاجا على مقتل زميلهم واعتقلت الشرطة عددا منهم.")


def test_the_province_that_locates_a_town_is_not_the_events_place():
    from rasd import analyse

    (ev,) = analyse("وصلت قوات الجيش إلى بلدة مودية الجبلية في أبين، وسيطرت عليها صباح أمس.", published="2015-08-10").events
    assert (ev.location, ev.geo_precision) == ("Mudiyah", 1)
    # the province named with the event itself, not right after the town, is still where it happened
    (ev,) = analyse("وصلت قوات الجيش إلى بلدة مودية الجبلية، وسيطرت عليها صباح أمس في أبين.", published="2015-08-10").events
    assert ev.location == "Abyan"


def test_targets_struck_are_no_goals_scored():
    from rasd import analyse

    (ev,) = analyse("ونفذت مقاتلات التحالف أمس ضربات على أهداف لتنظيم داعش قرب مدينة الرقة.", published="2015-08-10").events
    assert (ev.sub_event_type, ev.location) == ("Air/drone strike", "Ar-Raqqa")
    assert _found("وشن المنتخب هجوما مكثفا في الشوط الثاني وسجل ثلاثة أهداف.") == []
    # nor is a stadium blown up a match, or the official account a novel
    assert _found("وفجر مسلحو داعش أمس الملعب البلدي في مدينة الرمادي بعبوات ناسفة.") == [
        ("Remote explosive/landmine/IED", "occurred")]
    assert _found("وبحسب الرواية الرسمية، قصفت الطائرات مواقع للمسلحين قرب مدينة درنة أمس.") == [
        ("Air/drone strike", "occurred")]


def test_a_wire_agencys_booby_trapped_car_is_a_car_bomb():
    from rasd import analyse

    (ev,) = analyse("وقالت الشرطة إن سيارة ملغومة استهدفت دورية للجيش في مدينة بعقوبة أمس.", published="2015-08-10").events
    assert (ev.sub_event_type, ev.location) == ("Remote explosive/landmine/IED", "Baqubah")
    # and a blast reported in the accusative after «إن»
    assert _found("وقال مسؤول في الشرطة اليوم إن انفجارا قويا وقع عند بوابة مطار كابول وسط مخاوف من سقوط ضحايا.") == [
        ("Remote explosive/landmine/IED", "occurred")]


def test_what_an_act_answers_is_a_reference_that_lends_it_no_weapon_or_place():
    from rasd import analyse

    (ev,) = analyse("وتبنى المسلحون قتل جنديين قرب بلدة نصيبين أمس ردا على التفجير الانتحاري الذي ضرب بلدة سروج.",
                    published="2015-08-10").events
    assert (ev.sub_event_type, ev.location, ev.event_date) == ("Armed clash", "Nusaybin", "2015-08-09")
    # a response named first, then the act after a comma: the act is reported
    (ev,) = analyse("وفي خطوة بدت ردا على الكمين الأخير، قصفت المدفعية مواقع المسلحين قرب مدينة ديار بكر أمس.",
                    published="2015-08-10").events
    assert (ev.sub_event_type, ev.location) == ("Shelling/artillery/missile attack", "Diyarbakir")


def _locations(text: str, published: str = "2015-08-06") -> list[str | None]:
    from rasd import analyse

    return [e.location for e in analyse(text, published=published).events]


def test_the_place_of_a_source_locates_the_event_only_when_the_sentence_names_no_other():
    # "سكان في صعدة": where the residents are; the strikes were on the district the sentence names
    assert _locations("وقال سكان في صعدة إن غارات جوية استهدفت مواقع المسلحين في مديرية كتاف.") == ["Kitaf District"]
    # … and what locates the source's town is the source's too ("الحديدة غرب صنعاء")
    assert _locations("وقال مسؤول في مدينة الحديدة غرب صنعاء إن المسلحين خاضوا أمس اشتباكات عنيفة فيما بينهم.") == ["Al Hudaydah"]
    # with no other place in its sentence, the source's town is the best guess
    assert _locations("وقال مصدر طبي في مأرب إن المسلحين خاضوا أمس اشتباكات عنيفة فيما بينهم.") == ["Marib"]


def test_household_and_road_accidents_are_no_bombings():
    assert _subtypes("وأصيب جندي بحروق في وجهه حين انفجرت الألعاب النارية التي صادرها من متجر في الطائف أمس.") == []
    assert _subtypes("وأصيب ثلاثة عمال في انفجار أسطوانة غاز داخل مطعم بمدينة الدمام أمس.") == []
    assert _subtypes("وتوفي رجل وأصيبت زوجته حين انفجر الإطار الأمامي لسيارتهما على طريق الطائف.") == []
    assert _subtypes("وقتل رجلان في انفجار عبوة ناسفة زرعها مسلحون على طريق الطائف.") == ["Remote explosive/landmine/IED"]


def test_burning_people_is_an_attack_burning_calories_is_not():
    assert _subtypes("وأقدم مسلحون ملثمون فجر أمس على إحراق عائلة كاملة داخل منزلها في قرية دوما.") == ["Attack"]
    assert _subtypes("وقال الطبيب إن المشي اليومي يساعد على حرق السعرات الحرارية بسرعة.") == []


def test_a_campaign_named_in_passing_over_a_region_is_no_event_a_dated_one_is():
    # no day, no toll, only a region: the strikes as an ongoing campaign, not one event an analyst can code
    assert _subtypes("وتواصل الطائرات التركية غاراتها على معاقل المتمردين بشمال العراق.") == []
    assert _subtypes("وشنت الطائرات التركية أمس غارات على معاقل المتمردين بشمال العراق.") == ["Air/drone strike"]


def test_a_capital_after_a_verb_of_saying_is_its_government_not_the_place():
    from rasd import analyse

    (ev,) = analyse("وأعلنت أنقرة أمس أن مقاتلاتها قصفت مواقع للمتمردين.", published="2015-08-06").events
    assert ev.sub_event_type == "Air/drone strike" and ev.location != "Ankara"
    (ev,) = analyse("وقصفت المقاتلات أمس مواقع للمتمردين قرب أنقرة.", published="2015-08-06").events
    assert ev.location == "Ankara"


def test_a_province_is_more_specific_than_its_country_when_mentions_merge():
    from rasd.events.extract import _more_specific
    from rasd.events.record import Event

    def mention(name: str, kind: str) -> Event:
        ev = Event("t", "Explosions/Remote violence", "Suicide bomb", "Political violence", "occurred",
                   {"text": "", "start": 0, "end": 0}, {"text": "", "start": 0, "end": 0})
        ev.location, ev.location_kind, ev.geo_precision, ev.location_explicit = name, kind, 3, True
        return ev

    assert _more_specific(mention("Agri", "admin"), mention("Turkey", "country"))
    assert not _more_specific(mention("Turkey", "country"), mention("Agri", "admin"))


def test_a_civil_defence_spokesman_is_no_party_and_one_mans_objection_no_protest():
    from rasd import analyse

    text = "وتلقت فرق الدفاع المدني أمس بلاغا بسقوط قذائف مصدرها الجانب اليمني فوق مزرعة في محافظة صامطة."
    (ev,) = analyse(text, published="2015-08-06").events
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert "Red Cross" not in f"{ev.actor1} {ev.actor2}"
    assert _subtypes("وأكد الوزير المقال أن احتجاجه على ممارسات الجماعة كان وراء إقالته من منصبه.") == []
    assert _subtypes("وأصيب ثلاثة أطفال في انفجار شاحن جوال داخل شقة في جدة أمس.") == []


def test_the_base_jets_took_off_from_is_not_where_they_struck_and_preparing_is_a_plan():
    located = _locations("وقال الجيش إن مقاتلات أقلعت فجر أمس من قاعدة في مدينة ملطية وقصفت مواقع للتنظيم في مدينة الرقة.")
    assert located == ["Ar-Raqqa"]
    found = _found("وقال الضابط إن جنوده يتأهبون لاقتحام مدينة الرمادي واستعادتها من المسلحين خلال أيام.")
    assert found and all(status == "planned_or_threatened" for _, status in found)


def test_who_is_driven_out_lost_the_ground_whoever_drove_them():
    from rasd import analyse

    (ev,) = analyse("وأفاد سكان أنه تم فجر أمس طرد الحوثيين من مدينة الحوطة في لحج.", published="2015-08-06").events
    assert (ev.sub_event_type, ev.actor2) == ("Government regains territory", "Houthis (Ansar Allah)")
    assert ev.actor1 != "Houthis (Ansar Allah)"


def test_one_actor_is_not_both_sides():
    from rasd.events.extract import _one_side

    strike = _records("وقتلت غارات التحالف عناصر من داعش في مواقع التنظيم قرب الحسكة أمس")[0]
    strike.actor1, strike.inter1 = strike.actor2, strike.inter2
    _one_side(strike)  # the fighters killed were hit; they are not also the attacker
    assert (strike.actor1, strike.actor2) == (None, "Islamic State (Syria)")
    taken = _records("وسيطرت المقاومة الشعبية على مدينة زنجبار بعد معارك مع الحوثيين أمس")[0]
    taken.actor2, taken.inter2 = taken.actor1, taken.inter1
    _one_side(taken)  # who took the town did not also lose it
    assert (taken.actor1, taken.actor2) == ("Popular Resistance (Yemen)", None)


def test_the_group_after_the_attack_noun_with_its_target_after_it_attacked():
    ev = _records("قتل 9 مدنيين في هجوم طالبان على سوق مدينة قندوز أمس")[0]
    assert (ev.actor1, ev.actor2) == ("Taliban", "Civilians (Afghanistan)")


def test_weeks_or_months_of_it_make_a_summary_not_an_event():
    assert _found("وقصفت الطائرات الروسية ريف إدلب على مدى ثلاثة أشهر متواصلة") == []
    assert _found("واعتقلت الشرطة خلال الأسابيع القليلة الماضية عشرات المطلوبين في البصرة") == []
    # hours are one day's event
    assert _subtypes("قتل 12 مدنيا خلال 24 ساعة في قصف للطائرات الروسية على ريف إدلب") == ["Air/drone strike"]


def test_sites_in_a_civil_project_are_no_military_positions():
    assert _found("وستطرح وزارة الإسكان مشاريع جديدة في مدينة الطائف بعد تسلم أراض في مواقع أخرى") == []


def test_a_generic_actor_takes_the_country_of_its_event_even_when_the_place_comes_from_before():
    ev = _records("تشهد بوروندي أزمة سياسية منذ أشهر. وتظاهر الآلاف أمس احتجاجا على ترشح الرئيس لولاية ثالثة.")[0]
    assert (ev.location, ev.actor1) == ("Burundi", "Protesters (Burundi)")


def test_who_was_killed_by_a_blast_did_not_set_it():
    ev = _records("وأفادت مصادر بأن شرطيا قتل في محافظة كركوك حينما انفجرت عبوة ناسفة قرب دورية أمنية")[0]
    assert (ev.actor1, ev.actor2) == (None, "Police Forces of Iraq (2014-)")
    # a definite force before «قتل» is who killed
    ev = _records("وقالت مصادر إن الجيش قتل ستة مسلحين في غارة جوية شرق مدينة تكريت")[0]
    assert ev.actor1 == "Military Forces of Iraq (2014-)"


def test_two_soldiers_in_the_nominative_dual_are_soldiers():
    ev = _records("أصيب جنديان عراقيان بانفجار عبوة ناسفة جنوب مدينة كركوك أمس")[0]
    assert ev.actor2 == "Military Forces of Iraq (2014-)"


def test_what_a_strike_aims_to_prevent_did_not_happen():
    subs = _subtypes("وشنت الطائرات غارات على مواقع المتمردين قرب مدينة مأرب أمس في مسعى لمنعهم من السيطرة على المدينة")
    assert subs == ["Air/drone strike"]


def test_who_is_driven_out_after_and_lost_the_ground():
    ev = _records("وبعد السيطرة على مدينة زنجبار في محافظة أبين وطرد الميليشيات الحوثية منها بدأت عودة السكان أمس")
    assert [(e.sub_event_type, e.actor2) for e in ev if e.actor2] == [("Government regains territory", "Houthis (Ansar Allah)")]
    ev = _records("وسقط العشرات من عناصر داعش أسرى في أيدي قوات البيشمركة بعد دحر التنظيم من بلدة مخمور أمس")[0]
    assert ev.actor2 == "Islamic State (Iraq)" and ev.actor1 != "Islamic State (Iraq)"


def test_an_analyst_named_with_his_title_after_a_comma_gives_commentary():
    assert _found("ويقول محمد الأحمد، وهو محلل سياسي، إن المعارك العنيفة في ريف حلب أنهكت الفصائل المعارضة.") == []


def test_the_group_right_after_a_takeover_noun_took_the_town():
    ev = _records("وغابت طائرات النظام السوري عن سماء المنطقة يوم سيطرة تنظيم داعش على مدينة السخنة أمس")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Non-state actor overtakes territory", "Islamic State (Syria)")


def test_after_a_verb_of_driving_out_its_subject_drove_them_out():
    ev = _records("طردت المقاومة الشعبية في محافظة الضالع ميليشيات الحوثيين من مديرية قعطبة أمس")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Government regains territory", "Popular Resistance (Yemen)", "Houthis (Ansar Allah)")


def test_an_event_named_to_say_when_something_else_happened_is_no_report():
    assert _found("وقدمت واشنطن دعما جويا للمقاتلين الأكراد إبان معارك مدينة تل أبيض.") == []


def test_what_a_superlative_is_measured_since_is_not_the_events_day():
    ev = _records("وقتل ثلاثة مدنيين في أعنف قصف تشهده مدينة حلب منذ شهرين", published="2015-08-06")[0]
    assert ev.event_date == "2015-08-05"


def test_a_toll_between_two_stated_days_is_a_tally():
    assert _found("وقال المتحدث إن القوات كبدت المسلحين خسائر كبيرة بين 10 - 25 يوليو الماضي، وتمكنت من قتل 60 مسلحا في مناطق رفح والعريش.") == []
    # a night between two days is one event
    assert _subtypes("قتل ثلاثة مدنيين في قصف على مدينة حلب ليل 30 إلى 31 يوليو") == ["Shelling/artillery/missile attack"]


def test_a_province_located_by_its_bearing_from_a_city_is_the_place():
    ev = _records("وفي محافظة ذمار جنوب صنعاء اندلعت مواجهات عنيفة بين الحوثيين ومسلحي القبائل أمس")[0]
    assert ev.location == "Dhamar"


def test_the_recent_fighting_named_is_no_report():
    assert _found("وأفرجت القوات عن عشرين أسيرا وقعوا في يدها خلال المعارك الأخيرة في ريف إدلب.") == []
