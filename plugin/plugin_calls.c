/* plugin_calls.c - see plugin_calls.h. */
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/address.h>
#include <epan/conversation.h>
#include <epan/proto_data.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/tap-voip.h>
#include <epan/dissectors/packet-tcp.h>
#include <wsutil/inet_addr.h>

#include <string.h>

#include "cf_engine.h"
#include "cf_map_cap.h"
#include "cf_map_ccx.h"
#include "cf_output.h"
#include "ccxcti_seq.h"
#include "plugin_calls.h"
#include "plugin_common.h"
#include "ws_compat.h"

/* The dissectors that feed the engine. */
typedef struct pc_proto {
    int proto;
    const char *protocol;      /* "ccx", "cap": cf_call.protocol */
    const char *ui_name;       /* "CCX CTI" */
    dissector_handle_t handle;
} pc_proto;

static pc_proto protos[2];
static guint n_protos;

/* The engine's side of one TCP connection (hung on its ps_stream). */
typedef struct pc_sess {
    guint32 id;          /* the engine's session; 0: not made yet */
    gint8 server_dir;    /* plugin_seg_dir of the server side; -1: not known yet */
    gint8 side0_dir;     /* the side the CLI numbers 0: the one that sent first */
    char ep[2][96];      /* each side's endpoint, as the CLI names it */
} pc_sess;

/* One event of a call, for the frame it happened in, and the two parties
 * its arrow in the ladder joins (party indexes; from == to: the call has
 * one party and the event is drawn on it alone). */
typedef struct pc_ev {
    const cf_call *call;
    guint32 ev;          /* index in call->ev */
    gint16 from, to;     /* -1, -1: not drawn (a call without parties) */
    gboolean mark;       /* an event the CLI marks on one DN (to), not an arrow */
} pc_ev;

/* What the calls tap hands its listeners: the frame's events of calls of
 * one protocol (packet scope). */
typedef struct pc_frame_tap {
    const pc_proto *proto;
    guint n;
    const pc_ev *ev;
} pc_frame_tap;

/* A DN's node in the ladder: its label, and what it is made of. */
typedef struct pc_dn {
    char *label;
    GPtrArray *agents;   /* agent ids seen at the DN (not owned) */
    const char *what;    /* else: what the first call that knew said it is */
    const char *dn;
} pc_dn;

static struct {
    cf_engine *e;
    cf_cap_ctx *cap;
    cf_input *w;
    gboolean finished;
    GHashTable *by_frame;   /* frame -> GArray of pc_ev */
    GHashTable *by_id;      /* "protocol\x1fserver\x1fid" -> GPtrArray of cf_call * */
    GHashTable *family;     /* cf_call * -> GPtrArray of ids (the family's, shared) */
    GPtrArray *families;    /* owns those arrays */
    GHashTable *dns;        /* "protocol\x1fdn" -> pc_dn */
} pc;

static int voip_tap = -1;
static int proto_tcp = -1;

#define KEY_TAPPED 0x50430001u   /* packet scope, per protocol: the frame's calls are tapped */

static const pc_proto *proto_of(int proto)
{
    for (guint i = 0; i < n_protos; i++)
        if (protos[i].proto == proto)
            return &protos[i];
    return NULL;
}

static gint64 ts_usec(const nstime_t *ts)
{
    return (gint64)ts->secs * 1000000 + ts->nsecs / 1000;
}

/* ------------------------------------------------------------------ */
/* The engine's life: one per capture file. */

static void pc_init(void)
{
    cf_options o;
    cf_options_default(&o);
    o.keep_emitted = 1;      /* the calls stay readable until the file is closed */
    pc.e = cf_engine_new(&o, NULL, NULL, NULL);
    pc.cap = cf_cap_ctx_new();
    pc.w = g_new0(cf_input, 1);
    pc.finished = FALSE;
}

static void dn_free(gpointer p)
{
    pc_dn *d = p;
    g_free(d->label);
    g_ptr_array_free(d->agents, TRUE);
    g_free(d);
}

static void pc_cleanup(void)
{
    if (pc.by_frame)
        g_hash_table_destroy(pc.by_frame);
    if (pc.by_id)
        g_hash_table_destroy(pc.by_id);
    if (pc.family)
        g_hash_table_destroy(pc.family);
    if (pc.families)
        g_ptr_array_free(pc.families, TRUE);
    if (pc.dns)
        g_hash_table_destroy(pc.dns);
    cf_engine_free(pc.e);
    if (pc.cap)
        cf_cap_ctx_free(pc.cap);
    g_free(pc.w);
    memset(&pc, 0, sizeof pc);
}

static char *id_key(const char *protocol, guint32 server, const char *id)
{
    return g_strdup_printf("%s\x1f%u\x1f%s", protocol, server, id);
}

/* The call with this id that frame belongs to: the one whose frames span
 * it, else the last one begun before it, else the first. */
static int pick(const GPtrArray *cands, guint64 frame)
{
    int best = -1;
    for (guint i = 0; i < cands->len; i++) {
        const cf_call *c = g_ptr_array_index(cands, i);
        if (c->f_first <= frame && frame <= c->f_last)
            return (int)i;
        if (c->f_first <= frame &&
            (best < 0 || c->f_first > ((const cf_call *)g_ptr_array_index(cands, (guint)best))->f_first))
            best = (int)i;
    }
    return best >= 0 ? best : cands->len ? 0 : -1;
}

static const cf_call *call_by_id(const char *protocol, guint32 server, const char *id, guint64 frame)
{
    char *k = id_key(protocol, server, id);
    const GPtrArray *cands = g_hash_table_lookup(pc.by_id, k);
    g_free(k);
    int i = cands ? pick(cands, frame) : -1;
    return i >= 0 ? g_ptr_array_index(cands, (guint)i) : NULL;
}

static gint by_seq_cmp(gconstpointer a, gconstpointer b, gpointer calls)
{
    const cf_call *const *c = calls;
    guint64 x = c[*(const guint *)a]->seq, y = c[*(const guint *)b]->seq;
    return x < y ? -1 : x > y;
}

/* The two ends of each event's arrow in Wireshark's ladder.  An event
 * between ThisDN and OtherDN is the CLI's arrow (cf_event_ladder).  Every
 * item of a Wireshark sequence analysis joins two nodes, and one that
 * joins a node to itself is drawn on one line only in 4.0 (4.4 and later
 * give that node a second column), so an event the CLI marks on one DN
 * (held, released; one that names no DN: on the call's first party) is
 * an arrow into that DN from the party it exchanged with last in the call
 * (before the event, else after it; else the call's first other party):
 * its arrowhead is where the CLI puts its mark, and its label begins with
 * the CLI's mark, "●". */
static void ladder_ends(const cf_call *c, gint16 *from, gint16 *to, gboolean *mark)
{
    guint32 n = c->n_ev, np = c->n_party;
    gint16 *near = g_new(gint16, np ? np : 1);
    gint16 *at = g_new(gint16, n ? n : 1);   /* the DN of an event that is not an arrow, -1 */
    for (guint32 i = 0; i < n; i++) {
        int a, b;
        cf_ladder_kind k = cf_event_ladder(&c->ev[i], &a, &b);
        mark[i] = !(k == CF_LADDER_ARROW && a != b);
        if (!mark[i]) {
            from[i] = (gint16)a;
            to[i] = (gint16)b;
            at[i] = -1;
        } else {
            from[i] = to[i] = -1;
            at[i] = (gint16)(k == CF_LADDER_NONE ? (np ? 0 : -1) : a);
        }
    }
    /* the party each DN exchanged with next (backward), then last (forward) */
    for (int pass = 0; pass < 2; pass++) {
        for (guint32 p = 0; p < np; p++)
            near[p] = -1;
        for (guint32 k = 0; k < n; k++) {
            guint32 i = pass == 0 ? n - 1 - k : k;
            gint16 p = at[i];
            if (p >= 0 && near[p] >= 0) {
                from[i] = near[p];
                to[i] = p;
            }
            if (at[i] < 0 && from[i] >= 0) {
                near[from[i]] = to[i];
                near[to[i]] = from[i];
            }
        }
    }
    for (guint32 i = 0; i < n; i++) {
        gint16 p = at[i];
        if (p < 0 || from[i] >= 0)
            continue;
        gint16 q = -1;   /* no exchange in the call: its first other party */
        for (guint32 j = 0; j < np && q < 0; j++)
            if ((gint16)j != p)
                q = (gint16)j;
        from[i] = q >= 0 ? q : p;
        to[i] = p;
    }
    g_free(at);
    g_free(near);
}

static guint uf_find(guint *parent, guint i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

/* After the first pass: the calls, and what the dissectors look up in
 * them: events by frame, calls by id, families, DN labels. */
static void build_indexes(void)
{
    unsigned n;
    const cf_call *const *calls = cf_engine_emitted(pc.e, &n);
    pc.by_frame = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
    pc.by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
    pc.family = g_hash_table_new(g_direct_hash, g_direct_equal);
    pc.families = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    pc.dns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, dn_free);
    GHashTable *index_of = g_hash_table_new(g_direct_hash, g_direct_equal);

    for (unsigned i = 0; i < n; i++) {
        const cf_call *c = calls[i];
        g_hash_table_insert(index_of, (gpointer)c, GUINT_TO_POINTER(i));
        gint16 *from = g_new(gint16, c->n_ev ? c->n_ev : 1), *to = g_new(gint16, c->n_ev ? c->n_ev : 1);
        gboolean *mark = g_new(gboolean, c->n_ev ? c->n_ev : 1);
        ladder_ends(c, from, to, mark);
        for (guint32 j = 0; j < c->n_ev; j++) {
            gpointer fk = GUINT_TO_POINTER((guint)c->ev[j].frame);
            GArray *a = g_hash_table_lookup(pc.by_frame, fk);
            if (!a) {
                a = g_array_new(FALSE, FALSE, sizeof(pc_ev));
                g_hash_table_insert(pc.by_frame, fk, a);
            }
            pc_ev ev = { c, j, from[j], to[j], mark[j] };
            g_array_append_val(a, ev);
        }
        g_free(from);
        g_free(to);
        g_free(mark);
        for (unsigned k = 0; k < c->n_ids; k++) {
            char *key = id_key(c->protocol, c->server, c->ids[k]);
            GPtrArray *cands = g_hash_table_lookup(pc.by_id, key);
            if (!cands) {
                cands = g_ptr_array_new();
                g_hash_table_insert(pc.by_id, key, cands);
            } else {
                g_free(key);
            }
            if (!cands->len || g_ptr_array_index(cands, cands->len - 1) != c)
                g_ptr_array_add(cands, (gpointer)c);
        }
        /* the DNs' labels: the agents seen at the DN, else what the first
         * call that knew said it is (cf_party_what, the ladder's "is" row) */
        for (guint32 j = 0; j < c->n_party; j++) {
            const cf_party *p = &c->party[j];
            char *key = g_strdup_printf("%s\x1f%s", c->protocol, p->dn);
            pc_dn *d = g_hash_table_lookup(pc.dns, key);
            if (!d) {
                d = g_new0(pc_dn, 1);
                d->agents = g_ptr_array_new();
                d->dn = p->dn;
                g_hash_table_insert(pc.dns, key, d);
            } else {
                g_free(key);
            }
            const char *what = cf_party_what(p);
            if (p->agent) {
                gboolean have = FALSE;
                for (guint k = 0; k < d->agents->len && !have; k++)
                    have = !strcmp(g_ptr_array_index(d->agents, k), p->agent);
                if (!have)
                    g_ptr_array_add(d->agents, (gpointer)p->agent);
            } else if (!d->what && strcmp(what, "unknown")) {   /* the ladder's word for "no message said" */
                d->what = what;
            }
        }
    }

    /* families: the calls joined by merges (a consult call merged into the
     * call it was transferred or conferenced into) */
    guint *parent = g_new(guint, n ? n : 1);
    for (unsigned i = 0; i < n; i++)
        parent[i] = i;
    for (unsigned i = 0; i < n; i++) {
        const cf_call *c = calls[i];
        const cf_call *into = c->merged_into ? call_by_id(c->protocol, c->server, c->merged_into,
                                                          c->merged_frame) : NULL;
        if (into)
            parent[uf_find(parent, i)] = uf_find(parent, GPOINTER_TO_UINT(g_hash_table_lookup(index_of, into)));
        for (unsigned k = 0; k < c->n_merged_from; k++) {
            const cf_call *from = call_by_id(c->protocol, c->server, c->merged_from[k], c->f_last);
            if (from)
                parent[uf_find(parent, GPOINTER_TO_UINT(g_hash_table_lookup(index_of, from)))] =
                    uf_find(parent, i);
        }
    }
    /* each family's ids in the order its calls began */
    GArray *by_seq = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    for (guint i = 0; i < n; i++)
        g_array_append_val(by_seq, i);
    g_array_sort_with_data(by_seq, by_seq_cmp, (gpointer)calls);
    GHashTable *root_list = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (unsigned q = 0; q < n; q++) {
        unsigned i = g_array_index(by_seq, guint, q);
        gpointer r = GUINT_TO_POINTER(uf_find(parent, i));
        GPtrArray *ids = g_hash_table_lookup(root_list, r);
        if (!ids) {
            ids = g_ptr_array_new();
            g_ptr_array_add(pc.families, ids);
            g_hash_table_insert(root_list, r, ids);
        }
        for (unsigned k = 0; k < calls[i]->n_ids; k++) {
            gboolean have = FALSE;
            for (guint x = 0; x < ids->len && !have; x++)
                have = !strcmp(g_ptr_array_index(ids, x), calls[i]->ids[k]);
            if (!have)
                g_ptr_array_add(ids, (gpointer)calls[i]->ids[k]);
        }
        g_hash_table_insert(pc.family, (gpointer)calls[i], ids);
    }
    g_hash_table_destroy(root_list);
    g_hash_table_destroy(index_of);
    g_array_free(by_seq, TRUE);
    g_free(parent);

    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, pc.dns);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        pc_dn *d = v;
        GString *l = g_string_new(d->dn);
        if (d->agents->len) {
            g_string_append(l, " (");
            for (guint k = 0; k < d->agents->len; k++)
                g_string_append_printf(l, "%s%s", k ? ", " : "", (const char *)g_ptr_array_index(d->agents, k));
            g_string_append_c(l, ')');
        } else if (d->what) {
            g_string_append_printf(l, " (%s)", d->what);
        }
        d->label = g_string_free(l, FALSE);
    }
}

/* Wireshark has read the whole file: the calls are complete. */
static void pc_postseq(void)
{
    if (!pc.e || pc.finished)
        return;
    ps_close_all();   /* what the streams still hold is fed first, as the CLI does at their ends */
    cf_engine_finish(pc.e);
    build_indexes();
    pc.finished = TRUE;
}

gboolean pc_ready(void)
{
    return pc.e && pc.finished;
}

void pc_register_protocol(int proto, const char *protocol, const char *ui_name, dissector_handle_t handle)
{
    if (n_protos == 0) {
        register_init_routine(pc_init);
        register_cleanup_routine(pc_cleanup);
        register_postseq_cleanup_routine(pc_postseq);
        /* Wireshark's VoIP Calls dialog listens to a "voip" tap when there
         * is one: for protocols it does not know (ui/voip_calls.c) */
        voip_tap = register_tap("voip");
    }
    if (n_protos < G_N_ELEMENTS(protos)) {
        pc_proto *p = &protos[n_protos++];
        p->proto = proto;
        p->protocol = protocol;
        p->ui_name = ui_name;
        p->handle = handle;
    }
}

/* ------------------------------------------------------------------ */
/* The first pass. */

/* "10.0.0.1:42027", "[2001:db8::1]:42027": as the CLI names an endpoint
 * (cts_addr_str). */
static void ep_name(const address *a, guint32 port, char *b, size_t n)
{
    char ip[WS_INET6_ADDRSTRLEN];
    if (a->type == AT_IPv4 && a->len == 4)
        g_snprintf(b, (gulong)n, "%s:%u", ws_inet_ntop4(a->data, ip, sizeof ip), port);
    else if (a->type == AT_IPv6 && a->len == 16)
        g_snprintf(b, (gulong)n, "[%s]:%u", ws_inet_ntop6(a->data, ip, sizeof ip), port);
    else
        g_snprintf(b, (gulong)n, "?:%u", port);
}

/* The session state of a stream; the first time, its endpoints, and its
 * ports say which side is the server (the CLI: the side holding the
 * protocol's port). */
static pc_sess *sess_of(ps_stream *st, packet_info *pinfo)
{
    gpointer *slot = ps_stream_calls(st);
    pc_sess *s = *slot;
    if (s || !pinfo)
        return s;
    s = wmem_new0(wmem_file_scope(), pc_sess);
    s->server_dir = -1;
    *slot = s;
    int dir = plugin_seg_dir(pinfo);
    ep_name(&pinfo->src, pinfo->srcport, s->ep[dir], sizeof s->ep[dir]);
    ep_name(&pinfo->dst, pinfo->destport, s->ep[!dir], sizeof s->ep[!dir]);
    const pc_proto *p = proto_of(ps_stream_proto(st));
    dissector_table_t ports = find_dissector_table("tcp.port");
    if (p && ports && dissector_get_uint_handle(ports, pinfo->destport) == p->handle)
        s->server_dir = (gint8)!dir;
    else if (p && ports && dissector_get_uint_handle(ports, pinfo->srcport) == p->handle)
        s->server_dir = (gint8)dir;
    /* The CLI's side 0 sent the connection's first packet: the client of
     * the handshake when TCP saw one, else this frame's sender. */
    if (proto_tcp < 0)
        proto_tcp = proto_get_id_by_filter_name("tcp");
    conversation_t *c = find_conversation_pinfo(pinfo, 0);
    const struct tcp_analysis *t = c && proto_tcp > 0 ? conversation_get_proto_data(c, proto_tcp) : NULL;
    if (t && t->server_port && pinfo->srcport != pinfo->destport)
        s->side0_dir = (gint8)(pinfo->destport == t->server_port ? dir : !dir);
    else
        s->side0_dir = (gint8)dir;
    return s;
}

void pc_touch(ps_stream *st, packet_info *pinfo)
{
    if (pc.e && !pc.finished)
        sess_of(st, pinfo);
}

/* A message's sender tells the server side, until it is known. */
static void learn_server(pc_sess *s, int dir, int sent_by_server)
{
    if (s->server_dir < 0)
        s->server_dir = (gint8)(sent_by_server ? dir : !dir);
}

/* The engine's session (made on first use, as the CLI's flow_session). */
static guint32 session_id(pc_sess *s, ps_stream *st, guint32 frame, const nstime_t *ts)
{
    if (s->id)
        return s->id;
    const pc_proto *p = proto_of(ps_stream_proto(st));
    int srv = s->server_dir >= 0 ? s->server_dir : !s->side0_dir;
    s->id = cf_engine_session(pc.e, p ? p->protocol : "?", s->ep[srv], s->ep[!srv], frame, ts_usec(ts));
    return s->id;
}

static int from_client(const pc_sess *s, int dir)
{
    return s->server_dir >= 0 ? dir != s->server_dir : dir == s->side0_dir;
}

/* The stream's session while the engine is fed (NULL: not fed, or a
 * stream pc_touch never saw, which cannot be). */
static pc_sess *feeding(ps_stream *st)
{
    return pc.e && !pc.finished ? sess_of(st, NULL) : NULL;
}

static void set_where(cf_input *w, guint32 sid, guint32 frame, const nstime_t *ts, int client)
{
    w->session = sid;
    w->frame = frame;
    w->ts = ts_usec(ts);
    w->from_client = client;
}

void pc_feed_ccx(ps_stream *st, guint32 frame, const nstime_t *ts, int dir, const ccx_msg *m)
{
    pc_sess *s = feeding(st);
    if (!s)
        return;
    if (m->def && m->def->sender != CCX_FROM_EITHER)
        learn_server(s, dir, m->def->sender == CCX_FROM_SERVER);
    guint32 sid = session_id(s, st, frame, ts);
    cf_ccx_fill(pc.w, m);
    set_where(pc.w, sid, frame, ts, from_client(s, dir));
    cf_engine_feed(pc.e, pc.w);
}

static void feed_wire(void *e, cf_input *w)
{
    cf_engine_feed(e, w);
}

void pc_feed_cap(ps_stream *st, guint32 frame, const nstime_t *ts, int dir, const cap_msg *m)
{
    pc_sess *s = feeding(st);
    if (!s)
        return;
    if (m->command && m->command->dir != CAP_DIR_BOTH)
        learn_server(s, dir, m->command->dir == CAP_DIR_S2C);
    guint32 sid = session_id(s, st, frame, ts);
    cf_input_reset(pc.w);
    set_where(pc.w, sid, frame, ts, from_client(s, dir));
    cf_cap_fill(pc.cap, m, pc.w, feed_wire, pc.e);
}

void pc_problem(ps_stream *st, guint32 frame, const nstime_t *ts, const ps_item *it)
{
    pc_sess *s = feeding(st);
    if (!s || it->in_gap)
        return;
    cf_engine_problem(pc.e, session_id(s, st, frame, ts), frame, ts_usec(ts), it->sev == CCX_SEV_ERROR,
                      from_client(s, it->dir), it->text);
}

void pc_gap_seen(ps_stream *st, packet_info *pinfo, int dir, guint64 missing)
{
    if (!pc.e || pc.finished)
        return;
    pc_sess *s = sess_of(st, pinfo);
    cf_engine_gap(pc.e, session_id(s, st, pinfo->num, &pinfo->abs_ts), pinfo->num, ts_usec(&pinfo->abs_ts),
                  missing, from_client(s, dir));
}

/* ------------------------------------------------------------------ */
/* Call families. */

struct pc_family_set {
    wmem_map_t *seen;
    wmem_array_t *ids;   /* const char * */
};

pc_family_set *pc_family_new(wmem_allocator_t *pool)
{
    pc_family_set *f = wmem_new(pool, pc_family_set);
    f->seen = wmem_map_new(pool, g_str_hash, g_str_equal);
    f->ids = wmem_array_new(pool, sizeof(const char *));
    return f;
}

static void family_of(pc_family_set *set, const cf_call *c)
{
    const GPtrArray *ids = g_hash_table_lookup(pc.family, c);
    for (guint i = 0; ids && i < ids->len; i++) {
        const char *x = g_ptr_array_index(ids, i);
        if (wmem_map_contains(set->seen, x))
            continue;
        wmem_map_insert(set->seen, x, GINT_TO_POINTER(1));
        wmem_array_append_one(set->ids, x);
    }
}

gboolean pc_family_add(pc_family_set *set, ps_stream *st, guint32 frame, const char *id)
{
    if (!pc_ready() || !id || !*id)
        return FALSE;
    const pc_sess *s = *ps_stream_calls(st);
    const cf_session *es = s && s->id ? cf_engine_session_get(pc.e, s->id) : NULL;
    if (!es)
        return FALSE;
    const cf_call *c = call_by_id(es->protocol, es->server, id, frame);
    if (!c)
        return FALSE;
    family_of(set, c);
    return TRUE;
}

gboolean pc_family_add_events(pc_family_set *set, ps_stream *st, guint32 frame, const char *msg)
{
    if (!pc_ready() || !msg)
        return FALSE;
    const pc_sess *s = *ps_stream_calls(st);
    const GArray *a = s && s->id ? g_hash_table_lookup(pc.by_frame, GUINT_TO_POINTER(frame)) : NULL;
    size_t n = strlen(msg);
    gboolean any = FALSE;
    for (guint i = 0; a && i < a->len; i++) {
        const pc_ev *e = &g_array_index(a, pc_ev, i);
        const cf_event *v = &e->call->ev[e->ev];
        if (v->session != s->id || !v->msg || strncmp(v->msg, msg, n) || (v->msg[n] && v->msg[n] != ' '))
            continue;
        family_of(set, e->call);
        any = TRUE;
    }
    return any;
}

guint pc_family_ids(const pc_family_set *set, const char *const **ids)
{
    *ids = wmem_array_get_raw(set->ids);
    return wmem_array_get_count(set->ids);
}

/* ------------------------------------------------------------------ */
/* Taps: the ladder, the VoIP Calls dialog. */

static const char *dn_label(const char *protocol, const char *dn)
{
    char *key = g_strdup_printf("%s\x1f%s", protocol, dn);
    const pc_dn *d = g_hash_table_lookup(pc.dns, key);
    g_free(key);
    return d ? d->label : dn;
}

/* The VoIP Calls dialog's state of a call after its events in this frame:
 * ringing, in call; at its end, how it ended. */
static voip_call_state voip_state(const cf_call *c, const pc_ev *ev, guint n, guint32 frame)
{
    if (c->end != CF_END_NONE && c->f_end == frame) {
        switch (c->outcome) {
        case CF_OUT_ABANDONED: return VOIP_CANCELLED;
        case CF_OUT_FAILED: case CF_OUT_NOT_ANSWERED: return VOIP_REJECTED;
        default: return VOIP_COMPLETED;
        }
    }
    voip_call_state st = VOIP_NO_STATE;
    for (guint i = 0; i < n; i++) {
        switch (c->ev[ev[i].ev].type) {
        case CF_EV_CALL_CREATED: case CF_EV_OFF_HOOK: case CF_EV_DIALING:
            if (st == VOIP_NO_STATE && c->ev[ev[i].ev].frame == c->f_first)
                st = VOIP_CALL_SETUP;
            break;
        case CF_EV_RINGING: case CF_EV_QUEUED: case CF_EV_DIVERTED:
            st = VOIP_RINGING;
            break;
        case CF_EV_ESTABLISHED: case CF_EV_RETRIEVED: case CF_EV_HELD: case CF_EV_PARTY_CHANGED:
        case CF_EV_PARTY_ADDED:
            st = VOIP_IN_CALL;
            break;
        default:
            break;
        }
    }
    return st;
}

/* One call's events in this frame, for the VoIP Calls dialog. */
static void tap_voip(packet_info *pinfo, const pc_proto *p, const pc_ev *ev, guint n)
{
    const cf_call *c = ev[0].call;
    wmem_allocator_t *pool = pinfo->pool;
    voip_packet_info_t *vi = wmem_new0(pool, voip_packet_info_t);
    vi->protocol_name = wmem_strdup(pool, p->ui_name);
    vi->call_id = wmem_strdup_printf(pool, "%s %s %s", c->protocol, cf_engine_server_name(pc.e, c->server),
                                     c->ids[0]);
    vi->call_state = voip_state(c, ev, n, pinfo->num);
    vi->call_active_state = c->end != CF_END_NONE && c->f_last == pinfo->num ? VOIP_INACTIVE : VOIP_ACTIVE;
    const char *ani = cf_call_ani(c), *dnis = cf_call_dnis(c);
    vi->from_identity = wmem_strdup(pool, ani ? ani : "");
    vi->to_identity = wmem_strdup(pool, dnis ? dnis : "");
    GString *t = g_string_new(NULL);
    g_string_append_printf(t, "call %s: %s", c->ids[0], cf_outcome_name(c->outcome));
    for (unsigned i = 0; i < c->n_agents; i++)
        g_string_append_printf(t, "%s%s", i ? ", " : "; agents ", c->agents[i]);
    vi->call_comment = wmem_strdup(pool, t->str);
    g_string_truncate(t, 0);
    for (guint i = 0; i < n; i++) {
        if (i)
            g_string_append(t, ", ");
        cf_event_text(t, &c->ev[ev[i].ev], 0);
    }
    vi->frame_label = wmem_strdup(pool, t->str);
    g_string_truncate(t, 0);
    g_string_append_printf(t, "Call %s: ", c->ids[0]);
    for (guint i = 0; i < n; i++) {
        if (i)
            g_string_append(t, " | ");
        cf_event_text(t, &c->ev[ev[i].ev], CF_EVTEXT_CAUSE | CF_EVTEXT_NOTE);
    }
    vi->frame_comment = wmem_strdup(pool, t->str);
    g_string_free(t, TRUE);
    tap_queue_packet(voip_tap, pinfo, vi);
}

void pc_tap_frame(ps_stream *st, packet_info *pinfo, int calls_tap)
{
    if (!pc_ready() || !PINFO_FD_VISITED(pinfo))
        return;
    const pc_proto *p = proto_of(ps_stream_proto(st));
    if (!p || p_get_proto_data(pinfo->pool, pinfo, p->proto, KEY_TAPPED))
        return;
    p_add_proto_data(pinfo->pool, pinfo, p->proto, KEY_TAPPED, GINT_TO_POINTER(1));
    gboolean want_calls = have_tap_listener(calls_tap);
    gboolean want_voip = voip_tap > 0 && have_tap_listener(voip_tap);
    if (!want_calls && !want_voip)
        return;
    const GArray *a = g_hash_table_lookup(pc.by_frame, GUINT_TO_POINTER(pinfo->num));
    if (!a)
        return;
    /* the events of this protocol's calls, each call's together (by_frame
     * holds them call by call) */
    pc_ev *mine = wmem_alloc(pinfo->pool, a->len * sizeof *mine);
    guint n = 0;
    for (guint i = 0; i < a->len; i++) {
        const pc_ev *e = &g_array_index(a, pc_ev, i);
        if (!strcmp(e->call->protocol, p->protocol))
            mine[n++] = *e;
    }
    if (!n)
        return;
    if (want_calls) {
        pc_frame_tap *t = wmem_new(pinfo->pool, pc_frame_tap);
        t->proto = p;
        t->n = n;
        t->ev = mine;
        tap_queue_packet(calls_tap, pinfo, t);
    }
    if (want_voip)
        for (guint i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && mine[j].call == mine[i].call; j++)
                ;
            tap_voip(pinfo, p, &mine[i], j - i);
        }
}

static void set_node(address *a, const char *label)
{
    address tmp;
    free_address(a);
    set_address(&tmp, AT_STRINGZ, (int)strlen(label) + 1, label);
    copy_address(a, &tmp);
}

tap_packet_status pc_seq_packet(void *seq_info, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                tap_flags_t flags _U_)
{
    seq_analysis_info_t *sainfo = seq_info;
    const pc_frame_tap *t = data;
    tap_packet_status r = TAP_PACKET_DONT_REDRAW;
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < t->n; i++) {
        const cf_call *c = t->ev[i].call;
        const cf_event *v = &c->ev[t->ev[i].ev];
        int from = t->ev[i].from, to = t->ev[i].to;   /* ladder_ends */
        if (from < 0 || to < 0)
            continue;
        seq_analysis_item_t *sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
        if (!sai)
            continue;
        set_node(&sai->src_addr, dn_label(c->protocol, c->party[from].dn));
        set_node(&sai->dst_addr, dn_label(c->protocol, c->party[to].dn));
        sai->frame_number = pinfo->num;
        sequence_analysis_use_color_filter(pinfo, sai);
        sai->port_src = 0;
        sai->port_dst = 0;
        g_string_truncate(s, 0);
        if (t->ev[i].mark)
            g_string_append(s, "\u25cf ");   /* the CLI's mark: an event at the DN the arrow points to */
        cf_event_text(s, v, 0);
        sai->frame_label = g_strdup(s->str);
        g_string_printf(s, "Call %s: ", c->ids[0]);
        cf_event_text(s, v, CF_EVTEXT_CAUSE | CF_EVTEXT_NOTE);
        sai->comment = g_strdup(s->str);
        sai->line_style = 1;
        sai->conv_num = 0;
        sai->display = TRUE;
        g_queue_push_tail(sainfo->items, sai);
        r = TAP_PACKET_REDRAW;
    }
    g_string_free(s, TRUE);
    return r;
}

/* ------------------------------------------------------------------ */
/* -z ccxcti,calls / -z bwcap,calls */

typedef struct pc_list {
    const char *protocol;    /* "ccx" */
    const char *ui_name;     /* "CCX CTI" */
    const char *tap;         /* the calls tap: its listener's draw prints the list */
} pc_list;

static tap_packet_status list_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                     const void *data _U_, tap_flags_t flags _U_)
{
    return TAP_PACKET_DONT_REDRAW;
}

static void list_draw(void *tapdata)
{
    const pc_list *l = tapdata;
    printf("\n===================================================================\n");
    printf("%s calls (as ctiscope --calls --csv writes them):\n", l->ui_name);
    if (!pc_ready()) {
        printf("(the calls are known once the whole capture has been read: run tshark with -2)\n");
    } else {
        GString *s = g_string_new(NULL);
        cf_csv_header_row(s, pc.e);   /* the CLI's header: one file, no file columns */
        g_string_erase(s, (gssize)s->len - 2, 1);
        unsigned n;
        const cf_call *const *calls = cf_engine_emitted(pc.e, &n);
        for (unsigned i = 0; i < n; i++) {
            if (strcmp(calls[i]->protocol, l->protocol))
                continue;
            cf_call_csv(s, pc.e, calls[i]);
            /* one line per call, as the rest of tshark's output: the row's
             * CRLF becomes LF */
            if (s->len >= 2 && s->str[s->len - 2] == '\r')
                g_string_erase(s, (gssize)s->len - 2, 1);
        }
        fputs(s->str, stdout);
        g_string_free(s, TRUE);
    }
    printf("===================================================================\n");
}

static ws_stat_init_result list_init(const char *opt_arg _U_, void *userdata)
{
    pc_list *l = userdata;
    GString *err = register_tap_listener(l->tap, l, NULL, 0, NULL, list_packet, list_draw, NULL);
    if (err) {
        fprintf(stderr, "tshark: -z %s,calls: %s\n", l->protocol, err->str);
        g_string_free(err, TRUE);
        WS_STAT_INIT_RETURN(FALSE);
    }
    WS_STAT_INIT_RETURN(TRUE);
}

void pc_register_call_list(const char *cli, const char *protocol, const char *calls_tap)
{
    const pc_proto *p = NULL;
    for (guint i = 0; i < n_protos; i++)
        if (!strcmp(protos[i].protocol, protocol))
            p = &protos[i];
    pc_list *l = g_new0(pc_list, 1);   /* for the life of the program */
    l->protocol = protocol;
    l->ui_name = p ? p->ui_name : protocol;
    l->tap = calls_tap;
    stat_tap_ui ui;
    memset(&ui, 0, sizeof ui);
    ui.group = REGISTER_STAT_GROUP_GENERIC;   /* the same name in every series */
    ui.cli_string = cli;
    ui.tap_init_cb = list_init;
    register_stat_tap_ui(&ui, l);
}
