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

#include "cap_decode.h"
#include "cf_engine.h"
#include "cf_output.h"
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

/* CAP documents: every spec sample and flow document, and each cut short,
 * with a byte made invalid UTF-8, and wrapped in text; printed directly,
 * through the pipe decoded on the reading side (its items, arena and
 * diagnostics handed over), and decoded on the other side: the same bytes. */
static void cap_docs(GPtrArray *docs, const char *rel)
{
    char *dir = cts_test_path(rel);
    GDir *d = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(d);
    const char *n;
    while ((n = g_dir_read_name(d)) != NULL) {
        char *path = g_build_filename(dir, n, NULL);
        if (g_str_has_suffix(n, ".xml")) {
            char *text = NULL;
            gsize len = 0;
            g_assert_true(g_file_get_contents(path, &text, &len, NULL));
            g_ptr_array_add(docs, g_byte_array_new_take((guint8 *)text, len));
        } else if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            char *sub = g_build_filename(rel, n, NULL);
            cap_docs(docs, sub);
            g_free(sub);
        }
        g_free(path);
    }
    g_dir_close(d);
    g_free(dir);
}

static void check_cap_same(cts_format fmt)
{
    GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    cap_docs(docs, "spec/cap_samples");
    cap_docs(docs, "../captures/flows/cap");
    guint whole = docs->len;
    g_assert_cmpuint(whole, >, 150);
    for (guint i = 0; i < whole; i++) {
        const GByteArray *b = g_ptr_array_index(docs, i);
        GByteArray *cut = g_byte_array_new(), *bad = g_byte_array_new();
        g_byte_array_append(cut, b->data, b->len * (1 + i % 5) / 7);
        g_byte_array_append(bad, b->data, b->len);
        bad->data[b->len / 2] = 0xC3;
        g_ptr_array_add(docs, cut);
        g_ptr_array_add(docs, bad);
    }
    out direct, here, there;
    out_open(&direct);
    out_open(&here);
    out_open(&there);
    cts_printer *pd = cts_printer_new(direct.f, fmt);
    cts_printer *ph = cts_printer_new(here.f, fmt), *pt = cts_printer_new(there.f, fmt);
    cts_pipe *h = cts_pipe_new(ph), *t = cts_pipe_new(pt);
    cts_pipe_cap_side(h, CTS_CAP_HERE);
    cts_pipe_cap_side(t, CTS_CAP_THERE);
    static cap_msg m;
    unsigned diags = 0;
    for (unsigned r = 0; r < 3; r++)
        for (guint i = 0; i < docs->len; i++) {
            const GByteArray *b = g_ptr_array_index(docs, i);
            cts_item_ctx ic = { i + 1, 1795000000 + i, (int32_t)(i * 1009 % 1000000), "10.0.0.2:40000",
                                "10.0.0.1:2208", "cap", (uint64_t)i * 77 };
            cap_decode(b->data, b->len, &m);
            diags += m.n_diags;
            cts_print_cap(pd, &ic, &m);
            cts_pipe_cap(h, &ic, b->data, b->len);
            cts_pipe_cap(t, &ic, b->data, b->len);
        }
    cts_pipe_counts ch = cts_pipe_finish(h), ct = cts_pipe_finish(t);
    g_assert_cmpuint(ch.cap_docs, ==, 3 * docs->len);
    g_assert_cmpuint(ct.cap_docs, ==, 3 * docs->len);
    g_assert_cmpuint(ch.cap_diags, ==, ct.cap_diags);
    g_assert_cmpuint(ch.oci_docs, ==, ct.oci_docs);
    g_assert_cmpuint(diags, >, docs->len);   /* the broken ones say so */
    cts_printer_free(pd);
    cts_printer_free(ph);
    cts_printer_free(pt);
    fclose(direct.f);
    fclose(here.f);
    fclose(there.f);
    g_assert_cmpuint(direct.len, >, 100000);
    g_assert_cmpuint(here.len, ==, direct.len);
    g_assert_true(memcmp(here.text, direct.text, direct.len) == 0);
    g_assert_cmpuint(there.len, ==, direct.len);
    g_assert_true(memcmp(there.text, direct.text, direct.len) == 0);
    free(direct.text);
    free(here.text);
    free(there.text);
    cap_msg_free(&m);
    g_ptr_array_free(docs, TRUE);
}

static void test_cap_json(void) { check_cap_same(CTS_JSON); }
static void test_cap_text(void) { check_cap_same(CTS_TEXT); }
static void test_cap_brief(void) { check_cap_same(CTS_BRIEF); }

/* The call flows of the CAP captures' documents, through the call-flow
 * pipeline, decoded on the reading side and on the engine's: the same calls
 * (JSON) and the same summary. */
static char *cap_flows(cts_cap_side side)
{
    out o;
    out_open(&o);
    cf_out *co = cf_out_new(o.f, CF_FMT_JSON, 0);
    cf_options opt;
    cf_options_default(&opt);
    cf_engine *e = cf_engine_new(&opt, NULL, cf_out_call, co);
    cts_pipe *p = cts_pipe_new_flow(e);
    cts_pipe_cap_side(p, side);
    static const char *const flows[] = { "interaction1", "interaction2", "interaction3", "ccc2",
                                         "callcenter", "attendant", "registration" };
    int64_t ts = 1795000000ll * 1000000;
    uint64_t frame = 0;
    for (unsigned r = 0; r < 20; r++)
        for (size_t f = 0; f < G_N_ELEMENTS(flows); f++) {
            GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
            char *rel = g_strdup_printf("../captures/flows/cap/%s", flows[f]);
            cap_docs(docs, rel);
            g_free(rel);
            char client[32];
            g_snprintf(client, sizeof client, "10.0.%u.%zu:40000", r, f + 2);
            uint32_t sid = cts_pipe_flow_session(p, "cap", "10.0.0.1:2208", client, ++frame, ts);
            for (guint i = 0; i < docs->len; i++) {
                const GByteArray *b = g_ptr_array_index(docs, i);
                cts_pipe_flow_cap(p, sid, i % 3 == 0, ++frame, ts += 250000, b->data, b->len);
            }
            cts_pipe_flow_end(p, sid, "FIN", ++frame, ts += 1000);
            g_ptr_array_free(docs, TRUE);
        }
    cts_pipe_counts c = cts_pipe_finish(p);
    g_assert_cmpuint(c.cap_docs, >, 20 * 100);
    cf_engine_finish(e);
    cf_out_calls_end(co, e);
    cf_out_summary(co, e);
    cf_out_free(co);
    cf_engine_free(e);
    fclose(o.f);
    g_assert_cmpuint(o.len, >, 100000);
    return o.text;
}

static void test_cap_flows(void)
{
    char *here = cap_flows(CTS_CAP_HERE), *there = cap_flows(CTS_CAP_THERE);
    g_assert_cmpstr(here, ==, there);
    free(here);
    free(there);
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
    g_test_add_func("/pipeline/cap-json-either-side", test_cap_json);
    g_test_add_func("/pipeline/cap-text-either-side", test_cap_text);
    g_test_add_func("/pipeline/cap-brief-either-side", test_cap_brief);
    g_test_add_func("/pipeline/cap-flows-either-side", test_cap_flows);
    return g_test_run();
}
