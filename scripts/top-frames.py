#!/usr/bin/env python3
"""Summarises a dotnet-trace thread-time sample (speedscope format): the frames with the most self and
inclusive time over all threads, as a share of the sampled time. Usage: top-frames.py trace.speedscope.json [N] [filter]"""
import json, sys
from collections import defaultdict

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
needle = sys.argv[3] if len(sys.argv) > 3 else None
doc = json.load(open(path))
frames = [f["name"] for f in doc["shared"]["frames"]]
self_t, incl_t = defaultdict(float), defaultdict(float)
total = 0.0
for profile in doc["profiles"]:
    stack, last = [], None
    for e in profile.get("events", []):
        at = e["at"]
        # The sampler marks running threads with a CPU_TIME leaf (waiting ones: UNMANAGED_CODE_TIME and
        # the like); only running time counts, charged to the managed frame under the leaf.
        if len(stack) > 1 and last is not None and frames[stack[-1]] == "CPU_TIME":
            span = at - last
            self_t[stack[-2]] += span
            for f in set(stack[:-1]): incl_t[f] += span
            total += span
        last = at
        if e["type"] == "O": stack.append(e["frame"])
        elif stack: stack.pop()
if total == 0: sys.exit("no samples")
def show(title, table):
    print(f"\n{title} (of {total:.0f} ms running on all threads)")
    rows = [(t, frames[f]) for f, t in table.items() if needle is None or needle in frames[f]]
    for t, name in sorted(rows, reverse=True)[:top]:
        print(f"{100 * t / total:6.1f}%  {name[:150]}")
show("self time", self_t)
show("inclusive time", incl_t)
