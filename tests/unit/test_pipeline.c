/* test_pipeline.c - the second thread prints exactly what printing on the
 * reading thread prints.
 *
 * Messages of every size go through cts_pipe (decoded here, formatted
 * there; and raw, decoded there) and through the printer directly; the two
 * outputs must be byte for byte the same.  Among them are messages of
 * hundreds of fields, whose decoded form is larger than a whole batch, so
 * the hand-over at batch boundaries and the growth of an empty batch are
 * exercised, with pointers into each item's own copy of the bytes.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "ccx_decode.h"
#include "ccx_encode.h"
#include "printer.h"
#include "pipeline.h"
#include "test_util.h"

/* m with n more floating fields of tag 250 (unknown, empty): n + its own
 * fields decoded entries, each shown raw. */
static GByteArray *with_unknown_tags(const GByteArray *m, unsigned n)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, m->data, m->len);
    for (unsigned i = 0; i < n; i++) {
        static const uint8_t f[2] = { 250, 0 };
        g_byte_array_append(b, f, 2);
    }
    uint32_t body = b->len - CCX_HEADER_LEN;
    b->data[0] = (uint8_t)(body >> 24);
    b->data[1] = (uint8_t)(body >> 16);
    b->data[2] = (uint8_t)(body >> 8);
    b->data[3] = (uint8_t)body;
    return b;
}

typedef struct out {
    char *text;
    size_t len;
    FILE *f;
} out;

static void out_open(out *o)
{
    o->text = NULL;
    o->len = 0;
    o->f = open_memstream(&o->text, &o->len);
    g_assert_nonnull(o->f);
}

static void check_same(cts_format fmt, int decoded_here)
{
    GByteArray *base[4] = {
        cts_encode("CALL_DELIVERED_EVENT ConnectionDeviceType=0 CallID=16777539 ApplicationID=2 CSQID=1 "
            "AlertingDeviceType=76 CallingDeviceType=76 CalledDeviceType=76 "
            "LastRedirectDeviceType=65535 LocalConnectionState=2 EventCause=22 "
            "NumNamedVariables=0 NumNamedArrays=0 ConnectionDeviceID=2006 AlertingDeviceID=2006 "
            "CallingDeviceID=2005 CalledDeviceID=2006 LastRedirectDeviceID= SecondaryCallID=0 "
            "ANI=2005 DNIS=7000 DialedNumber=7000"),
        cts_encode("BEGIN_CALL_EVENT CallID=5 ConnectionDeviceID=2005 "
            "NamedVariable=BACampaign=LoadCamp NamedArray=3:user.arr=x"),
        cts_encode("END_CALL_EVENT CallID=5 ConnectionDeviceID=2005"),
        NULL,
    };
    base[3] = with_unknown_tags(base[2], 1200);   /* about 115 KiB decoded: over a batch */
    out direct, piped;
    out_open(&direct);
    out_open(&piped);
    cts_printer *pd = cts_printer_new(direct.f, fmt);
    cts_printer *pp = cts_printer_new(piped.f, fmt);
    cts_pipe *pipe = cts_pipe_new(pp);
    static ccx_msg m;
    unsigned n = 0;
    for (unsigned i = 0; i < 3000; i++) {
        /* mostly small messages, now and then a huge one */
        const GByteArray *b = base[i % 97 == 5 ? 3 : i % 3];
        char src[32];
        g_snprintf(src, sizeof src, "10.0.0.%u:%u", 1 + i % 7, 40000 + i);
        cts_item_ctx ic = { i + 1, 1795000000 + i / 10, (int32_t)(i * 1009 % 1000000), src,
                            "10.0.0.9:42027", "ccx", (uint64_t)i * 77 };
        ccx_decode(b->data, b->len, 0, &m);
        cts_print_ccx(pd, &ic, &m);
        if (decoded_here)
            cts_pipe_ccx_decoded(pipe, &ic, &m);
        else
            cts_pipe_ccx(pipe, &ic, b->data, b->len, 0);
        n += m.n_fields;
    }
    cts_pipe_finish(pipe);
    cts_printer_free(pd);
    cts_printer_free(pp);
    fclose(direct.f);
    fclose(piped.f);
    g_assert_cmpuint(n, >, 3000 * 10);   /* real messages, decoded */
    g_assert_cmpuint(direct.len, >, 100000);
    g_assert_cmpuint(piped.len, ==, direct.len);
    g_assert_true(memcmp(piped.text, direct.text, direct.len) == 0);
    free(direct.text);
    free(piped.text);
    for (int i = 0; i < 4; i++)
        g_byte_array_unref(base[i]);
}

static void test_json_decoded_here(void) { check_same(CTS_JSON, 1); }
static void test_text_decoded_here(void) { check_same(CTS_TEXT, 1); }
static void test_brief_decoded_there(void) { check_same(CTS_BRIEF, 0); }

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pipeline/json-decoded-here", test_json_decoded_here);
    g_test_add_func("/pipeline/text-decoded-here", test_text_decoded_here);
    g_test_add_func("/pipeline/brief-decoded-there", test_brief_decoded_there);
    return g_test_run();
}
