/* bench_xml - how much of CAP's cost is the XML parser alone.
 *
 *   bench_xml CAPTURE [ROUNDS]
 *
 * Cuts every CAP document out of CAPTURE (each TCP direction through the
 * one CAP framer, segments in capture order: the benchmark's captures have
 * no loss or reordering), keeps them in memory, then times, best of ROUNDS
 * (default 5), CPU time of this thread:
 *   floor     the capture read with libpcap touching each frame (bench_floor)
 *   touch     one pass over every document's bytes (memory, no parsing)
 *   gmarkup   GLib's GMarkup with no callbacks, one reused context fed
 *             the documents back to back, as cap_decode feeds it (no
 *             end_parse between well-formed documents; no UTF-8 check)
 *   gmarkup+  GMarkup with a start-element callback that counts
 *   expat     expat with a counting start handler, one reused parser
 *             (XML_ParserReset, a fixed hash salt; only when built with
 *             expat)
 *   libxml2   libxml2's xmlReader over each document, counting elements
 *             (only when built with libxml2)
 *   libxml2-sax  libxml2's SAX2 push parser, one context reset per
 *             document (xmlCtxtResetPush), a counting start handler: its
 *             fastest streaming interface (only when built with libxml2)
 *   decode    ctiscope's cap_decode: GMarkup plus the tables
 * and prints each as seconds, ns a document and a ratio to the floor.  The
 * ratio of a bare parser is a lower bound for any mode that parses every
 * document: what is left for the decoder, the flow engine and the output
 * comes on top.  A measurement for tests/bench/README.md, not a test. */
#include <glib.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap_decode.h"
#include "cap_framer.h"
#include "packet.h"

#ifdef BENCH_XML_EXPAT
#include <expat.h>
#endif
#ifdef BENCH_XML_LIBXML2
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#endif

typedef struct doc_ref {
    size_t off, len;
} doc_ref;

static GByteArray *all;     /* every document, back to back */
static GArray *docs;        /* doc_ref into all */
static uint64_t problems;

static void on_document(void *ctx, const uint8_t *d, size_t len, uint64_t off)
{
    (void)ctx;
    (void)off;
    doc_ref r = { all->len, len };
    g_byte_array_append(all, d, (guint)len);
    g_array_append_val(docs, r);
}

static void on_problem(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text)
{
    (void)ctx;
    (void)sev;
    (void)off;
    (void)len;
    (void)text;
    problems++;
}

static const cap_framer_cb framer_cb = { on_document, on_problem, NULL };

/* A direction of a TCP connection: addresses and ports, as the key. */
typedef struct dir_key {
    cts_addr src, dst;
    uint16_t sport, dport;
} dir_key;

static guint key_hash(gconstpointer p)
{
    const dir_key *k = p;
    guint h = 2166136261u;
    for (size_t i = 0; i < sizeof *k; i++)
        h = (h ^ ((const uint8_t *)k)[i]) * 16777619u;
    return h;
}

static gboolean key_eq(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(dir_key)) == 0;
}

static void framer_free(gpointer p)
{
    cap_framer_free(p);
    g_free(p);
}

static int is_cap_port(unsigned p)
{
    return p == 2206 || p == 2208 || p == 2212;
}

/* Every frame through ctiscope's own packet parser, each CAP direction
 * through its framer. */
static int load(const char *path)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(path, eb);
    if (!p) {
        fprintf(stderr, "bench_xml: %s\n", eb);
        return -1;
    }
    int link = pcap_datalink(p);
    GHashTable *dirs = g_hash_table_new_full(key_hash, key_eq, g_free, framer_free);
    struct pcap_pkthdr *h;
    const u_char *pk;
    while (pcap_next_ex(p, &h, &pk) == 1) {
        cts_packet seg;
        if (cts_packet_parse(link, pk, h->caplen, h->len, &seg, NULL, 0) != 1)
            continue;
        if (!is_cap_port(seg.sport) && !is_cap_port(seg.dport))
            continue;
        dir_key k;
        memset(&k, 0, sizeof k);   /* hashed whole: no stray padding */
        k.src = seg.src;
        k.dst = seg.dst;
        k.sport = seg.sport;
        k.dport = seg.dport;
        cap_framer *f = g_hash_table_lookup(dirs, &k);
        if (!f) {
            f = g_new0(cap_framer, 1);
            cap_framer_init(f, &framer_cb, NULL);
            g_hash_table_insert(dirs, g_memdup2(&k, sizeof k), f);
        }
        if (seg.payload_len)
            cap_framer_feed(f, seg.payload, seg.payload_len);
        if (seg.flags & (CTS_TCP_FIN | CTS_TCP_RST)) {   /* this direction is over */
            cap_framer_close(f, seg.flags & CTS_TCP_RST ? "RST" : "FIN");
            g_hash_table_remove(dirs, &k);
        }
    }
    pcap_close(p);
    g_hash_table_destroy(dirs);
    return 0;
}

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---- the contenders; each returns a count so that nothing is optimized away ---- */

static const char *floor_path;

static uint64_t run_floor(void)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(floor_path, eb);
    if (!p) {   /* it was read once already: only if it went away since */
        fprintf(stderr, "bench_xml: floor: %s\n", eb);
        exit(1);
    }
    struct pcap_pkthdr *h;
    const u_char *d;
    uint64_t sum = 0;
    while (pcap_next_ex(p, &h, &d) == 1)
        if (h->caplen)
            sum += d[h->caplen - 1];
    pcap_close(p);
    return sum;
}

static uint64_t run_touch(void)
{
    uint64_t sum = 0;
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        const uint8_t *d = all->data + r->off;
        for (size_t j = 0; j < r->len; j += 64)
            sum += d[j];
    }
    return sum;
}

static uint64_t n_elements;

static void count_start(GMarkupParseContext *c, const gchar *name, const gchar **an,
                        const gchar **av, gpointer ud, GError **e)
{
    (void)c;
    (void)name;
    (void)an;
    (void)av;
    (void)ud;
    (void)e;
    n_elements++;
}

static uint64_t gmarkup(const GMarkupParser *parser)
{
    GMarkupParseContext *c = g_markup_parse_context_new(parser, G_MARKUP_TREAT_CDATA_AS_TEXT, NULL, NULL);
    uint64_t bad = 0;
    n_elements = 0;
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        GError *e = NULL;
        /* back to back in one context, as cap_decode feeds it */
        if (!g_markup_parse_context_parse(c, (const char *)all->data + r->off, (gssize)r->len, &e)) {
            g_error_free(e);
            g_markup_parse_context_free(c);
            c = g_markup_parse_context_new(parser, G_MARKUP_TREAT_CDATA_AS_TEXT, NULL, NULL);
            bad++;
        }
    }
    g_markup_parse_context_free(c);
    return bad + n_elements;
}

static uint64_t run_gmarkup(void)
{
    static const GMarkupParser none = { NULL, NULL, NULL, NULL, NULL };
    return gmarkup(&none);
}

static uint64_t run_gmarkup_count(void)
{
    static const GMarkupParser counting = { count_start, NULL, NULL, NULL, NULL };
    return gmarkup(&counting);
}

#ifdef BENCH_XML_EXPAT
static void XMLCALL expat_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)ud;
    (void)name;
    (void)atts;
    n_elements++;
}

static uint64_t run_expat(void)
{
    XML_Parser x = XML_ParserCreate("UTF-8");
    uint64_t bad = 0;
    n_elements = 0;
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        XML_ParserReset(x, "UTF-8");
        /* a reset clears the hash salt, and expat then asks the kernel for
         * a new one per document (getrandom): a fixed salt measures the
         * parser, not that system call */
        XML_SetHashSalt(x, 1);
        XML_SetStartElementHandler(x, expat_start);
        if (XML_Parse(x, (const char *)all->data + r->off, (int)r->len, 1) != XML_STATUS_OK)
            bad++;
    }
    XML_ParserFree(x);
    return bad + n_elements;
}
#endif

#ifdef BENCH_XML_LIBXML2
static uint64_t run_libxml2(void)
{
    uint64_t bad = 0;
    n_elements = 0;
    xmlTextReaderPtr rd = NULL;
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        const char *d = (const char *)all->data + r->off;
        const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
        if (rd && xmlReaderNewMemory(rd, d, (int)r->len, NULL, NULL, opts) != 0) {
            xmlFreeTextReader(rd);
            rd = NULL;
        }
        if (!rd)
            rd = xmlReaderForMemory(d, (int)r->len, NULL, NULL, opts);
        if (!rd) {
            bad++;
            continue;
        }
        int ret;
        while ((ret = xmlTextReaderRead(rd)) == 1)
            if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT)
                n_elements++;
        if (ret < 0)
            bad++;
    }
    if (rd)
        xmlFreeTextReader(rd);
    return bad + n_elements;
}

static void sax_start(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                      int n_ns, const xmlChar **ns, int n_attr, int n_def, const xmlChar **attrs)
{
    (void)ud;
    (void)local;
    (void)prefix;
    (void)uri;
    (void)n_ns;
    (void)ns;
    (void)n_attr;
    (void)n_def;
    (void)attrs;
    n_elements++;
}

static void sax_quiet(void *ud, const char *msg, ...)
{
    (void)ud;
    (void)msg;
}

static uint64_t run_libxml2_sax(void)
{
    uint64_t bad = 0;
    n_elements = 0;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.error = sax_quiet;
    sax.warning = sax_quiet;
    xmlParserCtxtPtr x = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    xmlCtxtUseOptions(x, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        xmlCtxtResetPush(x, NULL, 0, NULL, NULL);
        if (xmlParseChunk(x, (const char *)all->data + r->off, (int)r->len, 1) != 0 || !x->wellFormed)
            bad++;
    }
    xmlFreeParserCtxt(x);
    return bad + n_elements;
}
#endif

static cap_msg msg;

static uint64_t run_decode(void)
{
    uint64_t items = 0;
    for (guint i = 0; i < docs->len; i++) {
        const doc_ref *r = &g_array_index(docs, doc_ref, i);
        cap_decode(all->data + r->off, r->len, &msg);
        items += msg.n_items;
    }
    return items;
}

typedef struct contender {
    const char *name;
    uint64_t (*run)(void);
} contender;

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_xml CAPTURE [ROUNDS]\n");
        return 2;
    }
    int rounds = argc == 3 ? atoi(argv[2]) : 5;
    if (rounds < 1)
        rounds = 1;
    floor_path = argv[1];
    all = g_byte_array_new();
    docs = g_array_new(FALSE, FALSE, sizeof(doc_ref));
    if (load(argv[1]) < 0)
        return 1;
    if (!docs->len) {
        fprintf(stderr, "bench_xml: no CAP document in %s\n", argv[1]);
        return 1;
    }
    cap_msg_init(&msg);
    printf("%u documents, %u bytes (%.0f a document), %llu framing problems; best of %d rounds, CPU time\n",
           docs->len, all->len, (double)all->len / docs->len, (unsigned long long)problems, rounds);
    static const contender cs[] = {
        { "floor", run_floor },
        { "touch", run_touch },
        { "gmarkup", run_gmarkup },
        { "gmarkup+", run_gmarkup_count },
#ifdef BENCH_XML_EXPAT
        { "expat", run_expat },
#endif
#ifdef BENCH_XML_LIBXML2
        { "libxml2", run_libxml2 },
        { "libxml2-sax", run_libxml2_sax },
#endif
        { "decode", run_decode },
    };
    double floor_s = 0;
    printf("%-11s %9s %12s %8s\n", "what", "seconds", "ns/document", "x-floor");
    for (size_t c = 0; c < G_N_ELEMENTS(cs); c++) {
        double best = 1e30;
        uint64_t check = 0;
        for (int r = 0; r < rounds; r++) {
            double t0 = cpu_now();
            check += cs[c].run();
            double t = cpu_now() - t0;
            if (t < best)
                best = t;
        }
        if (c == 0)
            floor_s = best;
        printf("%-11s %9.4f %12.0f %8.2f   (%llu)\n", cs[c].name, best, best * 1e9 / docs->len,
               floor_s > 0 ? best / floor_s : 0.0, (unsigned long long)(check & 0xffff));
    }
    cap_msg_free(&msg);
    g_array_free(docs, TRUE);
    g_byte_array_free(all, TRUE);
    return 0;
}
