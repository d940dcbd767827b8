/* cf_out_summary.c - the triage summary (--summary): the calls by
 * outcome, the agents, sessions and messages, the capture's time span,
 * then each kind of note (open, failed and abandoned calls, failed
 * requests, heartbeat gaps, sessions, server status, capture gaps,
 * malformed messages) with its count and items; in text or as one JSON
 * object.
 */
#include "cf_out_internal.h"

static const char *const note_keys[CF_NOTE_COUNT] = {
    "open_calls", "failed_calls", "abandoned_calls", "failed_requests", "heartbeat_gaps",
    "sessions", "server_status", "capture_gaps", "malformed",
};

void cf_out_summary(cf_out *o, const cf_engine *e)
{
    GString *s = o->s;
    uint64_t total = 0;
    for (int k = 0; k < CF_OUT_COUNT; k++)
        total += cf_engine_outcome_count(e, k);
    unsigned na;
    cf_engine_agents(e, &na);
    if (o->fmt == CF_FMT_JSON) {
        g_string_append_printf(s, "{\"type\":\"summary\",\"calls\":{\"total\":%llu",
                               (unsigned long long)total);
        for (int k = 0; k < CF_OUT_COUNT; k++)
            g_string_append_printf(s, ",\"%s\":%llu", cf_outcome_name(k),
                                   (unsigned long long)cf_engine_outcome_count(e, k));
        g_string_append_printf(s, "},\"agents\":%u,\"sessions\":%u,\"events\":%llu,\"copies_merged\":%llu",
                               na, cf_engine_n_sessions(e), (unsigned long long)cf_engine_n_events(e),
                               (unsigned long long)cf_engine_n_dups(e));
        for (int k = 0; k < CF_NOTE_COUNT; k++) {
            unsigned n;
            uint64_t tot;
            const cf_note *nt = cf_engine_notes(e, k, &n, &tot);
            g_string_append_printf(s, ",\"%s\":{\"count\":%llu,\"items\":[", note_keys[k],
                                   (unsigned long long)tot);
            for (unsigned i = 0; i < n; i++) {
                if (i)
                    g_string_append_c(s, ',');
                g_string_append(s, "{\"frame\":");
                out_frame_json(s, e, nt[i].frame, "file");
                g_string_append(s, ",\"time\":");
                json_time(s, nt[i].ts);
                g_string_append(s, ",\"text\":");
                json_str(s, nt[i].text);
                g_string_append_c(s, '}');
            }
            g_string_append(s, "]}");
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
    g_string_append_printf(s, ")%s%u agent%s%s%u session%s%s%llu messages", g->sep, na, na == 1 ? "" : "s",
                           g->sep, cf_engine_n_sessions(e), cf_engine_n_sessions(e) == 1 ? "" : "s",
                           g->sep, (unsigned long long)cf_engine_n_events(e));
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
