/* test_ccx_framer.c - framing CCX messages out of a TCP byte stream:
 * splits at every position, garbage, oversize BodyLength, capture gaps,
 * streams that end inside a message. */
#include <glib.h>
#include <string.h>

#include "ccx_framer.h"

/* HEARTBEAT_REQ InvokeID=7, the chapter-11 BEGIN_CALL_EVENT trace (body 54,
 * with the byte the PDF lost restored), HEARTBEAT_CONF InvokeID=7. */
static const char *hb_req = "00000004 00000005 00000007";
static const char *begin_call =
    "00000036 00000017"
    "00000000 00000001 0015 0000 0000 0000 0001 0000 01000110 0000"
    "0805 3230303600 0B05 3730303000 1905 3930323600 0A05 3730303000";
static const char *hb_conf = "00000004 00000006 00000007";

typedef struct rec {
    GString *log;
} rec;

static void on_msg(void *ctx, const uint8_t *m, size_t len, uint64_t off)
{
    rec *r = ctx;
    g_string_append_printf(r->log, "M%u@%llu+%zu;", ccx_be32(m + 4), (unsigned long long)off, len);
}

static void on_prob(void *ctx, ccx_severity sev, uint64_t off, const char *text)
{
    rec *r = ctx;
    g_string_append_printf(r->log, "P%d@%llu:%s;", (int)sev, (unsigned long long)off, text);
}

static const ccx_framer_cb cb = { on_msg, on_prob };

static GByteArray *hex(const char *h)
{
    GByteArray *b = g_byte_array_new();
    int hi = -1;
    for (; *h; h++) {
        if (!g_ascii_isxdigit(*h))
            continue;
        int v = g_ascii_xdigit_value(*h);
        if (hi < 0)
            hi = v;
        else {
            guint8 x = (guint8)(hi << 4 | v);
            g_byte_array_append(b, &x, 1);
            hi = -1;
        }
    }
    return b;
}

static GByteArray *stream3(const char *between)
{
    GByteArray *s = hex(hb_req);
    GByteArray *m2 = hex(begin_call), *m3 = hex(hb_conf);
    if (between)
        g_byte_array_append(s, (const guint8 *)between, (guint)strlen(between));
    g_byte_array_append(s, m2->data, m2->len);
    g_byte_array_append(s, m3->data, m3->len);
    g_byte_array_unref(m2);
    g_byte_array_unref(m3);
    return s;
}

static char *run_chunks(const GByteArray *s, const size_t *cuts, size_t ncuts)
{
    rec r = { g_string_new(NULL) };
    ccx_framer f;
    ccx_framer_init(&f, &cb, &r);
    size_t prev = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : s->len;
        ccx_framer_feed(&f, s->data + prev, end - prev);
        prev = end;
    }
    ccx_framer_close(&f, "FIN");
    ccx_framer_free(&f);
    return g_string_free(r.log, FALSE);
}

static const char *expect3 = "M5@0+12;M23@12+62;M6@74+12;";

static void test_whole(void)
{
    GByteArray *s = stream3(NULL);
    char *log = run_chunks(s, NULL, 0);
    g_assert_cmpstr(log, ==, expect3);
    g_free(log);
    g_byte_array_unref(s);
}

/* Every split into two segments, and byte by byte, frames identically. */
static void test_every_split(void)
{
    GByteArray *s = stream3(NULL);
    for (size_t cut = 1; cut < s->len; cut++) {
        char *log = run_chunks(s, &cut, 1);
        g_assert_cmpstr(log, ==, expect3);
        g_free(log);
    }
    size_t cuts[128];
    for (size_t i = 0; i + 1 < s->len; i++)
        cuts[i] = i + 1;
    char *log = run_chunks(s, cuts, s->len - 1);
    g_assert_cmpstr(log, ==, expect3);
    g_free(log);
    g_byte_array_unref(s);
}

/* Text between messages: its first four bytes read as a BodyLength far
 * beyond the cap, so the framer resynchronises and says how much it skipped. */
static void test_garbage(void)
{
    GByteArray *s = stream3("GARBAGE!!");
    for (size_t cut = 0; cut < s->len; cut += 5) {
        char *log = run_chunks(s, cut ? &cut : NULL, cut ? 1 : 0);
        g_assert_true(g_str_has_prefix(log, "M5@0+12;P2@12:BodyLength 1195463234 at stream offset 12"));
        g_assert_nonnull(strstr(log, "exceeds the 32768-byte cap"));
        g_assert_nonnull(strstr(log, "P2@12:9 bytes at stream offset 12 are not CCX messages"));
        g_assert_true(g_str_has_suffix(log, "M23@21+62;M6@83+12;"));
        g_free(log);
    }
    g_byte_array_unref(s);
}

/* A gap inside the second message: what was received of it is discarded,
 * the framer resynchronises on the third. */
static void test_gap(void)
{
    GByteArray *s = stream3(NULL);
    rec r = { g_string_new(NULL) };
    ccx_framer f;
    ccx_framer_init(&f, &cb, &r);
    ccx_framer_feed(&f, s->data, 12 + 20);       /* msg 1 + 20 bytes of msg 2 */
    ccx_framer_gap(&f, 30);                      /* 30 bytes lost */
    ccx_framer_feed(&f, s->data + 62, s->len - 62); /* last 12 of msg 2, msg 3 */
    ccx_framer_close(&f, "FIN");
    ccx_framer_free(&f);
    char *log = g_string_free(r.log, FALSE);
    g_assert_true(g_str_has_prefix(log, "M5@0+12;P2@12:capture gap: 30 bytes missing at stream offset 32;"));
    g_assert_nonnull(strstr(log, "the 20 bytes already received"));
    g_assert_nonnull(strstr(log, "12 bytes at stream offset 62 are not CCX messages"));
    g_assert_true(g_str_has_suffix(log, "M6@74+12;"));
    g_free(log);
    g_byte_array_unref(s);
}

/* The stream ends inside a message: reported with how much was there. */
static void test_cut_at_end(void)
{
    GByteArray *s = stream3(NULL);
    size_t cut = 40;
    rec r = { g_string_new(NULL) };
    ccx_framer f;
    ccx_framer_init(&f, &cb, &r);
    ccx_framer_feed(&f, s->data, cut);
    ccx_framer_close(&f, "end of capture");
    ccx_framer_free(&f);
    char *log = g_string_free(r.log, FALSE);
    g_assert_cmpstr(log, ==, "M5@0+12;P2@12:stream ended (end of capture) inside a message at "
                             "stream offset 12: 28 of 62 bytes (MessageTypeID 23);");
    g_free(log);
    /* ... and inside a header. */
    r.log = g_string_new(NULL);
    ccx_framer_init(&f, &cb, &r);
    ccx_framer_feed(&f, s->data, 15);
    ccx_framer_close(&f, "RST");
    ccx_framer_free(&f);
    log = g_string_free(r.log, FALSE);
    g_assert_cmpstr(log, ==, "M5@0+12;P2@12:stream ended (RST) with 3 bytes of an incomplete "
                             "message header at stream offset 12;");
    g_free(log);
    g_byte_array_unref(s);
}

/* Nothing but garbage: every byte is accounted for at the end. */
static void test_only_garbage(void)
{
    GByteArray *s = g_byte_array_new();
    for (int i = 0; i < 100; i++) {
        guint8 x = 0xff;
        g_byte_array_append(s, &x, 1);
    }
    char *log = run_chunks(s, NULL, 0);
    g_assert_nonnull(strstr(log, "P2@0:BodyLength 4294967295"));
    g_assert_nonnull(strstr(log, "100 bytes at stream offset 0 are not CCX messages"));
    g_free(log);
    g_byte_array_unref(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/framer/whole", test_whole);
    g_test_add_func("/framer/every-split", test_every_split);
    g_test_add_func("/framer/garbage", test_garbage);
    g_test_add_func("/framer/gap", test_gap);
    g_test_add_func("/framer/cut-at-end", test_cut_at_end);
    g_test_add_func("/framer/only-garbage", test_only_garbage);
    return g_test_run();
}
