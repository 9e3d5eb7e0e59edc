from __future__ import annotations

from rasd.document import Article
from rasd.pipeline import Pipeline

PIPE = Pipeline(["text", "places"])


def test_compass_part_of_a_country_is_a_located_region():
    (place,) = PIPE(Article(text="شن مسلحون هجمات متفرقة خلال الليل بشمال شرق سوريا")).places
    assert (place.kind, place.name_en, place.admin1, place.geo_precision) == ("region", "Northeast Syria", "Al-Hasakah", 3)
    assert place.latitude is not None and abs(place.latitude - 36.5) < 0.5


def test_function_words_and_clitic_remnants_are_not_places():
    assert PIPE(Article(text="قال ولد الشيخ أحمد إن الحوار إلى طريق مسدود")).places == []


def test_any_compass_part_of_a_country_is_a_region_but_its_centre_is_the_country():
    places = PIPE(Article(text="نزح آلاف السكان إلى جنوب تركيا هربا من المعارك الدائرة في وسط سوريا.")).places
    kinds = {p.text: (p.kind, p.country_code) for p in places}
    assert kinds.get("جنوب تركيا") == ("region", "TR")
    assert kinds.get("سوريا") == ("country", "SY")


def test_compass_part_of_a_continent_is_a_region():
    places = PIPE(Article(text="تعهدت الحكومات في جنوب شرق آسيا بمكافحة تهريب البشر عبر البحر.")).places
    assert [(p.text, p.kind) for p in places] == [("جنوب شرق آسيا", "region")]
