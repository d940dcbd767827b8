/* test_ccx_decode.c - the CCX decoder, rule by rule, on real bytes.
 *
 * Each diagnostic the decoder can give has a test that builds the broken
 * bytes and checks the severity, the field, the offset and the text.  The
 * chapter-11 hex trace is decoded field by field. */
#include <glib.h>
#include <string.h>

#include "ccx_decode.h"
#include "ccx_encode.h"
#include "test_util.h"
#include "ccx_compact_check.h"

static ccx_msg M;

static const ccx_msg *dec_bytes(const GByteArray *b, unsigned version)
{
    ccx_decode(b->data, b->len, version, &M);
    return &M;
}

static const ccx_decoded_field *find(const ccx_msg *m, int field, unsigned instance)
{
    for (unsigned i = 0; i < m->n_fields; i++)
        if (m->fields[i].field == field && m->fields[i].instance == instance)
            return &m->fields[i];
    return NULL;
}

static void assert_str(const ccx_msg *m, int field, const char *want)
{
    const ccx_decoded_field *f = find(m, field, 0);
    g_assert_nonnull(f);
    g_assert_true(f->valid);
    g_assert_cmpint(f->type, ==, CCX_STRING);
    g_assert_cmpmem(f->data, f->str_len, want, strlen(want));
}

static void assert_uint(const ccx_msg *m, int field, uint32_t want)
{
    const ccx_decoded_field *f = find(m, field, 0);
    g_assert_nonnull(f);
    g_assert_true(f->valid);
    g_assert_cmpuint(f->u, ==, want);
}

/* The one diagnostic of the message with this severity and text part. */
static const ccx_diag *diag_with(const ccx_msg *m, ccx_severity sev, const char *part)
{
    for (unsigned i = 0; i < m->n_diags; i++)
        if (m->diags[i].sev == sev && strstr(m->diags[i].text, part))
            return &m->diags[i];
    for (unsigned i = 0; i < m->n_diags; i++)
        g_printerr("  diag %s @%u: %s\n", ccx_severity_name(m->diags[i].sev), m->diags[i].offset,
                   m->diags[i].text);
    g_error("no %s diagnostic containing \"%s\"", ccx_severity_name(sev), part);
    return NULL;
}

/* Chapter 11, "Example 2: Low-Level (Binary) Trace", with the zero byte the
 * PDF lost from the first MDATA row put back: the body is 54 bytes. */
static const char *trace_fixed =
    "00 00 00 36 00 00 00 17"
    "00 00 00 00 00 00 00 01 00 15 00 00 00 00 00 00"
    "00 01 00 00 01 00 01 10 00 00 08 05 32 30 30 36"
    "00 0B 05 37 30 30 30 00 19 05 39 30 32 36 00 0A"
    "05 37 30 30 30 00";

/* The same rows exactly as printed in the PDF (15 bytes in row 0000). */
static const char *trace_as_printed =
    "00 00 00 36 00 00 00 17"
    "00 00 00 00 00 00 00 01 00 15 00 00 00 00 00"
    "00 01 00 00 01 00 01 10 00 00 08 05 32 30 30 36"
    "00 0B 05 37 30 30 30 00 19 05 39 30 32 36 00 0A"
    "05 37 30 30 30 00";

static void test_hex_trace(void)
{
    GByteArray *b = cts_hex(trace_fixed);
    g_assert_cmpuint(b->len, ==, 62);
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_nonnull(m->def);
    g_assert_cmpstr(m->def->name, ==, "BEGIN_CALL_EVENT");
    g_assert_cmpuint(m->body_len, ==, 54);
    g_assert_cmpuint(m->n_diags, ==, 0);
    assert_uint(m, CCXF_NumCTIClients, 0);
    assert_uint(m, CCXF_NumNamedVariables, 0);
    assert_uint(m, CCXF_NumNamedArrays, 0);
    assert_uint(m, CCXF_CallType, 1);
    assert_uint(m, CCXF_ConnectionDeviceType, 0);
    assert_uint(m, CCXF_CallID, 16777488);
    assert_uint(m, CCXF_CalledPartyDisposition, 0);
    /* The bytes, not the high-level trace text, are the truth: tag 11 is
     * DialedNumber (the text says dialedNumber: null). */
    assert_str(m, CCXF_ANI, "2006");
    assert_str(m, CCXF_DialedNumber, "7000");
    assert_str(m, CCXF_ConnectionDeviceID, "9026");
    assert_str(m, CCXF_DNIS, "7000");
    const ccx_decoded_field *ani = find(m, CCXF_ANI, 0);
    g_assert_cmpuint(ani->item_offset, ==, 34);
    g_assert_cmpuint(ani->offset, ==, 36);
    g_assert_cmpuint(ani->length, ==, 5);
    g_assert_cmpuint(m->fixed_end, ==, 34);
    /* The reserved fields carry the values the spec states. */
    unsigned nres = 0;
    static const uint32_t want[] = { 0, 1, 21 };
    for (unsigned i = 0; i < m->n_fields; i++)
        if (m->fields[i].field == CCXF_reserved) {
            g_assert_cmpuint(nres, <, 3);
            g_assert_cmpuint(m->fields[i].u, ==, want[nres]);
            nres++;
        }
    g_assert_cmpuint(nres, ==, 3);
    g_byte_array_unref(b);
}

static void test_hex_trace_as_printed(void)
{
    GByteArray *b = cts_hex(trace_as_printed);
    g_assert_cmpuint(b->len, ==, 61);
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR,
                                  "message truncated: BodyLength 54 but only 53 body bytes available");
    g_assert_cmpuint(d->offset, ==, 61);
    /* The lost byte shifts everything: the decoder still never reads past
     * the 61 bytes, and says where the floating part stops making sense. */
    for (unsigned i = 0; i < m->n_fields; i++)
        g_assert_cmpuint(m->fields[i].offset + m->fields[i].length, <=, 61);
    g_byte_array_unref(b);
}

/* END_CALL_EVENT: fixed part 16 bytes (reserved 0, 1, 21, ConnectionDeviceType,
 * CallID), then ConnectionDeviceID[25]. */
#define END_CALL_FIXED "00000000 00000001 0015 0000 01000123"

static GByteArray *end_call(const char *floating)
{
    GByteArray *b = cts_hex("00000000 00000018" END_CALL_FIXED);
    GByteArray *f = cts_hex(floating);
    g_byte_array_append(b, f->data, f->len);
    g_byte_array_unref(f);
    uint32_t body = b->len - 8;
    b->data[0] = (guint8)(body >> 24);
    b->data[1] = (guint8)(body >> 16);
    b->data[2] = (guint8)(body >> 8);
    b->data[3] = (guint8)body;
    return b;
}

static void test_clean_end_call(void)
{
    GByteArray *b = end_call("19 05 3230303500");
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_cmpstr(m->def->name, ==, "END_CALL_EVENT");
    g_assert_cmpuint(m->n_diags, ==, 0);
    assert_uint(m, CCXF_CallID, 0x01000123);
    assert_str(m, CCXF_ConnectionDeviceID, "2005");
    g_byte_array_unref(b);
}

static void test_floating_past_end(void)
{
    GByteArray *b = end_call("19 0A 3230303500");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR,
        "FieldDataID 25 (ConnectionDeviceID): length 10 runs 5 bytes past the body end");
    g_assert_cmpint(d->field, ==, CCXF_ConnectionDeviceID);
    g_assert_cmpuint(d->offset, ==, 24);
    g_byte_array_unref(b);
}

static void test_string_without_nul(void)
{
    GByteArray *b = end_call("19 04 32303035");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_WARN,
                                  "STRING of 4 bytes has no NUL terminator");
    g_assert_cmpint(d->field, ==, CCXF_ConnectionDeviceID);
    g_assert_cmpuint(d->offset, ==, 24);
    assert_str(m, CCXF_ConnectionDeviceID, "2005");  /* still decoded */
    g_byte_array_unref(b);
}

static void test_over_maximum(void)
{
    GString *h = g_string_new("19 41");
    for (int i = 0; i < 64; i++)
        g_string_append(h, " 41");
    g_string_append(h, " 00");
    GByteArray *b = end_call(h->str);
    g_string_free(h, TRUE);
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_WARN, "65 bytes exceed the maximum size 64");
    g_assert_cmpint(d->field, ==, CCXF_ConnectionDeviceID);
    g_assert_cmpuint(d->offset, ==, 24);
    g_byte_array_unref(b);
}

static void test_missing_required(void)
{
    GByteArray *b = end_call("");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_WARN,
                                  "required field ConnectionDeviceID (FieldDataID 25) is missing");
    g_assert_cmpint(d->field, ==, CCXF_ConnectionDeviceID);
    g_byte_array_unref(b);
}

static void test_unknown_tag_skipped(void)
{
    /* tag 250 is in no table; tag 5 is reserved in Table 188 */
    GByteArray *b = end_call("FA 02 ABCD 05 01 00 19 05 3230303500");
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_cmpuint(diag_with(m, CCX_SEV_NOTE, "unknown FieldDataID 250 (2 bytes) skipped")->offset, ==, 24);
    g_assert_cmpuint(diag_with(m, CCX_SEV_NOTE, "reserved FieldDataID 5 (1 bytes) skipped")->offset, ==, 28);
    assert_str(m, CCXF_ConnectionDeviceID, "2005");
    g_assert_cmpint(m->fields[m->n_fields - 3].kind, ==, CCX_D_UNKNOWN);
    g_assert_cmpuint(m->fields[m->n_fields - 3].tag, ==, 250);
    g_assert_cmpint(ccx_decode(b->data, b->len, 0, &M), ==, 0); /* notes only */
    g_byte_array_unref(b);
}

static void test_foreign_tag(void)
{
    GByteArray *b = end_call("19 05 3230303500 08 05 3230303600");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_WARN, "FieldDataID 8 (ANI) is not defined for END_CALL_EVENT");
    g_assert_cmpuint(d->offset, ==, 31);
    g_assert_cmpint(d->field, ==, CCXF_ANI);
    assert_str(m, CCXF_ANI, "2006");
    g_byte_array_unref(b);
}

/* More diagnostics than a message keeps: 40 warnings (a field the message
 * does not define, 40 times), then an error (a length past the body end).
 * The error is kept (errors first, then warnings, then notes), the count
 * of the others says how many are not shown. */
static void test_diags_kept_by_severity(void)
{
    GString *h = g_string_new("19 05 3230303500");
    for (int i = 0; i < 40; i++)
        g_string_append(h, " 08 00");           /* ANI, empty: not defined here */
    g_string_append(h, " 08 09 3230");          /* 9 bytes announced, 2 there */
    GByteArray *b = end_call(h->str);
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_cmpuint(m->n_diags, ==, CCX_MAX_DIAGS);
    g_assert_cmpuint(m->diags_dropped, ==, 41 + 1 - CCX_MAX_DIAGS);
    g_assert_cmpuint(m->max_sev_plus1, ==, CCX_SEV_ERROR + 1);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR, "length 9 runs 7 bytes past the body end");
    g_assert_true(d == &m->diags[CCX_MAX_DIAGS - 1]);   /* still in offset order */
    g_assert_cmpstr(ccx_first_error(m), ==, d->text);
    /* the warnings kept are the first ones, in order */
    for (unsigned i = 0; i + 1 < m->n_diags; i++) {
        g_assert_cmpint(m->diags[i].sev, ==, CCX_SEV_WARN);
        g_assert_cmpuint(m->diags[i].offset, ==, 31 + 2 * i);
    }
    g_byte_array_unref(b);
    g_string_free(h, TRUE);
}

static void test_fixed_truncated(void)
{
    GByteArray *b = cts_hex("0000000A 00000018 00000000 00000001 0015");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR,
        "fixed part truncated: ConnectionDeviceType needs 2 bytes, 0 left in the body");
    g_assert_cmpuint(d->offset, ==, 18);
    g_byte_array_unref(b);
}

static void test_unknown_and_reserved_type(void)
{
    GByteArray *b = cts_hex("00000004 000003E7 DEADBEEF");
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_null(m->def);
    diag_with(m, CCX_SEV_WARN, "unknown MessageTypeID 999: 4 body bytes skipped by BodyLength");
    g_assert_cmpuint(m->n_fields, ==, 1);
    g_assert_cmpint(m->fields[0].kind, ==, CCX_D_RAW);
    g_assert_cmpuint(m->fields[0].length, ==, 4);
    g_byte_array_unref(b);

    b = cts_hex("00000002 00000044 0102");
    m = dec_bytes(b, 0);
    g_assert_null(m->def);
    diag_with(m, CCX_SEV_NOTE, "reserved MessageTypeID 68: 2 body bytes skipped");
    g_byte_array_unref(b);
}

static void test_count_mismatch(void)
{
    GByteArray *b = cts_encode("BEGIN_CALL_EVENT CallID=5 NumNamedVariables=2 ConnectionDeviceID=2005 "
                        "NamedVariable=user.a=1");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_WARN,
                                  "NumNamedVariables is 2 but 1 NamedVariable field is present");
    g_assert_cmpint(d->field, ==, CCXF_NumNamedVariables);
    g_byte_array_unref(b);
}

static void test_named_variables(void)
{
    GByteArray *b = cts_encode("BEGIN_CALL_EVENT CallID=5 ConnectionDeviceID=2005 "
                        "NamedVariable=BACampaign=LoadCamp NamedVariable=BABuddyName=John,Doe "
                        "NamedArray=3:user.arr=x");
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_cmpuint(m->n_diags, ==, 0);
    assert_uint(m, CCXF_NumNamedVariables, 2);
    assert_uint(m, CCXF_NumNamedArrays, 1);
    const ccx_decoded_field *v = find(m, CCXF_NamedVariable, 1);
    g_assert_nonnull(v);
    g_assert_cmpmem(v->nv_name, v->nv_name_len, "BABuddyName", 11);
    g_assert_cmpmem(v->nv_value, v->nv_value_len, "John,Doe", 8);
    const ccx_decoded_field *a = find(m, CCXF_NamedArray, 0);
    g_assert_cmpuint(a->nv_index, ==, 3);
    g_assert_cmpmem(a->nv_name, a->nv_name_len, "user.arr", 8);
    g_assert_cmpmem(a->nv_value, a->nv_value_len, "x", 1);
    g_byte_array_unref(b);
}

static void test_namedvar_without_nuls(void)
{
    GByteArray *b = cts_encode("BEGIN_CALL_EVENT CallID=5 ConnectionDeviceID=2005 NamedVariable=hex:61626364");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR, "NAMEDVAR of 4 bytes lacks its two NUL terminators (found 0)");
    g_assert_cmpint(d->field, ==, CCXF_NamedVariable);
    g_byte_array_unref(b);
    b = cts_encode("BEGIN_CALL_EVENT CallID=5 ConnectionDeviceID=2005 NamedVariable=hex:610062");
    m = dec_bytes(b, 0);
    diag_with(m, CCX_SEV_ERROR, "lacks its two NUL terminators (found 1)");
    g_byte_array_unref(b);
}

static void test_integer_length(void)
{
    GByteArray *b = cts_encode("CALL_DELIVERED_EVENT CallID=5 ConnectionDeviceID=2005 AlertingDeviceID=2006 "
                        "CalledDeviceID=2006 SecondaryCallID=hex:010203");
    const ccx_msg *m = dec_bytes(b, 0);
    const ccx_diag *d = diag_with(m, CCX_SEV_ERROR, "UINT needs 4 bytes, length is 3");
    g_assert_cmpint(d->field, ==, CCXF_SecondaryCallID);
    const ccx_decoded_field *f = find(m, CCXF_SecondaryCallID, 0);
    g_assert_false(f->valid);
    g_byte_array_unref(b);
}

static void test_summary(void)
{
    GByteArray *b = cts_encode("CALL_DELIVERED_EVENT CallID=16777507 LocalConnectionState=LCS_ALERTING "
                        "ConnectionDeviceID=2006 AlertingDeviceID=2006 CallingDeviceID=2005 "
                        "CalledDeviceID=2006");
    const ccx_msg *m = dec_bytes(b, 0);
    char s[256];
    g_assert_cmpstr(ccx_summary(m, "->", s, sizeof s), ==, "call=16777507 2005 -> 2006 LCS_ALERTING");
    g_byte_array_unref(b);
    b = cts_encode("AGENT_STATE_EVENT AgentState=AGENT_STATE_READY AgentExtension=2006 AgentID=agt2006");
    m = dec_bytes(b, 0);
    g_assert_nonnull(strstr(ccx_summary(m, "->", s, sizeof s), "agt2006 (2006) AGENT_STATE_READY"));
    g_byte_array_unref(b);
}

static void test_mask_and_null_format(void)
{
    GByteArray *b = cts_encode("OPEN_REQ InvokeID=1 VersionNumber=13 ServicesRequested=0x80000010 ClientID=x "
                        "ClientPassword=hex:");
    const ccx_msg *m = dec_bytes(b, 0);
    char s[256];
    g_assert_cmpstr(ccx_format_int(find(m, CCXF_ServicesRequested, 0), s, sizeof s), ==,
                    "0x80000010 (CTI_SERVICE_ALL_EVENTS | unknown bits 0x80000000)");
    g_byte_array_unref(b);
    b = cts_encode("END_CALL_EVENT CallID=-1 ConnectionDeviceID=2005");
    m = dec_bytes(b, 0);
    g_assert_cmpstr(ccx_format_int(find(m, CCXF_CallID, 0), s, sizeof s), ==, "4294967295 (NULL_CALL_ID)");
    g_byte_array_unref(b);
}

/* A fixed field that only protocol version 11 and later have (the last
 * reserved INT of SNAPSHOT_CALL_CONF): with the session version unknown, the
 * decoder keeps it when the floating part tiles with it and drops it when
 * the floating part tiles without it. */
static void test_version_gated_fixed(void)
{
    GByteArray *b = cts_encode("SNAPSHOT_CALL_CONF InvokeID=9 ANI=2005");
    const ccx_msg *m = dec_bytes(b, 0);
    g_assert_cmpuint(m->fixed_end, ==, 8 + 20);
    assert_str(m, CCXF_ANI, "2005");
    for (unsigned i = 0; i < m->n_diags; i++)
        g_assert_cmpint(m->diags[i].sev, !=, CCX_SEV_ERROR);

    /* The same message from a version 10 server: 4 bytes shorter. */
    g_byte_array_remove_range(b, 8 + 16, 4);
    b->data[3] = (guint8)(b->len - 8);
    m = dec_bytes(b, 0);
    g_assert_cmpuint(m->version, ==, 10);
    g_assert_cmpuint(m->fixed_end, ==, 8 + 16);
    assert_str(m, CCXF_ANI, "2005");
    for (unsigned i = 0; i < m->n_diags; i++)
        g_assert_cmpint(m->diags[i].sev, !=, CCX_SEV_ERROR);
    /* Told the session is version 10 (its OPEN_REQ), it does not guess. */
    m = dec_bytes(b, 10);
    g_assert_cmpuint(m->fixed_end, ==, 8 + 16);
    assert_str(m, CCXF_ANI, "2005");
    g_byte_array_unref(b);
}

/* Every prefix of every test message, and random corruptions: the decoder
 * must never place a field outside the bytes it was given. */
static void check_fields(const ccx_msg *m, const uint8_t *p, size_t n)
{
    for (unsigned i = 0; i < m->n_fields && i < CCX_MAX_FIELDS; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        g_assert_cmpuint((uint64_t)f->offset + f->length, <=, n);
        if (f->data)
            g_assert_true(f->data >= p && f->data + f->length <= p + n);
        if (f->nv_value)
            g_assert_true(f->nv_value + f->nv_value_len <= p + n);
        /* ref_no names the same table entry as ref (the call-flow hand-over
         * carries the number, not the pointer) */
        const ccx_msg_def *d = m->def;
        if (!f->ref) {
            g_assert_cmpuint(f->ref_no, ==, 0);
        } else {
            g_assert_nonnull(d);
            g_assert_cmpuint(f->ref_no, >=, 1);
            const ccx_field_ref *r = f->ref_no <= d->n_fixed ? &d->fixed[f->ref_no - 1]
                                                             : &d->floating[f->ref_no - 1 - d->n_fixed];
            g_assert_true(r == f->ref);
        }
    }
    g_assert_cmpuint(m->n_diags, <=, CCX_MAX_DIAGS);
}

/* Both decoders stay inside the buffer, and ccx_decode_some (the call-flow
 * engine's, listing only CallID) finds exactly the diagnostics ccx_decode
 * finds. */
static void check_bounds(const uint8_t *p, size_t n)
{
    static ccx_field_filter *keep;
    static ccx_msg some;
    if (!keep) {
        static uint8_t want[CCXF_COUNT];
        want[CCXF_CallID] = 1;
        keep = ccx_field_filter_new(want);   /* for the life of the test program */
    }
    ccx_decode(p, n, 0, &M);
    check_fields(&M, p, n);
    ccx_decode_some(p, n, 0, keep, &some);
    check_fields(&some, p, n);
    g_assert_cmpuint(some.n_diags, ==, M.n_diags);
    g_assert_cmpuint(some.max_sev_plus1, ==, M.max_sev_plus1);
    for (unsigned i = 0; i < M.n_diags; i++)
        g_assert_cmpstr(some.diags[i].text, ==, M.diags[i].text);
}

/* A BodyLength past the cap is an error, and decoding stops at the cap:
 * ccx_decoded_field's 16-bit offsets reach that far and no further.  (The framers
 * never pass such a message; a direct caller may.) */
static void test_over_cap(void)
{
    const size_t body = 70000;   /* offsets past 65535 would not fit */
    uint8_t *p = g_malloc0(CCX_HEADER_LEN + body);
    p[0] = (uint8_t)(body >> 24);
    p[1] = (uint8_t)(body >> 16);
    p[2] = (uint8_t)(body >> 8);
    p[3] = (uint8_t)body;
    p[7] = 5;   /* HEARTBEAT_REQ: InvokeID, then floating fields */
    for (size_t o = CCX_HEADER_LEN + 4; o + 6 <= CCX_HEADER_LEN + body; o += 6) {
        p[o] = 1;        /* an unknown-to-this-message tag */
        p[o + 1] = 4;
    }
    ccx_decode(p, CCX_HEADER_LEN + body, 0, &M);
    g_assert_cmpuint(M.len, ==, CCX_HEADER_LEN + CCX_MAX_BODY);
    g_assert_nonnull(diag_with(&M, CCX_SEV_ERROR, "exceeds the 32768-byte cap"));
    check_fields(&M, p, CCX_HEADER_LEN + CCX_MAX_BODY);
    g_free(p);
}

static void test_never_past_buffer(void)
{
    GByteArray *b = cts_encode("CALL_CONFERENCED_EVENT PrimaryCallID=16777507 SecondaryCallID=16777541 "
                        "PrimaryDeviceID=2006 SecondaryDeviceID=2007 ControllerDeviceID=2006 "
                        "ConnectedPartyCallID=16777539 ConnectedPartyDeviceType=0 ConnectedPartyDeviceID=2005 "
                        "ConnectedPartyCallID=16777539 ConnectedPartyDeviceType=0 ConnectedPartyDeviceID=2006");
    GRand *r = g_rand_new_with_seed(42);
    for (size_t n = 0; n <= b->len; n++) {
        /* a heap copy of exactly n bytes so ASan/valgrind catch any overread */
        uint8_t *p = g_memdup2(b->data, n ? n : 1);
        check_bounds(p, n);
        g_free(p);
    }
    for (int iter = 0; iter < 20000; iter++) {
        uint8_t *p = g_memdup2(b->data, b->len);
        int flips = g_rand_int_range(r, 1, 6);
        for (int k = 0; k < flips; k++)
            p[g_rand_int_range(r, 0, (gint32)b->len)] = (uint8_t)g_rand_int(r);
        size_t n = (size_t)g_rand_int_range(r, 0, (gint32)b->len + 1);
        check_bounds(p, n);
        g_free(p);
    }
    g_rand_free(r);
    g_byte_array_unref(b);
}

/* ccx_decode_some lists the wanted fixed fields and the count fields,
 * every floating field, and the same diagnostics as ccx_decode. */
static void test_decode_some(void)
{
    GByteArray *b = cts_encode("BEGIN_CALL_EVENT CallID=5 NumNamedVariables=2 ConnectionDeviceID=2005 "
                        "NamedVariable=user.a=1");
    uint8_t want[CCXF_COUNT] = { 0 };
    want[CCXF_CallID] = 1;
    ccx_field_filter *keep = ccx_field_filter_new(want);
    static ccx_msg full, some;
    ccx_decode(b->data, b->len, 0, &full);
    ccx_decode_some(b->data, b->len, 0, keep, &some);

    g_assert_cmpuint(some.n_diags, ==, full.n_diags);
    g_assert_cmpuint(some.n_diags, >=, 1);   /* the count mismatch, found without CallID's help */
    for (unsigned i = 0; i < full.n_diags; i++) {
        g_assert_cmpstr(some.diags[i].text, ==, full.diags[i].text);
        g_assert_cmpuint(some.diags[i].offset, ==, full.diags[i].offset);
    }
    diag_with(&some, CCX_SEV_WARN, "NumNamedVariables is 2 but 1 NamedVariable field is present");

    unsigned fixed = 0, floating = 0;
    for (unsigned i = 0; i < full.n_fields; i++) {
        const ccx_decoded_field *f = &full.fields[i];
        const ccx_decoded_field *g = find(&some, f->field, f->instance);
        /* the count fields of BEGIN_CALL_EVENT: NumCTIClients,
         * NumNamedVariables, NumNamedArrays */
        int listed = f->kind != CCX_D_FIXED || f->field == CCXF_CallID ||
                     f->field == CCXF_NumCTIClients || f->field == CCXF_NumNamedVariables ||
                     f->field == CCXF_NumNamedArrays;
        if (!listed) {
            if (g)
                g_test_message("%s listed", ccx_fields[f->field].name);
            g_assert_null(g);
            continue;
        }
        g_assert_nonnull(g);
        g_assert_cmpint(g->kind, ==, f->kind);
        g_assert_cmpuint(g->offset, ==, f->offset);
        g_assert_cmpuint(g->length, ==, f->length);
        g_assert_cmpuint(g->u, ==, f->u);
        g_assert_cmpint(g->valid, ==, f->valid);
        g_assert_true(g->data == f->data);
        fixed += f->kind == CCX_D_FIXED;
        floating += f->kind == CCX_D_FLOATING;
    }
    g_assert_cmpuint(fixed, ==, 4);      /* CallID and the three counts */
    g_assert_cmpuint(floating, ==, 2);   /* ConnectionDeviceID, NamedVariable */
    g_assert_cmpuint(some.n_fields, ==, fixed + floating);
    g_assert_cmpuint(full.n_fields, >, some.n_fields);
    assert_uint(&some, CCXF_CallID, 5);
    ccx_field_filter_free(keep);
    g_byte_array_unref(b);
}

/* ccx_decode_compact is the decoder's walk with the compact sink: where it
 * decodes a message, its result must be exactly ccx_compact of the full
 * decoder's, and it must give up on every message the full decoder finds a
 * warning or an error in.  Checked on every message and raw blob of the CCX
 * flow scripts (the shipped captures' and the hostile ones), on their
 * prefixes and on random corruptions, with three keeps and three protocol
 * versions. */
/* The messages of the CCX flow scripts: "C: TEXT" / "S+ TEXT" / "S/3
 * TEXT" lines encoded, "SHEX:"-style lines as their bytes. */
static GPtrArray *flow_messages(void)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    const char *dirs[] = { "../captures/flows", "hostile/flows" };
    for (size_t d = 0; d < G_N_ELEMENTS(dirs); d++) {
        char *dir = cts_test_path(dirs[d]);
        GDir *gd = g_dir_open(dir, 0, NULL);
        g_assert_nonnull(gd);
        const char *name;
        while ((name = g_dir_read_name(gd)) != NULL) {
            if (!g_str_has_prefix(name, "ccx-") || !g_str_has_suffix(name, ".flow"))
                continue;
            char *path = g_build_filename(dir, name, NULL), *text;
            g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
            char **lines = g_strsplit(text, "\n", -1);
            for (char **l = lines; *l; l++) {
                const char *q = *l;
                if (*q != 'C' && *q != 'S')
                    continue;
                q++;
                q += *q == '+';
                if (*q == '/')
                    while (*++q && g_ascii_isdigit(*q))
                        ;
                int hex = g_str_has_prefix(q, "HEX");
                q += hex ? 3 : 0;
                q += *q == ':';
                GByteArray *b = g_byte_array_new();
                char err[256];
                if (hex)
                    g_assert_cmpint(ccx_encode_hex(q, b, err, sizeof err), ==, 0);
                else if (ccx_encode_text(q, b, err, sizeof err) < 0)
                    g_error("%s: \"%s\": %s", name, *l, err);
                g_ptr_array_add(all, b);
            }
            g_strfreev(lines);
            g_free(text);
            g_free(path);
        }
        g_dir_close(gd);
        g_free(dir);
    }
    return all;
}

static void test_compact_same_as_full(void)
{
    GPtrArray *msgs = flow_messages();
    g_assert_cmpuint(msgs->len, >=, 150);
    /* and what the scripts lack: named arrays, and named data past the
     * spec's 2000-byte total (nine of 232 bytes) */
    g_ptr_array_add(msgs, cts_encode("CALL_DATA_UPDATE_EVENT NumCTIClients=0 NumNamedVariables=2 "
                                     "NumNamedArrays=2 CallType=9 ConnectionDeviceType=0 CallID=5 "
                                     "NewConnectionDeviceType=0 NewCallID=5 CalledPartyDisposition=0 "
                                     "ConnectionDeviceID=2005 NewConnectionDeviceID=2005 "
                                     "NamedVariable=user.a=1 NamedVariable=user.b=22 "
                                     "NamedArray=0:user.list=x NamedArray=1:user.list=yz"));
    GString *big = g_string_new("BEGIN_CALL_EVENT NumCTIClients=0 NumNamedVariables=9 NumNamedArrays=0 "
                                "CallType=9 ConnectionDeviceType=0 CallID=6 "
                                "CalledPartyDisposition=0 ConnectionDeviceID=2005");
    for (int i = 0; i < 9; i++) {
        g_string_append_printf(big, " NamedVariable=user.longer_name_v%d=", i);
        for (int k = 0; k < 210; k++)
            g_string_append_c(big, 'a');
    }
    g_ptr_array_add(msgs, cts_encode(big->str));
    g_string_free(big, TRUE);
    uint8_t some_fields[CCXF_COUNT] = { 0 }, call_only[CCXF_COUNT] = { 0 };
    for (int f = 0; f < CCXF_COUNT; f += 2)
        some_fields[f] = 1;
    call_only[CCXF_CallID] = 1;
    ccx_field_filter *keeps[3] = { NULL, ccx_field_filter_new(some_fields), ccx_field_filter_new(call_only) };
    const unsigned versions[] = { 0, 10, 13 };
    compact_tally whole = { 0 }, mutated = { 0 };
    GRand *r = g_rand_new_with_seed(7);
    for (guint i = 0; i < msgs->len; i++) {
        const GByteArray *b = g_ptr_array_index(msgs, i);
        for (size_t k = 0; k < G_N_ELEMENTS(keeps); k++)
            for (size_t v = 0; v < G_N_ELEMENTS(versions); v++)
                check_compact(b->data, b->len, versions[v], keeps[k], &whole);
        /* every prefix, in a heap block of its size (ASan sees overreads) */
        for (size_t n = 0; n < b->len; n++) {
            uint8_t *p = g_memdup2(b->data, n ? n : 1);
            check_compact(p, n, 0, keeps[1], &mutated);
            g_free(p);
        }
        /* corruptions of the body, the header's length kept or not */
        for (int iter = 0; iter < 200 && b->len > CCX_HEADER_LEN; iter++) {
            uint8_t *p = g_memdup2(b->data, b->len);
            int flips = g_rand_int_range(r, 1, 4);
            for (int k = 0; k < flips; k++) {
                gint32 lo = iter % 4 ? CCX_HEADER_LEN : 0;
                p[g_rand_int_range(r, lo, (gint32)b->len)] = (uint8_t)g_rand_int(r);
            }
            check_compact(p, b->len, versions[iter % 3], keeps[iter % 3], &mutated);
            g_free(p);
        }
    }
    g_test_message("whole: %u fast, %u clean declined, %u with problems; mutated: %u fast, "
                   "%u clean declined, %u with problems", whole.fast, whole.declined_clean,
                   whole.declined_bad, mutated.fast, mutated.declined_clean, mutated.declined_bad);
    /* most real messages take the fast path, and so do many corruptions
     * (a changed value); the corruptions also reach the checks */
    g_assert_cmpuint(whole.fast, >, 3 * (whole.declined_clean + whole.declined_bad));
    g_assert_cmpuint(mutated.fast, >, 1000);
    g_assert_cmpuint(mutated.declined_bad, >, 1000);
    g_rand_free(r);
    ccx_field_filter_free(keeps[1]);
    ccx_field_filter_free(keeps[2]);
    g_ptr_array_unref(msgs);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/hex-trace", test_hex_trace);
    g_test_add_func("/decode/hex-trace-as-printed", test_hex_trace_as_printed);
    g_test_add_func("/decode/clean", test_clean_end_call);
    g_test_add_func("/decode/floating-past-end", test_floating_past_end);
    g_test_add_func("/decode/string-without-nul", test_string_without_nul);
    g_test_add_func("/decode/over-maximum", test_over_maximum);
    g_test_add_func("/decode/missing-required", test_missing_required);
    g_test_add_func("/decode/unknown-tag", test_unknown_tag_skipped);
    g_test_add_func("/decode/foreign-tag", test_foreign_tag);
    g_test_add_func("/decode/diags-kept-by-severity", test_diags_kept_by_severity);
    g_test_add_func("/decode/fixed-truncated", test_fixed_truncated);
    g_test_add_func("/decode/unknown-reserved-type", test_unknown_and_reserved_type);
    g_test_add_func("/decode/count-mismatch", test_count_mismatch);
    g_test_add_func("/decode/named-variables", test_named_variables);
    g_test_add_func("/decode/namedvar-without-nuls", test_namedvar_without_nuls);
    g_test_add_func("/decode/integer-length", test_integer_length);
    g_test_add_func("/decode/summary", test_summary);
    g_test_add_func("/decode/mask-null-format", test_mask_and_null_format);
    g_test_add_func("/decode/version-gated-fixed", test_version_gated_fixed);
    g_test_add_func("/decode/never-past-buffer", test_never_past_buffer);
    g_test_add_func("/decode/over-cap", test_over_cap);
    g_test_add_func("/decode/some-fields", test_decode_some);
    g_test_add_func("/decode/compact-same-as-full", test_compact_same_as_full);
    return g_test_run();
}
