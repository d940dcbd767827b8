/* ctiscope - decode CTI messages from pcap/pcapng captures.
 *
 * pcap_source -> packet (link, IP, TCP) -> tcp_reasm (per direction, in
 * order, gaps reported) -> ccx_framer (messages, resynchronisation) ->
 * ccx_decode (tables) -> printers.
 */
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <locale.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "cap_decode.h"
#include "cap_framer.h"
#include "ccx_decode.h"
#include "ccx_framer.h"
#include "cf_engine.h"
#include "cf_map_cap.h"
#include "cf_map_ccx.h"
#include "cf_output.h"
#include "cti_detect.h"
#include "cts_frames.h"
#include "mivr_log.h"
#include "mivr_synth.h"
#include "printer.h"
#include "pipeline.h"
#include "packet.h"
#include "pcap_source.h"
#include "pcapng_write.h"
#include "tcp_reasm.h"
#include "git_version.h"
#include <pcap/pcap.h>
#include <zlib.h>
#include <zstd.h>
#include "ctiscope_main.h"

#define CTS_MAX_PORTS 64
/* Call flows: a connection with no segment for this long is closed (see main). */
#define CTS_FLOW_IDLE_SECONDS (3600 + 120)

/* Exit statuses (documented in --help and README). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct app app;

/* Protocols a connection can carry. */
enum { PROTO_NONE, PROTO_CCX, PROTO_CAP };

/* Per TCP connection: protocol detection, one framer per direction. */
typedef struct conn {
    app *app;
    cts_flow *flow;
    int server_side;       /* side (0/1) holding the CCX port; -1 if found by heuristic */
    int detected;          /* 1 = protocol known (proto), 0 = undecided */
    int proto;             /* PROTO_CCX or PROTO_CAP once detected */
    unsigned version;      /* VersionNumber of the session's OPEN_REQ, 0 = unknown */
    ccx_framer fr[2];
    cap_framer cfr[2];     /* BroadWorks CAP: XML documents back to back */
    GByteArray *probe[2];  /* heuristic: first bytes until decided */
    char ep[2][CTS_ADDR_STRLEN];        /* "ip:port" of side 0 and 1 */
    int cur_dir;
    /* The frame the framers' items belong to: the one whose bytes decided
     * them, as Wireshark's; a stream that ends inside a message is told in
     * the last frame that carried bytes of that direction (the end itself,
     * a bare FIN or RST or the end of the capture, is no frame Wireshark
     * shows a dissector's items in). */
    const cts_pktinfo *at;
    cts_pktinfo last_data[2];
    uint32_t flow_session;  /* call-flow engine session, 0 = none yet */
    /* -w with a filter: each direction's data segments not yet behind its
     * last message (stream offsets and frame), and the bytes fed so far */
    GArray *segs[2];
    uint64_t fed[2];
} conn;

/* -w with a filter: a segment of a direction's stream and its frame. */
typedef struct wseg {
    uint64_t start, end, frame;
} wseg;

/* -w with a filter: per TCP connection (its two endpoints, in either
 * order), the frames of its handshake and teardown, written when one of
 * its messages is selected. */
typedef struct wconn {
    GArray *ctl;      /* frame ids: SYN, SYN-ACK, the ACK after it; FIN, RST and the
                         frames without payload after a FIN */
    int selected;
    int hs_ack;       /* a SYN-ACK was seen: the next bare ACK ends the handshake */
    int fin;          /* a FIN was seen */
} wconn;

#define W_MAX_CTL 256          /* control frames kept per connection */
#define W_MAX_CONNS 1000000    /* connections followed */

struct app {
    cts_printer *pr;
    uint16_t ports[CTS_MAX_PORTS];
    int n_ports;
    uint16_t cap_ports[CTS_MAX_PORTS];
    int n_cap_ports;
    cap_msg cmsg;            /* reused for every CAP document */
    cts_pipe *pipe;          /* per-message output: decoded and printed on a
                                second thread (NULL in the call-flow modes) */
    int decode_in_reader;    /* with pipe: CCX decoded here, formatted there */
    int heur_ccx, heur_cap;  /* look for CCX / CAP on ports that are not theirs */
    const cts_pktinfo *pi;   /* packet being processed */
    ccx_msg *msg;            /* reused for every message */
    cts_pipe_counts counts;  /* messages per protocol (--stats) */
    uint64_t n_problems, n_bad_frames;
    const char *file;
    cf_engine *flow;         /* --calls, --agents, --queues, --summary; NULL otherwise */
    cts_pipe *fpipe;         /* with flow: the engine runs on the second thread */
    ccx_field_filter *flow_filter;     /* with flow: the CCX fields to list (NULL = all) */
    cf_out *flow_out;
    int in_gap;              /* a gap is being reported: its framer problem is the gap */
    cts_files files;         /* the files, in reading order (frames name them when several) */
    mivr_time_opts log_time; /* MIVR logs: --year, --tz */
    uint64_t log_msgs, log_problems;   /* MIVR logs: messages read, lines reported */
    /* -w OUT.pcapng */
    cts_pcapng_writer *wout;
    const cts_msgsel *wsel;  /* with a filter: the messages whose frames are written */
    GArray *wframes;         /* with a filter: frame ids of the selected messages */
    GHashTable *wconns;      /* with a filter: "ep|ep" -> wconn */
    int wconns_full;         /* W_MAX_CONNS reached (said once) */
};

static const ccx_framer_cb framer_cb;
static const cap_framer_cb cap_cb;

/* ---- call-flow engine glue (--calls, --agents, --queues, --summary) ----
 * Every decoded message goes to the engine instead of the per-message
 * printer; stream problems, gaps and connection ends go to it as session
 * events.  The engine and the protocol adapters (cf_ccx_fill, cf_cap_fill)
 * run on the pipeline's thread: this side decodes CCX and says which
 * session and direction each message belongs to. */

static int64_t pi_usec(const cts_pktinfo *pi)
{
    return pi ? (int64_t)pi->ts_sec * 1000000 + pi->ts_usec : 0;
}

/* The engine's session of a connection (made on first use).  The server is
 * the side holding the CCX port; for a connection found by the heuristic,
 * the side that sends server messages. */
static uint32_t flow_session(conn *c, const ccx_msg_def *def)
{
    if (c->server_side < 0 && def && def->sender != CCX_FROM_EITHER)
        c->server_side = def->sender == CCX_FROM_SERVER ? c->cur_dir : !c->cur_dir;
    if (!c->flow_session) {
        int srv = c->server_side >= 0 ? c->server_side : 1;
        const cts_pktinfo *pi = c->at;
        c->flow_session = cts_pipe_flow_session(c->app->fpipe,
                                                c->proto == PROTO_CAP ? "cap" : "ccx",
                                                c->ep[srv], c->ep[!srv], pi ? pi->frame : 0,
                                                pi_usec(pi));
    }
    return c->flow_session;
}

static int flow_from_client(const conn *c, int dir)
{
    return c->server_side >= 0 ? dir != c->server_side : dir == 0;
}

/* CCX: decoded on this side, to the compact form the adapter reads
 * (cts_pipe_flow_ccx).  Returns 1 when the message has a diagnostic worse
 * than a note. */
static int flow_feed_ccx(conn *c, const uint8_t *msg, size_t len)
{
    app *a = c->app;
    /* the message's sender tells the server side, until it is known */
    const ccx_msg_def *def = c->server_side < 0 && len >= CCX_HEADER_LEN
                                 ? ccx_msg_by_id(ccx_be32(msg + 4)) : NULL;
    uint32_t sid = flow_session(c, def);
    return cts_pipe_flow_ccx(a->fpipe, sid, flow_from_client(c, c->cur_dir),
                             c->at ? c->at->frame : 0, pi_usec(c->at), msg, len, c->version,
                             a->flow_filter, a->msg);
}

/* BroadWorks CAP: the document goes as bytes; the engine's thread decodes
 * it and hands it to the CAP adapter (a callUpdate may carry several
 * calls, so one document can be several events). */
static void flow_feed_cap(conn *c, const uint8_t *doc, size_t len)
{
    app *a = c->app;
    /* a connection found by the heuristic: the server is the side sending
     * server-to-client commands (decoded here for that, once) */
    if (c->server_side < 0) {
        cap_decode(doc, len, &a->cmsg);
        const cap_msg *m = &a->cmsg;
        if (m->command && m->command->dir != CAP_DIR_BOTH)
            c->server_side = m->command->dir == CAP_DIR_S2C ? c->cur_dir : !c->cur_dir;
    }
    uint32_t sid = flow_session(c, NULL);
    cts_pipe_flow_cap(a->fpipe, sid, flow_from_client(c, c->cur_dir), c->at ? c->at->frame : 0,
                      pi_usec(c->at), doc, len);
}

static void flow_problem(conn *c, ccx_severity sev, const char *text)
{
    if (c->app->in_gap)
        return;   /* reported by flow_gap */
    const cts_pktinfo *pi = c->at;
    uint32_t sid = flow_session(c, NULL);
    /* the summary lists every stream problem worth a look: all the
     * framers' (errors), and a retransmission that differs (a warning) */
    cts_pipe_flow_problem(c->app->fpipe, sid, pi ? pi->frame : 0, pi_usec(pi),
                          sev >= CCX_SEV_WARN, flow_from_client(c, c->cur_dir), text);
}

static void flow_gap(conn *c, int dir, uint64_t missing)
{
    const cts_pktinfo *pi = c->at;
    uint32_t sid = flow_session(c, NULL);
    cts_pipe_flow_gap(c->app->fpipe, sid, pi ? pi->frame : 0, pi_usec(pi), missing,
                      flow_from_client(c, dir));
}

static void flow_close(conn *c, const char *how)
{
    const cts_pktinfo *pi = c->at;
    if (c->flow_session)
        cts_pipe_flow_end(c->app->fpipe, c->flow_session, how, pi ? pi->frame : 0, pi_usec(pi));
}

/* The call-flow options. */
typedef struct flow_opts {
    gboolean calls, csv, agents, queues, summary;
    gchar *call, *dn, *agent, *from, *to;
    gchar **types;   /* --type: per-message output only */
    gchar *html;        /* --html OUT.html */
    FILE *html_out;     /* it, open for writing */
} flow_opts;

/* Check the call-flow options; start the engine when one asks for it.
 * Returns NULL, or the usage error. */
static const char *flow_start(app *a, flow_opts *f, int json, int brief, int ascii)
{
    if (f->html && (f->calls || f->agents || f->queues || f->summary || f->csv || json || brief))
        return "--html writes the whole report (calls, agents, queues, summary): not with --calls, "
               "--agents, --queues, --summary, --json, --csv or --brief";
    int mode = f->calls || f->agents || f->queues || f->summary || f->html;
    if (!mode && (f->csv || f->from || f->to))
        return "--csv, --from and --to need --calls, --agents, --queues, --summary or --html";
    if (mode && f->types && f->types[0])
        return "--type is for the per-message output (text, --brief, --json), not with --calls, "
               "--agents, --queues, --summary or --html";
    if (f->csv && (!f->calls || json || f->agents || f->queues || f->summary))
        return "--csv goes with --calls alone (not with --json, --agents, --queues, --summary)";
    if (mode && brief)
        return "--brief is for the per-message output, not with --calls, --agents, --queues, "
               "--summary";
    cf_filter filt;
    cf_filter_init(&filt);
    filt.call_id = f->call;
    filt.dn = f->dn;
    filt.agent = f->agent;
    if (f->from && cf_parse_time(f->from, &filt.from, &filt.from_tod) < 0)
        return "--from: not a time (RFC 3339, e.g. 2026-11-22T02:08:20Z, or HH:MM:SS)";
    if (f->to && cf_parse_time(f->to, &filt.to, &filt.to_tod) < 0)
        return "--to: not a time (RFC 3339, e.g. 2026-11-22T02:09:00Z, or HH:MM:SS)";
    if (!mode)
        return NULL;
    cf_options o;
    cf_options_default(&o);
    o.keep_agent_steps = f->agents || f->html;
    /* only the call ladders, JSON and the report show them */
    o.no_event_notes = !(f->calls || f->html) || f->csv;
    o.files = &a->files;   /* filled in before the first frame */
    if (f->html)   /* its file is opened once the options are known to be right */
        a->flow_out = cf_out_new(NULL, CF_FMT_HTML, 0);
    else
        a->flow_out = cf_out_new(stdout, f->csv ? CF_FMT_CSV : json ? CF_FMT_JSON : CF_FMT_TEXT, ascii);
    a->flow = cf_engine_new(&o, &filt, f->calls || f->html ? cf_out_call : NULL, a->flow_out);
    a->fpipe = cts_pipe_new_flow(a->flow);
    if (f->html)   /* each call's decoded messages, as the text output prints them */
        cts_pipe_flow_texts(a->fpipe, cf_out_html_msg, a->flow_out);
    a->flow_filter = ccx_field_filter_new(cf_ccx_used_fields());   /* what the CCX adapter reads */
    return NULL;
}

/* End of input: the calls still in memory, then agents, queues, summary. */
static void flow_end(app *a, flow_opts *f, int json)
{
    if (a->flow) {
        cts_pipe_counts pc = cts_pipe_finish(a->fpipe);   /* the engine is ours again */
        a->fpipe = NULL;
        cts_counts_add(&a->counts, &pc);   /* the CAP documents it decoded */
        cf_engine_finish(a->flow);
        int sections = 0;
        if (f->html)
            cf_out_html_end(a->flow_out, a->flow);
        if (f->calls)
            cf_out_calls_end(a->flow_out, a->flow), sections++;
        if (f->agents) {
            if (sections++ && !json)
                fputc('\n', stdout);
            cf_out_agents(a->flow_out, a->flow);
        }
        if (f->queues) {
            if (sections++ && !json)
                fputc('\n', stdout);
            cf_out_queues(a->flow_out, a->flow);
        }
        if (f->summary) {
            if (sections++ && !json)
                fputc('\n', stdout);
            cf_out_summary(a->flow_out, a->flow);
        }
        cf_engine_free(a->flow);
        cf_out_free(a->flow_out);
        ccx_field_filter_free(a->flow_filter);
        a->flow_filter = NULL;
        a->flow = NULL;
    }
    g_free(f->call), g_free(f->dn), g_free(f->agent), g_free(f->from), g_free(f->to);
    g_strfreev(f->types);
    f->call = f->dn = f->agent = f->from = f->to = NULL;
    f->types = NULL;
    g_free(f->html);
    f->html = NULL;
}

/* --html: close the report; 0, or -1 (said on stderr) when it could not be
 * written whole. */
static int html_close(flow_opts *f, const char *path)
{
    if (!f->html_out)
        return 0;
    int bad = ferror(f->html_out);
    if (fclose(f->html_out) != 0)
        bad = 1;
    f->html_out = NULL;
    if (bad)
        fprintf(stderr, "ctiscope: %s: error writing the report\n", path);
    return bad ? -1 : 0;
}

static int port_is_ccx(app *a, uint16_t port)
{
    for (int i = 0; i < a->n_ports; i++)
        if (a->ports[i] == port)
            return 1;
    return 0;
}

static int port_is_cap(app *a, uint16_t port)
{
    for (int i = 0; i < a->n_cap_ports; i++)
        if (a->cap_ports[i] == port)
            return 1;
    return 0;
}

static void item_ctx(conn *c, int dir, uint64_t stream_off, cts_item_ctx *ic)
{
    ic->stream_off = stream_off;
    const cts_pktinfo *pi = c->at;
    ic->frame = pi ? pi->frame : 0;
    ic->ts_sec = pi ? pi->ts_sec : 0;
    ic->ts_usec = pi ? pi->ts_usec : 0;
    ic->src = c->ep[dir];
    ic->dst = c->ep[!dir];
    ic->protocol = c->proto == PROTO_CAP ? "cap" : "ccx";
}

/* ---- -w with a filter: which frames carry the selected messages ---- */

static char *wconn_key(const char *x, const char *y)
{
    return strcmp(x, y) < 0 ? g_strconcat(x, "|", y, NULL) : g_strconcat(y, "|", x, NULL);
}

static void wconn_free(gpointer p)
{
    wconn *w = p;
    g_array_unref(w->ctl);
    g_free(w);
}

/* The message at off (len bytes) of the current direction: selected or not,
 * the segments wholly before it are let go (messages come in stream order);
 * when selected, the frames of the segments it overlaps are kept. */
static void w_message(conn *c, uint64_t off, size_t len, int selected)
{
    app *a = c->app;
    GArray *segs = c->segs[c->cur_dir];
    if (!segs)
        return;
    guint drop = 0;
    while (drop < segs->len && g_array_index(segs, wseg, drop).end <= off)
        drop++;
    if (drop)
        g_array_remove_range(segs, 0, drop);
    if (!selected)
        return;
    for (guint i = 0; i < segs->len; i++) {
        const wseg *s = &g_array_index(segs, wseg, i);
        if (s->start >= off + len)
            break;
        g_array_append_val(a->wframes, s->frame);
    }
    char *key = wconn_key(c->ep[0], c->ep[1]);
    wconn *w = g_hash_table_lookup(a->wconns, key);
    if (w)
        w->selected = 1;
    g_free(key);
}

/* A TCP packet of the capture: its connection's handshake and teardown
 * frames are noted. */
static void w_packet(app *a, const cts_packet *pk, uint64_t frame)
{
    char s[CTS_ADDR_STRLEN], d[CTS_ADDR_STRLEN];
    cts_addr_str(&pk->src, pk->sport, s, sizeof s);
    cts_addr_str(&pk->dst, pk->dport, d, sizeof d);
    char *key = wconn_key(s, d);
    wconn *w = g_hash_table_lookup(a->wconns, key);
    if (!w) {
        if (g_hash_table_size(a->wconns) >= W_MAX_CONNS) {
            if (!a->wconns_full++)
                fprintf(stderr, "ctiscope: -w: more than %d TCP connections; the handshake and "
                                "teardown of later ones are not written\n", W_MAX_CONNS);
            g_free(key);
            return;
        }
        w = g_new0(wconn, 1);
        w->ctl = g_array_new(FALSE, FALSE, sizeof(uint64_t));
        g_hash_table_insert(a->wconns, key, w);
    } else {
        g_free(key);
    }
    int bare = pk->payload_len == 0 && !pk->missing_tail;
    int keep = (pk->flags & (CTS_TCP_SYN | CTS_TCP_FIN | CTS_TCP_RST)) != 0 ||
               (bare && (w->hs_ack || w->fin));
    if ((pk->flags & (CTS_TCP_SYN | CTS_TCP_ACK)) == (CTS_TCP_SYN | CTS_TCP_ACK))
        w->hs_ack = 1;
    else if (bare && (pk->flags & CTS_TCP_ACK))
        w->hs_ack = 0;
    if (pk->flags & CTS_TCP_FIN)
        w->fin = 1;
    if (keep && w->ctl->len < W_MAX_CTL)
        g_array_append_val(w->ctl, frame);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* The session's protocol version, from its OPEN_REQ: it decides
 * version-gated fixed fields of later messages. */
static void note_version(conn *c, const uint8_t *msg, size_t len)
{
    unsigned v = ccx_open_req_version(msg, len);
    if (v)
        c->version = v;
}

static void on_message(void *ctx, const uint8_t *msg, size_t len, uint64_t off)
{
    conn *c = ctx;
    app *a = c->app;
    if (a->wsel) {   /* -w with a filter: decoded here for it */
        ccx_decode(msg, len, c->version, a->msg);
        w_message(c, off, len, cts_msgsel_ccx(a->wsel, a->msg));
    }
    if (a->flow) {
        cts_count_ccx(&a->counts, flow_feed_ccx(c, msg, len));
        note_version(c, msg, len);
        return;
    }
    if (a->pipe && !a->decode_in_reader) {
        cts_item_ctx ic;
        item_ctx(c, c->cur_dir, off, &ic);
        cts_pipe_ccx(a->pipe, &ic, msg, len, c->version);
        note_version(c, msg, len);
        return;
    }
    ccx_decode(msg, len, c->version, a->msg);
    const ccx_msg *m = a->msg;
    note_version(c, msg, len);
    cts_count_ccx(&a->counts, m->max_sev_plus1 > CCX_SEV_NOTE + 1);
    cts_item_ctx ic;
    item_ctx(c, c->cur_dir, off, &ic);
    if (a->pipe)
        cts_pipe_ccx_decoded(a->pipe, &ic, m);   /* formatted on the output thread */
    else
        cts_print_ccx(a->pr, &ic, m);
}

static void on_problem(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text)
{
    conn *c = ctx;
    (void)len;
    c->app->n_problems++;
    if (c->app->flow) {
        flow_problem(c, sev, text);
        return;
    }
    cts_item_ctx ic;
    item_ctx(c, c->cur_dir, off, &ic);
    if (c->app->pipe)
        cts_pipe_problem(c->app->pipe, &ic, sev, text);
    else
        cts_print_problem(c->app->pr, &ic, sev, text);
}

static const ccx_framer_cb framer_cb = { on_message, on_problem };

/* ---- BroadWorks CAP ---- */

static void cap_print(conn *c, const uint8_t *doc, size_t len, uint64_t off)
{
    app *a = c->app;
    if (a->wsel) {   /* -w with a filter: decoded here for it */
        cap_decode(doc, len, &a->cmsg);
        w_message(c, off, len, cts_msgsel_cap(a->wsel, &a->cmsg));
    }
    if (a->pipe) {
        cts_item_ctx ic;
        item_ctx(c, c->cur_dir, off, &ic);
        cts_pipe_cap(a->pipe, &ic, doc, len);
        return;
    }
    if (a->flow) {
        flow_feed_cap(c, doc, len);   /* decoded and counted on the engine's thread */
        return;
    }
    cap_decode(doc, len, &a->cmsg);
    cts_count_cap(&a->counts, &a->cmsg);
    cts_item_ctx ic;
    item_ctx(c, c->cur_dir, off, &ic);
    if (a->cmsg.proto == CAP_DOC_OCI)
        ic.protocol = "oci";
    cts_print_cap(a->pr, &ic, &a->cmsg);
}

static void cap_on_document(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    cap_print(ctx, doc, len, off);
}

/* A document that never ended: what is there is decoded (the framer has
 * already said why it is cut). */
static void cap_on_partial(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    cap_print(ctx, doc, len, off);
}

static void cap_on_problem(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text)
{
    /* cap_severity and ccx_severity rank note < warning < error alike */
    on_problem(ctx, (ccx_severity)sev, off, len, text);
}

static const cap_framer_cb cap_cb = { cap_on_document, cap_on_problem, cap_on_partial };

static conn *conn_get(app *a, cts_flow *f)
{
    if (f->user)
        return f->user;
    conn *c = g_new0(conn, 1);
    c->app = a;
    c->flow = f;
    c->server_side = -1;
    for (int s = 0; s < 2; s++) {
        cts_addr_str(&f->addr[s], f->port[s], c->ep[s], sizeof c->ep[s]);
        ccx_framer_init(&c->fr[s], &framer_cb, c);
        cap_framer_init(&c->cfr[s], &cap_cb, c);
    }
    if (port_is_ccx(a, f->port[1]))
        c->server_side = 1, c->detected = 1, c->proto = PROTO_CCX;
    else if (port_is_ccx(a, f->port[0]))
        c->server_side = 0, c->detected = 1, c->proto = PROTO_CCX;
    else if (port_is_cap(a, f->port[1]))
        c->server_side = 1, c->detected = 1, c->proto = PROTO_CAP;
    else if (port_is_cap(a, f->port[0]))
        c->server_side = 0, c->detected = 1, c->proto = PROTO_CAP;
    f->user = c;
    return c;
}

static void conn_free(conn *c)
{
    for (int s = 0; s < 2; s++) {
        ccx_framer_free(&c->fr[s]);
        cap_framer_free(&c->cfr[s]);
        if (c->probe[s])
            g_byte_array_unref(c->probe[s]);
        if (c->segs[s])
            g_array_unref(c->segs[s]);
    }
    g_free(c);
}

/* Port-less detection (cti_detect, which the plugin's heuristics use
 * too), on the first bytes of a direction.  Returns PROTO_CCX / PROTO_CAP,
 * 0 to wait for more bytes, -1 for neither. */
static int heuristic(conn *c, int dir, const uint8_t *d, size_t n)
{
    if (!c->probe[dir])
        c->probe[dir] = g_byte_array_new();
    GByteArray *p = c->probe[dir];
    g_byte_array_append(p, d, (guint)n);
    switch (cti_detect(p->data, p->len)) {
    case CTI_DETECT_CCX: return PROTO_CCX;
    case CTI_DETECT_CAP: return PROTO_CAP;
    case CTI_DETECT_NO: return -1;
    default: return 0;
    }
}

static void conn_feed(conn *c, int dir, const uint8_t *data, size_t len)
{
    if (c->proto == PROTO_CAP)
        cap_framer_feed(&c->cfr[dir], data, len);
    else
        ccx_framer_feed(&c->fr[dir], data, len);
}

static void on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len,
                    const cts_pktinfo *pi)
{
    app *a = ctx;
    a->pi = pi;
    if (f->ignored)
        return;
    conn *c = conn_get(a, f);
    c->cur_dir = dir;
    c->at = pi;
    c->last_data[dir] = *pi;
    if (a->wsel) {
        if (!c->segs[dir])
            c->segs[dir] = g_array_new(FALSE, FALSE, sizeof(wseg));
        wseg s = { c->fed[dir], c->fed[dir] + len, pi->frame };
        g_array_append_val(c->segs[dir], s);
        c->fed[dir] += len;
    }
    if (c->detected) {
        conn_feed(c, dir, data, len);
        return;
    }
    if (!a->heur_ccx && !a->heur_cap) {
        f->ignored = 1;
        return;
    }
    int h = heuristic(c, dir, data, len);
    if (h < 0 || (h == PROTO_CCX && !a->heur_ccx) || (h == PROTO_CAP && !a->heur_cap)) {
        f->ignored = 1;
        return;
    }
    if (h == 0)
        return;
    /* Decided: what either direction sent so far goes to its framer, this
     * direction's first. */
    c->detected = 1;
    c->proto = h;
    for (int k = 0; k < 2; k++) {
        int d = k ? !dir : dir;
        GByteArray *p = c->probe[d];
        c->probe[d] = NULL;
        if (!p)
            continue;
        c->cur_dir = d;
        conn_feed(c, d, p->data, p->len);
        g_byte_array_unref(p);
    }
}

static void on_gap(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t missing,
                   const cts_pktinfo *pi)
{
    app *a = ctx;
    (void)off;
    a->pi = pi;
    if (f->ignored || !f->user)
        return;
    conn *c = f->user;
    c->fed[dir] += missing;   /* stream offsets count what is missing */
    if (!c->detected)
        return;
    c->cur_dir = dir;
    c->at = pi;
    if (a->flow)
        flow_gap(c, dir, missing);
    a->in_gap = 1;
    if (c->proto == PROTO_CAP)
        cap_framer_gap(&c->cfr[dir], missing);
    else
        ccx_framer_gap(&c->fr[dir], missing);
    a->in_gap = 0;
}

static void on_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    app *a = ctx;
    a->pi = pi;
    conn *c = f->user;
    if (!c)
        return;
    if (c->detected && !f->ignored) {
        for (int s = 0; s < 2; s++) {
            c->cur_dir = s;
            c->at = &c->last_data[s];
            if (c->proto == PROTO_CAP)
                cap_framer_close(&c->cfr[s], how);
            else
                ccx_framer_close(&c->fr[s], how);
        }
        c->at = pi;
        if (a->flow)
            flow_close(c, how);
    }
    conn_free(c);
    f->user = NULL;
}

static void on_diag(void *ctx, const cts_pktinfo *pi, const char *msg)
{
    app *a = ctx;
    uint32_t f = cts_frame_file(pi->frame);
    fprintf(stderr, "ctiscope: %s: frame %llu: %s\n", f < a->files.n ? a->files.names[f] : a->file,
            (unsigned long long)cts_frame_number(pi->frame), msg);
}

/* ---- the input files ----
 * Several files are one capture, read in the order of their first packets
 * (a ring buffer's files given in another order would cut its connections
 * and calls in two): each is looked at first, for the time of its first
 * frame.  A regular file is opened again to be read; stdin, a pipe or a
 * device is kept open from the look, its first frame kept. */
typedef struct input {
    const char *arg;          /* as given; "-" is stdin */
    const char *name;         /* as messages name it ("<stdin>" for "-") */
    int given;                /* its place on the command line */
    cts_pcap_source *src;     /* open: not a regular file, or being read */
    int has_first;            /* a first frame was there */
    int64_t first_us;         /* its time */
    int first_pending;        /* src is open and its first frame not handed out yet */
    cts_frame first;          /* that frame (data copied) */
    uint8_t *first_data;
    int first_rc;             /* what reading it gave (-1: an error, in first_err) */
    char first_err[512];
    int is_log;               /* a MIVR log (by its content), not a capture */
} input;

/* 1 if the file at path is a MIVR log: not a pcap or pcapng file, and a
 * MIVR trace line within its first 64 KiB (whatever it is called). */
static int file_is_log(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    uint8_t *buf = g_malloc(64 * 1024);
    size_t n = fread(buf, 1, 64 * 1024, f);
    fclose(f);
    static const uint8_t magics[][4] = {
        { 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },   /* pcap, microseconds */
        { 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },   /* pcap, nanoseconds */
        { 0x0a, 0x0d, 0x0d, 0x0a },                               /* pcapng */
    };
    int capture = 0;
    for (size_t i = 0; n >= 4 && i < G_N_ELEMENTS(magics); i++)
        capture |= memcmp(buf, magics[i], 4) == 0;
    int log = !capture && mivr_sniff(buf, n);
    g_free(buf);
    return log;
}

static int input_by_time(const void *x, const void *y)
{
    const input *a = x, *b = y;
    if (a->has_first != b->has_first)
        return a->has_first ? -1 : 1;   /* files without a frame last */
    if (a->has_first && a->first_us != b->first_us)
        return a->first_us < b->first_us ? -1 : 1;
    return a->given - b->given;   /* stable */
}

/* Look at each file: its first frame's time.  A file that cannot be opened
 * is said so (status 1) and left out.  Returns the files to read, in
 * reading order, and says on stderr when that is not the order given. */
static input *inputs_scan(int n_args, char **args, const mivr_time_opts *lt, int *n_out,
                          int *status)
{
    input *ins = g_new0(input, n_args > 0 ? n_args : 1);
    int n = 0, dashdash = 0;
    for (int i = 0; i < n_args; i++) {
        if (!dashdash && strcmp(args[i], "--") == 0) {   /* GLib leaves it before a "-name" */
            dashdash = 1;
            continue;
        }
        input *in = &ins[n];
        char err[512];
        in->arg = args[i];
        in->name = strcmp(args[i], "-") == 0 ? "<stdin>" : args[i];
        in->given = n;
        if (strcmp(args[i], "-") != 0 && file_is_log(args[i])) {
            in->is_log = 1;
            n++;
            in->has_first = mivr_first_time(args[i], lt, &in->first_us);
            continue;
        }
        in->src = cts_pcap_open(args[i], 1, err, sizeof err);
        if (!in->src) {
            fprintf(stderr, "ctiscope: %s\n", err);
            *status = EXIT_INPUT;
            continue;
        }
        n++;
        in->first_rc = cts_pcap_next(in->src, &in->first, in->first_err, sizeof in->first_err);
        if (in->first_rc > 0) {
            in->has_first = 1;
            in->first_us = pi_usec(&in->first.info);
        }
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISREG(st.st_mode)) {
            cts_pcap_close(in->src);   /* opened again when its turn comes */
            in->src = NULL;
        } else {
            in->first_pending = 1;
            if (in->first_rc > 0) {
                in->first_data = g_memdup2(in->first.data, in->first.caplen);
                in->first.data = in->first_data;
            }
        }
    }
    qsort(ins, (size_t)n, sizeof *ins, input_by_time);
    int moved = 0;
    for (int i = 0; i < n; i++)
        moved |= ins[i].given != i;
    if (moved) {
        GString *l = g_string_new("ctiscope: the files are not in the order of their first packets; "
                                  "read in that order:");
        for (int i = 0; i < n; i++) {
            char t[40];
            g_string_append_printf(l, "%s %s", i ? "," : "", ins[i].name);
            if (ins[i].has_first) {
                cts_format_rfc3339(ins[i].first_us / 1000000, (int32_t)(ins[i].first_us % 1000000), t,
                                   sizeof t);
                g_string_append_printf(l, " (%s)", t);
            } else {
                g_string_append(l, " (no packet)");
            }
        }
        fprintf(stderr, "%s\n", l->str);
        g_string_free(l, TRUE);
    }
    *n_out = n;
    return ins;
}

/* The next frame of a file: the one kept from the look first. */
static int input_next(input *in, cts_frame *fr, char *err, size_t errlen)
{
    if (in->first_pending) {
        in->first_pending = 0;
        if (in->first_rc < 0)
            snprintf(err, errlen, "%s", in->first_err);
        if (in->first_rc > 0)
            *fr = in->first;
        return in->first_rc;
    }
    return cts_pcap_next(in->src, fr, err, errlen);
}

static void input_close(input *in)
{
    cts_pcap_close(in->src);
    in->src = NULL;
    g_free(in->first_data);
    in->first_data = NULL;
}

static void inputs_free(input *ins, int n)
{
    for (int i = 0; i < n; i++)
        input_close(&ins[i]);
    g_free(ins);
}

/* ---- MIVR trace logs ----
 * A log's messages become frames of a synthesized TCP connection
 * (mivr_synth.h), which go through the same packet parser, reassembly,
 * framers and decoders as a capture's; --write-pcapng writes the frames
 * instead. */
typedef struct log_feed {
    app *a;
    cts_reasm *r;              /* reading: the frames go here */
    cts_pcapng_writer *out;    /* --write-pcapng: or here */
    uint32_t file;             /* its place in the reading order */
    const char *name;
    cts_pktinfo pi;            /* the frame being fed (stays valid: c->at points here) */
    uint64_t frames;
    int write_error;
} log_feed;

static void log_report(void *ud, const char *text)
{
    (void)ud;
    fprintf(stderr, "ctiscope: %s\n", text);
}

static void log_at(log_feed *lf, int64_t ts, uint64_t line)
{
    lf->pi.frame = cts_frame_id(lf->file, line);
    lf->pi.ts_sec = ts >= 0 ? ts / 1000000 : -((-ts + 999999) / 1000000);
    lf->pi.ts_usec = (int32_t)(ts - lf->pi.ts_sec * 1000000);
}

static void log_frame(void *ud, const uint8_t *frame, size_t len, int64_t ts, uint64_t line)
{
    log_feed *lf = ud;
    lf->frames++;
    log_at(lf, ts, line);
    /* --write-pcapng, or -w without a filter: the frame as written, with
     * the file and line of its message as the packet's comment */
    cts_pcapng_writer *w = lf->out ? lf->out : lf->a->wsel ? NULL : lf->a->wout;
    if (w && !lf->write_error) {
        char comment[CTS_FRAME_LABEL_MAX], werr[512];
        snprintf(comment, sizeof comment, "%s:%llu", lf->name, (unsigned long long)line);
        if (cts_pcapng_frame(w, MIVR_LINKTYPE_RAW, lf->pi.ts_sec, lf->pi.ts_usec, frame,
                             (uint32_t)len, (uint32_t)len, comment, werr, sizeof werr) < 0) {
            fprintf(stderr, "ctiscope: %s\n", werr);   /* once: the writer stops */
            lf->write_error = 1;
        }
    }
    if (lf->out)
        return;
    cts_packet pk;
    char perr[256];
    lf->a->pi = &lf->pi;
    if (cts_packet_parse(MIVR_LINKTYPE_RAW, frame, (uint32_t)len, (uint32_t)len, &pk, perr,
                         sizeof perr) > 0)
        cts_reasm_segment(lf->r, &pk, &lf->pi);
    else   /* cannot be: the frames are made here */
        g_error("ctiscope: %s: a synthesized frame does not parse: %s", lf->name, perr);
}

/* A message whose direction the log does not say: decoded on its own and
 * shown from "unknown" to "unknown" (never put into a connection, which
 * would take a side). */
static void log_unknown_dir(log_feed *lf, const mivr_msg *m)
{
    app *a = lf->a;
    if (lf->out || a->flow) {
        fprintf(stderr, "ctiscope: %s:%llu: the message's direction is unknown: it is %s\n",
                lf->name, (unsigned long long)m->line,
                lf->out ? "not written" : "left out of the call flows");
        return;
    }
    log_at(lf, m->ts_us, m->line);
    cts_item_ctx ic = { lf->pi.frame, lf->pi.ts_sec, lf->pi.ts_usec, "unknown", "unknown", "ccx", 0 };
    cts_pipe_ccx(a->pipe, &ic, m->bytes, m->len, 0);
}

/* Read a log to its end.  Returns 0, or -1 when it could not be opened or
 * read (said on stderr). */
static int log_read(log_feed *lf, const char *path, mivr_synth *syn)
{
    char err[512];
    mivr_log *l = mivr_open(path, lf->name, &lf->a->log_time, log_report, lf, err, sizeof err);
    if (!l) {
        fprintf(stderr, "ctiscope: %s\n", err);
        return -1;
    }
    mivr_msg m;
    int rc;
    while ((rc = mivr_next(l, &m, err, sizeof err)) > 0) {
        lf->a->log_msgs++;
        if (m.dir == MIVR_DIR_UNKNOWN)
            log_unknown_dir(lf, &m);
        else
            mivr_synth_msg(syn, &m, log_frame, lf);
    }
    if (rc < 0)
        fprintf(stderr, "ctiscope: %s\n", err);
    mivr_close(l);
    return rc < 0 ? -1 : 0;
}

/* A file whose first packet (or message) is older than the newest read
 * before it: said, since what runs through both may be wrong. */
static void say_overlap(const input *in, int i, int64_t newest, const char *newest_file)
{
    if (!in->has_first || i == 0 || in->first_us >= newest)
        return;
    char t1[40], t2[40];
    cts_format_rfc3339(in->first_us / 1000000, (int32_t)(in->first_us % 1000000), t1, sizeof t1);
    cts_format_rfc3339(newest / 1000000, (int32_t)(newest % 1000000), t2, sizeof t2);
    fprintf(stderr, "ctiscope: %s: the files overlap in time: its first packet (%s) is older "
                    "than the last one of %s (%s); connections and calls that run through "
                    "both may be wrong\n", in->name, t1, newest_file, t2);
}

/* --write-pcapng OUT LOG...: the logs' messages as a capture. */
static int write_pcapng(app *a, const char *out_path, input *ins, int n_in, const char **names)
{
    for (int i = 0; i < n_in; i++)
        if (!ins[i].is_log) {
            fprintf(stderr, "ctiscope: %s: not a MIVR log: --write-pcapng reads MIVR logs only\n",
                    names[i]);
            return EXIT_USAGE;
        }
    char werr[512];
    cts_pcapng_writer *out = cts_pcapng_open(out_path, werr, sizeof werr);
    if (!out) {
        fprintf(stderr, "ctiscope: %s\n", werr);
        return EXIT_INPUT;
    }
    int status = EXIT_OK;
    log_feed lf = { .a = a, .out = out };
    mivr_synth *syn = g_new(mivr_synth, 1);
    mivr_synth_init(syn);
    for (int i = 0; i < n_in && !lf.write_error; i++) {
        lf.file = (uint32_t)i;
        lf.name = names[i];
        if (log_read(&lf, ins[i].arg, syn) < 0)
            status = EXIT_INPUT;
    }
    g_free(syn);
    if (cts_pcapng_close(out, werr, sizeof werr) < 0) {
        fprintf(stderr, "ctiscope: %s\n", werr);
        return EXIT_INPUT;
    }
    if (lf.write_error)
        return EXIT_INPUT;
    fprintf(stderr, "ctiscope: %s: %llu messages in %llu frames written\n", out_path,
            (unsigned long long)a->log_msgs, (unsigned long long)lf.frames);
    return status;
}

/* -w with a filter, after the decoding: the frames of the selected
 * messages and the handshake and teardown of their connections, read from
 * the files once more and written in their order.  -1 when writing failed
 * (err says why); a file that cannot be read again is said on stderr. */
static int w_write_selected(app *a, input *ins, int n_in, char *err, size_t errlen)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a->wconns);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const wconn *w = v;
        if (w->selected)
            g_array_append_vals(a->wframes, w->ctl->data, w->ctl->len);
    }
    GArray *fs = a->wframes;
    g_array_sort(fs, cmp_u64);
    guint n = 0;
    for (guint i = 0; i < fs->len; i++)
        if (!n || g_array_index(fs, uint64_t, n - 1) != g_array_index(fs, uint64_t, i))
            g_array_index(fs, uint64_t, n++) = g_array_index(fs, uint64_t, i);
    g_array_set_size(fs, n);
    guint next = 0;
    for (int i = 0; i < n_in && next < fs->len; i++) {
        char ebuf[512];
        cts_pcap_source *src = cts_pcap_open(ins[i].arg, 1, ebuf, sizeof ebuf);
        if (!src) {
            fprintf(stderr, "ctiscope: -w: %s\n", ebuf);
            continue;
        }
        int linktype = cts_pcap_linktype(src);
        cts_frame fr;
        while (next < fs->len && cts_pcap_next(src, &fr, ebuf, sizeof ebuf) > 0) {
            uint64_t id = cts_frame_id((uint32_t)i, fr.info.frame);
            while (next < fs->len && g_array_index(fs, uint64_t, next) < id)
                next++;   /* not there any more (the file changed since) */
            if (next < fs->len && g_array_index(fs, uint64_t, next) == id) {
                next++;
                if (cts_pcapng_frame(a->wout, linktype, fr.info.ts_sec, fr.info.ts_usec, fr.data,
                                     fr.caplen, fr.wirelen, NULL, err, errlen) < 0) {
                    cts_pcap_close(src);
                    return -1;
                }
            }
        }
        cts_pcap_close(src);
    }
    return 0;
}

/* A retransmission whose bytes differ from those already received
 * (tcp_history.h): a stream problem of its connection's direction, in its
 * frame, as the plugin shows it; a notice on stderr for a connection not
 * (yet) known to carry CCX or CAP. */
static void on_conflict(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t len, uint64_t first,
                        const cts_pktinfo *pi)
{
    app *a = ctx;
    a->pi = pi;
    char text[256];
    cts_retrans_text(text, sizeof text, off, len, first);
    conn *c = f->user;
    if (!c || !c->detected) {
        char who[2 * CTS_ADDR_STRLEN + 8], msg[512];
        cts_flow_str(f, dir, who, sizeof who);
        if (f->stream >= 0)   /* named as tcp_reasm's notices name it */
            snprintf(msg, sizeof msg, "tcp.stream %lld %s: %s", (long long)f->stream, who, text);
        else
            snprintf(msg, sizeof msg, "%s: %s", who, text);
        on_diag(a, pi, msg);
        return;
    }
    c->cur_dir = dir;
    c->at = pi;
    on_problem(c, (ccx_severity)CTS_RETRANS_SEVERITY, off, len, text);
}

static const char summary_text[] =
    "Decodes Cisco Unified CCX CTI messages (TCP port 42027) and BroadWorks\n"
    "CAP XML documents (TCP 2206, 2208, 2212; OCI documents are labelled, not\n"
    "decoded) from pcap and pcapng captures, and both on other ports by strict\n"
    "heuristics (--no-heuristic: only their ports).\n"
    "\n"
    "Several FILEs are read as one capture (a ring buffer: TCP streams and calls\n"
    "continue from one file to the next), in the order of their first packets\n"
    "(stderr says so when that is not the order given, and when files overlap\n"
    "in time).  A frame is named by its file and its number there, as Wireshark\n"
    "numbers it when that file is opened: ring-2.pcap#3 (JSON: \"file\" beside\n"
    "\"frame\"); with one file, #3.  FILE \"-\" is stdin.  gzip and zstd\n"
    "captures (.gz, .zst) are known by their first bytes and read as they are.\n"
    "\n"
    "A FILE may also be a Unified CCX MIVR log (found by its content): its\n"
    "low-level traces (\"writing...\", MHDR, MDATA) are decoded as the same bytes\n"
    "from a capture, its high-level traces (\"got an event message: { ... }\")\n"
    "made into those bytes first.  Each message is named by the file and line\n"
    "of its trace (MIVR01.log:7091948; JSON: \"source\").  --year and --tz say\n"
    "how to read the lines' times (stderr says which year is taken); bad trace\n"
    "lines are reported on stderr with file and line.  --write-pcapng OUT writes\n"
    "the logs' messages as a capture instead (synthesized TCP, 192.0.2.1:42027;\n"
    "a comment per packet names the file and line).  See README.md.\n"
    "\n"
    "Output (stdout):\n"
    "  text   one line per message: #frame time src -> dst MESSAGE key facts,\n"
    "         then one line per field, then diagnostics (\"! error at offset\").\n"
    "  brief  (-q) only the first line of each message.\n"
    "  json   (--json) JSON Lines, one object per message; see README.md.\n"
    "Stream problems (capture gaps, bytes that are not messages, a message\n"
    "cut by the end of the capture, a retransmission whose bytes differ) are\n"
    "items of their own: \"!! error: ...\" (\"!! warning: ...\") in text,\n"
    "\"message\":null in JSON.\n"
    "\n"
    "Per-message filters: --call ID, --dn NUMBER, --agent ID and --type NAME\n"
    "(repeatable, globs: --type 'CALL_*_EVENT'; --list-types lists the names)\n"
    "keep only the messages that name that call id, device, agent or type; they\n"
    "combine with AND.  Stream problems are always printed.\n"
    "\n"
    "Live (-i IFACE): libpcap captures with the filter made of the CCX and CAP\n"
    "ports (-f FILTER replaces it); Ctrl-C prints what is open and the summary\n"
    "and exits 0; the kernel's drops go to stderr and --summary.  Capturing\n"
    "needs the CAP_NET_RAW capability (root, or setcap).\n"
    "\n"
    "To a terminal, a pipe or a socket, each message (each call) is written as\n"
    "soon as it is complete; to a file, in large writes.\n"
    "\n"
    "Call flows (--calls, --agents, --queues, --summary; see README.md,\n"
    "\"Call flows\"): the messages are rebuilt into calls in the T-Library\n"
    "vocabulary (EventRinging, EventEstablished, ...) instead of being printed\n"
    "one by one.  --calls prints one block per call, a header and a ladder with\n"
    "a column per party; --calls --json one JSON object per call; --calls --csv\n"
    "one CSV row per call (a CDR).  --agents prints agent state timelines,\n"
    "--queues the queue statistics, --summary what needs a look: calls never\n"
    "ended, failed, abandoned and not answered calls, failed requests and\n"
    "requests never answered, heartbeat gaps, sessions closed, reset or idle,\n"
    "capture gaps, malformed messages and stream problems (whose bytes: the\n"
    "client's or the server's).  A call across a capture gap says so.\n"
    "A call is printed once it has ended and stayed quiet for 2 s of capture\n"
    "time, or at the end (open calls are reported open, never guessed closed).\n"
    "A connection silent for over an hour of capture time is closed as idle.\n"
    "--html OUT.html writes all of it as one self-contained HTML file for a\n"
    "ticket: the summary, the calls as a sortable list, each call's ladder\n"
    "drawn when it is opened with its decoded messages under it (the first 100\n"
    "of a call, 32 MiB in all), agent timelines, queue waits (README.md, \"The\n"
    "HTML report\").\n"
    "\n"
    "Examples:\n"
    "  ctiscope captures/ccx-queued-answered.pcapng\n"
    "  ctiscope --calls captures/ccx-transferred.pcapng\n"
    "  ctiscope --calls --csv ring-*.pcap > calls.csv\n"
    "  ctiscope --calls --json --dn 2005 --from 02:08:00 --to 02:10:00 capture.pcapng\n"
    "  ctiscope --summary --agents --queues capture.pcapng\n"
    "  ctiscope --html report.html ring-*.pcap\n"
    "  ctiscope -q --port 42028 ring-*.pcap\n"
    "  ctiscope --calls --year 2026 MIVR01.log MIVR02.log\n"
    "  ctiscope --year 2026 --write-pcapng mivr.pcapng MIVR01.log\n"
    "  ctiscope --cap-port 8012 captures/cap-interaction1.pcapng\n"
    "  ctiscope -q --call 16777507 --type 'CALL_*_EVENT' capture.pcapng\n"
    "  ctiscope --json --dn 2006 --type CALL_DELIVERED_EVENT capture.pcapng\n"
    "  ctiscope -q --call 16777507 -w call.pcapng capture.pcapng.gz\n"
    "  sudo ctiscope -i eth0 --calls\n"
    "\n"
    "Exit status: 0 when every file was read to its end (or a live capture was\n"
    "stopped by Ctrl-C); 1 when a file or interface could not be opened, a file\n"
    "was cut short (what was read is still decoded), -w failed or the --html\n"
    "report could not be written; 2 on a usage error (an option without a\n"
    "value given one, --json=0, is one).";

/* --stats: each protocol with its own count of messages with warnings or
 * errors. */
static void print_stats(const app *a, uint64_t frames)
{
    const cts_pipe_counts *c = &a->counts;
    fprintf(stderr, "ctiscope: %llu frames, %llu CCX messages", (unsigned long long)frames,
            (unsigned long long)c->ccx_msgs);
    if (c->ccx_msgs)
        fprintf(stderr, " (%llu with warnings or errors)", (unsigned long long)c->ccx_diags);
    fprintf(stderr, ", %llu CAP documents", (unsigned long long)c->cap_docs);
    if (c->cap_docs)
        fprintf(stderr, " (%llu with warnings or errors)", (unsigned long long)c->cap_diags);
    if (c->oci_docs)
        fprintf(stderr, ", %llu OCI documents (labelled, not decoded; %llu with warnings or errors)",
                (unsigned long long)c->oci_docs, (unsigned long long)c->oci_diags);
    fprintf(stderr, ", %llu stream problems, %llu malformed frames\n",
            (unsigned long long)a->n_problems, (unsigned long long)a->n_bad_frames);
}

/* stdout is read as it is written (a terminal, a pipe, a socket: `ctiscope
 * - | grep`): each message is written when it is complete.  A regular file
 * or /dev/null gets the output in large writes. */
static int stdout_is_live(void)
{
    struct stat st;
    if (isatty(STDOUT_FILENO))
        return 1;
    return fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

/* The terminal's width when stdout is one (0: not a terminal, no limit). */
static size_t terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 0;
}

/* The locale's character set is UTF-8 (else arrows and ladders are drawn in
 * ASCII, as --ascii does). */
static int locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (g_ascii_strcasecmp(cs, "UTF-8") == 0 || g_ascii_strcasecmp(cs, "utf8") == 0);
}

/* ---- live capture (-i) ---- */

static cts_pcap_source *volatile g_live;   /* for the signal handler */
static volatile sig_atomic_t g_stop;

static void on_stop_signal(int sig)
{
    (void)sig;
    g_stop = 1;
    if (g_live)
        cts_pcap_break(g_live);   /* async-signal-safe: sets a flag libpcap checks */
}

/* The capture filter of -i: TCP on the CCX and CAP ports in use. */
static char *live_filter(const app *a)
{
    GString *f = g_string_new("tcp and (");
    for (int i = 0; i < a->n_ports; i++)
        g_string_append_printf(f, "%sport %u", i ? " or " : "", a->ports[i]);
    for (int i = 0; i < a->n_cap_ports; i++)
        g_string_append_printf(f, " or port %u", a->cap_ports[i]);
    g_string_append_c(f, ')');
    return g_string_free(f, FALSE);
}

static app *g_app_for_opts;

/* --port and --cap-port: one TCP port more for a protocol. */
static gboolean add_port(const gchar *opt, const gchar *value, uint16_t *ports, int *n,
                         GError **err)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (*end || errno || v < 1 || v > 65535) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: \"%s\" is not a TCP port (1-65535)", opt, value);
        return FALSE;
    }
    if (*n == CTS_MAX_PORTS) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: at most %d ports", opt,
                    CTS_MAX_PORTS);
        return FALSE;
    }
    ports[(*n)++] = (uint16_t)v;
    return TRUE;
}

static gboolean opt_port(const gchar *name, const gchar *value, gpointer data, GError **err)
{
    (void)name;
    (void)data;
    return add_port("--port", value, g_app_for_opts->ports, &g_app_for_opts->n_ports, err);
}

static gboolean opt_cap_port(const gchar *name, const gchar *value, gpointer data, GError **err)
{
    (void)name;
    (void)data;
    return add_port("--cap-port", value, g_app_for_opts->cap_ports,
                    &g_app_for_opts->n_cap_ports, err);
}

/* GLib lets an option that takes no value be written --json=0 and ignores
 * the value: --json=0 and --brief=no would turn the option on.  Such an
 * argument is a usage error; returns it (NULL when there is none).  The
 * values of options that take one (--call --x=1) and what follows "--"
 * are not options. */
static const char *flag_with_value(const GOptionEntry *entries, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--") == 0)
            return NULL;
        if (s[0] != '-' || !s[1])
            continue;
        if (s[1] != '-') {
            /* -qp PORT: the last short option of a group may take the next argument */
            char last = s[strlen(s) - 1];
            for (const GOptionEntry *e = entries; e->long_name; e++)
                if (e->short_name == last && e->arg != G_OPTION_ARG_NONE)
                    i++;
            continue;
        }
        const char *name = s + 2, *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        for (const GOptionEntry *e = entries; e->long_name; e++) {
            if (strlen(e->long_name) != n || strncmp(e->long_name, name, n) != 0)
                continue;
            if (e->arg == G_OPTION_ARG_NONE && eq)
                return s;
            if (e->arg != G_OPTION_ARG_NONE && !eq)
                i++;   /* its value is the next argument */
            break;
        }
    }
    return NULL;
}

int ctiscope_main(int argc, char **argv)
{
    app a = { 0 };
    a.ports[a.n_ports++] = CCX_DEFAULT_PORT;
    /* BroadWorks: AS side 2206, CAP-C clients 2208, CCC2 2212 */
    a.cap_ports[a.n_cap_ports++] = 2206;
    a.cap_ports[a.n_cap_ports++] = 2208;
    a.cap_ports[a.n_cap_ports++] = 2212;
    g_app_for_opts = &a;

    gboolean brief = FALSE, json = FALSE, reserved = FALSE, ascii = FALSE;
    gboolean no_heur = FALSE, no_ccx_heur = FALSE, no_cap_heur = FALSE;
    gboolean stats = FALSE, version = FALSE, list_types = FALSE;
    gint year = 0;
    /* the options' strings: freed whichever way this returns */
    g_autofree gchar *tz = NULL, *pcapng_out = NULL;
    g_autofree gchar *wpath = NULL, *iface = NULL, *bpf = NULL, *color_opt = NULL;
    gint cols_opt = -1;
    flow_opts fl = { 0 };
    GOptionEntry entries[] = {
        { "brief", 'q', 0, G_OPTION_ARG_NONE, &brief,
          "One line per message (no fields)", NULL },
        { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
          "JSON Lines: one object per message (with --calls, --agents, --queues, --summary: "
          "per call, agent, queue, summary)", NULL },
        { "port", 'p', 0, G_OPTION_ARG_CALLBACK, (gpointer)opt_port,
          "Also decode CCX CTI on this TCP port (repeatable; 42027 always). "
          "E.g. --port 42028", "PORT" },
        { "cap-port", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)opt_cap_port,
          "Also decode BroadWorks CAP on this TCP port (repeatable; 2206, 2208 and 2212 "
          "always). E.g. --cap-port 8012", "PORT" },
        { "no-heuristic", 0, 0, G_OPTION_ARG_NONE, &no_heur,
          "Only the CCX and CAP ports: look for neither protocol on other ports", NULL },
        { "no-ccx-heuristic", 0, 0, G_OPTION_ARG_NONE, &no_ccx_heur,
          "Only the CCX ports for CCX: do not look for CCX on other ports", NULL },
        { "no-cap-heuristic", 0, 0, G_OPTION_ARG_NONE, &no_cap_heur,
          "Only the CAP ports for CAP: do not look for CAP on other ports", NULL },
        { "show-reserved", 0, 0, G_OPTION_ARG_NONE, &reserved,
          "Also print the spec's reserved fields", NULL },
        { "ascii", 0, 0, G_OPTION_ARG_NONE, &ascii,
          "Write -> instead of the arrow character in text output (the default when the "
          "locale is not UTF-8)", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &stats,
          "At the end, print frame/message/problem counts to stderr", NULL },
        { "interface", 'i', 0, G_OPTION_ARG_STRING, &iface,
          "Capture live on this interface instead of reading files (Ctrl-C stops: what is "
          "still open and the summary are printed, exit 0). E.g. -i eth0", "IFACE" },
        { "filter", 'f', 0, G_OPTION_ARG_STRING, &bpf,
          "With -i: this capture filter (BPF, tcpdump's syntax) instead of the one made from "
          "the CCX and CAP ports. E.g. -f 'host 10.0.0.5 and tcp port 42027'", "FILTER" },
        { "write", 'w', 0, G_OPTION_ARG_FILENAME, &wpath,
          "Also write the packets read to OUT (pcapng); with --call, --dn, --agent or --type "
          "only the frames of the selected messages and their connections' handshake and "
          "teardown. E.g. -w call.pcapng --call 16777507", "OUT" },
        { "width", 0, 0, G_OPTION_ARG_INT, &cols_opt,
          "Fit --calls ladders to N columns (default: the terminal's width; not limited "
          "into a file or pipe; 0: no limit). E.g. --width 100", "N" },
        { "color", 0, 0, G_OPTION_ARG_STRING, &color_opt,
          "Colour message names, problems and call events: auto (a terminal, and NO_COLOR "
          "unset; the default), always, never", "WHEN" },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
        { "year", 0, 0, G_OPTION_ARG_INT, &year,
          "MIVR logs: the year of their lines (which carry none; default: the year of the "
          "file's modification time). E.g. --year 2026", "YEAR" },
        { "tz", 0, 0, G_OPTION_ARG_STRING, &tz,
          "MIVR logs: their lines' time zone, instead of their abbreviation (EDT ...): an "
          "abbreviation of README's table, or +HH:MM / -HH:MM. E.g. --tz -04:00", "TZ" },
        { "write-pcapng", 0, 0, G_OPTION_ARG_FILENAME, &pcapng_out,
          "MIVR logs: write their messages as a pcapng capture (synthesized TCP; a comment per "
          "packet names the log file and line) instead of decoding them. E.g. --write-pcapng "
          "out.pcapng MIVR01.log", "OUT" },
        { "list-types", 0, 0, G_OPTION_ARG_NONE, &list_types,
          "Print the names --type knows (CCX message types, CAP commandTypes) and exit", NULL },
        { "calls", 0, 0, G_OPTION_ARG_NONE, &fl.calls,
          "Call flows: per call a header and a ladder of its events, one column per party "
          "(--json: one object per call; --csv: one row per call). E.g. --calls --csv", NULL },
        { "csv", 0, 0, G_OPTION_ARG_NONE, &fl.csv,
          "With --calls: one CSV row per call (RFC 4180; columns in README.md)", NULL },
        { "agents", 0, 0, G_OPTION_ARG_NONE, &fl.agents,
          "Agent state timelines with durations and reason codes", NULL },
        { "queues", 0, 0, G_OPTION_ARG_NONE, &fl.queues,
          "Per queue (CSQ): calls queued, answered, abandoned, wait times", NULL },
        { "summary", 0, 0, G_OPTION_ARG_NONE, &fl.summary,
          "Triage list with frame numbers: calls never ended, failed, abandoned and not answered "
          "calls, failed requests and requests never answered, heartbeat gaps, sessions closed, "
          "reset or idle, capture gaps, malformed messages and stream problems", NULL },
        { "call", 0, 0, G_OPTION_ARG_STRING, &fl.call,
          "Only the calls the wire knew by this id (call, secondary or CAP callId); per "
          "message, the messages naming it. E.g. --call 16777507", "ID" },
        { "dn", 0, 0, G_OPTION_ARG_STRING, &fl.dn,
          "Only calls with this party, ANI, DNIS or dialed number; per message, the messages "
          "naming it. E.g. --dn 2005", "NUMBER" },
        { "agent", 0, 0, G_OPTION_ARG_STRING, &fl.agent,
          "Only calls an agent handled (and only this agent in --agents); per message, the "
          "messages naming the agent. E.g. --agent agt2006", "ID" },
        { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fl.types,
          "Per-message output: only messages of this type, the spec's name or a glob "
          "(repeatable: any of them; CCX message types, CAP commandTypes). "
          "E.g. --type 'CALL_*_EVENT'", "NAME" },
        { "from", 0, 0, G_OPTION_ARG_STRING, &fl.from,
          "Only calls (and agent changes) from TIME on: RFC 3339, or HH:MM:SS in UTC on the "
          "capture's first day. E.g. --from 2026-11-22T02:08:20Z", "TIME" },
        { "to", 0, 0, G_OPTION_ARG_STRING, &fl.to,
          "Only calls (and agent changes) up to TIME. E.g. --to 02:09:00", "TIME" },
        { "html", 0, 0, G_OPTION_ARG_FILENAME, &fl.html,
          "Write a one-file HTML report to OUT: the summary, the calls as a sortable list with "
          "each call's ladder and decoded messages shown when opened, agent timelines, queue "
          "waits. "
          "E.g. --html report.html", "OUT" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *octx = g_option_context_new("FILE... - decode CTI messages from captures and MIVR logs");
    g_option_context_set_summary(octx, summary_text);
    g_option_context_add_main_entries(octx, entries, NULL);
    GError *err = NULL;
    const char *bad_flag = flag_with_value(entries, argc, argv);
    if (bad_flag) {
        int n = (int)(strchr(bad_flag, '=') - bad_flag);
        fprintf(stderr, "ctiscope: %s: %.*s takes no value (write %.*s, or leave it out)\n"
                        "Try 'ctiscope --help'.\n", bad_flag, n, bad_flag, n, bad_flag);
        g_option_context_free(octx);
        return EXIT_USAGE;
    }
    if (!g_option_context_parse(octx, &argc, &argv, &err)) {
        fprintf(stderr, "ctiscope: %s\nTry 'ctiscope --help'.\n", err->message);
        g_error_free(err);
        g_option_context_free(octx);
        return EXIT_USAGE;
    }
    g_option_context_free(octx);
    if (version) {
        printf("ctiscope %s (git %s)\n", CTISCOPE_VERSION, CTISCOPE_GIT);
        printf("%s\n", pcap_lib_version());
        printf("GLib %u.%u.%u (built with %d.%d.%d)\n", glib_major_version, glib_minor_version,
               glib_micro_version, GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
        printf("zlib %s, libzstd %s\n", zlibVersion(), ZSTD_versionString());
#ifdef CTISCOPE_PLUGIN_WS
        printf("Wireshark plugin ccxcti %s of this build: for Wireshark %s\n", CTISCOPE_VERSION,
               CTISCOPE_PLUGIN_WS);
#else
        printf("Wireshark plugin: not built (no libwireshark-dev)\n");
#endif
        return EXIT_OK;
    }
    if (list_types) {
        cts_msgsel_list_types(stdout);
        return EXIT_OK;
    }
    if (iface && argc > 1) {
        fprintf(stderr, "ctiscope: -i captures live from %s: give no capture file with it\n"
                        "Try 'ctiscope --help'.\n", iface);
        return EXIT_USAGE;
    }
    if (bpf && !iface) {
        fprintf(stderr, "ctiscope: -f is the capture filter of -i (a capture file is read "
                        "whole)\nTry 'ctiscope --help'.\n");
        return EXIT_USAGE;
    }
    if (argc < 2 && !iface) {
        fprintf(stderr, "ctiscope: no capture file given (or -i IFACE to capture live)\n"
                        "Try 'ctiscope --help'.\n");
        return EXIT_USAGE;
    }
    if (argc - 1 > (int)CTS_FRAME_MAX_FILES) {
        fprintf(stderr, "ctiscope: at most %u files\n", (unsigned)CTS_FRAME_MAX_FILES);
        return EXIT_USAGE;
    }
    if (brief && json) {
        fprintf(stderr, "ctiscope: --brief and --json exclude each other\n");
        return EXIT_USAGE;
    }
    if (year && (year < 1970 || year > 9999)) {
        fprintf(stderr, "ctiscope: --year %d: a year from 1970 to 9999\nTry 'ctiscope --help'.\n",
                year);
        return EXIT_USAGE;
    }
    a.log_time.year = year;
    if (tz) {
        if (!mivr_parse_tz(tz, &a.log_time.tz_offset)) {
            fprintf(stderr, "ctiscope: --tz %s: not an abbreviation of the table (README.md, "
                            "MIVR logs) nor +HH:MM / -HH:MM\nTry 'ctiscope --help'.\n", tz);
            return EXIT_USAGE;
        }
        a.log_time.have_tz = 1;
    }
    if (pcapng_out && (fl.calls || fl.agents || fl.queues || fl.summary || json || brief)) {
        fprintf(stderr, "ctiscope: --write-pcapng writes a capture: it takes no output option\n"
                        "Try 'ctiscope --help'.\n");
        return EXIT_USAGE;
    }
    if (!locale_is_utf8())
        ascii = TRUE;   /* LC_ALL=C: no arrows the terminal cannot show */
    int color = 0;
    if (!color_opt || strcmp(color_opt, "auto") == 0) {
        const char *term = getenv("TERM"), *no = getenv("NO_COLOR");
        color = isatty(STDOUT_FILENO) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
    } else if (strcmp(color_opt, "always") == 0) {
        color = 1;
    } else if (strcmp(color_opt, "never") != 0) {
        fprintf(stderr, "ctiscope: --color %s: auto, always or never\nTry 'ctiscope --help'.\n",
                color_opt);
        return EXIT_USAGE;
    }
    if (cols_opt < -1 || cols_opt > 10000 || (cols_opt > 0 && cols_opt < 40)) {
        fprintf(stderr, "ctiscope: --width %d: 40 to 10000 columns, or 0 for no limit\n"
                        "Try 'ctiscope --help'.\n", cols_opt);
        return EXIT_USAGE;
    }
    size_t cols = cols_opt >= 0 ? (size_t)cols_opt : terminal_width();
    int live_out = stdout_is_live();
    a.heur_ccx = !no_heur && !no_ccx_heur;
    a.heur_cap = !no_heur && !no_cap_heur;
    const char *flow_usage = flow_start(&a, &fl, json, brief, ascii);
    if (flow_usage) {
        fprintf(stderr, "ctiscope: %s\nTry 'ctiscope --help'.\n", flow_usage);
        flow_end(&a, &fl, json);
        return EXIT_USAGE;
    }
    /* the report's file, once the options are known to be right */
    if (fl.html && !(fl.html_out = fopen(fl.html, "wb"))) {
        fprintf(stderr, "ctiscope: %s: cannot write the report: %s\n", fl.html, g_strerror(errno));
        g_free(fl.html);
        fl.html = NULL;   /* flow_end writes no report */
        flow_end(&a, &fl, json);
        return EXIT_INPUT;
    }
    if (fl.html_out)
        a.flow_out->out = fl.html_out;
    char *html_path = fl.html ? g_strdup(fl.html) : NULL;

    /* --call, --dn, --agent, --type in the per-message output */
    cts_msgsel *sel = NULL;
    if (!a.flow) {
        const char *bad_type = NULL;
        sel = cts_msgsel_new(fl.call, fl.dn, fl.agent, fl.types, &bad_type);
        if (bad_type) {
            fprintf(stderr, "ctiscope: --type %s: no CCX message type or CAP commandType has this "
                            "name (ctiscope --list-types lists them)\nTry 'ctiscope --help'.\n",
                    bad_type);
            cts_msgsel_free(sel);
            flow_end(&a, &fl, json);
            return EXIT_USAGE;
        }
    }

    /* -w: every frame, or with a filter the frames of the selected messages
     * (found while decoding, written by reading the files once more) */
    cts_msgsel *wsel = NULL;
    if (wpath) {
        const char *bad_type = NULL;
        wsel = cts_msgsel_new(fl.call, fl.dn, fl.agent, fl.types, &bad_type);
        const char *why = strcmp(wpath, "-") == 0 ? "-w -: the decoded output is on stdout; "
                                                    "give a file name"
                          : NULL;
        for (int i = 1; !why && wsel && i < argc; i++)
            if (strcmp(argv[i], "-") == 0)
                why = "-w with --call, --dn, --agent or --type reads the files twice, and stdin "
                      "cannot be read twice: give the capture as a file";
        if (!why && wsel && iface)
            why = "-w with --call, --dn, --agent or --type reads the files twice, and a live "
                  "capture cannot be read twice: write it all (-w alone), then filter the file";
        if (!why && pcapng_out)
            why = "-w and --write-pcapng: --write-pcapng writes MIVR logs as a capture without "
                  "decoding them, -w the packets decoded; give one";
        if (why) {
            fprintf(stderr, "ctiscope: %s\nTry 'ctiscope --help'.\n", why);
            cts_msgsel_free(wsel);
            cts_msgsel_free(sel);
            flow_end(&a, &fl, json);
            return EXIT_USAGE;
        }
        if (wsel) {
            a.wsel = wsel;
            a.wframes = g_array_new(FALSE, FALSE, sizeof(uint64_t));
            a.wconns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, wconn_free);
        }
    }

    /* The files, in reading order: the frames of each are named by it when
     * there are several. */
    int status = EXIT_OK, n_in = 0;
    input *ins;
    if (iface) {   /* one input: the interface */
        char lerr[512];
        int perm = 0;
        char *filter = bpf ? g_strdup(bpf) : live_filter(&a);
        ins = g_new0(input, 1);
        ins->arg = ins->name = iface;
        ins->src = cts_pcap_open_live(iface, filter, &perm, lerr, sizeof lerr);
        if (!ins->src) {
            fprintf(stderr, "ctiscope: -i %s\n", lerr);
            if (perm)
                fprintf(stderr, "ctiscope: capturing needs the CAP_NET_RAW capability (and "
                                "CAP_NET_ADMIN): run as root, or once: sudo setcap "
                                "cap_net_raw,cap_net_admin=eip %s\n", argv[0]);
            g_free(filter);
            g_free(ins);
            cts_msgsel_free(sel);
            flow_end(&a, &fl, json);
            if (a.wout)
                cts_pcapng_close(a.wout, NULL, 0);
            return EXIT_INPUT;
        }
        fprintf(stderr, "ctiscope: capturing on %s (%s), filter: %s; Ctrl-C stops\n", iface,
                cts_pcap_linktype_name(ins->src), filter);
        g_free(filter);
        n_in = 1;
        g_live = ins->src;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        live_out = 1;   /* each message as it completes, wherever stdout goes */
    } else {
        ins = inputs_scan(argc - 1, argv + 1, &a.log_time, &n_in, &status);
    }
    const char **names = g_new0(const char *, n_in + 1);
    uint8_t *is_log = g_new0(uint8_t, n_in + 1);
    for (int i = 0; i < n_in; i++) {
        names[i] = ins[i].name;
        is_log[i] = (uint8_t)ins[i].is_log;
    }
    a.files.names = names;
    a.files.n = (uint32_t)n_in;
    a.files.is_log = is_log;
    /* -w: opened once the inputs are known (a usage error leaves OUT as it was) */
    if (wpath) {
        const char *why = NULL;
        for (int i = 0; i < n_in && a.wsel; i++)
            if (is_log[i])
                why = "-w with --call, --dn, --agent or --type reads the files twice to write "
                      "their frames, and a MIVR log's frames are made while it is read: write "
                      "them all (-w alone), then filter that file";
        char werr[512];
        if (why)
            fprintf(stderr, "ctiscope: %s\nTry 'ctiscope --help'.\n", why);
        else if (!(a.wout = cts_pcapng_open(wpath, werr, sizeof werr)))
            fprintf(stderr, "ctiscope: -w %s\n", werr);
        if (!a.wout) {
            if (a.wframes)
                g_array_unref(a.wframes);
            if (a.wconns)
                g_hash_table_unref(a.wconns);
            cts_msgsel_free(wsel);
            cts_msgsel_free(sel);
            flow_end(&a, &fl, json);
            inputs_free(ins, n_in);
            g_free(names);
            g_free(is_log);
            return why ? EXIT_USAGE : EXIT_INPUT;
        }
    }
    if (pcapng_out) {
        int st = write_pcapng(&a, pcapng_out, ins, n_in, names);
        flow_end(&a, &fl, json);
        inputs_free(ins, n_in);
        g_free(names);
        g_free(is_log);
        return st > status ? st : status;
    }

    /* Every writer to stdout collects its output (the printers 64 KiB, the
     * call-flow output 32 KiB) and writes it at once: a stdio buffer would
     * only copy it once more. */
    setvbuf(stdout, NULL, _IONBF, 0);
    a.pr = cts_printer_new(stdout, json ? CTS_JSON : brief ? CTS_BRIEF : CTS_TEXT);
    a.pr->show_reserved = reserved;
    a.pr->ascii = ascii;
    a.pr->flush_each = live_out;
    a.pr->color = color;
    if (a.flow_out) {
        a.flow_out->flush_each = live_out;
        a.flow_out->cols = cols;
        a.flow_out->color = color;
    }
    a.pr->files = &a.files;
    a.pr->sel = sel;
    a.msg = g_new(ccx_msg, 1);
    cap_msg_init(&a.cmsg);
    if (!a.flow) {
        a.pipe = cts_pipe_new(a.pr);
        /* Which thread decodes: --brief formats little, so its output
         * thread has room for the decoding; text and JSON format a lot, so
         * the reading thread decodes and hands the result over. */
        a.decode_in_reader = !brief;
    }

    cts_reasm_callbacks cb = { on_data, on_gap, on_close, on_diag, on_conflict };
    /* Call flows: a connection silent for an hour past the longest
     * IdleTimeout the CCX spec allows (under 120 s) is closed ("idle"): its
     * session's facts go to the summary and it leaves memory; a later
     * segment on it starts a new session.  Per-message output keeps every
     * connection open to the end, as before. */
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    if (a.flow)
        lim.idle_timeout = CTS_FLOW_IDLE_SECONDS;
    cts_reasm *r = cts_reasm_new(&cb, &a, &lim);
    uint64_t frames = 0;
    cts_pktinfo last = { 0, 0, 0 };
    int64_t newest = INT64_MIN;   /* the newest packet read so far (usec) */
    int w_failed = 0;             /* -w: writing failed (said once) */
    const char *newest_file = NULL;
    mivr_synth *syn = NULL;       /* the logs' connection, across the logs */
    log_feed lf = { .a = &a, .r = r };
    for (int i = 0; i < n_in; i++) {
        input *in = &ins[i];
        char errbuf[512];
        if (in->is_log) {
            a.file = names[i];
            cts_reasm_new_file(r);
            say_overlap(in, i, newest, newest_file);
            if (!syn) {
                syn = g_new(mivr_synth, 1);
                mivr_synth_init(syn);
            }
            uint64_t before = lf.frames;
            lf.file = (uint32_t)i;
            lf.name = names[i];
            if (log_read(&lf, in->arg, syn) < 0)
                status = EXIT_INPUT;
            frames += lf.frames - before;
            if (lf.frames > before) {
                last = lf.pi;
                if (pi_usec(&lf.pi) > newest)
                    newest = pi_usec(&lf.pi), newest_file = a.file;
            }
            continue;
        }
        if (!in->src && !(in->src = cts_pcap_open(in->arg, 1, errbuf, sizeof errbuf))) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);   /* gone since it was looked at */
            status = EXIT_INPUT;
            continue;
        }
        a.file = names[i];
        cts_reasm_new_file(r);
        say_overlap(in, i, newest, newest_file);
        int linktype = cts_pcap_linktype(in->src);
        if (!cts_linktype_supported(linktype))
            fprintf(stderr, "ctiscope: %s: link type %s (%s) is not supported; no frame of this "
                            "file is decoded\n", a.file, cts_pcap_linktype_name(in->src),
                    cts_pcap_linktype_description(in->src));
        cts_frame fr;
        int rc;
        while ((rc = input_next(in, &fr, errbuf, sizeof errbuf)) > 0) {
            if (rc == 2) {   /* live, no packet for 100 ms */
                if (g_stop)
                    break;
                continue;
            }
            cts_packet pk;
            char perr[256];
            uint64_t number = fr.info.frame;
            frames++;
            fr.info.frame = cts_frame_id((uint32_t)i, number);
            last = fr.info;
            a.pi = &fr.info;
            if (fr.ts_out_of_range) {
                char t[40];
                cts_format_rfc3339(fr.info.ts_sec, fr.info.ts_usec, t, sizeof t);
                a.n_bad_frames++;
                fprintf(stderr, "ctiscope: %s: frame %llu: timestamp %lld s %lld us is out of range "
                                "(1970 to 9999, microseconds 0-999999): taken as %s\n", a.file,
                        (unsigned long long)number, (long long)fr.file_sec,
                        (long long)fr.file_usec, t);
            }
            int64_t us = pi_usec(&fr.info);
            if (us > newest)
                newest = us, newest_file = a.file;
            int k = cts_packet_parse(linktype, fr.data, fr.caplen, fr.wirelen, &pk, perr,
                                     sizeof perr);
            if (k != 0 && perr[0]) {
                /* malformed (-1), or a segment cut by the snaplen (1) */
                a.n_bad_frames++;
                fprintf(stderr, "ctiscope: %s: frame %llu: %s\n", a.file, (unsigned long long)number,
                        perr);
            }
            if (a.wout && !a.wsel && !w_failed &&
                cts_pcapng_frame(a.wout, linktype, fr.info.ts_sec, fr.info.ts_usec, fr.data,
                                 fr.caplen, fr.wirelen, NULL, perr, sizeof perr) < 0) {
                fprintf(stderr, "ctiscope: -w %s\n", perr);   /* once: the writer stops */
                status = EXIT_INPUT;
                w_failed = 1;
            }
            if (k > 0 && a.wsel)
                w_packet(&a, &pk, fr.info.frame);
            if (k > 0)
                cts_reasm_segment(r, &pk, &fr.info);
            if (live_out)   /* what this frame completed is printed now */
                cts_pipe_push(a.pipe ? a.pipe : a.fpipe);
        }
        if (rc < 0) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);
            status = EXIT_INPUT;
        }
        if (iface) {
            uint64_t recv = 0, drop = 0, ifdrop = 0;
            g_live = NULL;
            if (cts_pcap_stats(in->src, &recv, &drop, &ifdrop) == 0) {
                fprintf(stderr, "ctiscope: %s: %llu packets received, %llu dropped by the kernel, "
                                "%llu dropped by the interface\n", iface,
                        (unsigned long long)recv, (unsigned long long)drop,
                        (unsigned long long)ifdrop);
                if (a.flow_out) {
                    a.flow_out->live_iface = iface;
                    a.flow_out->live_received = recv;
                    a.flow_out->live_dropped = drop;
                    a.flow_out->live_if_dropped = ifdrop;
                }
            }
        }
        input_close(in);
    }
    a.pi = &last;
    cts_reasm_flush(r, &last);
    cts_reasm_free(r);
    if (a.pipe) {
        cts_pipe_counts pc = cts_pipe_finish(a.pipe);
        a.pipe = NULL;
        cts_counts_add(&a.counts, &pc);   /* what the output thread decoded */
    }
    flow_end(&a, &fl, json);
    if (html_close(&fl, html_path) < 0)
        status = EXIT_INPUT;
    g_free(html_path);
    cts_printer_flush(a.pr);
    fflush(stdout);
    if (a.wout) {
        char werr[512];
        if (a.wsel && w_write_selected(&a, ins, n_in, werr, sizeof werr) < 0)
            fprintf(stderr, "ctiscope: -w %s\n", werr), status = EXIT_INPUT;
        if (cts_pcapng_close(a.wout, werr, sizeof werr) < 0)
            fprintf(stderr, "ctiscope: -w %s\n", werr), status = EXIT_INPUT;
        a.wout = NULL;
        if (a.wframes)
            g_array_unref(a.wframes);
        if (a.wconns)
            g_hash_table_unref(a.wconns);
        cts_msgsel_free(wsel);
    }
    if (stats)
        print_stats(&a, frames);
    cts_printer_free(a.pr);
    cts_msgsel_free(sel);
    inputs_free(ins, n_in);
    g_free(names);
    g_free(is_log);
    g_free(syn);
    g_free(a.msg);
    cap_msg_free(&a.cmsg);
    if (ferror(stdout)) {
        fprintf(stderr, "ctiscope: error writing output\n");
        return EXIT_INPUT;
    }
    return status;
}
