#!/usr/bin/env python3
"""cap_check.py MODE ... - the bwcap dissector against the shared CAP decoder.

  cap_check.py expert   TSHARK_JSON REFERENCE_JSONL
  cap_check.py decoder  TSHARK_JSON REFERENCE_JSONL FIELD_TYPES
  cap_check.py cli      TSHARK_JSON CTISCOPE_JSONL FIELD_TYPES NAMES

TSHARK_JSON is `tshark -2 -T json -J "frame bwcap"`; REFERENCE_JSONL the
output of cap_reference (the decoder and framer run on the capture without
Wireshark, see cap_reference.c); FIELD_TYPES `tshark -G fields` (to know the
container-only FT_NONE fields); NAMES the output of cap_filter_names.

expert   every frame's expert items from decoder diagnostics (bwcap.malformed,
         .unknown, .bad_value, .failure.expert, .diag.*) are exactly the decoder's
         diagnostics of the documents completed in that frame (severity and
         text; bwcap.failure.expert is the decoder's note raised to a warning), and
         the stream problems agree: documents cut by the next one and over
         the size cap per frame, bytes that are not CAP in total.
decoder  every document has the same items (filter field and value, in
         document order) in tshark and in the decoder, and bwcap.call /
         bwcap.user are exactly its call ids and user ids (plus, for a
         response, the call ids of its request).
cli      the same, against `ctiscope --json`: objects with "protocol":"cap",
         "message" = commandType and "fields" nesting elements and
         attributes by their spec names (enumerated values as
         {"value": ..., "name": ...}).
Only the standard library is used.
"""
import json
import re
import sys
from collections import Counter


class Obj(list):
    """A JSON object as its ordered (key, value) pairs: tshark repeats keys."""


# expert field -> the decoder severity it stands for
DIAG_EI = {
    "bwcap.malformed": "error",
    "bwcap.unknown": "warning",
    "bwcap.bad_value": "warning",
    "bwcap.failure.expert": "note",
    "bwcap.diag.error": "error",
    "bwcap.diag.warning": "warning",
    "bwcap.diag.note": "note",
}
STREAM_EI = ("bwcap.cut", "bwcap.not_cap.expert")
META = {"bwcap.call", "bwcap.user", "bwcap.request_in", "bwcap.response_in", "bwcap.response_time",
        "bwcap.not_cap", "bwcap.text", "bwcap.unknown_element", "bwcap.unknown_attribute",
        "bwcap.oci.command", "bwcap.oci.session_id", "bwcap.oci.xml"}


def walk(obj, leaves, experts, parents=None, parent=None):
    """leaves: (key, value); parents[i]: the field (or tree label) of the
    element leaf i is inside."""
    for key, val in obj:
        if key == "_ws.expert":
            d = dict(val)
            ei = next((k for k, v in val if k.startswith("bwcap.")), None)
            experts.append((ei, d.get("_ws.expert.message", "")))
        elif isinstance(val, Obj):
            if key.startswith("bwcap.") and key.endswith("_tree"):
                inner = key[:-5]
            elif key.startswith("bwcap."):
                inner = key
            else:
                inner = "label:" + key.split(" ")[0]   # "call [callId=...]"
            walk(val, leaves, experts, parents, inner)
        elif isinstance(val, str):
            leaves.append((key, val))
            if parents is not None:
                parents.append(parent)


def load_tshark(path):
    """[(frame, [doc])], doc = {"leaves": [...], "experts": [...], "not_cap": bool}"""
    with open(path, encoding="utf-8") as f:
        packets = json.load(f, object_pairs_hook=Obj)
    out = []
    for pkt in packets:
        layers = dict(dict(pkt)["_source"])["layers"]
        frame, docs = None, []
        for key, val in layers:
            if key == "frame":
                frame = int(dict(val)["frame.number"])
            elif key == "bwcap":
                leaves, experts, parents = [], [], []
                walk(val, leaves, experts, parents)
                docs.append({"leaves": leaves, "experts": experts, "parents": parents,
                             "not_cap": any(k == "bwcap.not_cap" for k, _ in leaves)})
        if docs:
            out.append((frame, docs))
    return out


def stream_kind_ws(msg):
    m = re.match(r"^(\d+) bytes are not CAP documents", msg)
    if m:
        return ("not_cap", int(m.group(1)))
    m = re.match(r"^document of (\d+) bytes has no </BroadsoftDocument> before the next document", msg)
    if m:
        return ("cut", int(m.group(1)))
    m = re.search(r"within the \d+-byte size cap: (\d+) bytes discarded", msg)
    if m:
        return ("oversized", int(m.group(1)))
    m = re.match(r"^document is (\d+) bytes, over the \d+-byte size cap", msg)
    if m:
        return ("oversized", int(m.group(1)))
    m = re.match(r"^stream ended \(FIN\) inside the document: (\d+) bytes", msg)
    if m:
        return ("ended", int(m.group(1)))
    return ("other", msg)


def stream_kind_ref(msg):
    m = re.match(r"^(\d+) bytes at stream offset \d+ are not CAP documents", msg)
    if m:
        return ("not_cap", int(m.group(1)))
    m = re.search(r"has no </BroadsoftDocument> before the next document at stream offset \d+: (\d+) bytes", msg)
    if m:
        return ("cut", int(m.group(1)))
    m = re.search(r"within the \d+-byte size cap: (\d+) bytes discarded", msg)
    if m:
        return ("oversized", int(m.group(1)))
    m = re.search(r" is (\d+) bytes, over the \d+-byte size cap: discarded", msg)
    if m:
        return ("oversized", int(m.group(1)))
    m = re.match(r"^stream ended \([^)]*\) inside the document at stream offset \d+: (\d+) bytes", msg)
    if m:
        return ("ended", int(m.group(1)))
    return ("other", msg)


def load_reference(path):
    """{frame: [doc]} (documents and partials the plugin also shows), [problems]"""
    docs, problems = {}, []
    last = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o["kind"] == "problem":
                last = stream_kind_ref(o["text"])
                problems.append((o["frame"], last))
                continue
            if o["kind"] == "partial" and last and last[0] in ("ended", "other"):
                continue  # cut by a gap or the end of the stream: Wireshark has no such document
            docs.setdefault(o["frame"], []).append(o)
    return docs, problems


def field_types(path):
    types = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) > 3 and p[0] == "F" and p[2].startswith("bwcap."):
                types[p[2]] = p[3]
    return types


def check_expert(ws, ref_docs, ref_problems):
    problems = []
    n = 0
    ws_not_cap = ref_not_cap = 0
    ws_stream, ref_stream = Counter(), Counter()
    for frame, docs in ws:
        got = Counter()
        for d in docs:
            for ei, msg in d["experts"]:
                if ei in DIAG_EI:
                    got[(DIAG_EI[ei], msg)] += 1
                elif ei in STREAM_EI:
                    k = stream_kind_ws(msg)
                    if k[0] != "not_cap":
                        ws_stream[(frame,) + k] += 1
            # the framer counts the bytes that are not whitespace
            for k, v in d["leaves"]:
                if k == "bwcap.not_cap":
                    ws_not_cap += sum(1 for b in bytes.fromhex(v.replace(":", "")) if b not in b" \t\r\n")
        want = Counter()
        for d in ref_docs.get(frame, []):
            for dg in d["diags"]:
                want[(dg["sev"], dg["text"])] += 1
        n += sum(want.values())
        if got != want:
            for k in sorted((want - got).elements()):
                problems.append("frame %d: decoder %s %r missing in tshark" % (frame, k[0], k[1]))
            for k in sorted((got - want).elements()):
                problems.append("frame %d: tshark %s %r not from the decoder" % (frame, k[0], k[1]))
    ws_frames = {f for f, _ in ws}
    for frame in sorted(set(ref_docs) - ws_frames):
        for d in ref_docs[frame]:
            for dg in d["diags"]:
                problems.append("frame %d: decoder %s %r, and tshark has no CAP there" % (frame, dg["sev"], dg["text"]))
    for frame, k in ref_problems:
        if k[0] == "not_cap":
            ref_not_cap += k[1]
        elif k[0] in ("cut", "oversized"):
            ref_stream[(frame,) + k] += 1
        elif k[0] == "ended" and any(f == frame and kk == "ended" for f, kk, _ in ws_stream):
            ref_stream[(frame,) + k] += 1
    if ws_stream != ref_stream:
        problems.append("stream problems: tshark %r, decoder %r" % (sorted(ws_stream), sorted(ref_stream)))
    if ws_not_cap != ref_not_cap:
        problems.append("bytes not CAP: tshark %d, decoder %d" % (ws_not_cap, ref_not_cap))
    return problems, "%d diagnostics, %d stream problems, %d bytes not CAP" % (
        n, sum(ref_stream.values()), ref_not_cap)


def doc_values(d, types):
    """tshark items of a document, as (filter, value) in order, and its ids."""
    items, calls, users = [], [], []
    for k, v in d["leaves"]:
        if k == "bwcap.call":
            calls.append(v)
        elif k == "bwcap.user":
            users.append(v)
        elif k in META or not k.startswith("bwcap.") or types.get(k) == "FT_NONE" or k.endswith("_tree"):
            continue
        else:
            items.append((k, v))
    return items, calls, users


def check_decoder(ws, ref_docs, types):
    problems = []
    n_docs = n_vals = 0
    calls_of_frame = {}
    for frame, docs in ws:
        wdocs = [d for d in docs if not d["not_cap"]]
        rdocs = ref_docs.get(frame, [])
        if len(wdocs) != len(rdocs):
            problems.append("frame %d: tshark has %d documents, the decoder %d" % (frame, len(wdocs), len(rdocs)))
            continue
        for i, (wd, rd) in enumerate(zip(wdocs, rdocs)):
            n_docs += 1
            where = "frame %d document %d (%s)" % (frame, i + 1, rd["command"])
            items, calls, users = doc_values(wd, types)
            # FT_NONE fields (container elements) carry no value in tshark;
            # a string field's element with child elements shows "" (call
            # and user elements: no item, their ids are bwcap.call / .user).
            ritems = []
            for k, v in rd["items"]:
                if types.get(k) == "FT_NONE" or k in ("bwcap.call", "bwcap.user"):
                    continue
                ritems.append((k, "" if v is None else v))
            if rd["proto"] == "OCI":
                ritems = [x for x in ritems if x[0] in ("bwcap.protocol", "bwcap.version")]
            n_vals += len(ritems)
            if items != ritems:
                problems.append("%s: items differ:\n    tshark  %r\n    decoder %r" % (where, items, ritems))
            calls_of_frame.setdefault(frame, []).extend(rd["calls"])
            # a response also carries the call ids of its request
            req = [int(v) for k, v in wd["leaves"] if k == "bwcap.request_in"]
            extra = calls[len(rd["calls"]):]
            if calls[:len(rd["calls"])] != rd["calls"] or \
                    any(c in rd["calls"] or not any(c in calls_of_frame.get(rf, []) for rf in req) for c in extra):
                problems.append("%s: bwcap.call %r, call ids %r (request in %r)" % (where, calls, rd["calls"], req))
            if users != rd["users"]:
                problems.append("%s: bwcap.user %r, user ids %r" % (where, users, rd["users"]))
    for frame in sorted(set(ref_docs) - {f for f, _ in ws}):
        problems.append("frame %d: the decoder has %d documents, tshark none" % (frame, len(ref_docs[frame])))
    return problems, "%d documents, %d values identical" % (n_docs, n_vals)


def flatten_cli(pairs, parent, out):
    """ctiscope --json "fields": elements and attributes by their names as
    written, nested; "#text" is the text of the enclosing element;
    enumerated values are {"value": ..., "name": ...}."""
    for k, v in pairs:
        if k == "#text":   # a string, or {"value": ..., "name": ...}
            if isinstance(v, Obj):
                v = dict(v).get("value")
            if isinstance(v, str):
                out.append((parent, v))
            continue
        vals = v if isinstance(v, list) and not isinstance(v, Obj) else [v]
        for x in vals:
            if isinstance(x, Obj):
                d = dict(x)
                if "value" in d and "name" in d and not isinstance(d["value"], (Obj, list)):
                    out.append((k, str(d["value"])))
                    flatten_cli(Obj((kk, vv) for kk, vv in x if kk not in ("value", "name")), k, out)
                else:
                    flatten_cli(x, k, out)
            elif x is not None:
                out.append((k, x if isinstance(x, str) else json.dumps(x)))


def load_names(names_path, types):
    """spec name of each filter field, DTD name of each alias, the spec
    names of container-only elements."""
    spec_of, alias = {}, {}
    with open(names_path, encoding="utf-8") as f:
        for line in f:
            filt, spec, kind, where = line.rstrip("\n").split("\t")[:4]
            if kind == "alias":
                alias[spec] = where.strip("<>")
            else:
                spec_of.setdefault(filt, spec)
    by_spec = {}
    for filt, spec in spec_of.items():
        by_spec.setdefault(spec, set()).add(types.get(filt))
    containers = {spec for spec, ts in by_spec.items() if ts == {"FT_NONE"}}
    return spec_of, alias, set(by_spec), containers


def comparable(pairs, known, containers):
    """What both sides show alike: names the tables know (unknown elements
    and attributes are shown differently), no container elements, no call
    or user element text (those are ids: bwcap.call / bwcap.user), no empty
    values."""
    return Counter((k, v) for k, v in pairs
                   if k in known and k not in containers and k not in ("call", "user") and v != "")


def check_cli(ws, cli_path, types, names_path):
    spec_of, alias, known, containers = load_names(names_path, types)
    cli, problems = {}, []
    skip_partial = False
    with open(cli_path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line, object_pairs_hook=Obj)
            d = dict(o)
            if d.get("protocol") not in ("cap", "oci"):
                continue
            if "cap_protocol" not in d:   # a stream problem
                texts = [dict(x).get("text", "") for x in d.get("diagnostics", [])]
                # after a gap or the end of the stream inside a document, the
                # CLI decodes what arrived; Wireshark never sees those bytes
                skip_partial = any("inside the document" in t and ("stream ended" in t or "capture gap" in t)
                                   for t in texts)
                continue
            if skip_partial:
                skip_partial = False
                continue
            cli.setdefault(d["frame"], []).append(d)
    n = n_vals = n_diags = 0
    for frame, docs in ws:
        wdocs = [d for d in docs if not d["not_cap"]]
        cdocs = cli.get(frame, [])
        if len(wdocs) != len(cdocs):
            problems.append("frame %d: tshark has %d documents, ctiscope %d" % (frame, len(wdocs), len(cdocs)))
            continue
        for i, (wd, cd) in enumerate(zip(wdocs, cdocs)):
            n += 1
            where = "frame %d document %d (%s)" % (frame, i + 1, cd["message"])
            items, _, _ = doc_values(wd, types)
            wcmd = next((v for k, v in items if k == "bwcap.command_type"), None)
            if wcmd != cd["message"] and not (wcmd is None and cd["message"] == "OCI"):
                problems.append("%s: commandType %r in tshark, message %r in ctiscope" % (where, wcmd, cd["message"]))
            # tshark: field -> spec name; mixed text -> its element
            wpairs = [(spec_of.get(k, k), v) for k, v in items]
            for (k, v), par in zip(wd["leaves"], wd["parents"]):
                if k == "bwcap.text" and par:
                    wpairs.append((par[6:] if par.startswith("label:") else spec_of.get(par, par), v))
            cpairs = []
            flatten_cli(cd.get("fields") or Obj(), "BroadsoftDocument", cpairs)
            top = {k for k, _ in (cd.get("fields") or Obj())}
            if cd.get("cap_protocol") is not None and "protocol" not in top:
                cpairs.append(("protocol", cd["cap_protocol"]))
            if cd.get("version") is not None and "version" not in top:
                cpairs.append(("version", cd["version"]))
            cpairs = [(alias.get(k, k), v) for k, v in cpairs]
            wvals = comparable(wpairs, known, containers)
            cvals = comparable(cpairs, known, containers)
            n_vals += sum(cvals.values())
            if wvals != cvals:
                problems.append("%s: only in tshark %r, only in ctiscope %r"
                                % (where, sorted((wvals - cvals).elements()), sorted((cvals - wvals).elements())))
            # the same diagnostics (bwcap.failure.expert: the decoder's note)
            wd_diags = Counter((DIAG_EI[ei], msg) for ei, msg in wd["experts"] if ei in DIAG_EI)
            cd_diags = Counter((dict(x)["severity"], dict(x)["text"]) for x in cd.get("diagnostics", []))
            n_diags += sum(cd_diags.values())
            if wd_diags != cd_diags:
                problems.append("%s: diagnostics only in tshark %r, only in ctiscope %r"
                                % (where, sorted((wd_diags - cd_diags).elements()),
                                   sorted((cd_diags - wd_diags).elements())))
    for frame in sorted(set(cli) - {f for f, _ in ws}):
        problems.append("frame %d: ctiscope has %d CAP documents, tshark none" % (frame, len(cli[frame])))
    return problems, "%d documents, %d values and %d diagnostics identical" % (n, n_vals, n_diags)


def main():
    mode = sys.argv[1]
    ws = load_tshark(sys.argv[2])
    if mode == "expert":
        ref_docs, ref_problems = load_reference(sys.argv[3])
        problems, summary = check_expert(ws, ref_docs, ref_problems)
    elif mode == "decoder":
        ref_docs, _ = load_reference(sys.argv[3])
        problems, summary = check_decoder(ws, ref_docs, field_types(sys.argv[4]))
    elif mode == "cli":
        problems, summary = check_cli(ws, sys.argv[3], field_types(sys.argv[4]), sys.argv[5])
    else:
        print("cap_check.py: unknown mode %s" % mode, file=sys.stderr)
        return 2
    if problems:
        for p in problems:
            print("MISMATCH " + p)
        print("FAIL: %d differences" % len(problems), file=sys.stderr)
        return 1
    print("ok: " + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
