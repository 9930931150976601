#!/usr/bin/env python3
"""Splits the real-mail corpus into dev and test by source, once.

Every item in tests/corpus/incoming/<slice>/*.txt gets a source group:
  - enron:<repo>/<path>        -> the mailbox (the folder under maildir/, or the mbox named after it)
  - github.com/<owner>/<repo>  -> that repository
  - a press report naming a retailer that several reports covered -> that retailer
  - any other address          -> its host
No group has items on both sides. Groups are placed in the order of a hash of their name,
each on the side that keeps every kind, threats, abuse and two-ask items closest
to 40% test. Labels decide the placement, never a prediction: the split is fixed before anything is
measured on it, and nothing is tuned on test/.

A group that already has items in dev/ or test/ (from an earlier batch) goes to that side.

Usage: scripts/corpus-split.py [--dry-run]   (moves incoming/*/*.txt to dev/ and test/)
"""
import collections, glob, hashlib, os, re, shutil, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus")
TEST_SHARE = 0.40
RETAILERS = ["arcadia", "debenhams", "monsoon", "tesco", "walmart", "premier-foods", "primark", "morrisons",
             "new-look", "asos", "sports-direct", "waitrose", "gap", "whole-foods", "meijer", "ross"]


def headers(path):
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    head = text.split("\n\n", 1)[0]
    return {k.strip(): v.strip() for k, v in (l.split(":", 1) for l in head.split("\n") if ":" in l)}


def group(source):
    s = source.strip()
    if s.startswith("enron:"):
        # The mailbox: a maildir folder ("maildir/allen-p/") or an mbox named after it ("enron.allen-p.inbox").
        m = re.search(r"maildir/([^/]+)/", s) or re.search(r"/enron\.([a-z]+-[a-z])\.", s)
        return "enron:" + (m.group(1) if m else s[6:].split("/")[0] + "/" + s[6:].split("/")[1])
    m = re.match(r"https?://(?:www\.)?github\.com/([^/]+)/([^/#?]+)", s)
    if m:
        return f"github.com/{m.group(1).lower()}/{m.group(2).lower()}"
    low = s.lower()
    for r in RETAILERS:
        if re.search(r"[/\-_.]" + re.escape(r) + r"[/\-_.s]", low):
            return "retailer:" + r
    m = re.match(r"https?://(?:www\.)?([^/]+)", s)
    return m.group(1).lower() if m else s


def features(h):
    f = collections.Counter()
    f["kind:" + h.get("Kind", "")] += 1
    for flag in filter(None, (x.strip() for x in h.get("Flags", "").split(","))):
        f["flag:" + flag] += 1
    if h.get("Secondary", "").strip():
        f["two-asks"] += 1
    f["all"] += 1
    return f


def main():
    dry = "--dry-run" in sys.argv
    items = sorted(glob.glob(os.path.join(ROOT, "incoming", "*", "*.txt")))
    groups = collections.defaultdict(list)
    for path in items:
        groups[group(headers(path)["Source"])].append(path)
    totals = collections.Counter()
    gfeat = {}
    for g, paths in groups.items():
        c = collections.Counter()
        for p in paths:
            c.update(features(headers(p)))
        gfeat[g] = c
        totals.update(c)
    test = collections.Counter()

    def cost(t):
        return sum((t[k] / totals[k] - TEST_SHARE) ** 2 * (3 if k == "all" else 1) for k in totals)

    # A group already in dev/ or test/ (an earlier batch) stays on its side: no group on both sides.
    placed = {}
    for split in ("dev", "test"):
        for p in glob.glob(os.path.join(ROOT, split, "*.txt")):
            placed[group(headers(p)["Source"])] = split
    order = sorted(groups, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    side = {}
    for g in order:
        with_g = test + gfeat[g]
        if g in placed:
            side[g] = placed[g]
            print(f"  {g} is already in {placed[g]}/: kept there")
            if side[g] == "test":
                test = with_g
            continue
        side[g] = "test" if cost(with_g) < cost(test) else "dev"
        if side[g] == "test":
            test = with_g
    for split in ("dev", "test"):
        n = sum(len(groups[g]) for g in groups if side[g] == split)
        print(f"{split}: {n} items in {sum(1 for g in groups if side[g] == split)} source groups")
    for k in sorted(totals):
        print(f"  {k:22} test {test[k]:3} / {totals[k]:3}")
    if dry:
        return
    for g, paths in groups.items():
        dest = os.path.join(ROOT, side[g])
        os.makedirs(dest, exist_ok=True)
        for p in paths:
            shutil.move(p, os.path.join(dest, os.path.basename(p)))


if __name__ == "__main__":
    main()
