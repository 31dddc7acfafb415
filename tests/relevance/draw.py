#!/usr/bin/env python3
"""Draw the relevance query sets from the built corpus of the 3,718 baomoi-2017 articles.

    python3 tests/relevance/draw.py draw dev CORPUS.json      # print the drawn passages
    python3 tests/relevance/draw.py finish dev CORPUS.json    # queries.tsv -> dev.json
    python3 tests/relevance/draw.py draw dev CORPUS.json 80   # only the entries from 80 on

`draw` picks documents at random with the set's fixed seed (no syndicated copies, none of
another set's documents), one passage of >= 120 characters in each, and a category in turn;
`acronym` and `number` take only passages that hold an acronym (or its long form) or a
number. The queries are then written by hand in `<set>.queries.tsv` (index, query); `finish`
joins them to the draw and, for `typo`, applies one seeded edit to the hand-written plain
query, so the typo is not chosen by the annotator; for `topic`, it adds the judgements of
`<set>.judged.tsv` (index, passages judged relevant, passages judged not relevant).
"""

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = {"dev": 20261207, "heldout": 7120262}
SIZES = {"dev": 110, "heldout": 50}
# The sizes the sets were first drawn at (80 and 40). Heldout's shuffle leaves out the
# documents of dev's first 80 only, as it did then, so growing dev does not reshuffle heldout;
# its walk then skips every document dev draws (none of dev's 30 later documents came up
# before heldout's 40th entry, so its first 40 entries are unchanged).
FIRST_DEV = 80
KINDS = ["plain", "accented", "typo", "acronym", "number", "title", "topic"]
MIN_CHARS = 120

ACRONYMS = re.compile(
    r"\b(HĐND|UBND|TP\.?\s?HCM|CSGT|THPT|BHXH|BHYT|THCS|MTTQ|ĐBSCL|GDP|CNTT|KCN|NHNN|TAND|VKSND|"
    r"Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|Hồ Chí Minh|Cảnh sát giao thông|"
    r"trung học phổ thông|bảo hiểm xã hội|bảo hiểm y tế|Mặt trận Tổ quốc|khu công nghiệp|"
    r"Tòa án nhân dân|Viện kiểm sát nhân dân)\b",
    re.IGNORECASE,
)
# A number that can be typed another way: a date, a grouped number, a decimal, a percent.
NUMBERS = re.compile(r"\d+/\d+|\d{1,3}(?:\.\d{3})+|\d+,\d+|\d+(?:,\d+)?\s?%")

# QWERTY neighbours for the substitution typo.
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(ch):
    for r, row in enumerate(ROWS):
        c = row.find(ch)
        if c < 0:
            continue
        out = [row[c + d] for d in (-1, 1) if 0 <= c + d < len(row)]
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(ROWS):
                out += [ROWS[rr][k] for k in (c - 1, c) if 0 <= k < len(ROWS[rr])]
        return out
    return []


def typo(query, rng):
    """One edit (neighbour key, adjacent swap, doubled or dropped letter) in one word of
    four letters or more."""
    words = query.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    i = rng.choice(long)
    w = words[i]
    edit = rng.choice(["neighbour", "swap", "double", "drop"])
    if edit == "swap":
        k = rng.randrange(len(w) - 1)
        while w[k] == w[k + 1]:
            k = rng.randrange(len(w) - 1)
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    else:
        k = rng.randrange(len(w))
        if edit == "neighbour":
            w = w[:k] + rng.choice(neighbours(w[k]) or [w[k]]) + w[k + 1 :]
        elif edit == "double":
            w = w[: k + 1] + w[k] + w[k + 1 :]
        else:
            w = w[:k] + w[k + 1 :]
    words[i] = w
    return " ".join(words), edit


def draw(set_name, corpus):
    # heldout skips every document dev drew (kept or dropped), so dev never depends on it.
    dev = draw("dev", corpus) if set_name == "heldout" else []
    first = {e["doc"]["id"] for e in dev[:FIRST_DEV]}
    taken = {e["doc"]["id"] for e in dev}
    docs = [d for d in corpus["documents"] if not d.get("duplicate_of") and d["id"] not in first]
    docs.sort(key=lambda d: d["id"])
    rng = random.Random(SEEDS[set_name])
    rng.shuffle(docs)
    out = []
    for d in docs:
        if len(out) == SIZES[set_name]:
            break
        if d["id"] in taken:
            continue
        kind = KINDS[len(out) % len(KINDS)]
        passages = [p for s in d["sections"] for p in s["passages"] if len(p["text"]) >= MIN_CHARS]
        if kind == "acronym":
            passages = [p for p in passages if ACRONYMS.search(p["text"])]
        elif kind == "number":
            passages = [p for p in passages if NUMBERS.search(p["text"])]
        if not passages:
            continue
        p = rng.choice(passages)
        out.append({"doc": d, "passage": p, "kind": kind})
    return out


def main():
    cmd, set_name, corpus_path = sys.argv[1:4]
    start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    corpus = json.loads(Path(corpus_path).read_text())
    drawn = draw(set_name, corpus)
    if cmd == "draw":
        for i, e in list(enumerate(drawn))[start:]:
            print(f"## {i} {e['kind']} doc={e['doc']['id']} passage={e['passage']['id']}")
            print(f"T: {e['doc']['title']}")
            print(e["passage"]["text"])
            print()
        return
    queries = {}
    for line in (HERE / f"{set_name}.queries.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            queries[int(fields[0])] = fields[1:]
    # Topic queries: the pooled top 10 passages judged by reading them (index, relevant ids,
    # not relevant ids; comma-separated).
    judged = {}
    judged_path = HERE / f"{set_name}.judged.tsv"
    if judged_path.exists():
        for line in judged_path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                fields = (line.split("\t") + ["", ""])[:3]
                judged[int(fields[0])] = [[x for x in f.split(",") if x] for f in fields[1:]]
    entries = []
    for i, e in enumerate(drawn):
        if i not in queries:
            continue  # dropped by hand: no honest query for it
        query, *also = queries[i]
        entry = {
            "query": query,
            "doc": e["doc"]["id"],
            "passage": e["passage"]["id"],
            "snippet": e["passage"]["text"][:80],
            "kind": e["kind"],
        }
        if e["kind"] == "typo":
            # One generator per entry: rewording one query leaves the other typos alone.
            rng = random.Random(SEEDS[set_name] * 1000 + i)
            entry["query"], entry["edit"] = typo(query, rng)
            entry["typed_for"] = query
        if also and also[0]:
            entry["also"] = also[0].split(",")
        if i in judged:
            if e["kind"] != "topic":
                sys.exit(f"{set_name}.judged.tsv: entry {i} is no topic query")
            relevant, not_relevant = judged[i]
            entry["relevant"] = relevant
            entry["not_relevant"] = not_relevant
        entries.append(entry)
    (HERE / f"{set_name}.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(entries)} queries -> {set_name}.json")


if __name__ == "__main__":
    main()
