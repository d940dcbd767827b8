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

/* ---- requests and their responses ---- */

static void copy_str(char *dst, size_t n, cf_str v)
{
    size_t k = v.n < n - 1 ? v.n : n - 1;
    if (k)
        memcpy(dst, v.p, k);
    dst[k] = '\0';
}

/* "callAction TagCallWithDispositionCode" / "HEARTBEAT_REQ" */
static const char *req_name(const cf_req *r, char *b, size_t n)
{
    snprintf(b, n, "%s%s%s", r->msg, r->detail[0] ? " " : "", r->detail);
    return b;
}

static void note_unanswered(cf_engine *e, cf_session *s, const cf_req *r, int64_t ts,
                            const char *until)
{
    char sb[96], nb[96], rb[160] = "", tb[32];
    cf_note_facts f;
    cf_note_facts_init(&f);
    req_name(r, nb, sizeof nb);
    f.message = f.request = nb;
    f.request_frame = r->frame;
    f.has_invoke = r->invoke_field != NULL;
    f.invoke_id = r->invoke;
    f.call_id = r->call_id[0] ? r->call_id : NULL;
    f.duration = ts - r->ts;
    f.from = "client";
    if (f.has_invoke)
        snprintf(rb, sizeof rb, " (%s %u)", r->invoke_field, r->invoke);
    cf_note_add(e, CF_NOTE_UNANSWERED, r->frame, r->ts, s->id, &f,
                "%s: %s %s%s: no response in the capture%s%s (%s, %s later)",
                cf_sess_name(e, s->id, sb, sizeof sb), nb, CF_FRAME(e, r->frame), rb,
                f.call_id ? "; call " : "", f.call_id ? f.call_id : "", until,
                fmt_secs(tb, sizeof tb, ts - r->ts));
}

/* A request that waits for its response. */
static void req_push(cf_engine *e, cf_session *s, const cf_input *w)
{
    /* the same request given twice (a document with two units) is one */
    for (unsigned i = s->n_pending; i-- > 0;)
        if (s->pending[i].frame == w->frame && s->pending[i].invoke == w->invoke_id)
            return;
    if (s->n_pending == CF_SESSION_PENDING) {
        char until[64];
        snprintf(until, sizeof until, "%u requests waited after it", CF_SESSION_PENDING);
        note_unanswered(e, s, &s->pending[0], w->ts, until);
        memmove(s->pending, s->pending + 1, (s->n_pending - 1) * sizeof *s->pending);
        s->n_pending--;
    }
    if (s->n_pending == s->cap_pending) {
        s->cap_pending = s->cap_pending ? s->cap_pending * 2 : 4;
        s->pending = g_renew(cf_req, s->pending, s->cap_pending);
    }
    cf_req *r = &s->pending[s->n_pending++];
    r->invoke = w->invoke_id;
    r->invoke_field = w->invoke_field;
    r->msg = w->msg_name ? w->msg_name : "request";
    r->frame = w->frame;
    r->ts = w->ts;
    copy_str(r->detail, sizeof r->detail, w->msg_detail);
    copy_str(r->call_id, sizeof r->call_id, w->call_id);
}

/* The request a response answers: the newest waiting one with its invoke
 * id, which stops waiting; or the one the previous event of the same
 * response answered. */
static const cf_req *req_answer(cf_session *s, const cf_input *w)
{
    for (unsigned i = s->n_pending; i-- > 0;) {
        if (s->pending[i].invoke != w->invoke_id || s->pending[i].frame > w->frame)
            continue;
        s->answered = s->pending[i];
        s->answered_by = w->frame;
        memmove(s->pending + i, s->pending + i + 1, (s->n_pending - i - 1) * sizeof *s->pending);
        s->n_pending--;
        return &s->answered;
    }
    if (s->answered.msg && s->answered_by == w->frame && s->answered.invoke == w->invoke_id)
        return &s->answered;
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
        cf_note_facts f;
        cf_note_facts_init(&f);
        f.duration = gap;
        f.first_frame = s->f_last_client;
        f.last_frame = frame;
        f.from = "client";
        cf_note_add(e, CF_NOTE_HEARTBEAT, frame, ts, s->id, &f,
                    "%s: no client message for %s (IdleTimeout %u s): from %s %s",
                    cf_sess_name(e, s->id, b, sizeof b), fmt_secs(a, sizeof a, gap), s->idle_timeout,
                    CF_FRAME(e, s->f_last_client), until);
    }
}

/* "Status=... (...)": a code as the notes write it ("" when absent). */
static int code_text(char *b, size_t n, const char *field, int64_t v, const char *name)
{
    if (v == CF_NO_VALUE)
        return 0;
    if (v == CF_NAMED_CAUSE)
        return snprintf(b, n, "%s=%s", field ? field : "code", name ? name : "?");
    return snprintf(b, n, "%s=%lld%s%s%s", field ? field : "code", (long long)v, name ? " (" : "",
                    name ? name : "", name ? ")" : "");
}

static void error_event(cf_engine *e, cf_session *s, const cf_input *w, const cf_req *r)
{
    char sb[96], nb[96] = "", what[CTS_FRAME_LABEL_MAX + 320] = "", codes[320] = "";
    cf_note_facts f;
    cf_note_facts_init(&f);
    f.message = w->msg_name;
    f.from = w->from_client ? "client" : "server";
    if (r) {
        req_name(r, nb, sizeof nb);
        f.request = nb;
        f.request_frame = r->frame;
        f.call_id = r->call_id[0] ? r->call_id : NULL;
        f.has_invoke = r->invoke_field != NULL;
        f.invoke_id = r->invoke;
        char inv[48] = "";
        if (r->invoke_field)
            snprintf(inv, sizeof inv, "%s %u", r->invoke_field, r->invoke);
        snprintf(what, sizeof what, " answers %s %s%s%s%s%s%s", nb, CF_FRAME(e, r->frame),
                 inv[0] || f.call_id ? " (" : "", inv, inv[0] && f.call_id ? ", " : "",
                 f.call_id ? "call " : "", f.call_id ? f.call_id : "");
        if (inv[0] || f.call_id)
            g_strlcat(what, ")", sizeof what);
    } else if (w->has_invoke && w->invoke_field) {
        f.has_invoke = 1;
        f.invoke_id = w->invoke_id;
        snprintf(what, sizeof what, " (%s %u, request not in the capture)", w->invoke_field, w->invoke_id);
    }
    f.code_field = w->cause_field;
    f.code = w->cause;
    f.code_name = w->cause_name;
    f.code2_field = w->cause2_field;
    f.code2 = w->cause2;
    f.code2_name = w->cause2_name;
    char reason[256] = "";
    copy_str(reason, sizeof reason, w->reason);
    f.reason = reason[0] ? reason : NULL;
    int k = code_text(codes, sizeof codes, w->cause_field, w->cause, w->cause_name);
    if (k >= 0 && (size_t)k < sizeof codes && w->cause2 != CF_NO_VALUE) {
        if (k)
            k += snprintf(codes + k, sizeof codes - (size_t)k, ", ");
        if (k >= 0 && (size_t)k < sizeof codes)
            code_text(codes + k, sizeof codes - (size_t)k, w->cause2_field, w->cause2, w->cause2_name);
    }
    cf_note_add(e, CF_NOTE_ERROR, w->frame, w->ts, s->id, &f, "%s: %s %s%s: %s%s%s",
                cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, CF_FRAME(e, w->frame), what,
                codes[0] ? codes : reason[0] ? "" : "no code", codes[0] && reason[0] ? ": " : "", reason);
    /* on the call the failed request was about */
    if (r && r->call_id[0]) {
        cf_str id = { r->call_id, (uint32_t)strlen(r->call_id) };
        cf_call *c = call_lookup(e, s->protocol, s->server, id);
        if (c) {
            char nt[CTS_FRAME_LABEL_MAX + 480];
            snprintf(nt, sizeof nt, "%s %s failed%s%s%s%s", nb, CF_FRAME(e, r->frame),
                     codes[0] || reason[0] ? ": " : "", codes, codes[0] && reason[0] ? ": " : "", reason);
            cf_input tmp;
            memcpy(&tmp, w, offsetof(cf_input, parties));
            tmp.this_dn.n = tmp.other_dn.n = 0;
            tmp.n_kv = 0;
            tmp.n_parties = 0;
            cf_add_event(e, c, &tmp, CF_MR_NONE, nt);
        }
    }
}

void cf_session_event(cf_engine *e, cf_session *s, const cf_input *w)
{
    char sb[96];
    if (w->from_client) {
        char until[CTS_FRAME_LABEL_MAX + 8];
        snprintf(until, sizeof until, "to %s", CF_FRAME(e, w->frame));
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
    if ((w->flags & CF_F_CLOSE) && !(w->flags & CF_F_RESPONSE)) {
        s->f_close_req = w->frame;
        s->close_req_msg = w->msg_name;
        s->close_awaits = (w->flags & CF_F_AWAITS) != 0;
        s->close_by_server = !w->from_client;
    } else if (w->flags & CF_F_CLOSE) {
        s->f_close_conf = w->frame;
        s->close_conf_msg = w->msg_name;
    }
    const cf_req *answered = NULL;
    if ((w->flags & CF_F_RESPONSE) && w->has_invoke)
        answered = req_answer(s, w);
    if ((w->flags & CF_F_REQUEST) && (w->flags & CF_F_AWAITS) && w->has_invoke)
        req_push(e, s, w);
    if (w->error) {
        cf_note_facts f;
        cf_note_facts_init(&f);
        f.message = w->msg_name;
        f.from = w->from_client ? "client" : "server";
        cf_note_add(e, CF_NOTE_MALFORMED, w->frame, w->ts, s->id, &f, "%s: %s %s: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name ? w->msg_name : "message",
                    CF_FRAME(e, w->frame), w->error_text ? w->error_text : "decoding error");
    }
    if (w->flags & CF_F_SYSTEM) {
        char codes[160] = "";
        code_text(codes, sizeof codes, w->cause_field, w->cause, w->cause_name);
        char dn[128] = "";
        copy_str(dn, sizeof dn, w->this_dn);
        cf_note_facts f;
        cf_note_facts_init(&f);
        f.message = w->msg_name;
        f.dn = dn[0] ? dn : NULL;
        f.code_field = w->cause_field;
        f.code = w->cause;
        f.code_name = w->cause_name;
        f.from = w->from_client ? "client" : "server";
        cf_note_add(e, CF_NOTE_SYSTEM, w->frame, w->ts, s->id, &f, "%s: %s %s: %s",
                    cf_sess_name(e, s->id, sb, sizeof sb), w->msg_name, CF_FRAME(e, w->frame),
                    codes[0] ? codes : "no code");
    }
    if (w->type == CF_EV_ERROR)
        error_event(e, s, w, answered);
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
    /* how it was closed: the close request (and its confirmation, when it
     * waits for one), by the messages' own names */
    char sb[96], closes[2 * CTS_FRAME_LABEL_MAX + 160] = "";
    if (s->close_req_msg && s->close_conf_msg)
        snprintf(closes, sizeof closes, "%s %s%s, %s %s; ", s->close_req_msg,
                 CF_FRAME(e, s->f_close_req), s->close_by_server ? " by the server" : "",
                 s->close_conf_msg, CF_FRAME(e, s->f_close_conf));
    else if (s->close_req_msg)
        snprintf(closes, sizeof closes, "%s %s%s, %s; ", s->close_req_msg,
                 CF_FRAME(e, s->f_close_req), s->close_by_server ? " by the server" : "",
                 s->close_awaits ? "no confirmation in the capture" : "which has no confirmation");
    else if (s->close_conf_msg)
        snprintf(closes, sizeof closes, "no close request in the capture, %s %s; ",
                 s->close_conf_msg, CF_FRAME(e, s->f_close_conf));
    const char *what = strcmp(how, "RST") == 0 ? "reset (RST)"
                       : strcmp(how, "FIN") == 0 ? (closes[0] ? "closed" : "closed by FIN without a close request")
                       : strcmp(how, "end of capture") == 0 ? "still open at the end of the capture"
                       : strcmp(how, "idle") == 0 ? "silent for over an hour, forgotten (a later segment starts a new session)"
                       : how;
    cf_note_facts f;
    cf_note_facts_init(&f);
    f.how = how;
    f.messages = (int64_t)s->n_msgs;
    f.first_frame = s->f_first;
    f.last_frame = s->f_last;
    f.request = s->close_req_msg;
    f.request_frame = s->f_close_req;
    f.response_frame = s->f_close_conf;
    cf_note_add(e, CF_NOTE_SESSION, frame, ts, session, &f,
                "%s: %s: %sconnection end %s (%s); %llu message%s, last %s",
                cf_sess_name(e, session, sb, sizeof sb), what, closes, CF_FRAME(e, frame), how,
                (unsigned long long)s->n_msgs, s->n_msgs == 1 ? "" : "s", CF_FRAME(e, s->f_last));
    char until[CTS_FRAME_LABEL_MAX + 64];
    snprintf(until, sizeof until, "to the connection end %s", CF_FRAME(e, frame));
    heartbeat_check(e, s, ts, frame, until);
    /* the requests still waiting */
    if (strcmp(how, "end of capture") == 0)
        snprintf(until, sizeof until, "the capture ends");
    else
        snprintf(until, sizeof until, "connection end %s", CF_FRAME(e, frame));
    for (unsigned i = 0; i < s->n_pending; i++)
        note_unanswered(e, s, &s->pending[i], ts, until);
    s->n_pending = 0;
    session_leave(e, s);
}
