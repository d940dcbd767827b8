/* test_ccx_framer.c - framing CCX messages out of a TCP byte stream:
 * splits at every position, garbage, oversize BodyLength, capture gaps,
 * streams that end inside a message, chapter 11's hex trace with its lost
 * byte, unknown message types, the heuristic. */
#include <glib.h>
#include <stdio.h>
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

static void on_prob(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text)
{
    rec *r = ctx;
    g_string_append_printf(r->log, "P%d@%llu+%llu:%s;", (int)sev, (unsigned long long)off,
                           (unsigned long long)len, text);
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

/* The problems of a log ("P2@off+len:text;"), as [off, off + len) spans:
 * they must tile [from, to) exactly, in order. */
static void assert_spans(const char *log, uint64_t from, uint64_t to)
{
    uint64_t at = from;
    char **items = g_strsplit(log, ";", -1);
    for (char **it = items; *it; it++) {
        unsigned long long off = 0, len = 0;
        int sev = 0;
        if ((*it)[0] != 'P')
            continue;
        g_assert_cmpint(sscanf(*it + 1, "%d@%llu+%llu:", &sev, &off, &len), ==, 3);
        g_assert_cmpuint(off, ==, at);
        at += len;
    }
    g_strfreev(items);
    g_assert_cmpuint(at, ==, to);
}

/* Text between messages: its first four bytes read as a BodyLength far
 * beyond the cap, so the framer resynchronises; every byte of it is
 * reported, whatever the segments (each piece as soon as it is known). */
static void test_garbage(void)
{
    GByteArray *s = stream3("GARBAGE!!");
    char *whole = run_chunks(s, NULL, 0);
    g_assert_cmpstr(whole, ==,
                    "M5@0+12;P2@12+9:9 bytes at stream offset 12 are not CCX messages: BodyLength "
                    "1195463234 (MessageTypeID 1095189793) is over the 32768-byte cap, not a "
                    "message header; the next plausible message header is at stream offset 21;"
                    "M23@21+62;M6@83+12;");
    g_free(whole);
    for (size_t cut = 1; cut < s->len; cut++) {
        char *log = run_chunks(s, &cut, 1);
        g_assert_true(g_str_has_prefix(log, "M5@0+12;P2@12+"));
        g_assert_true(g_str_has_suffix(log, "M23@21+62;M6@83+12;"));
        assert_spans(log, 12, 21);
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
    g_assert_cmpstr(log, ==,
                    "M5@0+12;P2@12+20:capture gap: 30 bytes missing at stream offset 32; the 20 "
                    "bytes already received of the message they belong to are discarded; "
                    "resynchronising;P2@62+12:12 bytes at stream offset 62 are not CCX messages "
                    "(resynchronising after the capture gap); the next plausible message header "
                    "is at stream offset 74;M6@74+12;");
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
    g_assert_cmpstr(log, ==, "M5@0+12;P2@12+28:stream ended (end of capture) inside a message at "
                             "stream offset 12: 28 of 62 bytes (MessageTypeID 23);");
    g_free(log);
    /* ... and inside a header. */
    r.log = g_string_new(NULL);
    ccx_framer_init(&f, &cb, &r);
    ccx_framer_feed(&f, s->data, 15);
    ccx_framer_close(&f, "RST");
    ccx_framer_free(&f);
    log = g_string_free(r.log, FALSE);
    g_assert_cmpstr(log, ==, "M5@0+12;P2@12+3:stream ended (RST) with 3 bytes of an incomplete "
                             "message header at stream offset 12;");
    g_free(log);
    g_byte_array_unref(s);
}

/* Nothing but garbage: every byte is accounted for, in every split. */
static void test_only_garbage(void)
{
    GByteArray *s = g_byte_array_new();
    for (int i = 0; i < 100; i++) {
        guint8 x = 0xff;
        g_byte_array_append(s, &x, 1);
    }
    char *log = run_chunks(s, NULL, 0);
    g_assert_cmpstr(log, ==, "P2@0+100:100 bytes at stream offset 0 are not CCX messages: "
                             "BodyLength 4294967295 (MessageTypeID 4294967295) is over the "
                             "32768-byte cap, not a message header; no plausible message header "
                             "yet, the run goes on;");
    g_free(log);
    for (size_t cut = 1; cut < s->len; cut += 7) {
        log = run_chunks(s, &cut, 1);
        assert_spans(log, 0, 100);
        g_free(log);
    }
    g_byte_array_unref(s);
}

/* Chapter 11's hex trace as printed (its first MDATA row lost a byte: 53
 * body bytes where BodyLength says 54), followed by a HEARTBEAT_CONF: the
 * BEGIN_CALL_EVENT is cut where the HEARTBEAT_CONF's header begins, and
 * the stream goes on. */
static const char *begin_call_printed =
    "00000036 00000017"
    "00000000 00000001 0015 0000 0000 00"   /* a 00 lost here */
    "0001 0000 01000110 0000"
    "0805 3230303600 0B05 3730303000 1905 3930323600 0A05 3730303000";

static void test_lost_byte(void)
{
    GByteArray *s = hex(hb_req), *m2 = hex(begin_call_printed), *m3 = hex(hb_conf);
    g_assert_cmpuint(m2->len, ==, 61);
    g_byte_array_append(s, m2->data, m2->len);
    g_byte_array_append(s, m3->data, m3->len);
    const char *want = "M5@0+12;P2@12+61:the message at stream offset 12 (MessageTypeID 23) is cut "
                       "at stream offset 73, where a clean message header begins inside its "
                       "BodyLength of 54: decoded as 61 of its 62 bytes;M23@12+61;M6@73+12;";
    char *log = run_chunks(s, NULL, 0);
    g_assert_cmpstr(log, ==, want);
    g_free(log);
    /* the better start must be in the bytes at hand when the message is
     * whole: a segment that ends after the message's 62nd byte but before
     * the HEARTBEAT_CONF's end leaves it out of reach, and the
     * BEGIN_CALL_EVENT takes the HEARTBEAT_CONF's first byte */
    for (size_t cut = 1; cut < s->len; cut++) {
        log = run_chunks(s, &cut, 1);
        if (cut < 12 + 62)
            g_assert_cmpstr(log, ==, want);
        else
            g_assert_true(g_str_has_prefix(log, "M5@0+12;M23@12+62;P2@74+11:stream ended (FIN) inside "
                                                "a message at stream offset 74: 11 of 1032 bytes"));
        g_free(log);
    }
    g_byte_array_unref(s);
    g_byte_array_unref(m2);
    g_byte_array_unref(m3);
}

/* A message of a type the spec does not define is skipped by its
 * BodyLength (chapter 11, "Handling Reserved Messages") when a clean
 * message follows it, even if its body holds something that looks like a
 * message; only when nothing clean follows is it cut at such a start. */
static void test_unknown_type(void)
{
    /* type 999, body: a whole HEARTBEAT_REQ and 4 bytes */
    const char *unknown = "00000010 000003E7 00000004 00000005 00000009 AABBCCDD";
    GByteArray *s = hex(unknown), *tail = hex(hb_conf);
    g_byte_array_append(s, tail->data, tail->len);
    char *log = run_chunks(s, NULL, 0);
    g_assert_cmpstr(log, ==, "M999@0+24;M6@24+12;");
    g_free(log);
    g_byte_array_unref(s);
    /* followed by bytes that are not a message: cut at the inner start */
    s = hex(unknown);
    g_byte_array_append(s, (const guint8 *)"GARBAGE!GARBAGE!", 16);
    log = run_chunks(s, NULL, 0);
    g_assert_true(g_str_has_prefix(log, "P2@0+8:the message at stream offset 0 (MessageTypeID 999) "
                                        "is cut at stream offset 8,"));
    g_assert_nonnull(strstr(log, ";M999@0+8;M5@8+12;P2@20+20:20 bytes at stream offset 20 are "
                                 "not CCX messages: BodyLength 2864434397"));
    g_free(log);
    g_byte_array_unref(s);
    g_byte_array_unref(tail);
}

/* The heuristic: a whole clean first message, nothing less. */
static void test_looks_like(void)
{
    GByteArray *s = stream3(NULL);
    for (size_t n = 0; n < 12; n++)
        g_assert_cmpint(ccx_looks_like(s->data, n), ==, CCX_LOOKS_MORE);
    g_assert_cmpint(ccx_looks_like(s->data, 12), ==, CCX_LOOKS_YES);
    g_assert_cmpint(ccx_looks_like((const guint8 *)"GET / HTTP/1.1\r\n", 16), ==, CCX_LOOKS_NO);
    g_assert_cmpint(ccx_looks_like((const guint8 *)"G", 1), ==, CCX_LOOKS_NO);
    GByteArray *p = hex(begin_call_printed);
    g_assert_cmpint(ccx_looks_like(p->data, p->len), ==, CCX_LOOKS_MORE);
    g_byte_array_append(p, s->data, 1);
    g_assert_cmpint(ccx_looks_like(p->data, p->len), ==, CCX_LOOKS_NO);
    g_byte_array_unref(p);
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
    g_test_add_func("/framer/lost-byte", test_lost_byte);
    g_test_add_func("/framer/unknown-type", test_unknown_type);
    g_test_add_func("/framer/looks-like", test_looks_like);
    return g_test_run();
}
