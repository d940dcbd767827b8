/* cf_sessions.c - the CTI servers and the client connections (sessions)
 * the messages come on: the open and close of each session, its requests
 * (kept in a small ring so that an error can say which request failed, and
 * on which call), its heartbeat gaps, its server status events, and how
 * the connection ended.  Each of these becomes a note (the --summary
 * triage list).
 *
 * A server is an address (ip:port); its calls form one id space.  Session
 * ids are 1-based indexes into the engine's sessions array.
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
    g_ptr_array_add(e->sessions, s);
    s->id = e->sessions->len;
    return s->id;
}

const cf_session *cf_engine_session_get(const cf_engine *e, uint32_t id)
{
    return id >= 1 && id <= e->sessions->len ? g_ptr_array_index(e->sessions, id - 1) : NULL;
}

unsigned cf_engine_n_sessions(const cf_engine *e)
{
    return e->sessions->len;
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

/* until: "to" (a client message at frame) or "to the connection end" */
static void heartbeat_check(cf_engine *e, cf_session *s, int64_t ts, uint64_t frame, const char *until)
{
    if (!s->idle_timeout || !s->f_last_client)
        return;
    int64_t gap = ts - s->t_last_client;
    if (gap > (int64_t)s->idle_timeout * 1000000) {
        char a[32], b[96];
        fmt_secs(a, sizeof a, gap);
        cf_note_add(e, CF_NOTE_HEARTBEAT, frame, ts, s->id,
                    "%s: no client message for %s (IdleTimeout %u s): from %s %s %s",
                    cf_sess_name(e, s->id, b, sizeof b), a, s->idle_timeout,
                    CF_FRAME(e, s->f_last_client), until, CF_FRAME(e, frame));
    }
}

void cf_session_event(cf_engine *e, cf_session *s, const cf_input *w)
{
    char sb[96];
    if (w->from_client) {
        heartbeat_check(e, s, w->ts, w->frame, "to");
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
        cf_note_add(e, CF_NOTE_MALFORMED, w->frame, w->ts, s->id, "%s: %s %s: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name ? w->msg_name : "message",
                    CF_FRAME(e, w->frame), w->error_text ? w->error_text : "decoding error");
    if (w->flags & CF_F_SYSTEM) {
        cf_note_add(e, CF_NOTE_SYSTEM, w->frame, w->ts, s->id, "%s: %s %s: %s=%lld%s%s%s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, CF_FRAME(e, w->frame),
                    w->cause_field ? w->cause_field : "code", (long long)w->cause,
                    w->cause_name ? " (" : "", w->cause_name ? w->cause_name : "",
                    w->cause_name ? ")" : "");
    }
    if (w->type == CF_EV_ERROR) {
        const cf_req *r = w->has_invoke ? req_find(s, w->invoke_id) : NULL;
        char what[CTS_FRAME_LABEL_MAX + 160] = "";
        if (r)
            snprintf(what, sizeof what, " answers %s %s (InvokeID %u)", r->msg,
                     CF_FRAME(e, r->frame), w->invoke_id);
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
        cf_note_add(e, CF_NOTE_ERROR, w->frame, w->ts, s->id, "%s: %s %s%s: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, CF_FRAME(e, w->frame), what,
                    codes[0] ? codes : "no code");
        /* on the call the failed request was about */
        if (r && r->call_id[0]) {
            cf_str id = { r->call_id, (uint32_t)strlen(r->call_id) };
            cf_call *c = call_lookup(e, s->protocol, s->server, id);
            if (c) {
                char nt[CTS_FRAME_LABEL_MAX + 300];
                snprintf(nt, sizeof nt, "%s %s failed%s%s", r->msg, CF_FRAME(e, r->frame),
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
    char sb[96], closes[2 * CTS_FRAME_LABEL_MAX + 64] = "";
    if (s->f_close_req || s->f_close_conf)
        snprintf(closes, sizeof closes, "CLOSE request %s, confirmation %s; ",
                 CF_FRAME(e, s->f_close_req), CF_FRAME(e, s->f_close_conf));
    const char *what = strcmp(how, "RST") == 0 ? "reset (RST)"
                       : strcmp(how, "FIN") == 0 ? (closes[0] ? "closed" : "closed by FIN without a CLOSE request")
                       : strcmp(how, "end of capture") == 0 ? "still open at the end of the capture"
                       : how;
    cf_note_add(e, CF_NOTE_SESSION, frame, ts, session, "%s: %s: %sconnection end %s (%s); %llu messages, last %s",
                cf_sess_name(e, session, sb, sizeof sb), what, closes, CF_FRAME(e, frame), how,
                (unsigned long long)s->n_msgs, CF_FRAME(e, s->f_last));
    heartbeat_check(e, s, ts, frame, "to the connection end");
}
