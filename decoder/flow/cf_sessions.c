/* cf_sessions.c - the CTI servers and the client connections (sessions)
 * the messages come on: the open and close of each session, its requests
 * (kept in a small ring so that an error can say which request failed, and
 * on which call), its heartbeat gaps, its server status events, and how
 * the connection ended.  Each of these becomes a note (the --summary
 * triage list).
 *
 * A server is an address (ip:port); its calls form one id space.  Session
 * ids count from 1 in the order the sessions open and are never reused.
 *
 * Memory: a session that has ended (FIN, RST, the end of the capture) has
 * written its notes; it stays in memory only while a live call names it
 * (the call's outputs print its client address), and leaves when the last
 * such call is emitted.  So the table holds the open connections and those
 * of the calls in progress, not every connection ever seen.
 */
#include "cf_internal.h"

#include <stdio.h>
#include <string.h>

static uint32_t server_id(cf_engine *e, const char *name)
{
    for (guint i = 0; i < e->servers->len; i++)
        if (strcmp(g_ptr_array_index(e->servers, i), name) == 0)
            return i;
    g_ptr_array_add(e->servers, g_strdup(name));
    return e->servers->len - 1;
}

const char *cf_engine_server_name(const cf_engine *e, uint32_t server)
{
    return server < e->servers->len ? g_ptr_array_index(e->servers, server) : "?";
}

uint32_t cf_engine_session(cf_engine *e, const char *protocol, const char *server,
                           const char *client, uint64_t frame, int64_t ts)
{
    cf_session *s = g_new0(cf_session, 1);
    s->protocol = protocol;
    s->server = server_id(e, server);
    s->server_ep = g_strdup(server);
    s->client_ep = g_strdup(client);
    s->f_first = s->f_last = frame;
    s->t_first = s->t_last = ts;
    s->id = ++e->n_sessions;
    s->pinned = e->opt.keep_emitted != 0;   /* the kept calls name their sessions */
    g_hash_table_insert(e->sessions, GUINT_TO_POINTER(s->id), s);
    return s->id;
}

const cf_session *cf_engine_session_get(const cf_engine *e, uint32_t id)
{
    return g_hash_table_lookup(e->sessions, GUINT_TO_POINTER(id));
}

unsigned cf_engine_n_sessions(const cf_engine *e)
{
    return e->n_sessions;
}

unsigned cf_engine_live_sessions(const cf_engine *e)
{
    return g_hash_table_size(e->sessions);
}

/* An ended session no live call names leaves memory. */
static void session_leave(cf_engine *e, cf_session *s)
{
    if (!s->end_how || s->refs || s->pinned)
        return;
    if (e->last_sess == s)
        e->last_sess = NULL;
    g_hash_table_remove(e->sessions, GUINT_TO_POINTER(s->id));
}

void cf_session_ref(cf_engine *e, uint32_t id)
{
    cf_session *s = sess(e, id);
    if (s)
        s->refs++;
}

void cf_session_unref(cf_engine *e, uint32_t id)
{
    cf_session *s = sess(e, id);
    if (s && s->refs && !--s->refs)
        session_leave(e, s);
}

void cf_session_pin(cf_engine *e, uint32_t id)
{
    cf_session *s = sess(e, id);
    if (s)
        s->pinned = 1;
}

const char *cf_sess_name(const cf_engine *e, uint32_t id, char *b, size_t n)
{
    const cf_session *s = cf_engine_session_get(e, id);
    if (!s)
        return "?";
    snprintf(b, n, "%s -> %s", s->client_ep, s->server_ep);
    return b;
}

static const cf_req *req_find(const cf_session *s, uint32_t invoke)
{
    for (unsigned k = 1; k <= CF_SESSION_REQS; k++) {
        const cf_req *r = &s->reqs[(s->req_next + CF_SESSION_REQS - k) % CF_SESSION_REQS];
        if (r->msg && r->invoke == invoke)
            return r;
    }
    return NULL;
}

static void heartbeat_check(cf_engine *e, cf_session *s, int64_t ts, uint64_t frame, const char *until)
{
    if (!s->idle_timeout || !s->f_last_client)
        return;
    int64_t gap = ts - s->t_last_client;
    if (gap > (int64_t)s->idle_timeout * 1000000) {
        char a[32], b[96];
        fmt_secs(a, sizeof a, gap);
        cf_note_add(e, CF_NOTE_HEARTBEAT, frame, ts, s->id,
                    "%s: no client message for %s (IdleTimeout %u s): from #%llu %s",
                    cf_sess_name(e, s->id, b, sizeof b), a, s->idle_timeout,
                    (unsigned long long)s->f_last_client, until);
    }
}

void cf_session_event(cf_engine *e, cf_session *s, const cf_input *w)
{
    char sb[96];
    if (w->from_client) {
        char until[48];
        snprintf(until, sizeof until, "to #%llu", (unsigned long long)w->frame);
        heartbeat_check(e, s, w->ts, w->frame, until);
        s->t_last_client = w->ts;
        s->f_last_client = w->frame;
    }
    if (w->flags & CF_F_OPEN) {
        s->f_open_req = w->frame;
        s->idle_timeout = w->idle_timeout;
        s->mode = w->mode;
        if (w->client_name.n) {
            g_free(s->client_name);
            s->client_name = g_strndup(w->client_name.p, w->client_name.n);
        }
    }
    if (w->flags & CF_F_OPENED)
        s->f_open_conf = w->frame;
    if (w->flags & CF_F_CLOSE) {
        if (w->from_client)
            s->f_close_req = w->frame;
        else
            s->f_close_conf = w->frame;
    }
    if ((w->flags & CF_F_REQUEST) && w->has_invoke) {
        cf_req *r = &s->reqs[s->req_next];
        s->req_next = (s->req_next + 1) % CF_SESSION_REQS;
        r->invoke = w->invoke_id;
        r->msg = w->msg_name;
        r->frame = w->frame;
        size_t n = w->call_id.n < sizeof r->call_id - 1 ? w->call_id.n : sizeof r->call_id - 1;
        memcpy(r->call_id, w->call_id.p ? w->call_id.p : "", n);
        r->call_id[n] = '\0';
    }
    if (w->error)
        cf_note_add(e, CF_NOTE_MALFORMED, w->frame, w->ts, s->id, "%s: %s #%llu: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name ? w->msg_name : "message",
                    (unsigned long long)w->frame, w->error_text ? w->error_text : "decoding error");
    if (w->flags & CF_F_SYSTEM) {
        cf_note_add(e, CF_NOTE_SYSTEM, w->frame, w->ts, s->id, "%s: %s #%llu: %s=%lld%s%s%s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, (unsigned long long)w->frame,
                    w->cause_field ? w->cause_field : "code", (long long)w->cause,
                    w->cause_name ? " (" : "", w->cause_name ? w->cause_name : "",
                    w->cause_name ? ")" : "");
    }
    if (w->type == CF_EV_ERROR) {
        const cf_req *r = w->has_invoke ? req_find(s, w->invoke_id) : NULL;
        char what[160] = "";
        if (r)
            snprintf(what, sizeof what, " answers %s #%llu (InvokeID %u)", r->msg,
                     (unsigned long long)r->frame, w->invoke_id);
        else if (w->has_invoke)
            snprintf(what, sizeof what, " (InvokeID %u, request not in the capture)", w->invoke_id);
        char codes[256] = "";
        int k = 0;
        if (w->cause == CF_NAMED_CAUSE)
            k = snprintf(codes, sizeof codes, "%s=%s", w->cause_field ? w->cause_field : "code",
                         w->cause_name ? w->cause_name : "?");
        else if (w->cause != CF_NO_VALUE)
            k = snprintf(codes, sizeof codes, "%s=%lld%s%s%s", w->cause_field ? w->cause_field : "code",
                         (long long)w->cause, w->cause_name ? " (" : "",
                         w->cause_name ? w->cause_name : "", w->cause_name ? ")" : "");
        if (w->cause2 != CF_NO_VALUE && k >= 0 && (size_t)k < sizeof codes)
            snprintf(codes + k, sizeof codes - (size_t)k, "%s%s=%lld%s%s%s", k ? ", " : "",
                     w->cause2_field ? w->cause2_field : "code", (long long)w->cause2,
                     w->cause2_name ? " (" : "", w->cause2_name ? w->cause2_name : "",
                     w->cause2_name ? ")" : "");
        cf_note_add(e, CF_NOTE_ERROR, w->frame, w->ts, s->id, "%s: %s #%llu%s: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, (unsigned long long)w->frame, what,
                    codes[0] ? codes : "no code");
        /* on the call the failed request was about */
        if (r && r->call_id[0]) {
            cf_str id = { r->call_id, (uint32_t)strlen(r->call_id) };
            cf_call *c = call_lookup(e, s->protocol, s->server, id);
            if (c) {
                char nt[200];
                snprintf(nt, sizeof nt, "%s #%llu failed%s%s", r->msg, (unsigned long long)r->frame,
                         codes[0] ? ": " : "", codes);
                cf_input tmp;
                memcpy(&tmp, w, offsetof(cf_input, parties));
                tmp.this_dn.n = tmp.other_dn.n = 0;
                tmp.n_kv = 0;
                tmp.n_parties = 0;
                cf_add_event(e, c, &tmp, CF_MR_NONE, nt);
            }
        }
    }
}

void cf_engine_session_end(cf_engine *e, uint32_t session, const char *how, uint64_t frame,
                           int64_t ts)
{
    cf_session *s = sess(e, session);
    if (!s || s->end_how)
        return;
    see_time(e, ts);
    s->end_how = how;
    s->f_end = frame;
    s->t_end = ts;
    char sb[96], closes[128] = "";
    if (s->f_close_req || s->f_close_conf)
        snprintf(closes, sizeof closes, "CLOSE request #%llu, confirmation #%llu; ",
                 (unsigned long long)s->f_close_req, (unsigned long long)s->f_close_conf);
    const char *what = strcmp(how, "RST") == 0 ? "reset (RST)"
                       : strcmp(how, "FIN") == 0 ? (closes[0] ? "closed" : "closed by FIN without a CLOSE request")
                       : strcmp(how, "end of capture") == 0 ? "still open at the end of the capture"
                       : strcmp(how, "idle") == 0 ? "silent for over an hour, forgotten (a later segment starts a new session)"
                       : how;
    cf_note_add(e, CF_NOTE_SESSION, frame, ts, session, "%s: %s: %sconnection end #%llu (%s); %llu messages, last #%llu",
                cf_sess_name(e, session, sb, sizeof sb), what, closes, (unsigned long long)frame, how,
                (unsigned long long)s->n_msgs, (unsigned long long)s->f_last);
    char until[64];
    snprintf(until, sizeof until, "to the connection end #%llu", (unsigned long long)frame);
    heartbeat_check(e, s, ts, frame, until);
    session_leave(e, s);
}
