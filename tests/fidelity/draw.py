#!/usr/bin/env python3
"""Draw the fidelity dev and held-out sets at random, with a fixed seed.

Usage: python3 tests/fidelity/draw.py ../shared/corpora/baomoi-2017/articles /tmp/nq/baomoi-2017-flat
Prints `set<TAB>kind<TAB>genre<TAB>id` lines (the lists in tests/fidelity/sets.tsv).
Genre: the text names `nghị quyết`, `Đảng bộ` or `nhiệm kỳ` (any case).
"""
import os, random, re, sys

SEED = 20261206
GENRE = re.compile(r"nghị quyết|đảng bộ|nhiệm kỳ", re.I)

def ids(d):
    out = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".txt"):
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                out.append((name[:-4], bool(GENRE.search(f.read()))))
    return out

def main():
    arts, flat = ids(sys.argv[1]), ids(sys.argv[2])
    rng = random.Random(SEED)
    rows = []
    for kind, pool in (("articles", arts), ("flat", flat)):
        genre = [i for i, g in pool if g]
        other = [i for i, g in pool if not g]
        rng.shuffle(genre)
        rng.shuffle(other)
        # dev: 12 of the genre + 13 others; held-out: 10 + 5 more, disjoint from dev.
        for set_name, g, o in (("dev", genre[:12], other[:13]), ("heldout", genre[12:22], other[13:18])):
            rows += [(set_name, kind, "genre", i) for i in g]
            rows += [(set_name, kind, "general", i) for i in o]
    for r in rows:
        print("\t".join(r))

if __name__ == "__main__":
    main()
