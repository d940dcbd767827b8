/* flow_test_util.h - feed the call-flow engine real CCX messages: encoded
 * from the tables (ccx_encode), decoded (ccx_decode), normalized by the CCX
 * adapter (cf_ccx_fill).  The chapter-11 flows are read from the very flow
 * files the sample captures were recorded from (captures/flows/), so the
 * unit tests and the captures exercise the same messages.
 *
 * Flow file lines: "C: MSG ..." (client), "S: MSG ..." (server),
 * "S+ MSG ..." (same segment: same time), "S/3 MSG ..." (3 segments),
 * "SHEX: ..." / "CHEX: ..." raw bytes, "sleep MS", "reset", "# comment".
 */
#ifndef FLOW_TEST_UTIL_H
#define FLOW_TEST_UTIL_H

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ccx_decode.h"
#include "ccx_encode.h"
#include "cf_engine.h"
#include "cf_map_ccx.h"
#include "cf_output.h"
#include "test_util.h"

typedef struct ft {
    cf_engine *e;
    cf_input *w;
    ccx_msg *m;
    uint64_t frame;
    int64_t ts;          /* microseconds */
    unsigned version;
} ft;

static inline ft *ft_new(const cf_options *o, const cf_filter *f)
{
    ft *t = g_new0(ft, 1);
    cf_options def;
    cf_options_default(&def);
    def.keep_emitted = 1;
    def.keep_agent_steps = 1;
    if (o) {
        def = *o;
        def.keep_emitted = 1;
    }
    t->e = cf_engine_new(&def, f, NULL, NULL);
    t->w = g_new(cf_input, 1);
    t->m = g_new(ccx_msg, 1);
    t->ts = 1795000000ll * 1000000;   /* 2026-11-18 */
    return t;
}

/* An engine that emits as the CLI's does: its calls are freed once printed
 * (to cb, with ctx) and their sessions leave memory, with the default
 * options. */
static inline ft *ft_new_emitting(cf_call_cb cb, void *ctx)
{
    ft *t = ft_new(NULL, NULL);
    cf_engine_free(t->e);
    cf_options o;
    cf_options_default(&o);
    t->e = cf_engine_new(&o, NULL, cb, ctx);
    return t;
}

static inline void ft_free(ft *t)
{
    cf_engine_free(t->e);
    g_free(t->w);
    g_free(t->m);
    g_free(t);
}

/* Feed bytes of one message on a session.  Time advances 1 ms per message
 * unless same_time. */
static inline void ft_bytes(ft *t, uint32_t session, int from_client, const guint8 *b, guint len,
                            int same_time)
{
    if (!same_time)
        t->ts += 1000;
    t->frame++;
    ccx_decode(b, len, t->version, t->m);
    if (t->m->def && t->m->def->id == 3)
        for (unsigned i = 0; i < t->m->n_fields; i++)
            if (t->m->fields[i].field == CCXF_VersionNumber)
                t->version = t->m->fields[i].u;
    cf_ccx_fill(t->w, t->m);
    t->w->session = session;
    t->w->frame = t->frame;
    t->w->ts = t->ts;
    t->w->from_client = from_client;
    cf_engine_feed(t->e, t->w);
}

/* Feed one message written in the encoder's syntax. */
static inline void ft_msg(ft *t, uint32_t session, int from_client, const char *line, int same_time)
{
    GByteArray *b = cts_encode(line);
    ft_bytes(t, session, from_client, b->data, b->len, same_time);
    g_byte_array_unref(b);
}

static inline uint32_t ft_session(ft *t, const char *client)
{
    return cf_engine_session(t->e, "ccx", "10.0.0.1:42027", client, t->frame, t->ts);
}

/* Play a flow file on the given sessions: server messages go to every
 * session in `sessions` (a bridge and an agent client both see them, the
 * copy arriving `lag_us` later), client messages to the first only. */
static inline void ft_play(ft *t, const char *flow_rel, const uint32_t *sessions, unsigned ns,
                           int64_t lag_us)
{
    char *path = cts_test_path(flow_rel);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        g_error("cannot read %s", path);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        char *s = g_strstrip(*l);
        if (!*s || *s == '#')
            continue;
        if (g_str_has_prefix(s, "sleep ")) {
            t->ts += g_ascii_strtoll(s + 6, NULL, 10) * 1000;
            continue;
        }
        if (!strcmp(s, "reset"))
            continue;
        int client = s[0] == 'C';
        int same = g_str_has_prefix(s, "S+") || g_str_has_prefix(s, "C+");
        int hex = g_str_has_prefix(s + 1, "HEX:");
        const char *body = strchr(s, ' ');
        if (!body)
            continue;
        body++;
        GByteArray *b;
        if (hex) {
            b = cts_hex(body);
        } else {
            b = g_byte_array_new();
            char err[256];
            if (ccx_encode_text(body, b, err, sizeof err) < 0)
                g_error("%s: encode \"%s\": %s", flow_rel, body, err);
        }
        if (client) {
            ft_bytes(t, sessions[0], 1, b->data, b->len, same);
        } else {
            ft_bytes(t, sessions[0], 0, b->data, b->len, same);
            for (unsigned k = 1; k < ns; k++) {
                int64_t keep = t->ts;
                uint64_t kf = t->frame;
                t->ts += lag_us;
                ft_bytes(t, sessions[k], 0, b->data, b->len, 1);
                t->ts = keep;
                (void)kf;
            }
        }
        g_byte_array_unref(b);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
}

/* One call's messages in the encoder's syntax, for ft_msgf: %u is the
 * CallID (FT_RELEASED: then the ConnectionDeviceID and ReleasingDeviceID).
 * 2005 calls 7000, queued in CSQ 5, answered by agent device 2006. */
#define FT_BEGIN                                                                                   \
    "BEGIN_CALL_EVENT CallType=CALLTYPE_OUT CallID=%u ConnectionDeviceID=2005 ANI=2005 DNIS=7000"
#define FT_QUEUED                                                                                  \
    "CALL_QUEUED_EVENT CallID=%u QueueDeviceType=77 CallingDeviceType=76 CalledDeviceType=74 "     \
    "LocalConnectionState=LCS_QUEUED EventCause=CEC_NONE ConnectionDeviceID=9019 QueueDeviceID=5 " \
    "CallingDeviceID=2005 CalledDeviceID=7000 CSQID=5"
#define FT_DELIVERED                                                                               \
    "CALL_DELIVERED_EVENT CallID=%u AlertingDeviceType=76 CallingDeviceType=76 "                   \
    "LocalConnectionState=LCS_ALERTING EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 "           \
    "AlertingDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006 CSQID=5"
#define FT_ESTABLISHED                                                                             \
    "CALL_ESTABLISHED_EVENT CallID=%u AnsweringDeviceType=76 CallingDeviceType=76 "                \
    "LocalConnectionState=LCS_CONNECT EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 "            \
    "AnsweringDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006 CSQID=5"
#define FT_RELEASED                                                                                \
    "CALL_CONNECTION_CLEARED_EVENT CallID=%u LocalConnectionState=LCS_NONE EventCause=CEC_NONE "   \
    "ConnectionDeviceID=%s ReleasingDeviceID=%s"
#define FT_CLEARED                                                                                 \
    "CALL_CLEARED_EVENT CallID=%u LocalConnectionState=LCS_NULL EventCause=1014 ConnectionDeviceID=2005"
#define FT_ENDCALL "END_CALL_EVENT CallID=%u ConnectionDeviceID=2005"

/* Feed one message given as a printf format (ft_msg). */
static inline void G_GNUC_PRINTF(4, 5) ft_msgf(ft *t, uint32_t session, int from_client,
                                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ft_msg(t, session, from_client, line, 0);
    g_free(line);
}

/* The emitted call with this id (one of its call ids: not a secondary id
 * or an alias), or NULL; nth: the nth such. */
static inline const cf_call *ft_call(ft *t, const char *id, int nth)
{
    unsigned n;
    const cf_call *const *c = cf_engine_emitted(t->e, &n);
    for (unsigned i = 0; i < n; i++)
        for (unsigned k = 0; k < c[i]->n_ids; k++)
            if (strcmp(c[i]->ids[k], id) == 0 && nth-- == 0)
                return c[i];
    return NULL;
}

static inline unsigned ft_n_calls(ft *t)
{
    unsigned n;
    cf_engine_emitted(t->e, &n);
    return n;
}

/* The timeline as one string: "Event@this>other(cause)" joined by " | ". */
static inline char *ft_timeline(const cf_call *c)
{
    GString *s = g_string_new(NULL);
    for (uint32_t i = 0; i < c->n_ev; i++) {
        const cf_event *v = &c->ev[i];
        if (i)
            g_string_append(s, " | ");
        g_string_append(s, cf_evtype_name(v->type));
        if (v->this_p >= 0)
            g_string_append_printf(s, "@%s", c->party[v->this_p].dn);
        if (v->other_p >= 0)
            g_string_append_printf(s, ">%s", c->party[v->other_p].dn);
        if (v->cause_name)
            g_string_append_printf(s, "(%s)", v->cause_name);
        if (v->merge_role)
            g_string_append(s, v->merge_role == CF_MR_SURVIVOR ? "[survivor" : "[merged");
        for (unsigned k = 0; k < v->n_list; k++)
            g_string_append_printf(s, "%s%s", k ? "," : ":", c->party[v->list[k]].dn);
        if (v->merge_role)
            g_string_append_c(s, ']');
    }
    return g_string_free(s, FALSE);
}

/* The parties as one string: "dn/device/roles/state/agent" joined by " | ". */
static inline char *ft_parties(const cf_call *c)
{
    GString *s = g_string_new(NULL);
    for (uint32_t i = 0; i < c->n_party; i++) {
        const cf_party *p = &c->party[i];
        if (i)
            g_string_append(s, " | ");
        g_string_append_printf(s, "%s/%s/", p->dn, cf_dev_name(p->dev));
        int any = 0;
        for (unsigned b = 0; b < CF_ROLE_COUNT_; b++)
            if (p->roles & (1u << b)) {
                g_string_append_printf(s, "%s%s", any ? "+" : "", cf_role_name(b));
                any = 1;
            }
        g_string_append_printf(s, "/%s", cf_pstate_name(p->state));
        if (p->agent)
            g_string_append_printf(s, "/%s", p->agent);
    }
    return g_string_free(s, FALSE);
}

#define ft_assert_str(got, want)                                                                   \
    do {                                                                                           \
        char *g_ = (got);                                                                          \
        if (strcmp(g_, (want)) != 0) {                                                             \
            g_printerr("\n  got:  %s\n  want: %s\n", g_, (want));                                  \
            g_assert_cmpstr(g_, ==, (want));                                                       \
        }                                                                                          \
        g_free(g_);                                                                                \
    } while (0)

static inline const char *ft_var(const cf_call *c, const char *name)
{
    const cf_kv_ent *k = cf_call_kv(c, CF_KV_VAR, name);
    return k ? k->value : NULL;
}

static inline const char *ft_field(const cf_call *c, const char *name)
{
    const cf_kv_ent *k = cf_call_kv(c, CF_KV_FIELD, name);
    return k ? k->value : NULL;
}

#endif
