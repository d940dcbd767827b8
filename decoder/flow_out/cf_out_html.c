/* cf_out_html.c - the one-file HTML report (--html OUT.html): the page
 * (cf_report.html, embedded at build time as cf_report_html[]) with one
 * JSON data block in it, drawn by the page's inline script.
 *
 * Two data blocks.  "detail": one JSON object per line, per call in the
 * order calls end, with the ladder's own words: the header lines of
 * --calls (cf_call_text_header), per party its DN, what it is
 * (cf_party_what) and its final state, per event the arrow or mark
 * (cf_event_ladder) and its label (cf_event_text), and ("m") the decoded
 * messages of its events' frames as the text output prints them
 * (cf_out_html_msg; "mnote": how many more and how to see them); the page
 * parses a call's line only when the call is opened.  "data": {"calls":[...],
 * "agents":[...],"queues":[...],"summary":{...},"summary_text":"...",
 * "files":[...]}:
 *   calls     per call what its row in the list shows (id, start,
 *             duration, ANI and DNIS, outcome, agents, queue and wait) and
 *             the ids it is known by and merged with, its sessions
 *             ("sess": [server, client]) and the frames of its events
 *             whose message it shows ("fr") or not ("fo"), for the links
 *             of the summary;
 *   agents, queues, summary   the objects --agents --json, --queues --json
 *             and --summary --json print, word for word;
 *   summary_text   what --summary prints, which the page shows with its
 *             items linked to their calls.
 * Every wire string goes through JSON escaping (invalid UTF-8 becomes
 * U+FFFD), then the whole block through html_json(): '<', '>', '&' and
 * U+2028/U+2029 become \u escapes, so nothing in it can end the <script>
 * element or be read as markup.  The page's script only ever puts data
 * into the document with textContent and setAttribute.
 */
#include "cf_out_internal.h"

#include <stdio.h>
#include <string.h>

extern const char cf_report_html[];   /* generated from cf_report.html */

#define DATA_MARK "<!--DATA-->"

/* Append JSON t to s for inside a <script> element. */
static void html_json(GString *s, const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && t[j] != '<' && t[j] != '>' && t[j] != '&' && (unsigned char)t[j] != 0xe2)
            j++;
        fa_len(s, t + i, j - i);
        if (j >= n)
            break;
        unsigned char c = (unsigned char)t[j];
        if (c == 0xe2 && j + 2 < n && (unsigned char)t[j + 1] == 0x80 &&
            ((unsigned char)t[j + 2] == 0xa8 || (unsigned char)t[j + 2] == 0xa9)) {
            fa_s(s, (unsigned char)t[j + 2] == 0xa8 ? "\\u2028" : "\\u2029");
            i = j + 3;
        } else if (c == 0xe2) {
            fa_c(s, (char)c);
            i = j + 1;
        } else {
            g_string_append_printf(s, "\\u%04x", c);
            i = j + 1;
        }
    }
}

/* The page up to its data block, once. */
static void html_begin(cf_out *o)
{
    if (o->html_begun)
        return;
    o->html_begun = 1;
    const char *m = strstr(cf_report_html, DATA_MARK);
    fa_len(o->s, cf_report_html, (size_t)(m - cf_report_html));
    fa_s(o->s, "<script id=\"detail\" type=\"application/json\">\n");
    o->html_list = g_string_sized_new(4096);
}

static void json_text_of(GString *s, GString *tmp)
{
    fa_json_escape(s, tmp->str, tmp->len);
    g_string_truncate(tmp, 0);
}

/* ---- the decoded messages of the calls ---- */

typedef struct html_msg {
    uint64_t frame;
    uint64_t uses;   /* call events of the frame not yet written */
    GString *text;   /* the text output of its messages that gave calls an event */
} html_msg;

static void html_msg_free(void *p)
{
    html_msg *m = p;
    g_string_free(m->text, TRUE);
    g_free(m);
}

void cf_out_html_msg(void *vo, uint64_t frame, const char *text, size_t len, unsigned uses)
{
    cf_out *o = vo;
    if (o->html_msg_bytes + len > CF_HTML_MSG_BUDGET) {
        o->html_msgs_left_out++;
        return;
    }
    if (!o->html_msgs)
        o->html_msgs = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, html_msg_free);
    html_msg *m = g_hash_table_lookup(o->html_msgs, &frame);
    if (!m) {   /* (a frame may carry several messages) */
        m = g_new(html_msg, 1);
        m->frame = frame;
        m->uses = 0;
        m->text = g_string_sized_new(len);
        g_hash_table_insert(o->html_msgs, &m->frame, m);
    }
    g_string_append_len(m->text, text, (gssize)len);
    m->uses += uses;
    o->html_msg_bytes += len;
}

/* A word of a shell command: as it is when nothing in it is special to
 * the shell, else quoted. */
static void shell_word(GString *s, const char *z)
{
    if (*z && strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./_-") ==
                  strlen(z)) {
        fa_s(s, z);
        return;
    }
    char *q = g_shell_quote(z);
    cf_put_text(s, q);
    g_free(q);
}

/* ,"m":[[frame, text], ...],"mnote":... : the messages of the call's
 * events' frames, in the order of its events, the first CF_HTML_CALL_MSGS;
 * mnote says how many more there are and how to see them, or is null. */
static void call_msgs_html(GString *s, GString *row, GString *tmp, cf_out *o,
                           const cf_engine *e, const cf_call *c)
{
    GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
    unsigned shown = 0, over = 0, lost = 0;
    GString *other = g_string_new(NULL);   /* the frames whose message is not shown */
    fa_s(row, ",\"fr\":[");
    fa_s(s, ",\"m\":[");
    for (uint32_t i = 0; i < c->n_ev; i++) {
        const uint64_t *f = &c->ev[i].frame;
        if (!*f || g_hash_table_contains(seen, f))
            continue;
        g_hash_table_add(seen, (gpointer)f);
        const html_msg *m = o->html_msgs ? g_hash_table_lookup(o->html_msgs, f) : NULL;
        cts_frame_append(tmp, cf_engine_files(e), *f);
        if (!m || shown == CF_HTML_CALL_MSGS) {
            if (m)
                over++;
            else
                lost++;
            if (other->len)
                fa_c(other, ',');
            json_text_of(other, tmp);
            continue;
        }
        if (shown)
            fa_c(row, ',');
        fa_json_escape(row, tmp->str, tmp->len);
        fa_s(s, shown++ ? ",[" : "[");
        json_text_of(s, tmp);
        fa_c(s, ',');
        fa_json_escape(s, m->text->str, m->text->len);
        fa_c(s, ']');
    }
    g_hash_table_destroy(seen);
    fa_s(row, "],\"fo\":[");
    g_string_append_len(row, other->str, (gssize)other->len);
    fa_c(row, ']');
    g_string_free(other, TRUE);
    /* a frame's text goes once the calls of all its events are written */
    for (uint32_t i = 0; o->html_msgs && i < c->n_ev; i++) {
        html_msg *m = g_hash_table_lookup(o->html_msgs, &c->ev[i].frame);
        if (m && m->uses && !--m->uses)
            g_hash_table_remove(o->html_msgs, &c->ev[i].frame);
    }
    fa_s(s, "],\"mnote\":");
    if (!over && !lost) {
        fa_s(s, "null");
        return;
    }
    g_string_append_printf(tmp, "%u more message%s not included (", over + lost,
                           over + lost == 1 ? "" : "s");
    if (over)
        g_string_append_printf(tmp, "a call shows its first %u", CF_HTML_CALL_MSGS);
    if (lost && o->html_msgs_left_out)
        g_string_append_printf(tmp, "%sthe report keeps %zu MiB of message text", over ? "; " : "",
                               CF_HTML_MSG_BUDGET >> 20);
    else if (lost)
        g_string_append_printf(tmp, "%s%u not kept", over ? "; " : "", lost);
    fa_s(tmp, "): run ctiscope --call ");
    shell_word(tmp, c->ids[0] ? c->ids[0] : "?");
    const cts_files *fs = cf_engine_files(e);
    for (uint32_t i = 0; fs && i < fs->n; i++) {
        fa_c(tmp, ' ');
        shell_word(tmp, fs->names[i]);
    }
    if (!fs || !fs->n)
        fa_s(tmp, " CAPTURE");
    json_text_of(s, tmp);
}

/* One call: its row (to s) and its detail (to d). */
static void call_html(GString *s, GString *d, cf_out *o, const cf_engine *e, const cf_call *c)
{
    GString *tmp = g_string_new(NULL);
    fa_s(s, "{\"id\":");
    json_str(s, c->ids[0]);
    fa_s(s, ",\"ids\":");
    cf_json_known_as(s, c);
    fa_s(s, ",\"start\":");
    if (c->n_ev)
        json_time(s, c->t_first);
    else
        fa_s(s, "null");
    fa_s(s, ",\"dur\":");
    json_secs(s, (c->end != CF_END_NONE ? c->t_end : c->t_last) - c->t_first);
    g_string_append_printf(s, ",\"open\":%s,\"ani\":", c->end == CF_END_NONE ? "true" : "false");
    json_str(s, cf_call_ani(c));
    fa_s(s, ",\"dnis\":");
    json_str(s, cf_call_dnis(c));
    fa_s(s, ",\"out\":");
    json_str(s, cf_outcome_name(c->outcome));
    fa_s(s, ",\"agents\":");
    json_str_list(s, c->agents, c->n_agents);
    fa_s(s, ",\"queue\":");
    json_str(s, c->queue);
    fa_s(s, ",\"wait\":");
    if (call_queue_left(c))
        json_secs(s, call_queue_left(c) - c->t_queued);
    else
        fa_s(s, "null");
    fa_s(s, ",\"into\":");
    json_str(s, c->merged_into);
    fa_s(s, ",\"from\":");
    json_str_list(s, c->merged_from, c->n_merged_from);
    fa_s(s, ",\"sess\":[");   /* [server, client] of each session that saw it */
    for (unsigned i = 0; i < c->n_sessions; i++) {
        const cf_session *ss = cf_engine_session_get(e, c->sessions[i]);
        fa_s(s, i ? ",[" : "[");
        json_str(s, ss ? ss->server_ep : NULL);
        fa_c(s, ',');
        json_str(s, ss ? ss->client_ep : NULL);
        fa_c(s, ']');
    }
    fa_c(s, ']');
    GString *row = s;
    s = d;
    fa_s(s, "{\"head\":");
    cf_call_text_header(tmp, e, c, 0);
    json_text_of(s, tmp);
    fa_s(s, ",\"p\":[");
    for (uint32_t i = 0; i < c->n_party; i++) {
        const cf_party *p = &c->party[i];
        fa_s(s, i ? ",[" : "[");
        json_str(s, p->dn);
        fa_c(s, ',');
        json_str(s, cf_party_what(p));
        fa_c(s, ',');
        json_str(s, cf_pstate_name(p->state));
        g_string_append_printf(s, ",%d,%d]", (int)p->first_ev, (int)p->last_ev);
    }
    fa_s(s, "],\"e\":[");
    for (uint32_t i = 0; i < c->n_ev; i++) {
        const cf_event *v = &c->ev[i];
        int from, to, at = -1;
        cf_ladder_kind lk = cf_event_ladder(v, &from, &to);
        if (lk != CF_LADDER_ARROW) {   /* a mark at a party, or nowhere */
            at = from;
            from = to = -1;
        }
        /* the marks of their own: holds, retrieves, merges, releases */
        const char *mark = at >= 0 && cf_ev_is_release(v->type) ? "release"
                           : v->type == CF_EV_HELD ? "hold"
                           : v->type == CF_EV_RETRIEVED ? "retrieve"
                           : v->merge_role != CF_MR_NONE ? "merge" : "";
        fa_s(s, i ? ",[\"" : "[\"");
        cf_hms(s, v->ts, 3);
        fa_s(s, "\",");
        cts_frame_append(tmp, cf_engine_files(e), v->frame);
        json_text_of(s, tmp);
        g_string_append_printf(s, ",%d,%d,%d,\"%s\",", from, to, at, mark);
        cf_event_text(tmp, v, CF_EVTEXT_CAUSE);
        json_text_of(s, tmp);
        fa_c(s, ',');
        if (v->note) {
            cf_put_text(tmp, v->note);
            json_text_of(s, tmp);
        } else {
            fa_s(s, "null");
        }
        fa_s(s, ",[");
        for (unsigned j = 0; j < v->n_list; j++)
            g_string_append_printf(s, "%s%d", j ? "," : "", (int)v->list[j]);
        fa_s(s, "]]");
    }
    fa_c(s, ']');
    call_msgs_html(s, row, tmp, o, e, c);
    fa_c(row, '}');
    fa_c(s, '}');
    g_string_free(tmp, TRUE);
}

void cf_out_call_html(cf_out *o, const cf_engine *e, const cf_call *c)
{
    html_begin(o);
    GString *row = g_string_sized_new(256), *d = g_string_sized_new(2048);
    if (o->n_calls)
        fa_c(row, ',');
    call_html(row, d, o, e, c);
    fa_c(d, '\n');
    html_json(o->html_list, row->str, row->len);
    html_json(o->s, d->str, d->len);
    g_string_free(row, TRUE);
    g_string_free(d, TRUE);
}

/* What one of the other outputs prints for the engine, in fmt: JSON
 * Lines, or text. */
static char *other_output(const cf_engine *e, cf_fmt fmt, void (*fn)(cf_out *, const cf_engine *),
                          size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) {
        *len = 0;
        return g_strdup("");
    }
    cf_out *x = cf_out_new(f, fmt, 0);
    fn(x, e);
    cf_out_free(x);
    fclose(f);
    *len = n;
    return buf;
}

/* JSON Lines as a JSON array. */
static void lines_as_array(GString *t, const char *z, size_t n)
{
    fa_c(t, '[');
    int first = 1;
    const char *p = z, *end = z + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *q = nl ? nl : end;
        if (q > p) {
            if (!first)
                fa_c(t, ',');
            first = 0;
            fa_len(t, p, (size_t)(q - p));
        }
        p = q + 1;
    }
    fa_c(t, ']');
}

/* What fn prints with --json, as one JSON array. */
static void json_lines_of(GString *t, const cf_engine *e, void (*fn)(cf_out *, const cf_engine *))
{
    size_t n;
    char *z = other_output(e, CF_FMT_JSON, fn, &n);
    lines_as_array(t, z, n);
    free(z);
}

void cf_out_html_end(cf_out *o, const cf_engine *e)
{
    html_begin(o);
    fa_s(o->s, "</script>\n<script id=\"data\" type=\"application/json\">{\"calls\":[");
    g_string_append_len(o->s, o->html_list->str, (gssize)o->html_list->len);
    g_string_free(o->html_list, TRUE);
    o->html_list = NULL;
    GString *t = g_string_new("],\"agents\":");
    json_lines_of(t, e, cf_out_agents);
    fa_s(t, ",\"queues\":");
    json_lines_of(t, e, cf_out_queues);
    fa_s(t, ",\"summary\":");
    size_t n;
    char *z = other_output(e, CF_FMT_JSON, cf_out_summary, &n);
    while (n && z[n - 1] == '\n')
        n--;
    if (n)
        fa_len(t, z, n);
    else
        fa_s(t, "null");
    free(z);
    fa_s(t, ",\"summary_text\":");
    z = other_output(e, CF_FMT_TEXT, cf_out_summary, &n);
    fa_json_escape(t, z, n);
    free(z);
    fa_s(t, ",\"end\":");
    json_time(t, cf_engine_last_ts(e));
    fa_s(t, ",\"files\":[");
    const cts_files *fs = cf_engine_files(e);
    for (uint32_t i = 0; fs && i < fs->n; i++) {
        if (i)
            fa_c(t, ',');
        json_str(t, fs->names[i]);
    }
    fa_s(t, "]}");
    html_json(o->s, t->str, t->len);
    g_string_free(t, TRUE);
    fa_s(o->s, "</script>");
    const char *m = strstr(cf_report_html, DATA_MARK) + strlen(DATA_MARK);
    fa_s(o->s, m);
    flush(o);
}
