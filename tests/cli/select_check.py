#!/usr/bin/env python3
"""select_check.py call|dn VALUE ALL.json SELECTED.json

The frames of SELECTED.json must be exactly the CCX messages of ALL.json
(ctiscope --json, unfiltered) that carry VALUE in a call-id field (a key
ending in CallID, a number) or a device field (a key ending in DeviceID,
ANI, DNIS, DialedNumber, a string).  Stream problems (message null) are
kept in both."""
import json
import sys

kind, value, all_path, sel_path = sys.argv[1:5]


def leaves(fields):
    for k, v in fields.items():
        for x in (v if isinstance(v, list) else [v]):
            yield k, x


def wanted(obj):
    if obj.get("message") is None:
        return True
    for k, v in leaves(obj.get("fields", {})):
        if kind == "call" and k.endswith("CallID") and isinstance(v, int) and str(v) == value:
            return True
        if kind == "dn" and (k.endswith("DeviceID") or k in ("ANI", "DNIS", "DialedNumber")) \
                and v == value:
            return True
    return False


def frames(path, pick):
    with open(path) as f:
        return [(o["frame"], o.get("stream_offset")) for o in map(json.loads, f) if pick(o)]


want = frames(all_path, wanted)
got = frames(sel_path, lambda o: True)
if not want:
    sys.exit("nothing to select: the check would prove nothing")
if want != got:
    print("want", want, "\ngot ", got)
    sys.exit(1)
