/* ctiscope - decode CTI messages from pcap/pcapng captures.
 *
 * pcap_source -> packet (link, IP, TCP) -> tcp_reasm (per direction, in
 * order, gaps reported) -> ccx_framer (messages, resynchronisation) ->
 * ccx_decode (tables) -> printers.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "ccx_decode.h"
#include "ccx_framer.h"
#include "output.h"
#include "packet.h"
#include "pcap_source.h"
#include "tcp_reasm.h"

#define CTS_MAX_PORTS 64

/* Exit statuses (documented in --help and README). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct app app;

/* Per TCP connection: protocol detection, one framer per direction. */
typedef struct conn {
    app *app;
    cts_flow *flow;
    int server_side;       /* side (0/1) holding the CCX port; -1 if found by heuristic */
    int detected;          /* 1 = CCX, 0 = undecided */
    unsigned version;      /* VersionNumber of the session's OPEN_REQ, 0 = unknown */
    ccx_framer fr[2];
    GByteArray *probe[2];  /* heuristic: first bytes until decided */
    char ep[2][CTS_ADDR_STRLEN];        /* "ip:port" of side 0 and 1 */
    int cur_dir;
} conn;

struct app {
    cts_printer *pr;
    uint16_t ports[CTS_MAX_PORTS];
    int n_ports;
    int heuristic;
    const cts_pktinfo *pi;   /* packet being processed */
    ccx_msg *msg;            /* reused for every message */
    uint64_t n_msgs, n_problems, n_diag_msgs, n_bad_frames;
    const char *file;
};

static const ccx_framer_cb framer_cb;

static int port_is_ccx(app *a, uint16_t port)
{
    for (int i = 0; i < a->n_ports; i++)
        if (a->ports[i] == port)
            return 1;
    return 0;
}

static void item_ctx(conn *c, int dir, cts_item_ctx *ic)
{
    const cts_pktinfo *pi = c->app->pi;
    ic->frame = pi ? pi->frame : 0;
    ic->ts_sec = pi ? pi->ts_sec : 0;
    ic->ts_usec = pi ? pi->ts_usec : 0;
    ic->src = c->ep[dir];
    ic->dst = c->ep[!dir];
    ic->protocol = "ccx";
}

static void on_message(void *ctx, const uint8_t *msg, size_t len, uint64_t off)
{
    conn *c = ctx;
    app *a = c->app;
    (void)off;
    ccx_decode(msg, len, c->version, a->msg);
    const ccx_msg *m = a->msg;
    /* Remember the session's protocol version: it decides version-gated
     * fixed fields of later messages. */
    if (m->def && m->def->id == 3 /* OPEN_REQ */) {
        for (unsigned i = 0; i < m->n_fields; i++)
            if (m->fields[i].field == CCXF_VersionNumber && m->fields[i].valid)
                c->version = m->fields[i].u;
    }
    a->n_msgs++;
    if (m->max_sev_plus1 > CCX_SEV_NOTE + 1)
        a->n_diag_msgs++;
    cts_item_ctx ic;
    item_ctx(c, c->cur_dir, &ic);
    cts_print_ccx(a->pr, &ic, m);
}

static void on_problem(void *ctx, ccx_severity sev, uint64_t off, const char *text)
{
    conn *c = ctx;
    c->app->n_problems++;
    cts_item_ctx ic;
    item_ctx(c, c->cur_dir, &ic);
    cts_print_problem(c->app->pr, &ic, sev, off, text);
}

static const ccx_framer_cb framer_cb = { on_message, on_problem };

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
    }
    if (port_is_ccx(a, f->port[1]))
        c->server_side = 1, c->detected = 1;
    else if (port_is_ccx(a, f->port[0]))
        c->server_side = 0, c->detected = 1;
    f->user = c;
    return c;
}

static void conn_free(conn *c)
{
    for (int s = 0; s < 2; s++) {
        ccx_framer_free(&c->fr[s]);
        if (c->probe[s])
            g_byte_array_unref(c->probe[s]);
    }
    g_free(c);
}

/* Port-less detection: the first bytes of a direction must be a whole,
 * cleanly tiling message of a defined type.  Anything else is not CCX. */
static int heuristic(conn *c, int dir, const uint8_t *d, size_t n)
{
    if (!c->probe[dir])
        c->probe[dir] = g_byte_array_new();
    GByteArray *p = c->probe[dir];
    g_byte_array_append(p, d, (guint)n);
    if (p->len < CCX_HEADER_LEN)
        return 0;
    if (!ccx_header_plausible(p->data, 1))
        return -1;
    size_t need = CCX_HEADER_LEN + ccx_be32(p->data);
    if (p->len < need)
        return 0;
    return ccx_message_clean(p->data, need) ? 1 : -1;
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
    if (!c->detected) {
        if (!a->heuristic) {
            f->ignored = 1;
            return;
        }
        int h = heuristic(c, dir, data, len);
        if (h < 0) {
            f->ignored = 1;
            return;
        }
        if (h == 0)
            return;
        c->detected = 1;
        GByteArray *p = c->probe[dir];
        c->probe[dir] = NULL;
        ccx_framer_feed(&c->fr[dir], p->data, p->len);
        g_byte_array_unref(p);
        return;
    }
    ccx_framer_feed(&c->fr[dir], data, len);
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
    ccx_framer_gap(&c->fr[dir], missing);
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
            ccx_framer_close(&c->fr[s], how);
        }
    }
    conn_free(c);
    f->user = NULL;
}

static void on_diag(void *ctx, const cts_pktinfo *pi, const char *msg)
{
    app *a = ctx;
    fprintf(stderr, "ctiscope: %s: frame %llu: %s\n", a->file, (unsigned long long)pi->frame, msg);
}

static const char summary_text[] =
    "Decodes Cisco Unified CCX CTI messages (TCP port 42027, and other ports\n"
    "by a strict header heuristic) from pcap and pcapng captures.\n"
    "\n"
    "Several FILEs are read as one capture, in the order given (a ring buffer:\n"
    "TCP streams continue from one file to the next).  FILE \"-\" is stdin.\n"
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
    "Examples:\n"
    "  ctiscope captures/ccx-queued-answered.pcapng\n"
    "  ctiscope -q --port 42028 ring-*.pcap\n"
    "  ctiscope --json capture.pcapng | jq 'select(.message==\"CALL_DELIVERED_EVENT\")'\n"
    "\n"
    "Exit status: 0 when every file was read to its end; 1 when a file could\n"
    "not be opened or was cut short (what was read is still decoded); 2 on a\n"
    "usage error.";

static gboolean opt_port(const gchar *name, const gchar *value, gpointer data, GError **err);
static app *g_app_for_opts;

static gboolean opt_port(const gchar *name, const gchar *value, gpointer data, GError **err)
{
    (void)name;
    (void)data;
    app *a = g_app_for_opts;
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (*end || errno || v < 1 || v > 65535) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--port: \"%s\" is not a TCP port (1-65535)", value);
        return FALSE;
    }
    if (a->n_ports == CTS_MAX_PORTS) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--port: at most %d ports", CTS_MAX_PORTS);
        return FALSE;
    }
    a->ports[a->n_ports++] = (uint16_t)v;
    return TRUE;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    app a = { 0 };
    a.ports[a.n_ports++] = CCX_DEFAULT_PORT;
    a.heuristic = 1;
    g_app_for_opts = &a;

    gboolean brief = FALSE, json = FALSE, no_heur = FALSE, reserved = FALSE, ascii = FALSE;
    gboolean stats = FALSE, version = FALSE;
    GOptionEntry entries[] = {
        { "brief", 'q', 0, G_OPTION_ARG_NONE, &brief,
          "One line per message (no fields)", NULL },
        { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
          "JSON Lines: one object per message", NULL },
        { "port", 'p', 0, G_OPTION_ARG_CALLBACK, (gpointer)opt_port,
          "Also decode CCX CTI on this TCP port (repeatable; 42027 always). "
          "E.g. --port 42028", "PORT" },
        { "no-heuristic", 0, 0, G_OPTION_ARG_NONE, &no_heur,
          "Only decode the CCX ports; do not look for CCX on other ports", NULL },
        { "show-reserved", 0, 0, G_OPTION_ARG_NONE, &reserved,
          "Also print the spec's reserved fields", NULL },
        { "ascii", 0, 0, G_OPTION_ARG_NONE, &ascii,
          "Write -> instead of the arrow character in text output", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &stats,
          "At the end, print frame/message/problem counts to stderr", NULL },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *octx = g_option_context_new("FILE... - decode CTI messages from captures");
    g_option_context_set_summary(octx, summary_text);
    g_option_context_add_main_entries(octx, entries, NULL);
    GError *err = NULL;
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
    if (brief && json) {
        fprintf(stderr, "ctiscope: --brief and --json exclude each other\n");
        return EXIT_USAGE;
    }
    a.heuristic = !no_heur;

    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    a.pr = cts_printer_new(stdout, json ? CTS_JSON : brief ? CTS_BRIEF : CTS_TEXT);
    a.pr->show_reserved = reserved;
    a.pr->ascii = ascii;
    a.msg = g_new(ccx_msg, 1);

    cts_reasm_callbacks cb = { on_data, on_gap, on_close, on_diag };
    cts_reasm *r = cts_reasm_new(&cb, &a, NULL);
    int status = EXIT_OK;
    uint64_t frame = 0;
    cts_pktinfo last = { 0, 0, 0 };
    for (int i = 1; i < argc; i++) {
        a.file = argv[i];
        char errbuf[512];
        cts_pcap_source *src = cts_pcap_open(argv[i], frame + 1, errbuf, sizeof errbuf);
        if (!src) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);
            status = EXIT_INPUT;
            continue;
        }
        a.file = cts_pcap_path(src);
        int linktype = cts_pcap_linktype(src);
        if (!cts_linktype_supported(linktype))
            fprintf(stderr, "ctiscope: %s: link type %s (%s) is not supported; no frame of this "
                            "file is decoded\n", a.file, cts_pcap_linktype_name(src),
                    cts_pcap_linktype_description(src));
        cts_frame fr;
        int rc;
        while ((rc = cts_pcap_next(src, &fr, errbuf, sizeof errbuf)) > 0) {
            cts_packet pk;
            char perr[256];
            last = fr.info;
            a.pi = &fr.info;
            int k = cts_packet_parse(linktype, fr.data, fr.caplen, fr.wirelen, &pk, perr,
                                     sizeof perr);
            if (k != 0 && perr[0]) {
                /* malformed (-1), or a segment cut by the snaplen (1) */
                a.n_bad_frames++;
                fprintf(stderr, "ctiscope: %s: frame %llu: %s\n", a.file,
                        (unsigned long long)fr.info.frame, perr);
            }
            if (k > 0)
                cts_reasm_segment(r, &pk, &fr.info);
        }
        if (rc < 0) {
            fprintf(stderr, "ctiscope: %s\n", errbuf);
            status = EXIT_INPUT;
        }
        frame = cts_pcap_next_number(src) - 1;
        cts_pcap_close(src);
    }
    a.pi = &last;
    cts_reasm_flush(r, &last);
    cts_reasm_free(r);
    fflush(stdout);
    if (stats)
        fprintf(stderr,
                "ctiscope: %llu frames, %llu CCX messages (%llu with warnings or errors), "
                "%llu stream problems, %llu malformed frames\n",
                (unsigned long long)frame, (unsigned long long)a.n_msgs,
                (unsigned long long)a.n_diag_msgs, (unsigned long long)a.n_problems,
                (unsigned long long)a.n_bad_frames);
    cts_printer_free(a.pr);
    g_free(a.msg);
    if (ferror(stdout)) {
        fprintf(stderr, "ctiscope: error writing output\n");
        return EXIT_INPUT;
    }
    return status;
}
