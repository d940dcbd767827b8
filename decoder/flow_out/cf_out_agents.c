/* cf_out_agents.c - agents (--agents): per agent, in text its state
 * timeline (time, frame, state, how long it lasted, the T-Library event,
 * the wire state, the reason code) and the time spent in each state; in
 * JSON one object per agent with the same steps and totals.  The filter's
 * --agent and time range apply.
 */
#include "cf_out_internal.h"

#include <string.h>

static void step_reason(GString *s, const cf_agent_step *st)
{
    if (st->reason == CF_NO_VALUE)
        return;
    g_string_append_printf(s, "reason %lld", (long long)st->reason);
    if (st->reason_name)
        g_string_append_printf(s, " (%s)", st->reason_name);
}

void cf_out_agents(cf_out *o, const cf_engine *e)
{
    const glyphs *g = o->ascii ? &cf_glyphs_ascii : &cf_glyphs_utf8;
    unsigned n;
    const cf_agent *const *a = cf_engine_agents(e, &n);
    int64_t end = cf_engine_last_ts(e);
    GString *s = o->s;
    unsigned shown = 0;
    for (unsigned i = 0; i < n; i++) {
        const cf_agent *ag = a[i];
        if (!cf_filter_agent(e, ag))
            continue;
        int64_t tot[CF_AS_COUNT];
        memcpy(tot, ag->state_us, sizeof tot);
        if (end > ag->since)
            tot[ag->state] += end - ag->since;
        if (o->fmt == CF_FMT_JSON) {
            g_string_append(s, "{\"type\":\"agent\",\"id\":");
            json_str(s, ag->id);
            g_string_append(s, ",\"extension\":");
            json_str(s, ag->ext);
            g_string_append(s, ",\"protocol\":");
            json_str(s, ag->protocol);
            g_string_append(s, ",\"server\":");
            json_str(s, cf_engine_server_name(e, ag->server));
            g_string_append_printf(s, ",\"state\":\"%s\",\"since\":", cf_agent_state_name(ag->state));
            json_time(s, ag->since);
            g_string_append_printf(s, ",\"changes\":%u,\"calls\":%u,\"copies_merged\":%u,\"totals\":{",
                                   ag->n_changes, ag->n_calls, ag->dups);
            int any = 0;
            for (int k = 0; k < CF_AS_COUNT; k++)
                if (tot[k]) {
                    g_string_append_printf(s, "%s\"%s\":", any ? "," : "", cf_agent_state_name(k));
                    json_secs(s, tot[k]);
                    any = 1;
                }
            g_string_append(s, "},\"steps\":[");
            int first = 1;
            for (uint32_t k = 0; k < ag->n_steps; k++) {
                const cf_agent_step *st = &ag->steps[k];
                if (!cf_engine_time_selected(e, st->ts, st->ts))
                    continue;
                if (!first)
                    g_string_append_c(s, ',');
                first = 0;
                g_string_append(s, "{\"time\":");
                json_time(s, st->ts);
                g_string_append(s, ",\"frame\":");
                out_frame_json(s, e, st->frame, "file");
                g_string_append_printf(s, ",\"state\":\"%s\",\"event\":", cf_agent_state_name(st->state));
                json_str(s, cf_agent_state_event(st->state));
                g_string_append(s, ",\"wire_state\":");
                json_str(s, st->wire_state);
                g_string_append(s, ",\"reason\":");
                cf_json_cause(s, "EventReasonCode", st->reason, st->reason_name);
                g_string_append(s, ",\"duration\":");
                if (k + 1 < ag->n_steps)
                    json_secs(s, ag->steps[k + 1].ts - st->ts);
                else
                    g_string_append(s, "null");
                g_string_append(s, "}");
            }
            g_string_append(s, "]}\n");
        } else {
            if (shown)
                g_string_append_c(s, '\n');
            g_string_append(s, "Agent ");
            cf_put_text(s, ag->id);
            if (ag->ext) {
                g_string_append(s, g->sep);
                g_string_append(s, "extension ");
                cf_put_text(s, ag->ext);
            }
            g_string_append_printf(s, "%s%s %s%s%u state change%s%s%u call%s handled", g->sep,
                                   ag->protocol, cf_engine_server_name(e, ag->server), g->sep,
                                   ag->n_changes, ag->n_changes == 1 ? "" : "s", g->sep, ag->n_calls,
                                   ag->n_calls == 1 ? "" : "s");
            if (ag->dups)
                g_string_append_printf(s, "%s%u copies merged", g->sep, ag->dups);
            g_string_append_c(s, '\n');
            for (uint32_t k = 0; k < ag->n_steps; k++) {
                const cf_agent_step *st = &ag->steps[k];
                if (!cf_engine_time_selected(e, st->ts, st->ts))
                    continue;
                g_string_append(s, "  ");
                cf_hms(s, st->ts, 3);
                g_string_append_c(s, ' ');
                out_frame(s, e, st->frame, 6);
                g_string_append_printf(s, " %-10s ", cf_agent_state_name(st->state));
                GString *d = g_string_new(NULL);
                secs(d, (k + 1 < ag->n_steps ? ag->steps[k + 1].ts : end) - st->ts);
                g_string_append_printf(s, "%10s ", d->str);
                g_string_free(d, TRUE);
                const char *ev = cf_agent_state_event(st->state);
                if (ev)
                    g_string_append_printf(s, " %s", ev);
                if (st->wire_state)
                    g_string_append_printf(s, " (%s)", st->wire_state);
                if (st->reason != CF_NO_VALUE) {
                    g_string_append_c(s, ' ');
                    step_reason(s, st);
                }
                if (k + 1 == ag->n_steps)
                    g_string_append(s, " - current at the end of the capture");
                while (s->len && s->str[s->len - 1] == ' ')
                    g_string_truncate(s, s->len - 1);
                g_string_append_c(s, '\n');
            }
            g_string_append(s, "  totals:");
            int any = 0;
            for (int k = 0; k < CF_AS_COUNT; k++)
                if (tot[k]) {
                    g_string_append_printf(s, "%s%s ", any ? g->sep : " ", cf_agent_state_name(k));
                    secs(s, tot[k]);
                    any = 1;
                }
            if (!any)
                g_string_append(s, " -");
            g_string_append_c(s, '\n');
        }
        shown++;
        if (s->len > 32768)
            flush(o);
    }
    if (!shown && o->fmt == CF_FMT_TEXT)
        g_string_append(s, "No agents.\n");
    flush(o);
}
