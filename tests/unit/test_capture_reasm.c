/* test_capture_reasm.c - TCP reassembly: what the upper layer receives.
 *
 * Segments are cts_packet values built here (the parser has its own test);
 * a recorder keeps, per flow and direction, the delivered bytes with gaps
 * written inline as "<gap N@OFF>", plus closes and diagnostics. */
#include "tcp_reasm.h"

#include <glib.h>
#include <string.h>

#define MAXFLOWS 16

typedef struct rec {
    GString *stream[MAXFLOWS][2];
    uint64_t off[MAXFLOWS][2];  /* stream offset reached (data + gaps) */
    GString *log;          /* "open1 d1.0:5#3 gap1.0@5+4#9 close1:FIN#12 ..." */
    GPtrArray *diags;
    cts_flow *flows[MAXFLOWS];
    int users_alive;       /* f->user allocations not yet freed */
    uint64_t ignore_index; /* flow to set ignored on first data */
} rec;

static void rec_init(rec *r)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < MAXFLOWS; i++)
        for (int d = 0; d < 2; d++)
            r->stream[i][d] = g_string_new(NULL);
    r->log = g_string_new(NULL);
    r->diags = g_ptr_array_new_with_free_func(g_free);
}

static void rec_clear(rec *r)
{
    for (int i = 0; i < MAXFLOWS; i++)
        for (int d = 0; d < 2; d++)
            g_string_free(r->stream[i][d], TRUE);
    g_string_free(r->log, TRUE);
    g_ptr_array_free(r->diags, TRUE);
    g_assert_cmpint(r->users_alive, ==, 0);
}

static void user_of(rec *r, cts_flow *f)
{
    g_assert_cmpuint(f->index, <, MAXFLOWS);
    if (!f->user) {
        f->user = g_malloc(32); /* valgrind checks on_close frees it */
        r->users_alive++;
        r->flows[f->index] = f;
        g_string_append_printf(r->log, "open%" G_GUINT64_FORMAT " ", f->index);
    }
}

static void on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len, const cts_pktinfo *pi)
{
    rec *r = ctx;
    user_of(r, f);
    g_assert_cmpuint(len, >, 0);
    g_string_append_len(r->stream[f->index][dir], (const char *)data, (gssize)len);
    r->off[f->index][dir] += len;
    g_string_append_printf(r->log, "d%" G_GUINT64_FORMAT ".%d:%zu#%" G_GUINT64_FORMAT " ", f->index, dir, len,
                           pi->frame);
    if (f->index == r->ignore_index)
        f->ignored = 1;
}

static void on_gap(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t missing, const cts_pktinfo *pi)
{
    rec *r = ctx;
    user_of(r, f);
    g_assert_cmpuint(missing, >, 0);
    g_assert_cmpuint(off, ==, r->off[f->index][dir]);
    r->off[f->index][dir] += missing;
    g_string_append_printf(r->stream[f->index][dir], "<gap %" G_GUINT64_FORMAT "@%" G_GUINT64_FORMAT ">", missing,
                           off);
    g_string_append_printf(r->log, "gap%" G_GUINT64_FORMAT ".%d@%" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
                                   "#%" G_GUINT64_FORMAT " ",
                           f->index, dir, off, missing, pi->frame);
}

static void on_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    rec *r = ctx;
    if (f->user) {
        g_free(f->user);
        f->user = NULL;
        r->users_alive--;
    }
    r->flows[f->index] = NULL;
    g_string_append_printf(r->log, "close%" G_GUINT64_FORMAT ":%s#%" G_GUINT64_FORMAT " ", f->index, how, pi->frame);
}

static void on_diag(void *ctx, const cts_pktinfo *pi, const char *msg)
{
    rec *r = ctx;
    g_ptr_array_add(r->diags, g_strdup_printf("#%" G_GUINT64_FORMAT " %s", pi ? pi->frame : 0, msg));
}

/* Without on_conflict: a retransmission that differs is a notice. */
static const cts_reasm_callbacks CB = { on_data, on_gap, on_close, on_diag, NULL };

/* With it (as the CLI): recorded among the diagnostics in a form of its own. */
static void on_conflict(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t len, uint64_t first,
                        const cts_pktinfo *pi)
{
    rec *r = ctx;
    g_ptr_array_add(r->diags, g_strdup_printf("#%" G_GUINT64_FORMAT " conflict flow %" G_GUINT64_FORMAT
                                              " dir %d: %" G_GUINT64_FORMAT " bytes at %" G_GUINT64_FORMAT
                                              ", first difference at %" G_GUINT64_FORMAT,
                                              pi->frame, f->index, dir, len, off, first));
}

static const cts_reasm_callbacks CB_CONFLICT = { on_data, on_gap, on_close, on_diag, on_conflict };

/* --- segments ----------------------------------------------------------- */

#define C 0 /* from the client 10.0.0.1:40000 */
#define S 1 /* from the server 10.0.0.2:42027 */

typedef struct feeder {
    cts_reasm *r;
    uint64_t frame;
    int64_t ts;
    uint16_t cport; /* client port, to make distinct flows */
} feeder;

static cts_packet mk(int from, uint16_t cport, uint32_t seq, uint32_t ack, uint8_t flags, const void *data, size_t len)
{
    cts_packet p;
    memset(&p, 0, sizeof p);
    cts_addr a = { .family = CTS_AF_INET4, .bytes = { 10, 0, 0, 1 } };
    cts_addr b = { .family = CTS_AF_INET4, .bytes = { 10, 0, 0, 2 } };
    p.src = from == C ? a : b;
    p.dst = from == C ? b : a;
    p.sport = from == C ? cport : 42027;
    p.dport = from == C ? 42027 : cport;
    p.seq = seq;
    p.ack = ack;
    p.flags = flags;
    p.payload = len ? data : NULL;
    p.payload_len = (uint32_t)len;
    return p;
}

static void feed_p(feeder *fd, const cts_packet *p)
{
    cts_pktinfo pi = { ++fd->frame, fd->ts, 0 };
    cts_reasm_segment(fd->r, p, &pi);
}

/* Data (str) with ACK set. */
static void seg(feeder *fd, int from, uint32_t seq, uint32_t ack, const char *str)
{
    cts_packet p = mk(from, fd->cport, seq, ack, CTS_TCP_ACK | (str && *str ? CTS_TCP_PSH : 0), str,
                      str ? strlen(str) : 0);
    feed_p(fd, &p);
}

/* Exactly len bytes (may hold NULs). */
static void segn(feeder *fd, int from, uint32_t seq, uint32_t ack, const void *data, size_t len)
{
    cts_packet p = mk(from, fd->cport, seq, ack, CTS_TCP_ACK, data, len);
    feed_p(fd, &p);
}

static void segf(feeder *fd, int from, uint32_t seq, uint32_t ack, uint8_t flags, const char *str)
{
    cts_packet p = mk(from, fd->cport, seq, ack, flags, str, str ? strlen(str) : 0);
    feed_p(fd, &p);
}

/* n pure ACKs: traffic that lets the ACK grace (8 segments) run out. */
static void acks(feeder *fd, int from, uint32_t seq, uint32_t ack, int n)
{
    for (int i = 0; i < n; i++)
        seg(fd, from, seq, ack, NULL);
}

static void flush(feeder *fd)
{
    cts_pktinfo pi = { fd->frame, fd->ts, 0 };
    cts_reasm_flush(fd->r, &pi);
}

/* Handshake: client ISN ci, server ISN si. */
static void handshake(feeder *fd, uint32_t ci, uint32_t si)
{
    segf(fd, C, ci, 0, CTS_TCP_SYN, NULL);
    segf(fd, S, si, ci + 1, CTS_TCP_SYN | CTS_TCP_ACK, NULL);
    segf(fd, C, ci + 1, si + 1, CTS_TCP_ACK, NULL);
}

static void setup(rec *rc, feeder *fd, const cts_reasm_limits *lim)
{
    rec_init(rc);
    memset(fd, 0, sizeof *fd);
    fd->r = cts_reasm_new(&CB, rc, lim);
    fd->cport = 40000;
    fd->ts = 1000;
}

static void teardown(rec *rc, feeder *fd)
{
    cts_reasm_free(fd->r);
    rec_clear(rc);
}

#define STREAM(rc, idx, dir) ((rc)->stream[idx][dir]->str)

static void assert_no_diags(rec *rc)
{
    for (guint i = 0; i < rc->diags->len; i++)
        g_test_message("unexpected diag: %s", (char *)rc->diags->pdata[i]);
    g_assert_cmpuint(rc->diags->len, ==, 0);
}

static void assert_diag(rec *rc, const char *needle)
{
    for (guint i = 0; i < rc->diags->len; i++)
        if (strstr(rc->diags->pdata[i], needle))
            return;
    for (guint i = 0; i < rc->diags->len; i++)
        g_test_message("diag: %s", (char *)rc->diags->pdata[i]);
    g_error("no diag contains \"%s\"", needle);
}

static void assert_log_has(rec *rc, const char *needle)
{
    if (!strstr(rc->log->str, needle))
        g_error("log \"%s\" lacks \"%s\"", rc->log->str, needle);
}

/* --- tests -------------------------------------------------------------- */

static void test_in_order(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "hello ");
    seg(&fd, C, 1007, 5001, "world");
    seg(&fd, S, 5001, 1012, "ok");
    segf(&fd, C, 1012, 5003, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    segf(&fd, S, 5003, 1013, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0); /* freed at the second FIN */
    segf(&fd, C, 1013, 5004, CTS_TCP_ACK, NULL);         /* final ACK: no phantom flow */
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "hello world");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "ok");
    g_assert_cmpstr(rc.log->str, ==, "open1 d1.0:6#4 d1.0:5#5 d1.1:2#6 close1:FIN#8 ");
    assert_no_diags(&rc);
    flush(&fd);
    teardown(&rc, &fd);
}

static void side_check_on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len,
                               const cts_pktinfo *pi)
{
    char buf[128];
    /* Side 0 is the client whichever way the first packet went. */
    g_assert_cmpstr(cts_flow_str(f, 0, buf, sizeof buf), ==, "10.0.0.1:40000 -> 10.0.0.2:42027");
    g_assert_true(f->saw_syn);
    on_data(ctx, f, dir, data, len, pi);
}

static void test_sides_from_syn_ack(void)
{
    /* Capture starts after the SYN: the SYN+ACK tells who the client is. */
    rec rc;
    feeder fd;
    rec_init(&rc);
    memset(&fd, 0, sizeof fd);
    cts_reasm_callbacks cb = CB;
    cb.on_data = side_check_on_data;
    fd.r = cts_reasm_new(&cb, &rc, NULL);
    fd.cport = 40000;
    segf(&fd, S, 5000, 1001, CTS_TCP_SYN | CTS_TCP_ACK, NULL);
    seg(&fd, S, 5001, 1001, "banner");
    seg(&fd, C, 1001, 5007, "req");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "req");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "banner");
    assert_log_has(&rc, "close1:end of capture#3");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_out_of_order(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "aaa"); /* frame 4 */
    seg(&fd, C, 1007, 5001, "ccc"); /* frame 5: waits */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaa");
    seg(&fd, C, 1004, 5001, "bbb"); /* frame 6: fills the hole */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaabbbccc");
    /* Buffered data is delivered in the frame that filled the hole (as
     * Wireshark's out-of-order reassembly attributes it). */
    g_assert_cmpstr(rc.log->str, ==, "open1 d1.0:3#4 d1.0:3#6 d1.0:3#6 ");
    assert_no_diags(&rc);
    flush(&fd);
    assert_log_has(&rc, "close1:end of capture#6");
    teardown(&rc, &fd);
}

static void test_retransmission_identical(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abcdef");
    seg(&fd, C, 1001, 5001, "abcdef");
    seg(&fd, C, 1004, 5001, "def");
    seg(&fd, C, 1007, 5001, "gh");
    seg(&fd, C, 1007, 5001, "gh");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefgh");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_retransmission_different(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abcdef");
    seg(&fd, C, 1001, 5001, "abcXef"); /* frame 5 */
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdef"); /* the first copy stands */
    g_assert_cmpuint(rc.diags->len, ==, 1);
    g_assert_cmpstr(rc.diags->pdata[0], ==,
                    "#5 tcp.stream 0 10.0.0.1:40000 -> 10.0.0.2:42027: retransmitted bytes differ from those already "
                    "received: 6 bytes at stream offset 0 came again, the first difference at stream offset 3; "
                    "the first copy is decoded");
    teardown(&rc, &fd);

    /* The same with on_conflict: the upper layer gets where and how much
     * (the CLI makes it a stream problem of the connection); the same
     * bytes again, or a keep-alive's byte, are no conflict */
    rec_init(&rc);
    memset(&fd, 0, sizeof fd);
    fd.r = cts_reasm_new(&CB_CONFLICT, &rc, NULL);
    fd.cport = 40000;
    fd.ts = 1000;
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abcdef");
    seg(&fd, C, 1001, 5001, "abcdef");  /* frame 5: the same */
    seg(&fd, C, 1006, 5001, "X");       /* frame 6: a keep-alive, at next - 1 */
    seg(&fd, C, 1002, 5001, "bcdXfgh"); /* frame 7: 5 old bytes, 1 differs, 2 new */
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefgh");
    g_assert_cmpuint(rc.diags->len, ==, 1);
    g_assert_cmpstr(rc.diags->pdata[0], ==, "#7 conflict flow 1 dir 0: 5 bytes at 1, first difference at 4");
    teardown(&rc, &fd);
}

static void test_partial_overlap(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abcdef");
    seg(&fd, C, 1004, 5001, "defghi"); /* 3 old, 3 new */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefghi");
    assert_no_diags(&rc);
    seg(&fd, C, 1008, 5001, "hXjk"); /* overlap differs: diag, new part delivered */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefghijk");
    assert_diag(&rc, "retransmitted bytes differ from those already received: 2 bytes at stream offset 7 came "
                     "again, the first difference at stream offset 8");

    /* Overlaps among out-of-order segments: first copy wins, differences said. */
    seg(&fd, C, 1020, 5001, "tuvw");         /* offsets 19-23 */
    seg(&fd, C, 1016, 5001, "pqrstu");       /* 15-21, overlaps 19-21 */
    seg(&fd, C, 1022, 5001, "VWxy");         /* 21-25, differs at 21-23 */
    seg(&fd, C, 1012, 5001, "lmnopqrstuvwxyz"); /* fills 11-15, covers everything */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefghijklmnopqrstuvwxyz");
    assert_diag(&rc, "overlapping out-of-order segments differ at stream offsets 21-23 (frame 7 vs frame 9)");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_permanent_hole_acked(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "aaaa"); /* offsets 0-4 */
    /* 1005-1009 "bbbb" never captured */
    seg(&fd, C, 1009, 5001, "cccc"); /* frame 5: waits */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa");
    seg(&fd, S, 5001, 1013, "ack"); /* frame 6: the server has it all */
    /* An ACK may precede its data by a few frames in a merged capture:
     * the verdict waits 8 segments of the flow. */
    acks(&fd, S, 5004, 1013, 7);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa");
    acks(&fd, S, 5004, 1013, 1); /* frame 14 */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa<gap 4@4>cccc");
    assert_log_has(&rc, "gap1.0@4+4#14 d1.0:4#14 ");
    assert_diag(&rc, "#14 tcp.stream 0 10.0.0.1:40000 -> 10.0.0.2:42027: 4 bytes at stream offset 4 were ACKed by the peer but not captured");
    seg(&fd, C, 1013, 5004, "dd");
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa<gap 4@4>ccccdd");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_ack_before_data(void)
{
    /* Merged capture with skewed clocks: the server's ACK shows up before
     * the client data it acknowledges, and that data out of order.  The
     * bytes after the hole came after an ACK past it: the hole is given
     * up there (as Wireshark without out-of-order reassembly sees it), and
     * the hole's bytes, when they come, are too late and said so. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, S, 5001, 1009, NULL);   /* frame 4: ACKs 8 bytes not seen yet */
    seg(&fd, C, 1005, 5001, "efgh"); /* frame 5: after a hole */
    seg(&fd, S, 5001, 1009, "ok");
    seg(&fd, C, 1001, 5001, "abcd"); /* frame 7: the hole's bytes */
    acks(&fd, S, 5003, 1009, 10);
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "<gap 4@0>efgh");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "ok");
    assert_log_has(&rc, "gap1.0@0+4#5 d1.0:4#5 ");
    assert_diag(&rc, "#7 tcp.stream 0 10.0.0.1:40000 -> 10.0.0.2:42027: 4 bytes at stream offset 0 arrived after the gap there was reported; ignored");
    teardown(&rc, &fd);
}

/* The same with the ACK coming after the bytes beyond the hole: the hole
 * waits (a reordered capture may still fill it), and is filled. */
static void test_ack_after_data(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1005, 5001, "efgh"); /* frame 4: after a hole */
    seg(&fd, S, 5001, 1009, "ok");   /* frame 5: ACKs past it */
    seg(&fd, C, 1001, 5003, "abcd"); /* frame 6: fills it */
    acks(&fd, S, 5003, 1009, 10);
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefgh");
    assert_log_has(&rc, "d1.0:4#6 d1.0:4#6 ");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_hole_partly_acked(void)
{
    /* The ACK covers only part of the hole: only that part is given up. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "aa");
    seg(&fd, C, 1011, 5001, "zz"); /* hole 2-10 */
    seg(&fd, S, 5001, 1005, NULL);     /* ACK of 4: bytes 2-4 lost */
    seg(&fd, C, 1005, 5001, "eeeeee"); /* the rest does come, after that ACK */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aa<gap 2@2>eeeeeezz");
    acks(&fd, S, 5001, 1005, 7);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aa<gap 2@2>eeeeeezz");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_hole_at_flush(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "aaaa");
    seg(&fd, C, 1009, 5001, "cccc");
    seg(&fd, C, 1020, 5001, "eee"); /* a second hole, 12-19 */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa<gap 4@4>cccc<gap 7@12>eee");
    assert_log_has(&rc, "close1:end of capture#6");
    teardown(&rc, &fd);
}

static void test_acked_tail_at_flush(void)
{
    /* The last bytes the client sent were not captured, but the server
     * ACKed them: the end of capture reports them missing. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abc");
    seg(&fd, S, 5001, 1011, "r"); /* ACKs 7 bytes never seen */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abc"); /* not yet: they could still show up */
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abc<gap 7@3>");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "r");
    teardown(&rc, &fd);
}

static void test_inorder_covers_buffered_differently(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "ab");
    seg(&fd, C, 1005, 5001, "EF");     /* frame 5, offsets 4-6 */
    seg(&fd, C, 1003, 5001, "cdefgh"); /* frame 6, in order, covers 4-6 with other bytes */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcdefgh");
    assert_diag(&rc, "segment differs from buffered out-of-order data at stream offsets 4-6 (frame 5 vs frame 6)");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_ooo_limit(void)
{
    rec rc;
    feeder fd;
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    g_assert_cmpuint(lim.max_ooo_bytes, ==, 4u << 20);
    lim.max_ooo_bytes = 100;
    setup(&rc, &fd, &lim);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "0123456789");
    /* 10 bytes lost, then 30-byte segments: 4 of them (120) pass the limit. */
    const char *blk = "abcdefghijklmnopqrstuvwxyzABCD";
    for (uint32_t i = 0; i < 3; i++)
        seg(&fd, C, 1021 + 30 * i, 5001, blk);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "0123456789");
    seg(&fd, C, 1021 + 90, 5001, blk); /* frame 8 */
    GString *want = g_string_new("0123456789<gap 10@10>");
    for (int i = 0; i < 4; i++)
        g_string_append(want, blk);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, want->str);
    assert_log_has(&rc, "gap1.0@10+10#8 ");
    assert_diag(&rc, "out-of-order data (120 bytes) exceeds the limit of 100 bytes: giving up on 10 missing bytes at stream offset 10");
    /* Late arrival of the lost bytes: old news, silently dropped. */
    seg(&fd, C, 1011, 5001, "LOSTLOSTLO");
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, want->str);
    g_string_free(want, TRUE);
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_ooo_piece_limit(void)
{
    /* Many tiny pieces: the count limit bounds the bookkeeping. */
    rec rc;
    feeder fd;
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    g_assert_cmpuint(lim.max_ooo_segments, ==, 16384);
    lim.max_ooo_segments = 3;
    setup(&rc, &fd, &lim);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "a"); /* offset 0; offset 1 lost */
    seg(&fd, C, 1003, 5001, "c");
    seg(&fd, C, 1005, 5001, "e"); /* offset 3 lost too */
    seg(&fd, C, 1007, 5001, "g");
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "a");
    seg(&fd, C, 1009, 5001, "i"); /* 4 pieces: the first hole goes */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "a<gap 1@1>c");
    assert_diag(&rc, "out-of-order data (4 pieces) exceeds the limit of 3 pieces: giving up on 1 missing bytes at stream offset 1");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "a<gap 1@1>c<gap 1@3>e<gap 1@5>g<gap 1@7>i");
    teardown(&rc, &fd);
}

static void test_half_close_keepalive(void)
{
    /* The client half-closes; its keep-alive (at the FIN's number) and a
     * FIN retransmission say nothing; data beyond the FIN is reported. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    segf(&fd, C, 1001, 5001, CTS_TCP_FIN | CTS_TCP_ACK, "q"); /* FIN takes 1002 */
    seg(&fd, S, 5001, 1003, "answer");
    segn(&fd, C, 1002, 5007, "\x00", 1);
    segf(&fd, C, 1001, 5007, CTS_TCP_FIN | CTS_TCP_ACK, "q");
    assert_no_diags(&rc);
    seg(&fd, C, 1003, 5007, "zz");
    assert_diag(&rc, "2 bytes after the FIN at stream offset 1 ignored");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "q");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "answer");
    teardown(&rc, &fd);
}

static void test_wraparound(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    uint32_t ci = 0xfffffff0u; /* data crosses 2^32 at the 16th byte */
    handshake(&fd, ci, 0x7ffffffeu);
    seg(&fd, C, ci + 1, 0x7fffffffu, "0123456789");  /* fffffff1 .. fffffffa */
    seg(&fd, C, ci + 21, 0x7fffffffu, "KLMNO");      /* 00000005 ..: waits */
    seg(&fd, C, ci + 11, 0x7fffffffu, "ABCDEFGHIJ"); /* fffffffb .. 00000004 */
    seg(&fd, C, ci + 11, 0x7fffffffu, "ABCDEFGHIJ"); /* retransmitted across the wrap */
    seg(&fd, S, 0x7fffffffu, ci + 26, "x");          /* server seq crosses 2^31: no matter */
    seg(&fd, S, 0x80000000u, ci + 26, "yz");
    segf(&fd, C, ci + 26, 0x80000002u, CTS_TCP_FIN | CTS_TCP_ACK, "!");
    segf(&fd, S, 0x80000002u, ci + 28, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "0123456789ABCDEFGHIJKLMNO!");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "xyz");
    assert_log_has(&rc, "close1:FIN#11");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_fin_with_data_and_rst(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    segf(&fd, C, 1001, 5001, CTS_TCP_FIN | CTS_TCP_ACK | CTS_TCP_PSH, "bye"); /* data and FIN */
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 1);
    seg(&fd, S, 5001, 1005, "late reply"); /* half-closed: the server may still talk */
    segf(&fd, S, 5011, 1005, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "bye");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "late reply");
    assert_log_has(&rc, "close1:FIN#6");
    assert_no_diags(&rc);

    /* RST: another connection (new client port) dies at once. */
    fd.cport = 40001;
    handshake(&fd, 7000, 9000);
    seg(&fd, C, 7001, 9001, "partial");
    segf(&fd, S, 9001, 7008, CTS_TCP_RST | CTS_TCP_ACK, NULL);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    assert_log_has(&rc, "close2:RST#11");
    /* Retransmission after the RST: no phantom flow. */
    seg(&fd, C, 7001, 9001, "partial");
    segf(&fd, S, 9001, 7008, CTS_TCP_RST, NULL);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    g_assert_cmpstr(STREAM(&rc, 2, 0), ==, "partial");
    flush(&fd);
    teardown(&rc, &fd);
}

/* The peer ACKed past the hole before the bytes after it came (Wireshark's
 * "ACKed unseen segment"): the hole is given up in the frame of those
 * bytes, where Wireshark hands them to the dissector. */
static void test_hole_acked_before(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "aaaa");   /* frame 4: offsets 0-4 */
    /* 1005-1009 "bbbb" never captured */
    seg(&fd, S, 5001, 1009, "ack");    /* frame 5: the server has them */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa");
    seg(&fd, C, 1009, 5004, "cccc");   /* frame 6 */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "aaaa<gap 4@4>cccc");
    assert_log_has(&rc, "gap1.0@4+4#6 d1.0:4#6 ");
    assert_diag(&rc, "#6 tcp.stream 0 10.0.0.1:40000 -> 10.0.0.2:42027: 4 bytes at stream offset 4 were ACKed by the peer but not captured");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_rst_delivers_buffered(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "ab");
    seg(&fd, C, 1005, 5001, "ef"); /* hole 2-4 */
    segf(&fd, S, 5001, 1003, CTS_TCP_RST | CTS_TCP_ACK, NULL);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "ab<gap 2@2>ef");
    assert_log_has(&rc, "gap1.0@2+2#6 d1.0:2#6 close1:RST#6 ");
    teardown(&rc, &fd);
}

static void test_mid_stream(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    segf(&fd, C, 1234, 98765, CTS_TCP_ACK, NULL); /* lone ACK: no flow yet */
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    seg(&fd, S, 98765, 1234, "...tail of a message|next"); /* side 0 = the server here */
    seg(&fd, C, 1234, 98790, "request");
    seg(&fd, S, 98790, 1241, "reply");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 1);
    cts_flow *f = rc.flows[1];
    g_assert_nonnull(f);
    char buf[128];
    g_assert_cmpstr(cts_flow_str(f, 0, buf, sizeof buf), ==, "10.0.0.2:42027 -> 10.0.0.1:40000");
    g_assert_false(f->saw_syn);
    g_assert_cmpuint(f->index, ==, 1);
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "...tail of a message|nextreply");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "request");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_port_reuse(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "first");
    segf(&fd, C, 1006, 5001, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    segf(&fd, S, 5001, 1007, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    /* A late retransmission of the old data must not open a flow. */
    seg(&fd, C, 1001, 5001, "first");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    /* Same tuple, new SYN: flow 2. */
    handshake(&fd, 300000, 700000);
    seg(&fd, C, 300001, 700001, "second");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 1);
    /* And a SYN with a new ISN while flow 2 is open: flow 2 ends, flow 3 starts. */
    handshake(&fd, 900000, 100);
    seg(&fd, C, 900001, 101, "third");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "first");
    g_assert_cmpstr(STREAM(&rc, 2, 0), ==, "second");
    g_assert_cmpstr(STREAM(&rc, 3, 0), ==, "third");
    assert_log_has(&rc, "close1:FIN#6 ");
    assert_log_has(&rc, "close2:port reused#12 ");
    assert_log_has(&rc, "close3:end of capture#15 ");
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

/* Wireshark's tcp.stream numbers (checked against tshark 4.0 on every
 * shipped capture by tests/plugin/check_streams.sh): 0, 1, ... in order of
 * first appearance in the file, a lone ACK of an unknown tuple included; a
 * SYN with another sequence number than the first one that way is a new
 * stream (a SYN retransmission is not); numbering starts again per file;
 * notices name the stream of their file. */
static void test_wireshark_streams(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, -1);
    fd.cport = 40001;
    seg(&fd, S, 7000, 9000, NULL);                 /* a lone ACK: no flow, but stream 0 */
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 0);
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    fd.cport = 40000;
    segf(&fd, C, 1000, 0, CTS_TCP_SYN, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 1);
    segf(&fd, C, 1000, 0, CTS_TCP_SYN, NULL);     /* retransmitted SYN: the same stream */
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 1);
    segf(&fd, S, 5000, 1001, CTS_TCP_SYN | CTS_TCP_ACK, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 1);
    fd.cport = 40001;
    seg(&fd, C, 9000, 7000, "x");                  /* the ACKed tuple again: 0 */
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 0);
    fd.cport = 40000;
    seg(&fd, C, 1001, 5001, "hello");
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 1);
    segf(&fd, C, 2000, 0, CTS_TCP_SYN, NULL);     /* a new ISN: port reused, stream 2 */
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 2);
    segf(&fd, S, 6000, 2001, CTS_TCP_SYN | CTS_TCP_ACK, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 2);
    /* the next file: numbering starts again, in its own order */
    cts_reasm_new_file(fd.r);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, -1);
    seg(&fd, C, 2001, 6001, "ab");
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 0);
    /* a notice names the stream of its file: bytes ACKed but never captured */
    seg(&fd, C, 2005, 6001, "ef");
    acks(&fd, S, 6001, 2007, 9);
    assert_diag(&rc, "tcp.stream 0 10.0.0.1:40000 -> 10.0.0.2:42027: 2 bytes at stream offset 2 were ACKed");
    fd.cport = 40001;
    seg(&fd, C, 9001, 7000, "y");
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, 1);
    flush(&fd);
    teardown(&rc, &fd);
}

/* Memory stays flat in connections: 10,000 connections opened and closed
 * one after another leave at most 4,096 tcp.stream entries behind, yet a
 * late ACK of a recent one keeps its number, and a segment without SYN on
 * a forgotten one says that Wireshark may number it otherwise. */
static void test_streams_forgotten(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    cts_reasm_free(fd.r);   /* only the notices: more flows than rec follows */
    static const cts_reasm_callbacks only_diag = { NULL, NULL, NULL, on_diag, NULL };
    fd.r = cts_reasm_new(&only_diag, &rc, NULL);
    enum { N = 10000 };
    size_t most = 0;
    for (unsigned i = 0; i < N; i++) {
        fd.cport = (uint16_t)(20000 + i);
        handshake(&fd, 1000, 5000);
        seg(&fd, C, 1001, 5001, "hi");
        segf(&fd, C, 1003, 5001, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
        segf(&fd, S, 5001, 1004, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
        seg(&fd, C, 1004, 5002, NULL);              /* the last ACK, after the close */
        g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, i);
        if (cts_reasm_conv_count(fd.r) > most)
            most = cts_reasm_conv_count(fd.r);
    }
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    g_assert_cmpuint(most, <=, 4096 + 1);           /* not 10,000 */
    assert_no_diags(&rc);
    fd.cport = (uint16_t)(20000 + N - 1);           /* a recent one: its number */
    seg(&fd, C, 1004, 5002, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, N - 1);
    assert_no_diags(&rc);
    fd.cport = 20000;                               /* forgotten: a new number, and a notice */
    seg(&fd, C, 1004, 5002, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, N);
    assert_diag(&rc, "tcp.stream 10000 10.0.0.1:20000 -> 10.0.0.2:42027: a segment without SYN");
    fd.cport = 20001;                               /* a new connection on one: no notice */
    guint nd = rc.diags->len;
    segf(&fd, C, 9000, 0, CTS_TCP_SYN, NULL);
    g_assert_cmpint(cts_reasm_last_stream(fd.r), ==, N + 1);
    g_assert_cmpuint(rc.diags->len, ==, nd);
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_keepalive_and_window_probe(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "hello");           /* next seq 1006 */
    seg(&fd, S, 5001, 1006, NULL);
    seg(&fd, C, 1005, 5001, "\xff");            /* 1-byte keep-alive, garbage byte */
    seg(&fd, C, 1005, 5001, NULL);              /* 0-byte keep-alive */
    seg(&fd, S, 5001, 1006, NULL);
    seg(&fd, C, 1006, 5001, "W");               /* zero-window probe: next byte */
    seg(&fd, C, 1006, 5001, "World");           /* window opens: resent with more */
    segn(&fd, C, 1010, 5001, "\x00", 1);        /* another keep-alive, after the new data */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "helloWorld");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "helloWorld");
    g_assert_null(strstr(rc.log->str, "gap"));
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_mid_stream_keepalive_first(void)
{
    /* Capture starts on an idle connection: the server ACKed 2001, then the
     * client sends a keep-alive at 2000.  Its byte is not stream data. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    seg(&fd, S, 500, 2001, "srv");
    segn(&fd, C, 2000, 503, "\x00", 1);
    seg(&fd, C, 2001, 503, "data");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "data");
    g_assert_cmpuint(rc.stream[1][1]->len, ==, 4);
    g_assert_null(strstr(rc.log->str, "gap"));
    assert_no_diags(&rc);
    teardown(&rc, &fd);
}

static void test_snaplen_gap(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    cts_packet p = mk(C, fd.cport, 1001, 5001, CTS_TCP_ACK, "abcd", 4);
    p.missing_tail = 6; /* 10-byte segment, 4 captured */
    feed_p(&fd, &p);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcd<gap 6@4>");
    seg(&fd, C, 1011, 5001, "next");
    /* Out of order and truncated: the gap is reported at its place. */
    cts_packet q = mk(C, fd.cport, 1019, 5001, CTS_TCP_ACK, "XY", 2);
    q.missing_tail = 3; /* offsets 18-23, captured 18-20 */
    feed_p(&fd, &q);
    seg(&fd, C, 1022, 5001, "ZZ"); /* 21-23: inside the cut tail, real bytes win */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcd<gap 6@4>next");
    seg(&fd, C, 1015, 5001, "mnop");
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abcd<gap 6@4>nextmnopXY<gap 1@20>ZZ");
    flush(&fd);
    teardown(&rc, &fd);
}

static void test_fin_hole_acked(void)
{
    /* Data before the FIN lost in the capture; the peer ACKs the FIN. */
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "abc");
    segf(&fd, C, 1010, 5001, CTS_TCP_FIN | CTS_TCP_ACK, NULL); /* 1004-1009 lost */
    segf(&fd, S, 5001, 1011, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    acks(&fd, C, 1011, 5002, 8); /* the ACK grace runs out at frame 14 */
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "abc<gap 6@3>");
    assert_log_has(&rc, "gap1.0@3+6#14 close1:FIN#14");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    teardown(&rc, &fd);
}

static void test_max_flows(void)
{
    rec rc;
    feeder fd;
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    lim.max_flows = 2;
    setup(&rc, &fd, &lim);
    fd.cport = 1;
    seg(&fd, C, 100, 200, "one");
    fd.cport = 2;
    seg(&fd, C, 100, 200, "two");
    fd.cport = 1;
    seg(&fd, C, 103, 200, "ONE"); /* flow 1 is now the most recently active */
    fd.cport = 3;
    seg(&fd, C, 100, 200, "three"); /* evicts flow 2 */
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 2);
    assert_log_has(&rc, "close2:flow table full#4 ");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "oneONE");
    g_assert_cmpstr(STREAM(&rc, 3, 0), ==, "three");
    teardown(&rc, &fd);
}

static void test_idle_timeout(void)
{
    rec rc;
    feeder fd;
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    lim.idle_timeout = 60;
    setup(&rc, &fd, &lim);
    fd.cport = 1;
    seg(&fd, C, 100, 200, "one");
    fd.ts += 30;
    fd.cport = 2;
    seg(&fd, C, 100, 200, "two");
    fd.ts += 31; /* flow 1 idle 61 s, flow 2 31 s */
    seg(&fd, C, 105, 200, "2");
    assert_log_has(&rc, "close1:idle#3 ");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 1);
    fd.cport = 1; /* flow 1's tuple again: a new, mid-stream flow */
    seg(&fd, C, 103, 200, "more");
    flush(&fd);
    g_assert_cmpstr(STREAM(&rc, 3, 0), ==, "more");
    teardown(&rc, &fd);
}

static void test_ignored(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    rc.ignore_index = 1;
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "seen");
    seg(&fd, C, 1009, 5001, "ooo");
    seg(&fd, C, 1005, 5001, "not!");
    seg(&fd, S, 5001, 1012, "reply");
    segf(&fd, C, 1012, 5006, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    segf(&fd, S, 5006, 1013, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "seen");
    g_assert_cmpstr(STREAM(&rc, 1, 1), ==, "");
    assert_log_has(&rc, "close1:FIN#9");
    g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    teardown(&rc, &fd);
}

static void test_free_without_flush(void)
{
    rec rc;
    feeder fd;
    setup(&rc, &fd, NULL);
    handshake(&fd, 1000, 5000);
    seg(&fd, C, 1001, 5001, "x");
    seg(&fd, C, 1010, 5001, "buffered");
    cts_reasm_free(fd.r); /* on_close "discarded" frees f->user; no data */
    fd.r = NULL;
    assert_log_has(&rc, "close1:discarded#0 ");
    g_assert_cmpstr(STREAM(&rc, 1, 0), ==, "x");
    rec_clear(&rc);
}

/* Random segmentation, reordering and duplication of one stream near the
 * wrap: the output must be the stream, exactly. */
static void test_random_shuffle(void)
{
    for (int round = 0; round < 50; round++) {
        rec rc;
        feeder fd;
        setup(&rc, &fd, NULL);
        guint32 isn = 0xffffffffu - (guint32)g_test_rand_int_range(0, 3000);
        size_t n = (size_t)g_test_rand_int_range(1, 6000);
        char *data = g_malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            data[i] = (char)('a' + g_test_rand_int_range(0, 26));
        data[n] = 0;
        handshake(&fd, isn, 1);

        /* Cut into segments, some overlapping their neighbours. */
        typedef struct range { size_t s, e; } range;
        GArray *segs = g_array_new(FALSE, FALSE, sizeof(range));
        for (size_t off = 0; off < n;) {
            size_t len = (size_t)g_test_rand_int_range(1, 200);
            if (len > n - off)
                len = n - off;
            range rg = { off, off + len };
            if (off && g_test_rand_bit())
                rg.s -= (size_t)g_test_rand_int_range(0, (gint32)(off < 50 ? off : 50) + 1);
            g_array_append_val(segs, rg);
            if (g_test_rand_int_range(0, 10) == 0)
                g_array_append_val(segs, rg); /* duplicate */
            off += len;
        }
        /* Local shuffle: reorder within a window of 8. */
        for (guint i = 0; i < segs->len; i++) {
            guint j = i + (guint)g_test_rand_int_range(0, 8);
            if (j < segs->len) {
                range t = g_array_index(segs, range, i);
                g_array_index(segs, range, i) = g_array_index(segs, range, j);
                g_array_index(segs, range, j) = t;
            }
        }
        for (guint i = 0; i < segs->len; i++) {
            range rg = g_array_index(segs, range, i);
            cts_packet p = mk(C, fd.cport, isn + 1 + (uint32_t)rg.s, 2, CTS_TCP_ACK, data + rg.s, rg.e - rg.s);
            feed_p(&fd, &p);
        }
        flush(&fd);
        g_assert_cmpstr(STREAM(&rc, 1, 0), ==, data);
        assert_no_diags(&rc);
        g_array_free(segs, TRUE);
        g_free(data);
        teardown(&rc, &fd);
    }
}

/* Many short flows opened and closed: the table does not grow. */
static int n_closed;
static size_t n_bytes;
static void count_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len, const cts_pktinfo *pi)
{
    (void)ctx, (void)f, (void)dir, (void)data, (void)pi;
    n_bytes += len;
}
static void count_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    (void)ctx, (void)f, (void)pi;
    g_assert_true(strcmp(how, "FIN") == 0 || strcmp(how, "RST") == 0);
    n_closed++;
}

static void test_flows_freed(void)
{
    cts_reasm_callbacks cb = { count_data, NULL, count_close, NULL, NULL };
    feeder fd = { .r = cts_reasm_new(&cb, NULL, NULL) };
    n_closed = 0;
    n_bytes = 0;
    for (uint32_t i = 0; i < 20000; i++) {
        fd.cport = (uint16_t)(10000 + i % 30000);
        handshake(&fd, 1000u * i, 7);
        seg(&fd, C, 1000u * i + 1, 8, "x");
        seg(&fd, S, 8, 1000u * i + 2, "yy");
        if (i % 2) {
            segf(&fd, C, 1000u * i + 2, 10, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
            segf(&fd, S, 10, 1000u * i + 3, CTS_TCP_FIN | CTS_TCP_ACK, NULL);
        } else {
            segf(&fd, S, 10, 1000u * i + 2, CTS_TCP_RST | CTS_TCP_ACK, NULL);
        }
        g_assert_cmpuint(cts_reasm_flow_count(fd.r), ==, 0);
    }
    g_assert_cmpint(n_closed, ==, 20000);
    g_assert_cmpuint(n_bytes, ==, 3 * 20000);
    cts_reasm_flush(fd.r, NULL);
    cts_reasm_free(fd.r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/capture/reasm/in-order", test_in_order);
    g_test_add_func("/capture/reasm/sides-from-syn-ack", test_sides_from_syn_ack);
    g_test_add_func("/capture/reasm/out-of-order-1-3-2", test_out_of_order);
    g_test_add_func("/capture/reasm/retransmission-identical", test_retransmission_identical);
    g_test_add_func("/capture/reasm/retransmission-different", test_retransmission_different);
    g_test_add_func("/capture/reasm/partial-overlap", test_partial_overlap);
    g_test_add_func("/capture/reasm/permanent-hole-acked", test_permanent_hole_acked);
    g_test_add_func("/capture/reasm/ack-before-data", test_ack_before_data);
    g_test_add_func("/capture/reasm/hole-partly-acked", test_hole_partly_acked);
    g_test_add_func("/capture/reasm/hole-at-flush", test_hole_at_flush);
    g_test_add_func("/capture/reasm/acked-tail-at-flush", test_acked_tail_at_flush);
    g_test_add_func("/capture/reasm/inorder-covers-buffered", test_inorder_covers_buffered_differently);
    g_test_add_func("/capture/reasm/ooo-limit", test_ooo_limit);
    g_test_add_func("/capture/reasm/ooo-piece-limit", test_ooo_piece_limit);
    g_test_add_func("/capture/reasm/half-close-keepalive", test_half_close_keepalive);
    g_test_add_func("/capture/reasm/seq-wraparound", test_wraparound);
    g_test_add_func("/capture/reasm/fin-with-data-and-rst", test_fin_with_data_and_rst);
    g_test_add_func("/capture/reasm/hole-acked-before", test_hole_acked_before);
    g_test_add_func("/capture/reasm/ack-after-data", test_ack_after_data);
    g_test_add_func("/capture/reasm/rst-delivers-buffered", test_rst_delivers_buffered);
    g_test_add_func("/capture/reasm/mid-stream", test_mid_stream);
    g_test_add_func("/capture/reasm/port-reuse", test_port_reuse);
    g_test_add_func("/capture/reasm/keepalive-window-probe", test_keepalive_and_window_probe);
    g_test_add_func("/capture/reasm/mid-stream-keepalive-first", test_mid_stream_keepalive_first);
    g_test_add_func("/capture/reasm/snaplen-gap", test_snaplen_gap);
    g_test_add_func("/capture/reasm/fin-hole-acked", test_fin_hole_acked);
    g_test_add_func("/capture/reasm/max-flows", test_max_flows);
    g_test_add_func("/capture/reasm/idle-timeout", test_idle_timeout);
    g_test_add_func("/capture/reasm/ignored", test_ignored);
    g_test_add_func("/capture/reasm/free-without-flush", test_free_without_flush);
    g_test_add_func("/capture/reasm/random-shuffle", test_random_shuffle);
    g_test_add_func("/capture/reasm/flows-freed", test_flows_freed);
    g_test_add_func("/capture/reasm/wireshark-streams", test_wireshark_streams);
    g_test_add_func("/capture/reasm/streams-forgotten", test_streams_forgotten);
    return g_test_run();
}
