/* packet-ccxcti.c - Wireshark dissector for the Cisco Unified CCX CTI protocol.
 *
 * Thin on purpose: decoder/ccx frames the stream (ccx_framer, fed by
 * plugin_stream.c exactly as the CLI feeds it) and decodes every message
 * (ccx_decode); this file turns the result into tree items.  Everything
 * about fields, tags and value names comes from the tables: the hf entries,
 * value strings and mask bits are built from them at registration.  What
 * only Wireshark has is added here: expert info, request/response links,
 * the session state, the stats tree and the flow graph.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/srt_table.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include <string.h>

#include "ccx_decode.h"
#include "ccx_facts.h"
#include "ccx_framer.h"
#include "ccxcti_seq.h"
#include "cti_detect.h"
#include "plugin_calls.h"
#include "plugin_common.h"
#include "plugin_stream.h"
#include "ws_compat.h"

void proto_register_ccxcti(void);
void proto_reg_handoff_ccxcti(void);
void ccxcti_register_tap_listeners(void);

static int proto_ccxcti = -1;
static dissector_handle_t ccxcti_handle;
static int ccxcti_tap = -1;
static int ccxcti_calls_tap = -1;

/* Fixed hf entries (the per-field ones are built from the tables). */
static int hf_body_length = -1;
static int hf_msg_type = -1;
static int hf_field_data_id = -1;
static int hf_field_length = -1;
static int hf_call = -1;
static int hf_device = -1;
static int hf_raw = -1;
static int hf_unknown_field = -1;
static int hf_undecodable = -1;
static int hf_garbage = -1;
static int hf_part_of = -1;
static int hf_stream_offset = -1;
static int hf_first_frame = -1;
static int hf_unknown_bits = -1;
static int hf_nv_name = -1;
static int hf_nv_value = -1;
static int hf_na_index = -1;
static int hf_response_in = -1;
static int hf_request_in = -1;
static int hf_response_time = -1;
static int hf_call_family = -1;
static int hf_sess_version = -1;
static int hf_sess_mode = -1;
static int hf_sess_open_req = -1;
static int hf_sess_services = -1;
static int hf_sess_call_mask = -1;
static int hf_sess_agent_mask = -1;
static int hf_sess_config_mask = -1;

static int hf_field[CCXF_COUNT];

static gint ett_ccxcti = -1;
static gint ett_header = -1;
static gint ett_fixed = -1;
static gint ett_floating = -1;
static gint ett_body = -1;
static gint ett_named = -1;
static gint ett_session = -1;
static gint ett_tlv = -1;
static gint ett_field[CCXF_COUNT];
static gint ett_group[CCXF_COUNT];

static expert_field ei_diag_error = EI_INIT;
static expert_field ei_diag_warn = EI_INIT;
static expert_field ei_diag_note = EI_INIT;
static expert_field ei_failure = EI_INIT;
static expert_field ei_no_response = EI_INIT;
static expert_field ei_system_status = EI_INIT;
static expert_field ei_stream_error = EI_INIT;
static expert_field ei_stream_warn = EI_INIT;
static expert_field ei_stream_note = EI_INIT;

/* ------------------------------------------------------------------ */
/* Field dictionary: how each CCXF_ field is shown, derived from how the
 * messages use it. */

typedef enum { HK_BYTES, HK_UINT, HK_INT, HK_TIME, HK_STRING, HK_NAMED } hf_kind;

static guint8 fld_kind[CCXF_COUNT];
static guint8 fld_width[CCXF_COUNT];   /* integer bytes */
static guint8 fld_vals[CCXF_COUNT];    /* the hf carries value names */

/* One per (field, mask enum) pair the messages use: the bit hf entries. */
typedef struct mask_reg {
    int field;
    const ccx_enum *enm;
    gint ett;
    int *bit_hf;
    int **bits;          /* NULL-terminated, for proto_tree_add_bitmask_list_value */
} mask_reg;
static mask_reg *masks;
static guint n_masks;

/* Messages the dissector treats specially are named by their CCXM_
 * constants (ccx_messages.def); values by their names in the tables. */
static const ccx_enum_val *ccx_in_service;   /* CCX_IN_SERVICE */

/* Reused for every message: ccx_msg is large and ccx_decode never
 * allocates.  Dissection is single-threaded. */
static ccx_msg *cur_msg;

/* ------------------------------------------------------------------ */
/* Conversation and per-PDU state. */

typedef struct ccx_session {
    guint32 frame;           /* the OPEN_REQ */
    guint32 version;
    guint32 services, call_mask, agent_mask, config_mask;
} ccx_session;

typedef struct ccx_trans {
    guint32 req_frame;
    guint32 rsp_frame;
    nstime_t req_time;
    guint32 req_type;        /* the request's MessageTypeID */
    const char *req_name;
    gboolean failed;         /* the response is a failure (FAILURE_CONF, CONTROL_FAILURE_CONF) */
} ccx_trans;

typedef struct ccx_conv {
    wmem_map_t *pending;     /* InvokeID -> ccx_trans (latest request) */
    ccx_session *session;    /* latest OPEN_REQ, first pass */
} ccx_conv;

/* What the first pass learnt about one message, for the later passes
 * (ps_item.user). */
typedef struct ccx_pdu {
    ccx_session *session;    /* in effect when the message was decoded */
    ccx_trans *trans;
} ccx_pdu;

/* Tap data, one per PDU (packet scope).  The request part first: the
 * response-time statistics (plugin_common.h) read it. */
typedef struct ccx_tap_info {
    plugin_req req;
    gboolean garbage;
    guint32 type_id;
    const char *name;
    const char *cls;
    const char *label;
    const char *failure;     /* "FAILURE_CONF: E_CTI_INVALID_CALLID" */
    const char *agent_state;
} ccx_tap_info;

/* ------------------------------------------------------------------ */
/* Registration helpers. */

static hf_kind dtype_kind(ccx_dtype t)
{
    switch (t) {
    case CCX_CHAR: case CCX_SHORT: case CCX_INT:
        return HK_INT;
    case CCX_UCHAR: case CCX_USHORT: case CCX_UINT: case CCX_BOOL:
        return HK_UINT;
    case CCX_TIME:
        return HK_TIME;
    case CCX_STRING:
        return HK_STRING;
    case CCX_NAMEDVAR: case CCX_NAMEDARRAY:
        return HK_NAMED;
    default:
        return HK_BYTES;
    }
}

static int is_int_kind(int k)
{
    return k == HK_UINT || k == HK_INT;
}

static guint32 mask_known(const ccx_enum *e)
{
    guint32 known = 0;
    for (size_t i = 0; i < e->n_vals; i++)
        known |= e->vals[i].lo;
    return known;
}

static mask_reg *find_mask(int field, const ccx_enum *enm)
{
    for (guint i = 0; i < n_masks; i++)
        if (masks[i].field == field && masks[i].enm == enm)
            return &masks[i];
    return NULL;
}

/* Lower-case filter-name component: letters, digits, '_' only. */
static char *filter_part(const char *name)
{
    char buf[128];
    ccx_snake_name(name, buf, sizeof buf);
    for (char *p = buf; *p; p++)
        if (!g_ascii_isalnum(*p))
            *p = '_';
    return g_strdup(buf[0] ? buf : "unnamed");
}

/* An enum's names for an hf.  A value_string, ranges spelt out value by
 * value, because Wireshark 4.0's display filters accept names only from a
 * value_string ("ccxcti.local_connection_state == \"LCS_ALERTING\""; 4.4
 * takes range_strings too); a range too wide to spell out keeps a
 * range_string (*is_range set), filterable by name from 4.4 on. */
#define ENUM_RANGE_SPELLED 1024
static const void *enum_strings(const ccx_enum *e, gboolean *is_range)
{
    static GHashTable *cache;   /* registration time only; lives for the program */
    if (!cache)
        cache = g_hash_table_new(g_direct_hash, g_direct_equal);
    guint64 n = 0;
    for (size_t i = 0; i < e->n_vals; i++)
        n += (guint64)e->vals[i].hi - e->vals[i].lo + 1;
    *is_range = n > ENUM_RANGE_SPELLED;
    gpointer done = g_hash_table_lookup(cache, e);
    if (done)
        return done;
    if (*is_range) {
        range_string *rs = g_new0(range_string, e->n_vals + 1);
        for (size_t i = 0; i < e->n_vals; i++) {
            rs[i].value_min = e->vals[i].lo;
            rs[i].value_max = e->vals[i].hi;
            rs[i].strptr = e->vals[i].name;
        }
        g_hash_table_insert(cache, (gpointer)e, rs);
        return rs;
    }
    value_string *vs = g_new0(value_string, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < e->n_vals; i++)
        for (guint64 v = e->vals[i].lo; v <= e->vals[i].hi; v++) {
            vs[k].value = (guint32)v;
            vs[k++].strptr = e->vals[i].name;
        }
    g_hash_table_insert(cache, (gpointer)e, vs);
    return vs;
}

static void note_field_use(guint *kinds, int field, const ccx_field_ref *r)
{
    int k = dtype_kind(r->type);
    kinds[field] |= 1u << k;
    if (is_int_kind(k)) {
        unsigned w = ccx_dtype_size(r->type);
        /* A maximum size wider than the type (AutoWork: BOOL, 4) is decoded
         * as one number of that size. */
        if (r->tag && r->size <= 4 && r->size > w)
            w = r->size;
        if (w > fld_width[field])
            fld_width[field] = (guint8)w;
    }
}

/* Decide each field's FT type from its uses, and collect the mask enums. */
static void classify_fields(const ccx_enum **single_enum, guint8 *n_enums, GArray *mask_list)
{
    guint kinds[CCXF_COUNT];
    static const ccx_enum *enums_of[CCXF_COUNT][8];   /* registration only */
    memset(kinds, 0, sizeof kinds);
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *d = &ccx_messages[i];
        for (int part = 0; part < 2; part++) {
            const ccx_field_ref *refs = part ? d->floating : d->fixed;
            size_t n = part ? d->n_floating : d->n_fixed;
            for (size_t j = 0; j < n; j++) {
                const ccx_field_ref *r = &refs[j];
                note_field_use(kinds, (int)r->field, r);
                const ccx_enum *e = ccx_ref_enum((int)r->field, r);
                if (!e)
                    continue;
                /* Count the distinct value lists of the field. */
                gboolean known = FALSE;
                for (guint k = 0; k < n_enums[r->field] && k < 8; k++)
                    known |= enums_of[r->field][k] == e;
                if (!known && n_enums[r->field] < 8)
                    enums_of[r->field][n_enums[r->field]++] = e;
                if (!single_enum[r->field])
                    single_enum[r->field] = e;
                if (e->is_mask) {
                    gboolean seen = FALSE;
                    for (guint k = 0; k < mask_list->len; k++) {
                        const mask_reg *mr = &g_array_index(mask_list, mask_reg, k);
                        seen |= mr->field == (int)r->field && mr->enm == e;
                    }
                    if (!seen) {
                        mask_reg mr = { (int)r->field, e, -1, NULL, NULL };
                        g_array_append_val(mask_list, mr);
                    }
                }
            }
        }
    }
    /* Table 188 types, for fields met outside their messages: only to widen
     * integers; a different kind is shown raw at dissection time. */
    for (size_t i = 0; i < ccx_n_tags; i++) {
        int f = ccx_tags[i].field;
        if (f < 0)
            continue;
        int k = dtype_kind(ccx_tags[i].type);
        if (!kinds[f])
            kinds[f] = 1u << k;
        if (is_int_kind(k) && (kinds[f] & (1u << k)) && ccx_dtype_size(ccx_tags[i].type) > fld_width[f])
            fld_width[f] = (guint8)ccx_dtype_size(ccx_tags[i].type);
    }
    for (int f = 0; f < CCXF_COUNT; f++) {
        guint k = kinds[f];
        if (f == CCXF_reserved || k == 0)
            fld_kind[f] = HK_BYTES;
        else if (k == (1u << HK_UINT) || k == ((1u << HK_UINT) | (1u << HK_INT)))
            fld_kind[f] = HK_UINT;   /* mixed signedness: raw bits, as ccx_decoded_field.u */
        else if (k == (1u << HK_INT))
            fld_kind[f] = HK_INT;
        else if (k == (1u << HK_TIME))
            fld_kind[f] = HK_TIME;
        else if (k == (1u << HK_STRING))
            fld_kind[f] = HK_STRING;
        else if (k == (1u << HK_NAMED))
            fld_kind[f] = HK_NAMED;
        else
            fld_kind[f] = HK_BYTES;
        if (is_int_kind(fld_kind[f]) && fld_width[f] == 0)
            fld_width[f] = 4;
    }
}

static enum ftenum int_ftype(int kind, unsigned width)
{
    if (kind == HK_INT)
        return width == 1 ? FT_INT8 : width == 2 ? FT_INT16 : width == 3 ? FT_INT24 : FT_INT32;
    return width == 1 ? FT_UINT8 : width == 2 ? FT_UINT16 : width == 3 ? FT_UINT24 : FT_UINT32;
}

/* ------------------------------------------------------------------ */
/* State helpers. */

/* The decoder's framer behind each direction (plugin_stream.c). */
static void ps_ccx_problem(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text)
{
    ps_emit_problem(ctx, (int)sev, off, len, text);
}

static const ccx_framer_cb ps_ccx_cb = { ps_emit_message, ps_ccx_problem };

static gpointer ps_ccx_new(gpointer ctx)
{
    ccx_framer *f = g_new(ccx_framer, 1);
    ccx_framer_init(f, &ps_ccx_cb, ctx);
    return f;
}

static void ps_ccx_feed(gpointer f, const guint8 *data, size_t len)
{
    ccx_framer_feed(f, data, len);
}

static void ps_ccx_gap(gpointer f, guint64 missing)
{
    ccx_framer_gap(f, missing);
}

static void ps_ccx_close(gpointer f, const char *how)
{
    ccx_framer_close(f, how);
}

static guint64 ps_ccx_undecided(gconstpointer f)
{
    return ((const ccx_framer *)f)->off;
}

static void ps_ccx_free(gpointer f)
{
    ccx_framer_free(f);
    g_free(f);
}

static void ps_ccx_late(ps_stream *st, const ps_item *it, const guint8 *bytes, size_t len, guint32 frame,
                        const nstime_t *ts);

static const ps_framer_ops ccx_ps_ops = {
    ps_ccx_new, ps_ccx_feed, ps_ccx_gap, ps_ccx_close, ps_ccx_undecided, ps_ccx_free, pc_gap_seen, ps_ccx_late,
};

static ps_stream *get_stream(packet_info *pinfo)
{
    return ps_stream_get(pinfo, proto_ccxcti, &ccx_ps_ops);
}

/* What the framer hands out as the stream is closed after the first pass
 * goes to the call flows, as the CLI hands it at the connection's end. */
static void ps_ccx_late(ps_stream *st, const ps_item *it, const guint8 *bytes, size_t len, guint32 frame,
                        const nstime_t *ts)
{
    if (it->kind == PS_PROBLEM) {
        pc_problem(st, frame, ts, it);
        return;
    }
    const ccx_conv *cv = *ps_stream_owner(st);
    ccx_decode(bytes, len, cv && cv->session ? cv->session->version : 0, cur_msg);
    pc_feed_ccx(st, frame, ts, it->dir, cur_msg);
}

static ccx_conv *get_conv(packet_info *pinfo)
{
    gpointer *owner = ps_stream_owner(get_stream(pinfo));
    ccx_conv *cv = *owner;
    if (!cv) {
        cv = wmem_new0(wmem_file_scope(), ccx_conv);
        cv->pending = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
        *owner = cv;
    }
    return cv;
}

static const ccx_decoded_field *find_fixed(const ccx_msg *m, int field)
{
    unsigned n = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    for (unsigned i = 0; i < n; i++)
        if (m->fields[i].field == field && m->fields[i].kind == CCX_D_FIXED && m->fields[i].valid)
            return &m->fields[i];
    return NULL;
}

static const ccx_decoded_field *find_invoke(const ccx_msg *m)
{
    unsigned n = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    for (unsigned i = 0; i < n; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        if (f->field >= 0 && (ccx_fields[f->field].roles & CCX_ROLE_INVOKE_ID) && f->valid &&
            f->kind == CCX_D_FIXED)
            return f;
    }
    return NULL;
}

/* First pass: remember the session and match requests to responses. */
static void first_pass_state(packet_info *pinfo, ccx_conv *cv, ccx_pdu *pdu, const ccx_msg *m)
{
    if (!m->def)
        return;
    if (m->def->id == CCXM_OPEN_REQ) {
        ccx_session *s = wmem_new0(wmem_file_scope(), ccx_session);
        const ccx_decoded_field *f;
        s->frame = pinfo->num;
        if ((f = find_fixed(m, CCXF_VersionNumber)))
            s->version = f->u;
        if ((f = find_fixed(m, CCXF_ServicesRequested)))
            s->services = f->u;
        if ((f = find_fixed(m, CCXF_CallMsgMask)))
            s->call_mask = f->u;
        if ((f = find_fixed(m, CCXF_AgentStateMask)))
            s->agent_mask = f->u;
        if ((f = find_fixed(m, CCXF_ConfigMsgMask)))
            s->config_mask = f->u;
        cv->session = s;
    }
    const ccx_decoded_field *inv = find_invoke(m);
    if (!inv)
        return;
    gpointer key = GUINT_TO_POINTER(inv->u);
    if (m->def->kind == CCX_KIND_REQUEST) {
        ccx_trans *t = wmem_new0(wmem_file_scope(), ccx_trans);
        t->req_frame = pinfo->num;
        t->req_time = pinfo->abs_ts;
        t->req_type = m->def->id;
        t->req_name = m->def->name;
        wmem_map_insert(cv->pending, key, t);
        pdu->trans = t;
    } else if (m->def->kind == CCX_KIND_RESPONSE) {
        ccx_trans *t = wmem_map_lookup(cv->pending, key);
        if (t && !t->rsp_frame && t->req_frame <= pinfo->num) {
            t->rsp_frame = pinfo->num;
            t->failed = ccx_msg_failure(m->def) != NULL;
            pdu->trans = t;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Tree building. */

static const char *msg_name(packet_info *pinfo, const ccx_msg *m)
{
    char b[32];
    const char *name = ccx_msg_name(m, b, sizeof b);
    return name == b ? wmem_strdup(pinfo->pool, b) : name;
}

/* The tvb text of a STRING field, up to its NUL. */
static const char *str_value(packet_info *pinfo, tvbuff_t *tvb, guint32 off, guint32 len)
{
    return (const char *)tvb_get_string_enc(pinfo->pool, tvb, (gint)off, (gint)len, ENC_UTF_8);
}

/* FieldDataID and length of a floating field, under its item. */
static void add_tlv_header(proto_tree *t, tvbuff_t *tvb, const ccx_decoded_field *f)
{
    proto_tree_add_item(t, hf_field_data_id, tvb, (gint)f->item_offset, 1, ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_field_length, tvb, (gint)f->item_offset + 1, 1, ENC_BIG_ENDIAN);
}

/* Generated ccxcti.call / ccxcti.device items for fields with those roles. */
static void add_role_items(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const ccx_decoded_field *f,
                           gint start, gint len)
{
    if (f->field < 0 || !f->valid)
        return;
    unsigned roles = ccx_fields[f->field].roles;
    proto_item *gi = NULL;
    if ((roles & CCX_ROLE_CALL_ID) && ccx_dtype_is_int(f->type) && !ccx_null_name(f->field, f->type, f->u))
        gi = proto_tree_add_uint(t, hf_call, tvb, start, len, f->u);
    else if ((roles & CCX_ROLE_DEVICE_ID) && f->type == CCX_STRING && f->str_len > 0)
        gi = proto_tree_add_string(t, hf_device, tvb, start, len,
                                   str_value(pinfo, tvb, f->offset, f->str_len));
    if (gi)
        proto_item_set_generated(gi);
}

static gboolean has_role_item(const ccx_decoded_field *f)
{
    if (f->field < 0 || !f->valid)
        return FALSE;
    unsigned roles = ccx_fields[f->field].roles;
    return ((roles & CCX_ROLE_CALL_ID) && ccx_dtype_is_int(f->type) && !ccx_null_name(f->field, f->type, f->u)) ||
           ((roles & CCX_ROLE_DEVICE_ID) && f->type == CCX_STRING && f->str_len > 0);
}

/* "0x00000014 (A | B)" as the CLI prints it; when every name would not
 * fit an item label, the count (the bits are listed below it anyway). */
static const char *mask_text(const ccx_enum *e, const ccx_decoded_field *f, char *buf, size_t n)
{
    ccx_format_int(f, buf, n);
    if (strlen(buf) > 160) {
        guint named = 0;
        for (size_t i = 0; i < e->n_vals; i++)
            named += e->vals[i].lo && (f->u & e->vals[i].lo) == e->vals[i].lo;
        g_snprintf(buf, (gulong)n, "0x%08x (%u named bits set%s)", f->u, named,
                   (f->u & ~mask_known(e)) ? ", and bits the spec does not define" : "");
    }
    return buf;
}

/* The value item of one decoded field, covering [start, start + len):
 * the field for a fixed field, FieldDataID + length + data for a floating
 * one.  Returns the item; *sub gets its subtree when one was made. */
static proto_item *add_value_item(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const ccx_msg *m,
                                  const ccx_decoded_field *f, gint start, gint len, proto_tree **sub)
{
    char nb[64], vb[1024];
    proto_item *ti;
    int fld = f->field;
    int dk = dtype_kind(f->type);
    int hk = fld >= 0 ? fld_kind[fld] : -1;
    gint ett = fld >= 0 ? ett_field[fld] : ett_tlv;
    *sub = NULL;

    if (f->kind == CCX_D_RAW) {
        return proto_tree_add_item(t, hf_raw, tvb, (gint)f->offset, (gint)f->length, ENC_NA);
    }
    if (f->kind == CCX_D_UNKNOWN) {
        const ccx_tag_def *td = ccx_tag_by_id(f->tag);
        ti = proto_tree_add_bytes_with_length(t, hf_unknown_field, tvb, start, len,
                                              tvb_get_ptr(tvb, (gint)f->offset, (gint)f->length),
                                              (gint)f->length);
        proto_item_set_text(ti, "%s FieldDataID %u (%u bytes): %s", td ? "Reserved" : "Unknown",
                            f->tag, f->length,
                            f->length ? tvb_bytes_to_str(pinfo->pool, tvb, (gint)f->offset, (gint)f->length)
                                      : "(empty)");
        *sub = proto_item_add_subtree(ti, ett_tlv);
        add_tlv_header(*sub, tvb, f);
        return ti;
    }

    /* Not decodable (length does not fit the type, field cut short), or a
     * foreign field whose Table 188 type differs from the field's hf: raw. */
    gboolean fits = f->valid && fld >= 0 &&
                    (hk == HK_BYTES || hk == dk || (hk == HK_UINT && dk == HK_INT));
    if (!fits) {
        ti = proto_tree_add_bytes_with_length(t, hf_undecodable, tvb, start, len,
                                              tvb_get_ptr(tvb, (gint)f->offset, (gint)f->length),
                                              (gint)f->length);
        proto_item_set_text(ti, "%s: %s [%u bytes, %s %s]", ccx_decoded_field_name(f, nb, sizeof nb),
                            f->length ? tvb_bytes_to_str(pinfo->pool, tvb, (gint)f->offset, (gint)f->length)
                                      : "(empty)",
                            f->length, f->valid ? "shown raw as" : "not decodable as",
                            ccx_dtype_name(f->type));
        if (f->kind != CCX_D_FIXED) {
            *sub = proto_item_add_subtree(ti, ett);
            add_tlv_header(*sub, tvb, f);
        }
        return ti;
    }

    switch (hk) {
    case HK_BYTES:
        ti = proto_tree_add_bytes_with_length(t, hf_field[fld], tvb, start, len,
                                              tvb_get_ptr(tvb, (gint)f->offset, (gint)f->length),
                                              (gint)f->length);
        break;
    case HK_STRING:
        ti = proto_tree_add_string(t, hf_field[fld], tvb, start, len,
                                   str_value(pinfo, tvb, f->offset, f->str_len));
        break;
    case HK_TIME: {
        nstime_t ts;
        ts.secs = (time_t)f->u;
        ts.nsecs = 0;
        ti = proto_tree_add_time(t, hf_field[fld], tvb, start, len, &ts);
        break;
    }
    case HK_NAMED: {
        guint32 noff = (guint32)(f->nv_name - m->buf);
        guint32 voff = (guint32)(f->nv_value - m->buf);
        const char *name = str_value(pinfo, tvb, noff, f->nv_name_len);
        const char *value = str_value(pinfo, tvb, voff, f->nv_value_len);
        const char *both = f->type == CCX_NAMEDARRAY
                               ? wmem_strdup_printf(pinfo->pool, "%s[%u]=%s", name, f->nv_index, value)
                               : wmem_strdup_printf(pinfo->pool, "%s=%s", name, value);
        ti = proto_tree_add_string(t, hf_field[fld], tvb, start, len, both);
        *sub = proto_item_add_subtree(ti, ett_named);
        if (f->kind != CCX_D_FIXED)
            add_tlv_header(*sub, tvb, f);
        if (f->type == CCX_NAMEDARRAY)
            proto_tree_add_uint(*sub, hf_na_index, tvb, (gint)f->offset, 1, f->nv_index);
        proto_tree_add_string(*sub, hf_nv_name, tvb, (gint)noff, (gint)f->nv_name_len, name);
        proto_tree_add_string(*sub, hf_nv_value, tvb, (gint)voff, (gint)f->nv_value_len, value);
        return ti;
    }
    default: {   /* integers */
        const ccx_enum *e = ccx_ref_enum(fld, f->ref);
        if (e && e->is_mask) {
            mask_reg *mr = find_mask(fld, e);
            ti = proto_tree_add_uint_format_value(t, hf_field[fld], tvb, start, len, f->u, "%s",
                                                  mask_text(e, f, vb, sizeof vb));
            *sub = proto_item_add_subtree(ti, mr ? mr->ett : ett);
            if (f->kind != CCX_D_FIXED)
                add_tlv_header(*sub, tvb, f);
            guint32 known = mask_known(e);
            if (mr && mr->bits[0])
                proto_tree_add_bitmask_list_value(*sub, tvb, (guint)f->offset, (int)f->length,
                                                  mr->bits, f->u);
            if (f->u & ~known)
                proto_tree_add_uint(*sub, hf_unknown_bits, tvb, (gint)f->offset, (gint)f->length,
                                    f->u & ~known);
            return ti;
        }
        const char *vname = fld_vals[fld] ? NULL : ccx_value_name(f);
        if (hk == HK_INT) {
            ti = vname ? proto_tree_add_int_format_value(t, hf_field[fld], tvb, start, len, f->i,
                                                         "%s (%d)", vname, f->i)
                       : proto_tree_add_int(t, hf_field[fld], tvb, start, len, f->i);
        } else {
            ti = vname ? proto_tree_add_uint_format_value(t, hf_field[fld], tvb, start, len, f->u,
                                                          "%s (%u)", vname, f->u)
                       : proto_tree_add_uint(t, hf_field[fld], tvb, start, len, f->u);
        }
        break;
    }
    }
    if (f->kind != CCX_D_FIXED || has_role_item(f))
        *sub = proto_item_add_subtree(ti, ett);
    if (*sub && f->kind != CCX_D_FIXED)
        add_tlv_header(*sub, tvb, f);
    return ti;
}

static proto_item *add_field(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const ccx_msg *m,
                             const ccx_decoded_field *f)
{
    gint start = (gint)f->item_offset;
    gint len = (gint)(f->offset + f->length - f->item_offset);
    proto_tree *sub;
    proto_item *ti = add_value_item(t, pinfo, tvb, m, f, start, len, &sub);
    if (f->kind == CCX_D_FOREIGN)
        proto_item_append_text(ti, " [not defined for %s]", m->def ? m->def->name : "this message");
    if (sub)
        add_role_items(sub, pinfo, tvb, f, start, len);
    return ti;
}

/* Counted groups (ConnectedParty triplets, CSQ records, ...): consecutive
 * floating refs with the same count_field.  One subtree per instance; a
 * group counted by a field that is itself in a group nests inside it. */
typedef struct group_level {
    int count;               /* count_field, -1 = closed */
    guint instance;
    guint inner;             /* groups opened inside this one, for their numbers */
    proto_tree *tree;
    proto_item *item;
} group_level;

static size_t group_span(const ccx_msg_def *d, size_t ri, size_t *lo)
{
    int c = d->floating[ri].count_field;
    size_t a = ri, b = ri;
    while (a > 0 && d->floating[a - 1].count_field == c)
        a--;
    while (b + 1 < d->n_floating && d->floating[b + 1].count_field == c)
        b++;
    if (lo)
        *lo = a;
    return b - a + 1;
}

static gboolean count_is_nested(const ccx_msg_def *d, int count)
{
    for (size_t i = 0; i < d->n_floating; i++)
        if ((int)d->floating[i].field == count && d->floating[i].count_field >= 0)
            return TRUE;
    return FALSE;
}

/* "ConnectedParty", "CSQ", "CallDevice", "Record": the longer of the
 * members' common name prefix and the count field's name without "Num"
 * in the singular. */
static const char *group_label(const ccx_msg_def *d, size_t ri, char *buf, size_t n)
{
    const char *cn = ccx_fields[d->floating[ri].count_field].name;
    if (strncmp(cn, "Num", 3) == 0)
        cn += 3;
    g_strlcpy(buf, cn, n);
    size_t l = strlen(buf);
    if (l > 3 && strcmp(buf + l - 3, "ies") == 0)
        g_strlcpy(buf + l - 3, "y", n - (l - 3));
    else if (l > 1 && buf[l - 1] == 's')
        buf[l - 1] = '\0';
    size_t lo, span = group_span(d, ri, &lo);
    const char *prefix = NULL;
    size_t plen = 0;
    unsigned named = 0;
    for (size_t j = lo; j < lo + span; j++) {
        const char *name = ccx_fields[d->floating[j].field].name;
        if (d->floating[j].field == CCXF_reserved)
            continue;
        if (named++ == 0) {
            prefix = name;
            plen = strlen(name);
            continue;
        }
        size_t k = 0;
        while (k < plen && name[k] == prefix[k])
            k++;
        plen = k;
    }
    if (named >= 2 && plen > strlen(buf) && plen < n) {
        memcpy(buf, prefix, plen);
        buf[plen] = '\0';
    }
    return buf;
}

static void close_level(group_level *g, tvbuff_t *tvb, gint end)
{
    if (g->count >= 0 && g->item)
        proto_item_set_end(g->item, tvb, end);
    g->count = -1;
    g->tree = NULL;
    g->item = NULL;
}

/* The subtree a floating field goes into. */
static proto_tree *group_tree(proto_tree *floating, tvbuff_t *tvb, const ccx_msg *m, const ccx_decoded_field *f,
                              group_level lv[2], gint *ends)
{
    const ccx_msg_def *d = m->def;
    gint start = (gint)f->item_offset;
    gint end = (gint)(f->offset + f->length);
    const ccx_field_ref *r = f->ref;
    size_t ri = r ? (size_t)(r - d->floating) : 0;
    if (!r || r->count_field < 0 || group_span(d, ri, NULL) < 2) {
        close_level(&lv[1], tvb, ends[1]);
        close_level(&lv[0], tvb, ends[0]);
        return floating;
    }
    int level = count_is_nested(d, r->count_field) && lv[0].count >= 0 ? 1 : 0;
    char lb[64];
    if (level == 0) {
        if (lv[0].count != r->count_field || lv[0].instance != f->instance) {
            close_level(&lv[1], tvb, ends[1]);
            close_level(&lv[0], tvb, ends[0]);
            lv[0].tree = proto_tree_add_subtree_format(floating, tvb, start, end - start,
                                                       ett_group[r->count_field], &lv[0].item, "%s %u",
                                                       group_label(d, ri, lb, sizeof lb), f->instance + 1);
            lv[0].count = r->count_field;
            lv[0].instance = f->instance;
            lv[0].inner = 0;
        }
    } else if (lv[1].count != r->count_field || lv[1].instance != f->instance) {
        close_level(&lv[1], tvb, ends[1]);
        /* Numbered within the enclosing group (the decoder counts them
         * across the whole message). */
        lv[1].tree = proto_tree_add_subtree_format(lv[0].tree, tvb, start, end - start,
                                                   ett_group[r->count_field], &lv[1].item, "%s %u",
                                                   group_label(d, ri, lb, sizeof lb), ++lv[0].inner);
        lv[1].count = r->count_field;
        lv[1].instance = f->instance;
    }
    for (int k = 0; k <= level; k++)
        ends[k] = end;
    return lv[level].tree;
}

static void add_session_tree(proto_tree *t, tvbuff_t *tvb, const ccx_session *s)
{
    const char *mode;
    unsigned modes = ccx_service_modes(s->services);
    gboolean bridge = (modes & CCX_MODE_BRIDGE) != 0;
    gboolean agent = (modes & CCX_MODE_AGENT) != 0;
    if (bridge && agent)
        mode = "bridge and agent bits both set";
    else if (bridge)
        mode = "bridge mode";
    else if (agent)
        mode = "agent mode";
    else
        mode = "neither bridge nor agent mode";
    proto_item *si;
    proto_tree *st = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_session, &si,
                                                   "Session: version %u, %s, OPEN_REQ in frame %u",
                                                   s->version, mode, s->frame);
    proto_item_set_generated(si);
    proto_item *gi;
    gi = proto_tree_add_uint(st, hf_sess_version, tvb, 0, 0, s->version);
    proto_item_set_generated(gi);
    gi = proto_tree_add_string(st, hf_sess_mode, tvb, 0, 0, mode);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(st, hf_sess_open_req, tvb, 0, 0, s->frame);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(st, hf_sess_services, tvb, 0, 0, s->services);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(st, hf_sess_call_mask, tvb, 0, 0, s->call_mask);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(st, hf_sess_agent_mask, tvb, 0, 0, s->agent_mask);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(st, hf_sess_config_mask, tvb, 0, 0, s->config_mask);
    proto_item_set_generated(gi);
}

/* The item a diagnostic belongs to: the field it names (any, if it names
 * none) starting at its offset.  "Required field missing" names a field
 * that is not there: it gets an item of its own at its offset. */
static proto_item *diag_item(const ccx_msg *m, proto_item **items, unsigned n, guint32 off, int field)
{
    for (unsigned i = 0; i < n; i++)
        if (items[i] && (m->fields[i].item_offset == off || m->fields[i].offset == off) &&
            (field < 0 || m->fields[i].field == field))
            return items[i];
    return NULL;
}

static expert_field *diag_ei(ccx_severity s)
{
    return s == CCX_SEV_ERROR ? &ei_diag_error : s == CCX_SEV_WARN ? &ei_diag_warn : &ei_diag_note;
}

/* Name of an enum value, or the number. */
static const char *value_text(packet_info *pinfo, const ccx_decoded_field *f)
{
    const char *n = ccx_value_name(f);
    return n ? wmem_strdup_printf(pinfo->pool, "%s (%u)", n, f->u)
             : wmem_strdup_printf(pinfo->pool, "%u", f->u);
}

/* One message (tvb: its bytes, whole or as far as they go). */
static void dissect_ccx_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, ps_item *item,
                                gboolean first_in_frame)
{
    /* The decoder reads only what was captured of it. */
    guint clen = tvb_captured_length(tvb);
    const guint8 *buf = tvb_get_ptr(tvb, 0, (gint)clen);

    ccx_pdu *pdu = item->user;
    ccx_conv *cv = NULL;
    if (!pdu) {
        cv = get_conv(pinfo);
        pdu = wmem_new0(wmem_file_scope(), ccx_pdu);
        pdu->session = cv->session;
        item->user = pdu;
    }
    ccx_msg *m = cur_msg;
    ccx_decode(buf, clen, pdu->session ? pdu->session->version : 0, m);
    if (cv && !PINFO_FD_VISITED(pinfo)) {
        first_pass_state(pinfo, cv, pdu, m);
        pc_feed_ccx(get_stream(pinfo), pinfo->num, &pinfo->abs_ts, item->dir, m);   /* the call flows, as the CLI feeds them */
    }

    const char *name = msg_name(pinfo, m);
    char sum[512];
    ccx_summary(m, "\u2192", sum, sizeof sum);
    const char *label = sum[0] ? wmem_strdup_printf(pinfo->pool, "%s %s", name, sum) : name;
    plugin_set_info(pinfo, first_in_frame, label);

    unsigned nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    proto_item **items = wmem_alloc0(pinfo->pool, (nf ? nf : 1) * sizeof *items);

    proto_item *pti = proto_tree_add_item(tree, proto_ccxcti, tvb, 0, -1, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett_ccxcti);
    ps_add_message_facts(pt, tvb, item, hf_stream_offset, hf_first_frame);
    proto_tree *ht = proto_tree_add_subtree(pt, tvb, 0, CCX_HEADER_LEN, ett_header, NULL, "Header");
    proto_tree_add_item(ht, hf_body_length, tvb, 0, 4, ENC_BIG_ENDIAN);
    proto_tree_add_item(ht, hf_msg_type, tvb, 4, 4, ENC_BIG_ENDIAN);

    if (tree) {
        proto_tree *fixed = NULL, *floating = NULL, *body = NULL;
        gboolean defined = m->def && m->def->n_fixed + m->def->n_floating > 0;
        if (!defined && m->len > CCX_HEADER_LEN)
            body = proto_tree_add_subtree_format(pt, tvb, CCX_HEADER_LEN, (gint)(m->len - CCX_HEADER_LEN),
                                                 ett_body, NULL, "Body (%u bytes, not decoded)",
                                                 m->len - CCX_HEADER_LEN);
        if (defined && m->def->n_fixed && m->fixed_end > CCX_HEADER_LEN)
            fixed = proto_tree_add_subtree_format(pt, tvb, CCX_HEADER_LEN,
                                                  (gint)(m->fixed_end - CCX_HEADER_LEN), ett_fixed, NULL,
                                                  "Fixed part (%u bytes)", m->fixed_end - CCX_HEADER_LEN);
        if (defined && m->len > m->fixed_end)
            floating = proto_tree_add_subtree_format(pt, tvb, (gint)m->fixed_end,
                                                     (gint)(m->len - m->fixed_end), ett_floating, NULL,
                                                     "Floating part (%u bytes)", m->len - m->fixed_end);
        group_level lv[2] = { { -1, 0, 0, NULL, NULL }, { -1, 0, 0, NULL, NULL } };
        gint ends[2] = { 0, 0 };
        for (unsigned i = 0; i < nf; i++) {
            const ccx_decoded_field *f = &m->fields[i];
            proto_tree *parent;
            if (body)
                parent = body;
            else if (f->kind == CCX_D_FIXED || (f->kind == CCX_D_RAW && f->offset < m->fixed_end))
                parent = fixed ? fixed : pt;
            else
                parent = group_tree(floating ? floating : pt, tvb, m, f, lv, ends);
            items[i] = add_field(parent, pinfo, tvb, m, f);
        }
        close_level(&lv[1], tvb, ends[1]);
        close_level(&lv[0], tvb, ends[0]);

        if (pdu->session)
            add_session_tree(pt, tvb, pdu->session);
    }

    /* Request/response links. */
    ccx_trans *t = pdu->trans;
    if (t && m->def && m->def->kind == CCX_KIND_REQUEST) {
        if (t->rsp_frame) {
            proto_item *it = proto_tree_add_uint(pt, hf_response_in, tvb, 0, 0, t->rsp_frame);
            proto_item_set_generated(it);
        } else if (PINFO_FD_VISITED(pinfo)) {
            const ccx_decoded_field *inv = find_invoke(m);
            proto_tree_add_expert_format(pt, pinfo, &ei_no_response, tvb, 0, 0,
                                         "%s (InvokeID %u): no response in the capture",
                                         m->def->name, inv ? inv->u : 0);
        }
    } else if (t && m->def && m->def->kind == CCX_KIND_RESPONSE) {
        proto_item *it = proto_tree_add_uint(pt, hf_request_in, tvb, 0, 0, t->req_frame);
        proto_item_set_generated(it);
        nstime_t delta;
        nstime_delta(&delta, &pinfo->abs_ts, &t->req_time);
        it = proto_tree_add_time(pt, hf_response_time, tvb, 0, 0, &delta);
        proto_item_set_generated(it);
    }

    /* The call families of the message's calls (once the capture is read). */
    if (pc_ready()) {
        pc_family_set *fam = pc_family_new(pinfo->pool);
        for (unsigned i = 0; i < nf; i++) {
            const ccx_decoded_field *f = &m->fields[i];
            if (f->field >= 0 && f->valid && (ccx_fields[f->field].roles & CCX_ROLE_CALL_ID) &&
                ccx_dtype_is_int(f->type) && !ccx_null_name(f->field, f->type, f->u))
                pc_family_add(fam, get_stream(pinfo), pinfo->num, wmem_strdup_printf(pinfo->pool, "%u", f->u));
        }
        if (m->def)
            pc_family_add_events(fam, get_stream(pinfo), pinfo->num, m->def->name);
        const char *const *ids;
        guint nids = pc_family_ids(fam, &ids);
        for (guint i = 0; i < nids; i++) {
            proto_item *it = proto_tree_add_string(pt, hf_call_family, tvb, 0, 0, ids[i]);
            proto_item_set_generated(it);
        }
    }

    /* Decoder diagnostics, at the field (or offset) they concern. */
    for (unsigned i = 0; i < m->n_diags; i++) {
        const ccx_diag *d = &m->diags[i];
        proto_item *it = diag_item(m, items, nf, d->offset, d->field);
        if (it)
            expert_add_info_format(pinfo, it, diag_ei(d->sev), "%s", d->text);
        else
            proto_tree_add_expert_format(pt, pinfo, diag_ei(d->sev), tvb,
                                         (gint)MIN(d->offset, clen), 0, "%s", d->text);
    }
    if (m->diags_dropped)
        proto_tree_add_expert_format(pt, pinfo, &ei_diag_note, tvb, 0, 0,
                                     CTI_DIAGS_DROPPED_FMT, m->diags_dropped);

    /* Outcomes worth flagging: a failure, by the fields the decoder says
     * carry it (a code, and for CONTROL_FAILURE_CONF the Unified CCX error
     * code as well); a failed request (a response) is expert info. */
    const char *failure = NULL;
    const ccx_failure *fl = ccx_msg_failure(m->def);
    const ccx_decoded_field *code = fl ? find_fixed(m, fl->code) : NULL;
    if (code) {
        const ccx_decoded_field *detail = fl->detail >= 0 ? find_fixed(m, fl->detail) : NULL;
        const char *vn = ccx_value_name(code);
        const char *text = value_text(pinfo, code);
        failure = vn ? vn : wmem_strdup_printf(pinfo->pool, "code %u", code->u);
        if (detail) {
            const char *dn = ccx_value_name(detail);
            const char *dname = ccx_fields[detail->field].name;
            failure = dn ? wmem_strdup_printf(pinfo->pool, "%s, %s", failure, dn)
                         : wmem_strdup_printf(pinfo->pool, "%s, %s %u", failure, dname, detail->u);
            text = wmem_strdup_printf(pinfo->pool, "%s, %s: %s", text, dname, value_text(pinfo, detail));
        }
        if (m->def->kind == CCX_KIND_RESPONSE) {
            proto_item *it = diag_item(m, items, nf, code->offset, code->field);
            if (it)
                expert_add_info_format(pinfo, it, &ei_failure, "%s: %s", m->def->name, text);
            else
                proto_tree_add_expert_format(pt, pinfo, &ei_failure, tvb, (gint)code->offset,
                                             (gint)code->length, "%s: %s", m->def->name, text);
        }
    }
    if (m->def && m->def->id == CCXM_SYSTEM_EVENT && ccx_in_service) {
        const ccx_decoded_field *st = find_fixed(m, CCXF_CCXStatus);
        if (st && st->u != ccx_in_service->lo) {
            const char *vn = ccx_value_name(st);
            proto_item *it = diag_item(m, items, nf, st->offset, st->field);
            if (it)
                expert_add_info_format(pinfo, it, &ei_system_status,
                                       "Unified CCX status %s (0x%x), not in service",
                                       vn ? vn : "unknown", st->u);
            else
                proto_tree_add_expert_format(pt, pinfo, &ei_system_status, tvb, (gint)st->offset,
                                             (gint)st->length,
                                             "Unified CCX status %s (0x%x), not in service",
                                             vn ? vn : "unknown", st->u);
        }
    }

    if (have_tap_listener(ccxcti_tap)) {
        ccx_tap_info *ti = wmem_new0(pinfo->pool, ccx_tap_info);
        ti->type_id = m->type_id;
        ti->name = name;
        if (m->def && m->def->kind == CCX_KIND_REQUEST) {
            ti->req.kind = PLUGIN_REQ_REQUEST;
            ti->req.row = (int)m->def->id;
            ti->req.type = m->def->name;
            ti->req.answered = t && t->rsp_frame ? 1 : PINFO_FD_VISITED(pinfo) ? 0 : -1;
            ti->req.failed = t && t->rsp_frame && t->failed;
        } else if (t && m->def && m->def->kind == CCX_KIND_RESPONSE) {
            ti->req.kind = PLUGIN_REQ_RESPONSE;
            ti->req.row = (int)t->req_type;
            ti->req.type = t->req_name;
            ti->req.failed = t->failed;
            ti->req.req_time = t->req_time;
        }
        ti->cls = m->def ? ccx_class_name(m->def->cls)
                         : ccx_msg_id_is_reserved(m->type_id) ? "Reserved type" : "Unknown type";
        ti->label = label;
        if (failure)
            ti->failure = wmem_strdup_printf(pinfo->pool, "%s: %s", name, failure);
        if (m->def && m->def->id == CCXM_AGENT_STATE_EVENT) {
            const ccx_decoded_field *as = find_fixed(m, CCXF_AgentState);
            if (as) {
                const char *vn = ccx_value_name(as);
                ti->agent_state = vn ? vn : wmem_strdup_printf(pinfo->pool, "AgentState %u", as->u);
            }
        }
        tap_queue_packet(ccxcti_tap, pinfo, ti);
    }
}

static expert_field *stream_ei[3] = { &ei_stream_note, &ei_stream_warn, &ei_stream_error };

/* A problem of the stream (not a message): an item with the decoder's
 * words as expert info, and a "(not a message)" for the taps. */
static void show_problem(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                         gboolean first_in_frame)
{
    ps_show_problem(it, tvb, pinfo, tree, proto_ccxcti, hf_garbage, hf_stream_offset, ett_ccxcti,
                    stream_ei, first_in_frame);
    if (!PINFO_FD_VISITED(pinfo))   /* the calls' engine hears of it, as the CLI's does */
        pc_problem(get_stream(pinfo), pinfo->num, &pinfo->abs_ts, it);
    if (have_tap_listener(ccxcti_tap)) {
        ccx_tap_info *ti = wmem_new0(pinfo->pool, ccx_tap_info);
        ti->garbage = TRUE;
        ti->name = "(not a message)";
        ti->cls = "(not a message)";
        ti->label = wmem_strdup_printf(pinfo->pool, "[%s]", it->text);
        tap_queue_packet(ccxcti_tap, pinfo, ti);
    }
}

/* What the framer decided in this frame: messages, the frame's shares of
 * messages completed elsewhere, and the problems of the stream. */
static int dissect_ccxcti_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (!PINFO_FD_VISITED(pinfo))
        pc_touch(get_stream(pinfo), pinfo);
    ps_item **items;
    guint n = ps_frame_items(get_stream(pinfo), tvb, pinfo, data, &items);
    if (n)
        col_set_str(pinfo->cinfo, COL_PROTOCOL, "CCX CTI");
    for (guint i = 0; i < n; i++) {
        ps_item *it = items[i];
        switch (it->kind) {
        case PS_MESSAGE:
            dissect_ccx_message(ps_item_tvb(it, tvb, pinfo, "Reassembled CCX CTI message"), pinfo, tree,
                                it, i == 0);
            break;
        case PS_PART:
            ps_show_part(it, tvb, pinfo, tree, proto_ccxcti, hf_part_of, hf_stream_offset, ett_ccxcti, i == 0,
                         "CCX CTI message");
            break;
        case PS_PROBLEM:
            show_problem(it, tvb, pinfo, tree, i == 0);
            break;
        }
    }
    if (n)
        pc_tap_frame(get_stream(pinfo), pinfo, ccxcti_calls_tap);
    return (int)tvb_captured_length(tvb);
}

/* The postdissector: a retransmission whose bytes differ from those the
 * direction already received, in a frame TCP did not hand to the
 * dissector (plugin_stream.h). */
static int dissect_ccxcti_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    ps_item **items;
    guint n = ps_post_items(proto_ccxcti, tvb, pinfo, tree, &items);
    if (n)
        col_set_str(pinfo->cinfo, COL_PROTOCOL, "CCX CTI");
    for (guint i = 0; i < n; i++)
        show_problem(items[i], tvb, pinfo, tree, i == 0);
    return n ? (int)tvb_captured_length(tvb) : 0;
}

/* CCX on any TCP port: the first bytes of a direction are a whole clean
 * message (cti_detect, as the CLI decides). */
static ws_heur_result dissect_ccxcti_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (ps_probe(get_stream(pinfo), tvb, pinfo, data) != CTI_DETECT_CCX)
        return FALSE;
    conversation_t *conv = find_or_create_conversation(pinfo);
    conversation_set_dissector(conv, ccxcti_handle);
    dissect_ccxcti_tcp(tvb, pinfo, tree, data);
    return TRUE;
}

/* ------------------------------------------------------------------ */
/* Taps: stats tree and flow graph. */

static int st_node_msgs = -1;
static int st_node_fail = -1;
static int st_node_agent = -1;
static const char st_str_msgs[] = "Messages by class and type";
static const char st_str_fail[] = "Failures by code";
static const char st_str_agent[] = "Agent states (AGENT_STATE_EVENT)";

static void ccx_stats_init(stats_tree *st)
{
    st_node_msgs = stats_tree_create_node(st, st_str_msgs, 0, STAT_DT_INT, TRUE);
    st_node_fail = stats_tree_create_node(st, st_str_fail, 0, STAT_DT_INT, TRUE);
    st_node_agent = stats_tree_create_node(st, st_str_agent, 0, STAT_DT_INT, TRUE);
}

static tap_packet_status ccx_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                          const void *p, tap_flags_t flags _U_)
{
    const ccx_tap_info *ti = p;
    tick_stat_node(st, st_str_msgs, 0, TRUE);
    int cls = tick_stat_node(st, ti->cls, st_node_msgs, TRUE);
    tick_stat_node(st, ti->name, cls, FALSE);
    if (ti->failure) {
        tick_stat_node(st, st_str_fail, 0, TRUE);
        tick_stat_node(st, ti->failure, st_node_fail, FALSE);
    }
    if (ti->agent_state) {
        tick_stat_node(st, st_str_agent, 0, TRUE);
        tick_stat_node(st, ti->agent_state, st_node_agent, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

static tap_packet_status ccx_seq_packet(void *ptr, packet_info *pinfo, epan_dissect_t *edt _U_,
                                        const void *p, tap_flags_t flags _U_)
{
    const ccx_tap_info *ti = p;
    return plugin_seq_item(ptr, pinfo, ti->label,
                           g_strdup_printf("CCX CTI %s: %s", ti->cls, ti->label));
}

/* The request types (CCX_KIND_REQUEST), by MessageTypeID: the rows of
 * the SRT table. */
static const char **req_names;
static int n_req_names;

static void ccx_srt_init(struct register_srt *srt _U_, GArray *srt_array)
{
    plugin_srt_table(srt_array, "CCX CTI requests", "ccxcti.msg_type", req_names, n_req_names);
}

void ccxcti_register_tap_listeners(void)
{
    stats_tree_register_plugin("ccxcti", "ccxcti", "CCX CTI", 0, ccx_stats_packet, ccx_stats_init, NULL);
    stats_tree_register_plugin("ccxcti", "ccxcti.requests", "CCX CTI requests", 0, plugin_req_stats_packet,
                               plugin_req_stats_init, NULL);
    pc_register_call_list("ccxcti,calls", "ccx", "ccxcti_calls");
}

/* ------------------------------------------------------------------ */
/* Registration. */

static hf_register_info *hf_new(GArray *a)
{
    hf_register_info blank;
    memset(&blank, 0, sizeof blank);
    g_array_append_val(a, blank);
    return &g_array_index(a, hf_register_info, a->len - 1);
}

static void hf_set(hf_register_info *h, int *id, const char *name, const char *abbrev, enum ftenum type,
                   int display, const void *strings, guint64 bitmask, const char *blurb)
{
    header_field_info hfi = { name, abbrev, type, display, strings, bitmask, blurb, HFILL };
    h->p_id = id;
    h->hfinfo = hfi;
}

void proto_register_ccxcti(void)
{
    static hf_register_info hf_fixed[] = {
        { &hf_body_length, { "BodyLength", "ccxcti.body_length", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Length of the message body (after the 8-byte header)", HFILL } },
        { &hf_msg_type, { "MessageTypeID", "ccxcti.msg_type", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Message type (Table 11)", HFILL } },
        { &hf_field_data_id, { "FieldDataID", "ccxcti.field_data_id", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Tag of a floating field (Table 188)", HFILL } },
        { &hf_field_length, { "Field length", "ccxcti.field_length", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the floating field's data", HFILL } },
        { &hf_call, { "Call", "ccxcti.call", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Any call id this message carries (CallID, PrimaryCallID, ConnectedPartyCallID, ...)", HFILL } },
        { &hf_device, { "Device", "ccxcti.device", FT_STRING, BASE_NONE, NULL, 0x0,
          "Any device id this message carries (ConnectionDeviceID, CallingDeviceID, ...)", HFILL } },
        { &hf_raw, { "Undecoded bytes", "ccxcti.raw", FT_BYTES, BASE_NONE|BASE_ALLOW_ZERO, NULL, 0x0,
          "Body bytes that cannot be placed (unknown message type, fixed part cut short)", HFILL } },
        { &hf_unknown_field, { "Unknown or reserved floating field", "ccxcti.unknown_field", FT_BYTES,
          BASE_NONE|BASE_ALLOW_ZERO, NULL, 0x0, "Data of a FieldDataID that Table 188 reserves or does not list", HFILL } },
        { &hf_undecodable, { "Undecodable field", "ccxcti.undecodable", FT_BYTES, BASE_NONE|BASE_ALLOW_ZERO, NULL, 0x0,
          "Data of a field whose length does not fit its type", HFILL } },
        { &hf_garbage, { "Stream problem", "ccxcti.garbage", FT_BYTES, BASE_NONE|BASE_ALLOW_ZERO, NULL, 0x0,
          "Bytes of the stream that are not (whole) messages: skipped after an impossible BodyLength, "
          "a message cut short, bytes before a capture gap or the end of the stream", HFILL } },
        { &hf_part_of, { "Part of the message reassembled in", "ccxcti.reassembled_in", FT_FRAMENUM, BASE_NONE,
          NULL, 0x0, "These bytes belong to a message whose last bytes came in that frame, where it is "
          "shown whole", HFILL } },
        { &hf_first_frame, { "First frame of the message", "ccxcti.first_frame", FT_FRAMENUM, BASE_NONE,
          NULL, 0x0, "The message's bytes came in several frames, the first of them this one", HFILL } },
        { &hf_stream_offset, { "Stream offset", "ccxcti.stream_offset", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Where the message (or the bytes of a stream problem) starts in its direction of the TCP "
          "stream, as ctiscope --json says (stream_offset)", HFILL } },
        { &hf_unknown_bits, { "Bits the spec does not define", "ccxcti.unknown_bits", FT_UINT32, BASE_HEX,
          NULL, 0x0, NULL, HFILL } },
        { &hf_nv_name, { "VariableName", "ccxcti.variable_name", FT_STRING, BASE_NONE, NULL, 0x0,
          "Name of a NamedVariable or NamedArray (Tables 186-187)", HFILL } },
        { &hf_nv_value, { "VariableValue", "ccxcti.variable_value", FT_STRING, BASE_NONE, NULL, 0x0,
          "Value of a NamedVariable or NamedArray (Tables 186-187)", HFILL } },
        { &hf_na_index, { "VariableIndex", "ccxcti.variable_index", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Index of a NamedArray element (Table 187)", HFILL } },
        { &hf_response_in, { "Response in", "ccxcti.response_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0, "The response to this request is in this frame", HFILL } },
        { &hf_request_in, { "Request in", "ccxcti.request_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "This is a response to the request in this frame", HFILL } },
        { &hf_response_time, { "Response time", "ccxcti.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL,
          0x0, "Time between the request and this response", HFILL } },
        { &hf_call_family, { "Call family", "ccxcti.call_family", FT_STRING, BASE_NONE, NULL, 0x0,
          "Every call id of the calls this message's calls are merged with (a consult call and the call "
          "it was transferred or conferenced into), as the call flows (ctiscope --calls) join them: one "
          "filter for the whole story.  Known once the whole capture has been read (tshark -2)", HFILL } },
        { &hf_sess_version, { "Protocol version", "ccxcti.session.version", FT_UINT32, BASE_DEC, NULL, 0x0,
          "VersionNumber of the session's OPEN_REQ", HFILL } },
        { &hf_sess_mode, { "Mode", "ccxcti.session.mode", FT_STRING, BASE_NONE, NULL, 0x0,
          "Bridge mode (CTI_SERVICE_ALL_EVENTS) or agent mode (CTI_SERVICE_CLIENT_EVENTS)", HFILL } },
        { &hf_sess_open_req, { "OPEN_REQ in", "ccxcti.session.open_req_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "The OPEN_REQ that opened this session", HFILL } },
        { &hf_sess_services, { "ServicesRequested", "ccxcti.session.services_requested", FT_UINT32, BASE_HEX,
          NULL, 0x0, NULL, HFILL } },
        { &hf_sess_call_mask, { "CallMsgMask", "ccxcti.session.call_msg_mask", FT_UINT32, BASE_HEX, NULL, 0x0,
          NULL, HFILL } },
        { &hf_sess_agent_mask, { "AgentStateMask", "ccxcti.session.agent_state_mask", FT_UINT32, BASE_HEX,
          NULL, 0x0, NULL, HFILL } },
        { &hf_sess_config_mask, { "ConfigMsgMask", "ccxcti.session.config_msg_mask", FT_UINT32, BASE_HEX,
          NULL, 0x0, NULL, HFILL } },
    };
    static gint *ett_fixed_list[] = {
        &ett_ccxcti, &ett_header, &ett_fixed, &ett_floating, &ett_body, &ett_named, &ett_session, &ett_tlv,
    };
    static ei_register_info ei[] = {
        { &ei_diag_error, { "ccxcti.diag.error", PI_MALFORMED, PI_ERROR,
          "The message cannot be decoded as the spec says", EXPFILL } },
        { &ei_diag_warn, { "ccxcti.diag.warning", PI_PROTOCOL, PI_WARN,
          "The message violates the spec", EXPFILL } },
        { &ei_diag_note, { "ccxcti.diag.note", PI_COMMENTS_GROUP, PI_NOTE,
          "Reserved or unknown item skipped", EXPFILL } },
        { &ei_failure, { "ccxcti.failure", PI_RESPONSE_CODE, PI_WARN, "Request failed", EXPFILL } },
        { &ei_no_response, { "ccxcti.no_response", PI_SEQUENCE, PI_WARN,
          "No response to this request in the capture", EXPFILL } },
        { &ei_system_status, { "ccxcti.system_event.not_in_service", PI_RESPONSE_CODE, PI_WARN,
          "Unified CCX is not in service", EXPFILL } },
        { &ei_stream_error, { "ccxcti.stream.error", PI_MALFORMED, PI_ERROR,
          "The stream holds bytes that are not whole CCX messages (bad header, cut message, gap, "
          "stream end)", EXPFILL } },
        { &ei_stream_warn, { "ccxcti.stream.warning", PI_PROTOCOL, PI_WARN,
          "Something in the stream violates the spec", EXPFILL } },
        { &ei_stream_note, { "ccxcti.stream.note", PI_COMMENTS_GROUP, PI_NOTE,
          "Worth knowing about the stream", EXPFILL } },
    };

    proto_ccxcti = proto_register_protocol("Cisco Unified CCX CTI", "CCX CTI", "ccxcti");

    /* Message type names, reserved ids included. */
    value_string *types = g_new0(value_string, ccx_n_messages + ccx_n_reserved_msg_ids + 1);
    size_t nt = 0;
    for (size_t i = 0; i < ccx_n_messages; i++) {
        types[nt].value = ccx_messages[i].id;
        types[nt++].strptr = ccx_messages[i].name;
    }
    for (size_t i = 0; i < ccx_n_reserved_msg_ids; i++) {
        types[nt].value = ccx_reserved_msg_ids[i];
        types[nt++].strptr = "reserved";
    }
    hf_fixed[1].hfinfo.strings = VALS(types);

    /* FieldDataID names (Table 188). */
    value_string *tags = g_new0(value_string, ccx_n_tags + 1);
    for (size_t i = 0; i < ccx_n_tags; i++) {
        tags[i].value = ccx_tags[i].tag;
        tags[i].strptr = ccx_tags[i].name;
    }
    hf_fixed[2].hfinfo.strings = VALS(tags);

    /* One hf per field of ccx_fields.def, typed by its uses. */
    const ccx_enum *single_enum[CCXF_COUNT];
    guint8 n_enums[CCXF_COUNT];
    memset(single_enum, 0, sizeof single_enum);
    memset(n_enums, 0, sizeof n_enums);
    GArray *mask_list = g_array_new(FALSE, TRUE, sizeof(mask_reg));
    classify_fields(single_enum, n_enums, mask_list);
    masks = (mask_reg *)(void *)mask_list->data;
    n_masks = mask_list->len;
    g_array_free(mask_list, FALSE);   /* the data stays, owned by masks */

    GArray *hfa = g_array_new(FALSE, TRUE, sizeof(hf_register_info));
    char *snake[CCXF_COUNT];
    for (int f = 0; f < CCXF_COUNT; f++) {
        hf_field[f] = -1;
        snake[f] = filter_part(ccx_fields[f].name);
        char *abbrev = g_strdup_printf("ccxcti.%s", snake[f]);
        int kind = fld_kind[f];
        enum ftenum ft;
        int display = BASE_NONE;
        const void *strings = NULL;
        switch (kind) {
        case HK_UINT:
        case HK_INT:
            ft = int_ftype(kind, fld_width[f]);
            display = BASE_DEC;
            if (n_enums[f] >= 1 && single_enum[f]->is_mask) {
                display = BASE_HEX;
            } else if (n_enums[f] == 1) {
                gboolean is_range;
                strings = enum_strings(single_enum[f], &is_range);
                display = is_range ? BASE_DEC | BASE_RANGE_STRING : BASE_DEC;
                fld_vals[f] = 1;
            }
            break;
        case HK_TIME:
            ft = FT_ABSOLUTE_TIME;
            display = ABSOLUTE_TIME_UTC;
            break;
        case HK_STRING:
        case HK_NAMED:
            ft = FT_STRING;
            break;
        default:
            ft = FT_BYTES;
            display = BASE_NONE | BASE_ALLOW_ZERO;   /* "<none>", not "<MISSING>" */
            break;
        }
        hf_set(hf_new(hfa), &hf_field[f], ccx_fields[f].name, abbrev, ft, display, strings, 0,
               ccx_fields[f].desc);
    }

    /* Mask bits: one FT_BOOLEAN per named bit of each mask a field uses. */
    for (guint i = 0; i < n_masks; i++) {
        mask_reg *mr = &masks[i];
        unsigned width = fld_width[mr->field] ? fld_width[mr->field] : 4;
        guint64 limit = width >= 4 ? G_GUINT64_CONSTANT(0xFFFFFFFF) : (G_GUINT64_CONSTANT(1) << (width * 8)) - 1;
        mr->bit_hf = g_new(int, mr->enm->n_vals);
        mr->bits = g_new0(int *, mr->enm->n_vals + 1);
        mr->ett = -1;
        guint nb = 0;
        for (size_t v = 0; v < mr->enm->n_vals; v++) {
            const ccx_enum_val *ev = &mr->enm->vals[v];
            if (!ev->lo || ev->lo > limit)
                continue;
            char *bit = filter_part(ev->name);
            mr->bit_hf[nb] = -1;
            hf_set(hf_new(hfa), &mr->bit_hf[nb], ev->name,
                   g_strdup_printf("ccxcti.%s.%s", snake[mr->field], bit), FT_BOOLEAN, (int)(width * 8),
                   NULL, ev->lo, ev->desc);
            g_free(bit);
            mr->bits[nb] = &mr->bit_hf[nb];
            nb++;
        }
    }

    proto_register_field_array(proto_ccxcti, hf_fixed, array_length(hf_fixed));
    proto_register_field_array(proto_ccxcti, (hf_register_info *)(void *)hfa->data, (int)hfa->len);
    g_array_free(hfa, FALSE);   /* registered entries must stay */
    for (int f = 0; f < CCXF_COUNT; f++)
        g_free(snake[f]);

    GPtrArray *etts = g_ptr_array_new();
    for (size_t i = 0; i < array_length(ett_fixed_list); i++)
        g_ptr_array_add(etts, ett_fixed_list[i]);
    for (int f = 0; f < CCXF_COUNT; f++) {
        ett_field[f] = -1;
        ett_group[f] = -1;
        g_ptr_array_add(etts, &ett_field[f]);
        g_ptr_array_add(etts, &ett_group[f]);
    }
    for (guint i = 0; i < n_masks; i++)
        g_ptr_array_add(etts, &masks[i].ett);
    proto_register_subtree_array((gint * const *)etts->pdata, (int)etts->len);
    g_ptr_array_free(etts, TRUE);

    expert_module_t *em = expert_register_protocol(proto_ccxcti);
    expert_register_field_array(em, ei, array_length(ei));

    /* Messages are always reassembled, by the decoder's framer
     * (plugin_stream.h), so that the plugin and the CLI cut the stream
     * alike: the former preference is kept only so that saved profiles
     * still load. */
    module_t *pm = prefs_register_protocol(proto_ccxcti, NULL);
    prefs_register_obsolete_preference(pm, "desegment");

    ccxcti_handle = register_dissector("ccxcti", dissect_ccxcti_tcp, proto_ccxcti);
    ccxcti_tap = register_tap("ccxcti");
    register_seq_analysis("ccxcti", "CCX CTI", proto_ccxcti, NULL, TL_REQUIRES_NOTHING, ccx_seq_packet);
    /* The calls: a ladder by DN (the call flows' events), the call list. */
    ccxcti_calls_tap = register_tap("ccxcti_calls");
    register_seq_analysis("ccxcti_calls", "CCX CTI calls by DN", proto_ccxcti, "ccxcti_calls",
                          TL_REQUIRES_NOTHING, pc_seq_packet);
    /* Response times by request type (-z ccxcti,srt). */
    for (size_t i = 0; i < ccx_n_messages; i++)
        if (ccx_messages[i].kind == CCX_KIND_REQUEST && (int)ccx_messages[i].id >= n_req_names)
            n_req_names = (int)ccx_messages[i].id + 1;
    req_names = g_new0(const char *, n_req_names ? n_req_names : 1);
    for (size_t i = 0; i < ccx_n_messages; i++)
        if (ccx_messages[i].kind == CCX_KIND_REQUEST)
            req_names[ccx_messages[i].id] = ccx_messages[i].name;
    register_srt_table(proto_ccxcti, NULL, 1, plugin_srt_packet, ccx_srt_init, NULL);

    ccx_in_service = ccx_enum_by_name(&ccx_enum_ccx_status, "CCX_IN_SERVICE");

    cur_msg = g_new0(ccx_msg, 1);   /* for the life of the program */
}

void proto_reg_handoff_ccxcti(void)
{
    dissector_add_uint_range_with_preference("tcp.port", G_STRINGIFY(CCX_DEFAULT_PORT), ccxcti_handle);
    heur_dissector_add("tcp", dissect_ccxcti_heur, "CCX CTI over TCP", "ccxcti_tcp", proto_ccxcti,
                       HEURISTIC_ENABLE);
    pc_register_protocol(proto_ccxcti, "ccx", "CCX CTI", ccxcti_handle);
    dissector_handle_t post = create_dissector_handle(dissect_ccxcti_post, proto_ccxcti);
    register_postdissector(post);
    set_postdissector_wanted_hfids(post, ps_post_wanted_hfids());
    ps_register();
}
