/* ctiscope - decode CTI messages from pcap/pcapng captures.
 *
 * pcap_source -> packet (link, IP, TCP) -> tcp_reasm (per direction, in
 * order, gaps reported) -> ccx_framer (messages, resynchronisation) ->
 * ccx_decode (tables) -> printers.
 */
#include <errno.h>
#include <locale.h>
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
#include "printer.h"
#include "pipeline.h"
#include "packet.h"
#include "pcap_source.h"
#include "tcp_reasm.h"

#define CTS_MAX_PORTS 64

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
} conn;

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
    cts_pipe_flow_problem(c->app->fpipe, sid, pi ? pi->frame : 0, pi_usec(pi),
                          sev == CCX_SEV_ERROR, text);
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
    if (!mode && (f->csv || f->call || f->dn || f->agent || f->from || f->to))
        return "--csv, --call, --dn, --agent, --from and --to need --calls, --agents, --queues, "
               "--summary or --html";
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
} input;

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
static input *inputs_scan(int n_args, char **args, int *n_out, int *status)
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
    "\"frame\"); with one file, #3.  FILE \"-\" is stdin.\n"
    "\n"
    "Output (stdout):\n"
    "  text   one line per message: #frame time src -> dst MESSAGE key facts,\n"
    "         then one line per field, then diagnostics (\"! error at offset\").\n"
    "  brief  (-q) only the first line of each message.\n"
    "  json   (--json) JSON Lines, one object per message; see README.md.\n"
    "Stream problems (capture gaps, bytes that are not messages, a message\n"
    "cut by the end of the capture) are items of their own: \"!! error: ...\"\n"
    "in text, \"message\":null in JSON.\n"
    "\n"
    "Call flows (--calls, --agents, --queues, --summary; see README.md,\n"
    "\"Call flows\"): the messages are rebuilt into calls in the T-Library\n"
    "vocabulary (EventRinging, EventEstablished, ...) instead of being printed\n"
    "one by one.  --calls prints one block per call, a header and a ladder with\n"
    "a column per party; --calls --json one JSON object per call; --calls --csv\n"
    "one CSV row per call (a CDR).  --agents prints agent state timelines,\n"
    "--queues the queue statistics, --summary what needs a look: calls never\n"
    "ended, failed, abandoned and not answered calls, failed requests and\n"
    "requests never answered, heartbeat gaps, sessions closed or reset,\n"
    "capture gaps, malformed messages.  A call across a capture gap says so.\n"
    "A call is printed once it has ended and stayed quiet for 2 s of capture\n"
    "time, or at the end (open calls are reported open, never guessed closed).\n"
    "--html OUT.html writes all of it as one self-contained HTML file for a\n"
    "ticket: the summary, the calls as a sortable list, each call's ladder\n"
    "drawn when it is opened, agent timelines, queue waits (README.md, \"The\n"
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
    "  ctiscope --cap-port 8012 captures/cap-interaction1.pcapng\n"
    "  ctiscope --json capture.pcapng | jq 'select(.message==\"CALL_DELIVERED_EVENT\")'\n"
    "\n"
    "Exit status: 0 when every file was read to its end; 1 when a file could\n"
    "not be opened or was cut short (what was read is still decoded), or the\n"
    "--html report could not be written; 2 on a usage error (an option without\n"
    "a value given one, --json=0, is one).";

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

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    app a = { 0 };
    a.ports[a.n_ports++] = CCX_DEFAULT_PORT;
    /* BroadWorks: AS side 2206, CAP-C clients 2208, CCC2 2212 */
    a.cap_ports[a.n_cap_ports++] = 2206;
    a.cap_ports[a.n_cap_ports++] = 2208;
    a.cap_ports[a.n_cap_ports++] = 2212;
    g_app_for_opts = &a;

    gboolean brief = FALSE, json = FALSE, reserved = FALSE, ascii = FALSE;
    gboolean no_heur = FALSE, no_ccx_heur = FALSE, no_cap_heur = FALSE;
    gboolean stats = FALSE, version = FALSE;
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
          "Write -> instead of the arrow character in text output", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &stats,
          "At the end, print frame/message/problem counts to stderr", NULL },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
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
          "calls, failed requests and requests never answered, heartbeat gaps, sessions closed "
          "or reset, capture gaps, malformed messages", NULL },
        { "call", 0, 0, G_OPTION_ARG_STRING, &fl.call,
          "Only the calls the wire knew by this id (call, secondary or CAP callId). "
          "E.g. --call 16777507", "ID" },
        { "dn", 0, 0, G_OPTION_ARG_STRING, &fl.dn,
          "Only calls with this party, ANI, DNIS or dialed number. E.g. --dn 2005", "NUMBER" },
        { "agent", 0, 0, G_OPTION_ARG_STRING, &fl.agent,
          "Only calls an agent handled (and only this agent in --agents). E.g. --agent agt2006",
          "ID" },
        { "from", 0, 0, G_OPTION_ARG_STRING, &fl.from,
          "Only calls (and agent changes) from TIME on: RFC 3339, or HH:MM:SS in UTC on the "
          "capture's first day. E.g. --from 2026-11-22T02:08:20Z", "TIME" },
        { "to", 0, 0, G_OPTION_ARG_STRING, &fl.to,
          "Only calls (and agent changes) up to TIME. E.g. --to 02:09:00", "TIME" },
        { "html", 0, 0, G_OPTION_ARG_FILENAME, &fl.html,
          "Write a one-file HTML report to OUT: the summary, the calls as a sortable list with "
          "each call's ladder drawn when opened, agent timelines, queue waits. "
          "E.g. --html report.html", "OUT" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *octx = g_option_context_new("FILE... - decode CTI messages from captures");
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
        printf("ctiscope %s\n", CTISCOPE_VERSION);
        return EXIT_OK;
    }
    if (argc < 2) {
        fprintf(stderr, "ctiscope: no capture file given\nTry 'ctiscope --help'.\n");
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

    /* The files, in reading order: the frames of each are named by it when
     * there are several. */
    int status = EXIT_OK, n_in = 0;
    input *ins = inputs_scan(argc - 1, argv + 1, &n_in, &status);
    const char **names = g_new0(const char *, n_in + 1);
    for (int i = 0; i < n_in; i++)
        names[i] = ins[i].name;
    a.files.names = names;
    a.files.n = (uint32_t)n_in;

    /* Every writer to stdout collects its output (the printers 64 KiB, the
     * call-flow output 32 KiB) and writes it at once: a stdio buffer would
     * only copy it once more. */
    setvbuf(stdout, NULL, _IONBF, 0);
    a.pr = cts_printer_new(stdout, json ? CTS_JSON : brief ? CTS_BRIEF : CTS_TEXT);
    a.pr->show_reserved = reserved;
    a.pr->ascii = ascii;
    a.pr->files = &a.files;
    a.msg = g_new(ccx_msg, 1);
    cap_msg_init(&a.cmsg);
    if (!a.flow) {
        a.pipe = cts_pipe_new(a.pr);
        /* Which thread decodes: --brief formats little, so its output
         * thread has room for the decoding; text and JSON format a lot, so
         * the reading thread decodes and hands the result over. */
        a.decode_in_reader = !brief;
    }

    cts_reasm_callbacks cb = { on_data, on_gap, on_close, on_diag };
    cts_reasm *r = cts_reasm_new(&cb, &a, NULL);
    uint64_t frames = 0;
    cts_pktinfo last = { 0, 0, 0 };
    int64_t newest = INT64_MIN;   /* the newest packet read so far (usec) */
    const char *newest_file = NULL;
    for (int i = 0; i < n_in; i++) {
        input *in = &ins[i];
        char errbuf[512];
        if (!in->src && !(in->src = cts_pcap_open(in->arg, 1, errbuf, sizeof errbuf))) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);   /* gone since it was looked at */
            status = EXIT_INPUT;
            continue;
        }
        a.file = names[i];
        cts_reasm_new_file(r);
        if (in->has_first && i > 0 && in->first_us < newest) {
            char t1[40], t2[40];
            cts_format_rfc3339(in->first_us / 1000000, (int32_t)(in->first_us % 1000000), t1, sizeof t1);
            cts_format_rfc3339(newest / 1000000, (int32_t)(newest % 1000000), t2, sizeof t2);
            fprintf(stderr, "ctiscope: %s: the files overlap in time: its first packet (%s) is older "
                            "than the last one of %s (%s); connections and calls that run through "
                            "both may be wrong\n", a.file, t1, newest_file, t2);
        }
        int linktype = cts_pcap_linktype(in->src);
        if (!cts_linktype_supported(linktype))
            fprintf(stderr, "ctiscope: %s: link type %s (%s) is not supported; no frame of this "
                            "file is decoded\n", a.file, cts_pcap_linktype_name(in->src),
                    cts_pcap_linktype_description(in->src));
        cts_frame fr;
        int rc;
        while ((rc = input_next(in, &fr, errbuf, sizeof errbuf)) > 0) {
            cts_packet pk;
            char perr[256];
            uint64_t number = fr.info.frame;
            frames++;
            fr.info.frame = cts_frame_id((uint32_t)i, number);
            last = fr.info;
            a.pi = &fr.info;
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
            if (k > 0)
                cts_reasm_segment(r, &pk, &fr.info);
        }
        if (rc < 0) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);
            status = EXIT_INPUT;
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
    if (stats)
        print_stats(&a, frames);
    cts_printer_free(a.pr);
    inputs_free(ins, n_in);
    g_free(names);
    g_free(a.msg);
    cap_msg_free(&a.cmsg);
    if (ferror(stdout)) {
        fprintf(stderr, "ctiscope: error writing output\n");
        return EXIT_INPUT;
    }
    return status;
}
