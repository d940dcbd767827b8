/* cf_out_summary.c - the triage summary (--summary): the calls by
 * outcome, the agents, sessions and messages, the capture's time span,
 * then each kind of note (open, failed, abandoned and unanswered calls,
 * failed and unanswered requests, heartbeat gaps, sessions, server status,
 * capture gaps, malformed messages) with its count and items; in text or
 * as one JSON object, whose items carry their facts as keys.
 */
#include "cf_out_internal.h"

/* "key":number, or null when absent. */
static void json_u64(GString *s, const char *key, uint64_t v, int present)
{
    g_string_append_printf(s, ",\"%s\":", key);
    if (present)
        fa_uint(s, v, 1);
    else
        fa_s(s, "null");
}

/* "key":frame number (and "file_key":file when several files are read),
 * or null when absent. */
static void json_frame(GString *s, const cf_engine *e, const char *key, const char *file_key,
                       uint64_t f, int present)
{
    g_string_append_printf(s, ",\"%s\":", key);
    if (present)
        out_frame_json(s, e, f, file_key);
    else
        fa_s(s, "null");
}

static void json_key_str(GString *s, const char *key, const char *v)
{
    g_string_append_printf(s, ",\"%s\":", key);
    json_str(s, v);
}

static void json_key_secs(GString *s, const char *key, int64_t us)
{
    g_string_append_printf(s, ",\"%s\":", key);
    if (us == CF_NO_VALUE)
        fa_s(s, "null");
    else
        json_secs(s, us);
}

/* One item: its kind, where, and every fact as a key (null when absent),
 * then its text. */
static void json_note(GString *s, const cf_engine *e, cf_note_kind k, const cf_note *n)
{
    const cf_note_facts *f = &n->f;
    g_string_append_printf(s, "{\"kind\":\"%s\",\"frame\":", cf_note_kind_name(k));
    out_frame_json(s, e, n->frame, "file");
    fa_s(s, ",\"time\":");
    json_time(s, n->ts);
    fa_s(s, ",\"session\":");
    if (n->client_ep) {   /* the session's, copied when the note was made */
        fa_s(s, "{\"client\":");
        json_str(s, n->client_ep);
        fa_s(s, ",\"server\":");
        json_str(s, n->server_ep);
        fa_s(s, ",\"protocol\":");
        json_str(s, n->protocol);
        fa_c(s, '}');
    } else {
        fa_s(s, "null");
    }
    json_key_str(s, "call_id", f->call_id);
    json_key_str(s, "message", f->message);
    json_key_str(s, "event", f->event);
    json_key_str(s, "dn", f->dn);
    fa_s(s, ",\"request\":");
    if (f->request) {
        fa_s(s, "{\"message\":");
        json_str(s, f->request);
        json_frame(s, e, "frame", "file", f->request_frame, f->request_frame != 0);
        json_u64(s, "invoke_id", f->invoke_id, f->has_invoke);
        fa_c(s, '}');
    } else {
        fa_s(s, "null");
    }
    fa_s(s, ",\"code\":");
    cf_json_cause(s, f->code_field, f->code, f->code_name);
    fa_s(s, ",\"code2\":");
    cf_json_cause(s, f->code2_field, f->code2, f->code2_name);
    json_key_str(s, "reason", f->reason);
    json_key_secs(s, "duration", f->duration);
    json_key_str(s, "queue", f->queue);
    json_key_secs(s, "queue_wait", f->queue_wait);
    json_frame(s, e, "first_frame", "first_file", f->first_frame, f->first_frame != 0);
    json_frame(s, e, "last_frame", "last_file", f->last_frame, f->last_frame != 0);
    json_frame(s, e, "response_frame", "response_file", f->response_frame, f->response_frame != 0);
    json_u64(s, "missing_bytes", (uint64_t)f->missing_bytes, f->missing_bytes != CF_NO_VALUE);
    json_key_str(s, "from", f->from);
    json_key_str(s, "how", f->how);
    json_u64(s, "messages", (uint64_t)f->messages, f->messages != CF_NO_VALUE);
    fa_s(s, ",\"text\":");
    json_str(s, n->text);
    fa_c(s, '}');
}

void cf_out_summary(cf_out *o, const cf_engine *e)
{
    GString *s = o->s;
    uint64_t total = 0;
    for (int k = 0; k < CF_OUT_COUNT; k++)
        total += cf_engine_outcome_count(e, k);
    unsigned na;
    cf_engine_agents(e, &na);
    uint64_t nmsg = cf_engine_n_messages(e);
    if (o->fmt == CF_FMT_JSON) {
        g_string_append_printf(s, "{\"type\":\"summary\",\"calls\":{\"total\":%llu",
                               (unsigned long long)total);
        for (int k = 0; k < CF_OUT_COUNT; k++)
            g_string_append_printf(s, ",\"%s\":%llu", cf_outcome_name(k),
                                   (unsigned long long)cf_engine_outcome_count(e, k));
        g_string_append_printf(s, "},\"agents\":%u,\"sessions\":%u,\"messages\":%llu,\"events\":%llu,"
                                  "\"copies_merged\":%llu",
                               na, cf_engine_n_sessions(e), (unsigned long long)nmsg,
                               (unsigned long long)cf_engine_n_events(e),
                               (unsigned long long)cf_engine_n_dups(e));
        for (int k = 0; k < CF_NOTE_COUNT; k++) {
            unsigned n;
            uint64_t tot;
            const cf_note *nt = cf_engine_notes(e, k, &n, &tot);
            g_string_append_printf(s, ",\"%s\":{\"count\":%llu,\"items\":[", cf_note_kind_key(k),
                                   (unsigned long long)tot);
            for (unsigned i = 0; i < n; i++) {
                if (i)
                    g_string_append_c(s, ',');
                json_note(s, e, k, &nt[i]);
            }
            g_string_append(s, "]}");
        }
        if (o->live_iface) {
            g_string_append(s, ",\"capture\":{\"interface\":");
            json_str(s, o->live_iface);
            g_string_append_printf(s, ",\"received\":%llu,\"kernel_drops\":%llu,"
                                      "\"interface_drops\":%llu}",
                                   (unsigned long long)o->live_received,
                                   (unsigned long long)o->live_dropped,
                                   (unsigned long long)o->live_if_dropped);
        }
        g_string_append(s, "}\n");
        flush(o);
        return;
    }
    const glyphs *g = o->ascii ? &cf_glyphs_ascii : &cf_glyphs_utf8;
    g_string_append_printf(s, "Summary: %llu call%s (", (unsigned long long)total, total == 1 ? "" : "s");
    int any = 0;
    for (int k = 0; k < CF_OUT_COUNT; k++) {
        uint64_t v = cf_engine_outcome_count(e, k);
        if (v) {
            g_string_append_printf(s, "%s%llu %s", any ? ", " : "", (unsigned long long)v,
                                   cf_outcome_name(k));
            any = 1;
        }
    }
    if (!any)
        g_string_append(s, "none");
    g_string_append_printf(s, ")%s%u agent%s%s%u session%s%s%llu message%s", g->sep, na, na == 1 ? "" : "s",
                           g->sep, cf_engine_n_sessions(e), cf_engine_n_sessions(e) == 1 ? "" : "s",
                           g->sep, (unsigned long long)nmsg, nmsg == 1 ? "" : "s");
    if (cf_engine_n_dups(e))
        g_string_append_printf(s, " (%llu copies from other sessions merged)",
                               (unsigned long long)cf_engine_n_dups(e));
    if (cf_engine_n_events(e)) {
        g_string_append(s, g->sep);
        day(s, cf_engine_first_ts(e));
        g_string_append_c(s, ' ');
        cf_hms(s, cf_engine_first_ts(e), 3);
        g_string_append_printf(s, " %s ", g->dash);
        cf_hms(s, cf_engine_last_ts(e), 3);
        g_string_append(s, " UTC");
    }
    g_string_append_c(s, '\n');
    if (o->live_iface)   /* what the kernel could not keep is not in any of the above */
        g_string_append_printf(s, "Live capture on %s: %llu packets received, %llu dropped by the "
                                  "kernel, %llu dropped by the interface\n",
                               o->live_iface, (unsigned long long)o->live_received,
                               (unsigned long long)o->live_dropped,
                               (unsigned long long)o->live_if_dropped);
    for (int k = 0; k < CF_NOTE_COUNT; k++) {
        unsigned n;
        uint64_t tot;
        const cf_note *nt = cf_engine_notes(e, k, &n, &tot);
        g_string_append_printf(s, "\n%s: ", cf_note_kind_title(k));
        if (!tot) {
            g_string_append(s, "none\n");
            continue;
        }
        g_string_append_printf(s, "%llu\n", (unsigned long long)tot);
        for (unsigned i = 0; i < n; i++) {
            g_string_append(s, "  ");
            out_frame(s, e, nt[i].frame, 7);
            g_string_append_c(s, ' ');
            cf_put_text(s, nt[i].text);
            g_string_append_c(s, '\n');
        }
        if (tot > n)
            g_string_append_printf(s, "  ... and %llu more\n", (unsigned long long)(tot - n));
    }
    flush(o);
}
