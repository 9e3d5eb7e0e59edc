"""Candidate landmark events (rasd/data/events/landmarks.yaml) from records rasd wrote on a corpus.

    rasd extract CORPUS -o records.jsonl
    python benchmarks/landmarks.py CORPUS records.jsonl [--top 40]

A landmark is one event that many later articles name again: reports of one sub-type at one place whose
stated days agree on one day D while the articles reporting it keep coming long after D. For each
(sub-type, location) the script prints how many articles report it, the day most of its stated days
(own sentence, day precision) fall on, and how many articles published more than three days after that
day still report it: the "later" column, by which the list is sorted. Ongoing fighting (daily strikes on
a city) has stated days that follow publication, so few of its stated days agree on one day. An analyst
checks the day against what is known of the event before adding an entry. Reports already dated by a listed
landmark are left out.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from datetime import date

from rasd.events.landmarks import landmark_dated
from rasd.io.readers import read_articles

SETTLE = 3


def _stated(rec: dict) -> str | None:
    span, ev = (rec.get("spans") or {}).get("date"), rec.get("evidence") or {}
    own = span and ev.get("start", 0) <= span[0] < ev.get("end", 0)
    return rec["event_date"] if own and rec.get("time_precision") == 1 and rec.get("event_date") else None


def candidates(corpus: str, records: str, min_articles: int = 5) -> list[dict]:
    published = {a.doc_id: date.fromisoformat(a.published[:10]) for a in read_articles(corpus, on_problem=lambda p: None)
                 if a.published}
    reports: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with open(records, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if landmark_dated(rec.get("dated_by")):
                continue  # already a listed landmark's report
            if rec.get("location") and rec.get("status") == "occurred" and published.get(rec["doc_id"]):
                reports[(rec["sub_event_type"], rec["location"])][rec["doc_id"]].append(rec)
    out = []
    for (sub, loc), by_doc in reports.items():
        if len(by_doc) < min_articles:
            continue
        stated = Counter(d for recs in by_doc.values() for d in {_stated(r) for r in recs} if d)
        if not stated:
            continue
        day, agree = stated.most_common(1)[0]
        later = [doc for doc in by_doc if (published[doc] - date.fromisoformat(day)).days > SETTLE]
        example = next((r["evidence"]["text"] for doc in later for r in by_doc[doc]), "")
        out.append({"sub_event_type": sub, "location": loc, "articles": len(by_doc), "day": day, "agree": agree,
                    "stated": sum(stated.values()), "later": len(later), "example": example[:160]})
    return sorted(out, key=lambda c: (-c["later"], -c["agree"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("records")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--min-agree", type=int, default=3, help="stated days on the modal day, at least")
    args = ap.parse_args()
    print("later\tarticles\tagree/stated\tday\tsub-type\tlocation\texample (a later report)")
    shown = 0
    for c in candidates(args.corpus, args.records):
        if c["agree"] < args.min_agree or shown >= args.top:
            continue
        shown += 1
        print(f"{c['later']}\t{c['articles']}\t{c['agree']}/{c['stated']}\t{c['day']}\t{c['sub_event_type']}\t"
              f"{c['location']}\t{c['example']}")


if __name__ == "__main__":
    main()
