#!/usr/bin/env python3
"""calls_agree.py - one capture: what the plugin shows of calls and requests
in tshark against what ctiscope says of the same capture (standard library
only).

  calls_agree.py PROTO TSHARK_OUT CLI_TEXT CLI_CALLS_JSON CLI_CSV CLI_JSON CLI_SUMMARY KINDS

PROTO           ccxcti or bwcap
TSHARK_OUT      `tshark -2 -q -t e -r CAPTURE -z flow,PROTO_calls,standard
                -z PROTO,calls -z PROTO,srt -z PROTO.requests,tree`
CLI_TEXT        `ctiscope --calls CAPTURE`: the ladders
CLI_CALLS_JSON  `ctiscope --calls --json CAPTURE`: the same calls as objects
CLI_CSV         `ctiscope --calls --csv CAPTURE`
CLI_JSON        `ctiscope --json CAPTURE`: the messages
CLI_SUMMARY     `ctiscope --summary CAPTURE`
KINDS           `request_kinds`: the tables' requests and responses

What must agree:
  - the call ladder (-z flow,PROTO_calls): one arrow per event of every call
    of the protocol at the same time: an arrow of ctiscope --calls' ladder
    between the same two parties in the same direction; an event the CLI
    marks on one party (or on none: then on the call's first party) an
    arrow into that party from the party it exchanged with last in the call
    (by the CLI's arrows: before the event, else after it, else the call's
    first other party; a call with one party: from itself, which tshark's
    text draws to the next column in 4.0 and from a second column of the
    node in 4.4 and later); the comment "Call <id>: <event> (<message>,
    <cause>): <note>", the text that ends the CLI's ladder row, and a label
    that begins "<event> (<message>)" ("● <event> (<message>)" for a mark);
    each node a DN labelled "DN (agents
    seen at it)", else "DN (what the first call that knew says it is)",
    else "DN";
  - the call list (-z PROTO,calls) is ctiscope --calls --csv's rows of the
    protocol, the same bytes (CRLF read as LF);
  - the response times (-z PROTO,srt) and the requests tree (-z
    PROTO.requests,tree): per request type, the count of answered requests
    and their min, max and average response time, and how many were
    answered, failed or never answered, as the requests and responses of
    ctiscope --json pair up (CCX: the same InvokeID on the same connection,
    the latest request; CAP: the command the tables say answers it, from the
    other side of the connection, the oldest waiting one whose user, action
    id and action type agree); and that pairing is ctiscope --summary's
    view of the same requests: the requests never answered are exactly the
    ones it lists under "Requests never answered", the failed ones exactly
    the failures it lists under "Requests that failed" with the request
    they answer (same request, request frame and response frame).
"""
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone

PROTOCOL = {"ccxcti": "ccx", "bwcap": "cap"}

problems = []


def problem(text):
    problems.append(text)


def rfc3339_us(t):
    """microseconds since 1970 of "2026-11-22T02:08:27.030684Z"."""
    d = datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return int(d.timestamp()) * 1000000 + d.microsecond


def epoch_us(t):
    """microseconds of tshark's -t e time "1795399707.030684000" (truncated, as libpcap does)."""
    sec, _, frac = t.partition(".")
    return int(sec) * 1000000 + int((frac + "000000")[:6])


# ---------------------------------------------------------------------------
# tshark's output: the blocks of the -z statistics

def lines_of(text):
    """The lines of tshark's or ctiscope's output: split on "\n" only
    (str.splitlines() also splits on U+2028, U+0085 ..., which a wire
    string may hold: tests/hostile's *-html captures do)."""
    return text.rstrip("\n").split("\n") if text else []


def blocks(text):
    """The flow graph's lines, the call list's lines, the SRT table's lines,
    the requests tree's lines."""
    lines = lines_of(text)
    flow, calls, srt, tree = [], None, [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|Time") or line.startswith("Conv.| Time"):
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("====="):
                flow.append(lines[i])
                i += 1
            continue
        if line.endswith(" calls (as ctiscope --calls --csv writes them):"):
            calls = []
            i += 1
            while i < len(lines) and not lines[i].startswith("====="):
                calls.append(lines[i])
                i += 1
            continue
        if line.endswith(" SRT Statistics:"):
            i += 1
            while i < len(lines) and not lines[i].startswith("====="):
                srt.append(lines[i])
                i += 1
            continue
        if line.endswith(" requests:") and not line.startswith(" "):
            i += 1
            while i < len(lines) and not lines[i].startswith("====="):
                tree.append(lines[i])
                i += 1
            continue
        i += 1
    return flow, calls, srt, tree


def parse_flow(flow):
    """[(time_us, src node, dst node, drawn label, comment)] and the node
    labels, from tshark's text sequence diagram (sequence_analysis.c):
    node i's line is at column 10 + 20 * i + 10 of the drawing; an arrow
    from a to b is "--->" from a's column (b > a) or "<---" from b's column
    (b < a); a message to itself is drawn to the next column."""
    if not flow:
        return [], []
    head = [flow[0], flow[1]] if len(flow) > 1 else [flow[0], ""]
    even = [p.strip() for p in head[0][10:].split("|") if p.strip()]
    odd = [p.strip() for p in head[1][10:].split("|") if p.strip()]
    nodes = []
    for k in range(len(even) + len(odd)):
        nodes.append(even[k // 2] if k % 2 == 0 else odd[k // 2])
    items = []
    body = [line for line in flow[2:] if not line.startswith("-----")]
    for a, b in zip(body[0::2], body[1::2]):
        m = re.match(r"^(?:\d+\s*)?\|([0-9.]+)\s*\|", a)
        if not m:
            problem("flow graph: not an item line: %r" % a)
            continue
        when = epoch_us(m.group(1))
        hdr = m.end() - 1                      # where the drawing starts
        c = a.find("|Call ", hdr)
        if c < 0:
            problem("flow graph: no comment in %r" % a)
            continue
        comment = a[c + 1:]
        label = a[hdr:c].replace("|", " ").strip()
        arrow = re.search(r"<-+|-+>", b[10:])
        if not arrow:
            problem("flow graph: no arrow in %r" % b)
            continue
        lo, hi = arrow.start(), arrow.end()
        if arrow.group(0).startswith("<"):
            dst_col, src_col = lo, hi + 1
        else:
            src_col, dst_col = lo, hi + 1
        src, dst = (src_col - 10) // 20, (dst_col - 10) // 20
        if (src_col - 10) % 20 or (dst_col - 10) % 20 or not (0 <= src < len(nodes)) or \
                not (0 <= dst < len(nodes) + 1):
            problem("flow graph: an arrow off the nodes' lines: %r" % b)
            continue
        items.append((when, src, dst, label, comment))
    return items, nodes


# ---------------------------------------------------------------------------
# ctiscope's calls

WHAT = {"extension": "phone", "agent-device": "agent-dev", "cti-port": "cti-port",
        "route-point": "route-point", "queue": "queue"}


def party_what(p):
    """what the ladder's "is" row says of a party (cf_party_what)"""
    if p["agent"]:
        return p["agent"]
    if "queue" in p["roles"] or p["device"] == "queue":
        return "queue"
    return WHAT.get(p["device"], "")


def dn_labels(calls):
    agents, what = defaultdict(list), {}
    for c in calls:
        for p in c["parties"]:
            dn = p["dn"]
            agents.setdefault(dn, [])
            if p["agent"]:
                if p["agent"] not in agents[dn]:
                    agents[dn].append(p["agent"])
            elif dn not in what and party_what(p):
                what[dn] = party_what(p)
    return {dn: "%s (%s)" % (dn, ", ".join(a)) if a else "%s (%s)" % (dn, what[dn]) if dn in what else dn
            for dn, a in agents.items()}


def ladder_rows(text):
    """Each call's ladder rows as ctiscope --calls prints them: (frame,
    arrow glyph or None, the text that ends the row)."""
    calls, rows = [], None
    for line in lines_of(text):
        if line.startswith("Call "):
            rows = []
            calls.append(rows)
            continue
        m = re.match(r"^  \d\d:\d\d:\d\d\.\d{3} #(\d+)\s(.*?)\s(Event\S* \(.*)$", line)
        if m and rows is not None:
            cells = m.group(2)
            glyph = "right" if "\u25b6" in cells else "left" if "\u25c0" in cells else None
            rows.append((int(m.group(1)), glyph, m.group(3)))
    return calls


def expected_ladder(calls, text_calls, labels):
    """[(time_us, src label, dst label, label prefix, comment)] of every
    event of every call, as the CLI draws it (an arrow, or a mark on one
    party turned into an arrow into it: see the docstring)."""
    out = []
    if len(calls) != len(text_calls):
        problem("ctiscope: %d calls in --json, %d in the text" % (len(calls), len(text_calls)))
        return out
    for c, rows in zip(calls, text_calls):
        if len(rows) != len(c["events"]):
            problem("ctiscope: call %s: %d events in --json, %d ladder rows" % (c["id"], len(c["events"]), len(rows)))
            continue
        order = [p["dn"] for p in c["parties"]]
        ends, at = [], []
        for ev, (frame, glyph, tail) in zip(c["events"], rows):
            if frame != ev["frame"]:
                problem("ctiscope: call %s: event at #%d in --json, row at #%d" % (c["id"], ev["frame"], frame))
            this, other = ev["this_dn"], ev["other_dn"]
            if glyph and this is not None and other is not None and this != other:
                a, b = sorted((this, other), key=order.index)
                ends.append((a, b) if glyph == "right" else (b, a))
                at.append(None)
            else:
                ends.append(None)
                at.append(this if this is not None else order[0] if order else None)
        arrows = list(ends)   # the CLI's arrows only: a mark is no exchange
        for i, p in enumerate(at):
            if p is None:
                continue
            before = [e for e in arrows[:i] if e and p in e]
            after = [e for e in arrows[i + 1:] if e and p in e]
            near = before[-1] if before else after[0] if after else None
            q = (near[0] if near[1] == p else near[1]) if near else \
                next((d for d in order if d != p), p)
            ends[i] = (q, p)
        for ev, (frame, glyph, tail), e, a in zip(c["events"], rows, ends, arrows):
            if e:
                out.append((rfc3339_us(ev["time"]), labels[e[0]], labels[e[1]],
                            "%s%s (%s)" % ("" if a else "\u25cf ", ev["event"], ev["message"]),
                            "Call %s: %s" % (c["id"], tail)))
    return out


def check_ladder(flow, calls, text_calls):
    items, nodes = parse_flow(flow)
    labels = dn_labels(calls)
    want = expected_ladder(calls, text_calls, labels)
    # a node's index: its first column (4.4 and later give a node drawn to
    # itself a second one)
    index = {}
    for i, n in enumerate(nodes):
        index.setdefault(n, i)
    selfs = {w[1] for w in want if w[1] == w[2]}
    dup = [n for n in set(nodes) if nodes.count(n) > 1 and n not in selfs]
    if dup:
        problem("flow graph: a DN in two columns: %r (nodes %r)" % (sorted(dup), nodes))
    missing = [n for n in set(x for w in want for x in w[1:3]) if n not in index]
    if missing and want:
        problem("flow graph: nodes %r missing (nodes are %r)" % (sorted(missing), nodes))
        return 0
    got = []
    for when, src, dst, label, comment in items:
        s_name = nodes[src]
        d_name = nodes[dst] if dst < len(nodes) else None
        # a message to itself: tshark 4.0 draws it to the next column
        if d_name != s_name and s_name in selfs and dst == src + 1 and \
                (when, s_name, s_name) in {(w[0], w[1], w[2]) for w in want}:
            d_name = s_name
        got.append((when, s_name, d_name, label, comment))
    got_keys = Counter((w, s, d, c) for w, s, d, _, c in got)
    want_keys = Counter((w, s, d, c) for w, s, d, _, c in want)
    if got_keys != want_keys:
        for k in sorted(want_keys - got_keys, key=str)[:10]:
            problem("flow graph: missing %r" % (k,))
        for k in sorted(got_keys - want_keys, key=str)[:10]:
            problem("flow graph: unexpected %r" % (k,))
    labels_of = defaultdict(set)
    for w, s, d, label, c in want:
        labels_of[(w, s, d, c)].add(label)
    for w, s, d, label, c in got:
        if not label or not any(full.startswith(label) for full in labels_of.get((w, s, d, c), ())):
            problem("flow graph: label %r of %r is not the start of %r" % (label, c, labels_of.get((w, s, d, c))))
    return len(got)


# ---------------------------------------------------------------------------
# the call list

def check_call_list(rows, csv, protocol):
    if rows is None:
        problem("no call list in tshark's output")
        return 0
    lines = csv.replace("\r\n", "\n").split("\n")
    want = [lines[0]] + [line for line in lines[1:] if line and line.split(",")[1] == protocol]
    got = [line for line in rows if line]
    if got != want:
        problem("call list: tshark\n  %s\nctiscope --calls --csv\n  %s" % ("\n  ".join(got), "\n  ".join(want)))
    return len(want) - 1


# ---------------------------------------------------------------------------
# requests: the oracle pairs ctiscope --json's messages

def load_kinds(path):
    ccx, cap = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "ccx":
                ccx[p[1]] = p[2]
            else:
                cap[p[1]] = (None if p[2] == "-" else p[2], p[3])
    return ccx, cap


def value(v):
    if isinstance(v, dict):
        return v.get("value")
    return v


def pair_ccx(msgs, kinds):
    """[[request name, request us, response us or None, response frame or
    None, request frame]]"""
    out, pending = [], {}
    for m in msgs:
        name, fields = m.get("message"), m.get("fields") or {}
        kind = kinds.get(name)
        inv = fields.get("InvokeID")
        conn = frozenset((m["src"], m["dst"]))
        if kind == "request":
            r = [name, rfc3339_us(m["time"]), None, None, m["frame"]]
            out.append(r)
            if isinstance(inv, int):
                pending[(conn, inv)] = r
        elif kind == "response" and isinstance(inv, int):
            r = pending.get((conn, inv))
            if r and r[2] is None:
                r[2], r[3] = rfc3339_us(m["time"]), m["frame"]
    return out


def cap_keys(m):
    user = ((m.get("fields") or {}).get("commandData") or {}).get("user") or {}
    if not isinstance(user, dict):
        user = {}
    action = user.get("action") or {}
    if not isinstance(action, dict):
        action = {}
    return {"id": value(user.get("id")), "uid": value(user.get("userUid")), "corr": value(action.get("id")),
            "action": value(action.get("actionType")), "asked": value(action.get("responseRequested")) == "True"}


def pair_cap(msgs, kinds):
    out, pending = [], []
    for m in msgs:
        cmd = m.get("message")
        if m.get("protocol") != "cap" or cmd not in kinds:
            continue
        k, sender, conn = cap_keys(m), m["src"], frozenset((m["src"], m["dst"]))
        for p in pending:
            if p["conn"] != conn or p["sender"] == sender or p["expect"] != cmd:
                continue
            pk = p["keys"]
            if pk["uid"] and k["uid"]:
                if pk["uid"] != k["uid"]:
                    continue
            elif pk["id"] and k["id"] and pk["id"] != k["id"]:
                continue
            if (pk["corr"] is None) != (k["corr"] is None) or pk["corr"] != k["corr"]:
                continue
            if pk["action"] and k["action"] and pk["action"] != k["action"]:
                continue
            if p["row"]:
                p["row"][2], p["row"][3] = rfc3339_us(m["time"]), m["frame"]
            pending.remove(p)
            break
        expect, direction = kinds[cmd]
        if expect and (cmd != "callAction" or k["asked"]):
            row = [cmd, rfc3339_us(m["time"]), None, None, m["frame"]] if direction == "c2s" else None
            if row:
                out.append(row)
            pending.append({"expect": expect, "conn": conn, "sender": sender, "keys": k, "row": row})
            if len(pending) > 256:
                pending.pop(0)
    return out


def summary_requests(summary):
    """What ctiscope --summary says of the requests: {response frame} of
    "Requests that failed", {(request, request frame, response frame)} of
    those that name the request they answer, {(request, frame)} of
    "Requests never answered"."""
    failed, answers, never, on = set(), set(), set(), None
    for line in lines_of(summary):
        if line.startswith("Requests that failed"):
            on = "failed"
            continue
        if line.startswith("Requests never answered"):
            on = "never"
            continue
        if on and not line.strip():
            on = None
            continue
        # "  #28     A -> B: callActionResponse #28 answers callAction CustOriginatedTraceCall #27 ..."
        # "  #35     A -> B: callAction TagCallWithDispositionCode #35: no response ..."
        m = re.match(r"^\s+#(\d+)\s+\S+ -> \S+: (.*)$", line)
        if not on or not m:
            continue
        frame, rest = int(m.group(1)), m.group(2)
        if on == "failed":
            failed.add(frame)
            a = re.match(r"^\S+ #\d+ answers (\S+)(?: [A-Za-z]\S*)? #(\d+)", rest)
            if a:
                answers.add((a.group(1), int(a.group(2)), frame))
        else:
            n = re.match(r"^(\S+)(?: [A-Za-z]\S*)? #(\d+)", rest)
            if n and int(n.group(2)) == frame:
                never.add((n.group(1), frame))
    return failed, answers, never


def parse_srt(lines):
    out = {}
    for line in lines:
        m = re.match(r"^\s*(\d+)\s+(\S+)\s+(\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s*$", line)
        if m:
            us = [int(round(float(x) * 1000000)) for x in m.group(4, 5, 6, 7)]
            out[m.group(2)] = (int(m.group(3)), us[0], us[1], us[2])
    return out


def parse_tree(lines):
    """{type: {"count", "answered", "failed", "no response in the capture"}}"""
    out, cur, parent = {}, None, None
    for line in lines:
        m = re.match(r"^( *)(\S.*?)\s{2,}(\d+)(\s|$)", line)
        if not m or m.group(2) == "Topic / Item":
            continue
        depth, name, n = len(m.group(1)), m.group(2), int(m.group(3))
        if depth == 1:
            cur = out.setdefault(name, Counter())
            cur["count"] = n
        elif depth >= 2 and cur is not None:
            cur[name] = n
    return out


def check_requests(protocol, srt_lines, tree_lines, pairs, summary):
    failed, answers, never = summary
    # the oracle's pairs are --summary's view: the requests never answered
    # are the ones it lists (of this protocol's request types), and the
    # failed ones the failures it lists with the request they answer
    # (CCX messages are named in capitals, CAP commands in camelCase)
    mine = (lambda n: n.isupper()) if protocol == "ccx" else (lambda n: not n.isupper())
    want_never = {(p[0], p[4]) for p in pairs if p[2] is None}
    sum_never = {x for x in never if mine(x[0])}
    if want_never != sum_never:
        problem("requests never answered: paired from --json %r, ctiscope --summary %r"
                % (sorted(want_never), sorted(sum_never)))
    want_failed = {(p[0], p[4], p[3]) for p in pairs if p[3] in failed}
    sum_failed = {x for x in answers if mine(x[0])}
    if want_failed != sum_failed:
        problem("failed requests: paired from --json %r, ctiscope --summary %r"
                % (sorted(want_failed), sorted(sum_failed)))
    srt, tree = parse_srt(srt_lines), parse_tree(tree_lines)
    want_srt, want_tree = {}, defaultdict(Counter)
    times = defaultdict(list)
    for name, t_req, t_rsp, f_rsp, _ in pairs:
        want_tree[name]["count"] += 1
        if t_rsp is None:
            want_tree[name]["no response in the capture"] += 1
            continue
        want_tree[name]["answered"] += 1
        if f_rsp in failed:
            want_tree[name]["failed"] += 1
        times[name].append(t_rsp - t_req)
    for name, ts in times.items():
        want_srt[name] = (len(ts), min(ts), max(ts), (sum(ts) + len(ts) // 2) // len(ts))
    if set(srt) != set(want_srt):
        problem("SRT: request types %r in tshark, %r from ctiscope" % (sorted(srt), sorted(want_srt)))
    for name in sorted(set(srt) & set(want_srt)):
        (n, lo, hi, avg), (wn, wlo, whi, wavg) = srt[name], want_srt[name]
        # tshark rounds to microseconds what it measured in nanoseconds
        if n != wn or abs(lo - wlo) > 1 or abs(hi - whi) > 1 or abs(avg - wavg) > 1:
            problem("SRT %s: tshark %r, ctiscope %r (count, min, max, average in us)" % (name, srt[name], want_srt[name]))
    want_tree = {k: Counter({kk: vv for kk, vv in v.items() if vv}) for k, v in want_tree.items()}
    tree = {k: Counter({kk: vv for kk, vv in v.items() if vv}) for k, v in tree.items()}
    if tree != want_tree:
        problem("requests tree: tshark %r, ctiscope %r" % (tree, want_tree))
    unmatched = failed - {p[3] for p in pairs if p[3]}
    return sum(v["count"] for v in want_tree.values()), len(failed) - len(unmatched)


def main(argv):
    if len(argv) != 9:
        print(__doc__, file=sys.stderr)
        return 2
    proto, ws, text, cjson, csv, mjson, summary, kinds = argv[1:]
    protocol = PROTOCOL[proto]
    tshark = open(ws, encoding="utf-8", errors="replace").read()
    flow, call_rows, srt, tree = blocks(tshark)
    calls = [json.loads(line) for line in open(cjson, encoding="utf-8") if line.strip()]
    text_calls = ladder_rows(open(text, encoding="utf-8").read())
    # the protocol's calls, in the order both outputs list them
    mine = [i for i, c in enumerate(calls) if c["protocol"] == protocol]
    if len(text_calls) == len(calls):
        text_calls = [text_calls[i] for i in mine]
    calls = [calls[i] for i in mine]
    n_ev = check_ladder(flow, calls, text_calls)
    n_calls = check_call_list(call_rows, open(csv, encoding="utf-8", newline="").read(), protocol)
    msgs = [json.loads(line) for line in open(mjson, encoding="utf-8") if line.strip()]
    ccx_kinds, cap_kinds = load_kinds(kinds)
    pairs = pair_ccx([m for m in msgs if m.get("protocol") == "ccx"], ccx_kinds) if protocol == "ccx" \
        else pair_cap(msgs, cap_kinds)
    n_req, n_failed = check_requests(protocol, srt, tree, pairs, summary_requests(open(summary, encoding="utf-8").read()))
    if problems:
        for p in problems:
            print("MISMATCH " + p)
        print("FAIL: %d differences" % len(problems), file=sys.stderr)
        return 1
    print("ok: %d calls, %d ladder arrows, %d requests (%d failed, %d never answered) agree"
          % (n_calls, n_ev, n_req, n_failed, sum(1 for p in pairs if p[2] is None)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
