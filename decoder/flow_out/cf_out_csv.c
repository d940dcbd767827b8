/* cf_out_csv.c - calls as CSV (--calls --csv): one CDR row per call,
 * RFC 4180 (CRLF, quoted when needed), a header row first, and the column
 * list (cf_csv_columns) that README.md's table is generated from and
 * checked against (test_flow_map).
 *
 * On the benchmark's path (--calls --csv, a row per call): the text
 * fields go through csv_field or csv_fix, which scan a byte table and only
 * quote or repair the rare field that needs it; times and numbers are
 * written in place.
 */
#include "cf_out_internal.h"

#include <string.h>

const cf_csv_col cf_csv_columns[] = {
    { "call_id", "the call id (the first one it had)" },
    { "protocol", "the protocol of the adapter that fed it: ccx" },
    { "server", "the CTI server (ip:port) whose call id space it is" },
    { "call_ids", "every id of the call, space-separated (CCX: NewCallID renames)" },
    { "start", "time of its first event (RFC 3339, UTC)" },
    { "end", "time it ended; empty when open" },
    { "duration_s", "end - start in seconds; empty when open" },
    { "state", "ended / open" },
    { "outcome", "answered, merged, abandoned, failed, not_answered, ended, open" },
    { "call_type", "the last CallType (name, or number)" },
    { "ani", "ANI" },
    { "dnis", "DNIS" },
    { "dialed_number", "DialedNumber" },
    { "caller", "the calling party's DN" },
    { "answered_by", "the DN that answered (not an IVR port, route point or queue)" },
    { "answered", "time of that answer" },
    { "agents", "agent ids of the parties that got connected, in order, space-separated" },
    { "parties", "every DN of the call, space-separated, in order of appearance" },
    { "queue", "the queue (CSQ id) the call's events name; queued or not: see queue_wait_s" },
    { "queue_wait_s", "queued -> answered / left the queue, seconds" },
    { "ring_s", "time the parties spent ringing (sum), seconds" },
    { "talk_s", "time with two or more parties connected (not IVR ports, route points, queues), seconds" },
    { "held_s", "time with a party on hold, seconds" },
    { "released_by", "first party (not an IVR port / route point / queue) to hang up" },
    { "release_cause", "its cause (name, or number)" },
    { "end_message", "the wire message that ended the call" },
    { "end_cause", "its cause" },
    { "merged_into", "the call this consult call merged into" },
    { "merged_from", "calls merged into this one, space-separated" },
    { "begin_seen", "1 when the call's begin (BEGIN_CALL_EVENT) is in the capture" },
    { "first_frame", "frame of its first event (its number in its file)" },
    { "first_file", "only when several files are read: the file of first_frame" },
    { "last_frame", "frame of its last event" },
    { "last_file", "only when several files are read: the file of last_frame" },
    { "events", "number of events" },
    { "sessions", "client connections that reported it, space-separated" },
    { "attached", "other attached data: key=value;key=value (named variables, CallVariable1-10, arrays as name[i])" },
    { "gaps", "frames of the capture gaps on its connections while it lasted, space-separated (with several files, file#frame): events of it may be missing" },
};
const size_t cf_csv_n_columns = sizeof cf_csv_columns / sizeof cf_csv_columns[0];

int cf_csv_column_several_files(size_t i)
{
    return i < cf_csv_n_columns &&
           (!strcmp(cf_csv_columns[i].name, "first_file") || !strcmp(cf_csv_columns[i].name, "last_file"));
}

/* The bytes a CSV field holds as they are: not NUL, a comma, a quote, a
 * line break or a byte of a multi-byte character (checked, maybe
 * replaced).  A table: every byte of every row is scanned. */
static const uint8_t csv_plain[256] = {   /* 0x00-0x7f, then 0x80-0xff */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* RFC 4180: quoted when it holds a comma, a quote or a line break; invalid
 * UTF-8 becomes U+FFFD. */
static void csv_field(GString *s, const char *z)
{
    if (!z)
        return;
    const unsigned char *q = (const unsigned char *)z;
    while (csv_plain[*q])
        q++;
    if (!*q) {   /* plain, and the scan found its length */
        fa_len(s, z, (gssize)(q - (const unsigned char *)z));
        return;
    }
    int quote = strpbrk(z, ",\"\r\n") != NULL;
    if (quote)
        fa_c(s, '"');
    const char *p = z, *end = z + strlen(z);
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (c == '"')
                fa_c(s, '"');
            fa_c(s, (char)c);
            p++;
        } else {
            size_t l = fa_utf8_len(p, (size_t)(end - p));
            if (l) {
                fa_len(s, p, l);
                p += l;
            } else {
                fa_s(s, "\xef\xbf\xbd");
                p++;
            }
        }
    }
    if (quote)
        fa_c(s, '"');
}

/* The text appended to s since start is one CSV field: quote or clean it
 * if it needs it (rare: the common case only scans it). */
static void csv_fix(GString *s, size_t start)
{
    const unsigned char *p = (const unsigned char *)s->str + start;
    const unsigned char *end = (const unsigned char *)s->str + s->len;
    while (p < end && csv_plain[*p])
        p++;
    if (p == end)
        return;
    char *raw = g_strndup(s->str + start, s->len - start);
    g_string_truncate(s, start);
    csv_field(s, raw);
    g_free(raw);
}

static void csv_secs(GString *s, int64_t us)
{
    json_secs(s, us);
}

static void csv_cause(GString *s, int64_t v, const char *name)
{
    if (v == CF_NO_VALUE)
        return;
    if (name)
        csv_field(s, name);
    else
        g_string_append_printf(s, "%lld", (long long)v);
}

/* A space- (or sep-) joined list as one CSV field, without a temporary. */
typedef const char *(*item_fn)(const void *base, unsigned i);

static void csv_list(GString *s, const void *base, unsigned n, item_fn get, char sep)
{
    size_t start = s->len;
    for (unsigned i = 0; i < n; i++) {
        if (i)
            fa_c(s, sep);
        fa_s(s, get(base, i));
    }
    csv_fix(s, start);
}

static const char *item_str(const void *base, unsigned i)
{
    return ((const char *const *)base)[i];
}

static const char *item_party(const void *base, unsigned i)
{
    return ((const cf_party *)base)[i].dn;
}

static const char *item_session(const void *base, unsigned i)
{
    const struct { const cf_engine *e; const uint32_t *ids; } *x = base;
    return session_client(x->e, x->ids[i]);
}

void cf_call_csv(GString *s, const cf_engine *e, const cf_call *c)
{
#define C() fa_c(s, ',')
    csv_field(s, c->ids[0]);
    C();
    csv_field(s, c->protocol);
    C();
    csv_field(s, cf_engine_server_name(e, c->server));
    C();
    csv_list(s, c->ids, c->n_ids, item_str, ' ');
    C();
    if (c->n_ev)
        cf_rfc3339(s, c->t_first);
    C();
    if (c->end != CF_END_NONE)
        cf_rfc3339(s, c->t_end);
    C();
    if (c->end != CF_END_NONE)
        csv_secs(s, c->t_end - c->t_first);
    C();
    fa_s(s, c->end != CF_END_NONE ? "ended" : "open");
    C();
    fa_s(s, cf_outcome_name(c->outcome));
    C();
    csv_cause(s, c->call_type, c->call_type_name);
    C();
    csv_field(s, kv(c, "ANI"));
    C();
    csv_field(s, kv(c, "DNIS"));
    C();
    csv_field(s, kv(c, "DialedNumber"));
    C();
    csv_field(s, c->caller >= 0 ? c->party[c->caller].dn : NULL);
    C();
    csv_field(s, c->answerer >= 0 ? c->party[c->answerer].dn : NULL);
    C();
    if (c->t_answered)
        cf_rfc3339(s, c->t_answered);
    C();
    csv_list(s, c->agents, c->n_agents, item_str, ' ');
    C();
    csv_list(s, c->party, c->n_party, item_party, ' ');
    C();
    csv_field(s, c->queue);
    C();
    if (call_queue_left(c))
        csv_secs(s, call_queue_left(c) - c->t_queued);
    C();
    csv_secs(s, c->ring_us);
    C();
    csv_secs(s, c->talk_us);
    C();
    csv_secs(s, c->held_us);
    C();
    csv_field(s, c->released_by >= 0 ? c->party[c->released_by].dn : NULL);
    C();
    csv_cause(s, c->release_cause, c->release_cause_name);
    C();
    csv_field(s, c->end != CF_END_NONE ? c->end_msg : NULL);
    C();
    if (c->end != CF_END_NONE)
        csv_cause(s, c->end_cause, c->end_cause_name);
    C();
    csv_field(s, c->merged_into);
    C();
    csv_list(s, c->merged_from, c->n_merged_from, item_str, ' ');
    C();
    fa_s(s, c->begin_seen ? "1" : "0");
    C();
    const cts_files *fs = cf_engine_files(e);
    fa_uint(s, cts_frame_file_name(fs, c->f_first) ? cts_frame_number(c->f_first) : c->f_first, 1);
    C();
    if (cts_frame_file_name(fs, c->f_first)) {
        csv_field(s, cts_frame_file_name(fs, c->f_first));
        C();
    }
    fa_uint(s, cts_frame_file_name(fs, c->f_last) ? cts_frame_number(c->f_last) : c->f_last, 1);
    C();
    if (cts_frame_file_name(fs, c->f_last)) {
        csv_field(s, cts_frame_file_name(fs, c->f_last));
        C();
    }
    fa_uint(s, c->n_ev, 1);
    C();
    struct { const cf_engine *e; const uint32_t *ids; } ss = { e, c->sessions };
    csv_list(s, &ss, c->n_sessions, item_session, ' ');
    C();
    /* other attached data: key=value;key=value */
    size_t start = s->len;
    for (uint32_t i = 0; i < c->n_kv; i++) {
        const cf_kv_ent *k = &c->kv[i];
        if (k->kind == CF_KV_FIELD && (!strcmp(k->key, "ANI") || !strcmp(k->key, "DNIS") ||
                                        !strcmp(k->key, "DialedNumber")))
            continue;
        if (s->len > start)
            fa_c(s, ';');
        fa_s(s, k->key);
        if (k->kind == CF_KV_ARRAY) {
            fa_c(s, '[');
            fa_int(s, k->index);
            fa_c(s, ']');
        }
        fa_c(s, '=');
        fa_s(s, k->value);
    }
    csv_fix(s, start);
    C();
    start = s->len;
    for (unsigned i = 0; i < c->n_gaps && i < CF_CALL_GAPS; i++) {
        if (i)
            fa_c(s, ' ');
        const char *gf = cts_frame_file_name(fs, c->gaps[i].frame);
        if (gf) {   /* several files: "ring-2.pcap#12" */
            fa_s(s, gf);
            fa_c(s, '#');
        }
        fa_uint(s, gf ? cts_frame_number(c->gaps[i].frame) : c->gaps[i].frame, 1);
    }
    if (c->n_gaps > CF_CALL_GAPS)
        fa_s(s, " ...");
    csv_fix(s, start);   /* file names may need quoting */
    fa_s(s, "\r\n");
#undef C
}

void cf_csv_header_row(GString *s, const cf_engine *e)
{
    const cts_files *fs = cf_engine_files(e);
    int several = fs && fs->n > 1;
    int first = 1;
    for (size_t i = 0; i < cf_csv_n_columns; i++) {
        if (cf_csv_column_several_files(i) && !several)
            continue;
        if (!first)
            fa_c(s, ',');
        first = 0;
        fa_s(s, cf_csv_columns[i].name);
    }
    fa_s(s, "\r\n");
}

void cf_csv_header(cf_out *o, const cf_engine *e)
{
    if (o->csv_header_done)
        return;
    o->csv_header_done = 1;
    cf_csv_header_row(o->s, e);
}
