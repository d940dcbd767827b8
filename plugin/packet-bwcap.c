/* packet-bwcap.c - Wireshark dissector for BroadWorks CAP (CAP-C and CCC2).
 *
 * Thin on purpose, like packet-ccxcti.c: decoder/cap cuts the TCP stream
 * into documents (cap_framer, fed by plugin_stream.c exactly as the CLI
 * feeds it), decodes each one with GMarkup and the tables (cap_decode) and
 * says what it is (cap_summary, cap_oci_info); this file turns the
 * decoder's flat item list into a tree that mirrors the XML.  Every filter
 * field, value name and role comes from the tables (cap_tables.c): one hf
 * per distinct table field (bwcap.<field>), registered at start-up.  What
 * only Wireshark has is added here: expert info, linked exchanges
 * (request/response), the stats tree and the flow graph.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/stats_tree.h>
#include <epan/strutil.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include <string.h>

#include "cap_decode.h"
#include "cap_framer.h"
#include "cap_link.h"   /* which response answers which request: the CLI's rule too */
#include "cti_diag.h"   /* CTI_DIAGS_DROPPED_FMT */
#include "ccxcti_seq.h"
#include "cti_detect.h"
#include "plugin_common.h"
#include "plugin_stream.h"
#include "ws_compat.h"

void proto_register_bwcap(void);
void proto_reg_handoff_bwcap(void);
void bwcap_register_tap_listeners(void);

static int proto_bwcap = -1;
static dissector_handle_t bwcap_handle;
static int bwcap_tap = -1;

/* Fixed hf entries (the per-field ones are built from the tables). */
static int hf_unknown_element = -1;
static int hf_unknown_attribute = -1;
static int hf_text = -1;
static int hf_not_cap = -1;
static int hf_part_of = -1;
static int hf_stream_offset = -1;
static int hf_first_frame = -1;
static int hf_response_in = -1;
static int hf_request_in = -1;
static int hf_response_time = -1;
static int hf_oci_command = -1;
static int hf_oci_session = -1;
static int hf_oci_xml = -1;

static gint ett_bwcap = -1;
static gint ett_unknown = -1;
static gint ett_oci = -1;
static gint ett_not_cap = -1;
static gint *ett_element;           /* one per cap_elements entry */

static expert_field ei_malformed = EI_INIT;
static expert_field ei_unknown = EI_INIT;
static expert_field ei_bad_value = EI_INIT;
static expert_field ei_failure = EI_INIT;
static expert_field ei_diag_error = EI_INIT;
static expert_field ei_diag_warn = EI_INIT;
static expert_field ei_diag_note = EI_INIT;
static expert_field ei_stream_error = EI_INIT;
static expert_field ei_stream_warn = EI_INIT;
static expert_field ei_stream_note = EI_INIT;
static expert_field ei_no_response = EI_INIT;

/* ------------------------------------------------------------------ */
/* Field dictionary: one hf per distinct "field" of the element and
 * attribute tables.  Several entries may share one (user@id and <id> are
 * both bwcap.user_id; call@callId and queueCall@callId bwcap.call_id). */

typedef struct bw_field {
    const char *field;     /* "call_id" */
    const char *name;      /* spec name of its first entry, the hf's name */
    GPtrArray *uses;       /* registration: desc, where, desc, where ... of its entries */
    const char *desc;
    enum ftenum type;      /* FT_NONE: only container elements use it */
    gboolean generated;    /* bwcap.call / bwcap.user: also the generated ids */
    int hf;
} bw_field;

static bw_field *fields;
static guint n_fields;
static guint *elem_field;   /* cap_elements index -> fields index */
static guint *attr_field;   /* cap_attributes index -> fields index */
static int *hf_call;        /* &fields[..].hf of "call" */
static int *hf_user;        /* &fields[..].hf of "user" */

/* Reused for every document: cap_msg keeps its buffers (items, arena,
 * GMarkup context) between documents.  Dissection is single-threaded. */
static cap_msg cur_msg;

/* ------------------------------------------------------------------ */
/* Conversation and per-document state. */

/* What the first pass learnt about one document, for the later passes
 * (ps_item.user). */
typedef struct bw_pdu {
    guint32 req_frame;               /* the document this one answers, 0 = none */
    nstime_t req_time;
    const char *req_cmd;
    guint32 rsp_frame;               /* the document answering this one, 0 = none */
    const char *rsp_cmd;
    const cap_command *expects;      /* a response was expected */
    const char **calls;              /* a request's call ids (file scope), for its response */
    guint n_calls;
    const char *const *req_calls;    /* the call ids of the document this one answers */
    guint n_req_calls;
} bw_pdu;

/* A document waiting for the next step of its exchange. */
typedef struct bw_pending {
    const cap_command *expect;       /* the command that answers it */
    bw_pdu *req;
    guint32 frame;
    nstime_t time;
    const char *cmd;
    int dir;
    cap_link_keys keys;              /* file-scope copies */
} bw_pending;

#define BW_MAX_PENDING 256           /* per conversation; the oldest goes first */

typedef struct bw_conv {
    wmem_list_t *pending;            /* bw_pending *, oldest first */
} bw_conv;

/* Tap data, one per document or run of bytes that is not CAP (packet scope). */
#define BW_TAP_MAX 8
typedef struct bw_tap_info {
    const char *proto;               /* "CAP", "OCI", "not CAP" */
    const char *command;             /* commandType, OCI command type, ... */
    const char *label;
    const char *problem;             /* "not well-formed XML", "cut document", ... */
    guint n_states, n_causes, n_failures;
    const char *states[BW_TAP_MAX];
    const char *causes[BW_TAP_MAX];
    const char *failures[BW_TAP_MAX];
} bw_tap_info;

/* ------------------------------------------------------------------ */
/* Small helpers. */

/* Valid UTF-8 for an FT_STRING value (the decoder's values are, except the
 * raw text of a document that broke inside an element). */
static const char *utf8_safe(wmem_allocator_t *pool, const char *s, gssize len)
{
    if (!s)
        return "";
    if (len < 0)
        len = (gssize)strlen(s);
    if (g_utf8_validate(s, len, NULL) && !memchr(s, '\0', (size_t)len))
        return s[len] == '\0' ? s : wmem_strndup(pool, s, (size_t)len);
    gchar *v = g_utf8_make_valid(s, len);
    char *r = wmem_strdup(pool, v);
    g_free(v);
    return r;
}

/* A value for a label: escaped, and cut at max bytes. */
static const char *show(wmem_allocator_t *pool, const char *s, size_t max)
{
    if (!s)
        return "";
    size_t n = strlen(s);
    if (n > max) {
        /* do not cut a UTF-8 sequence */
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        return wmem_strdup_printf(pool, "%s\u2026", ws_format_text(pool, s, max));
    }
    return ws_format_text(pool, s, n);
}

/* Milliseconds since 1970 (TIME_MS role) as a UTC date, or NULL. */
static const char *ms_time(wmem_allocator_t *pool, const char *v)
{
    char *end = NULL;
    gint64 ms = g_ascii_strtoll(v, &end, 10);
    if (!*v || !end || *end || ms < 0 || ms > G_GINT64_CONSTANT(253402300799999))
        return NULL;
    GDateTime *dt = g_date_time_new_from_unix_utc(ms / 1000);
    if (!dt)
        return NULL;
    gchar *d = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
    const char *r = wmem_strdup_printf(pool, "%s.%03d UTC", d, (int)(ms % 1000));
    g_free(d);
    g_date_time_unref(dt);
    return r;
}

/* "1 (alerting)", "Dial", "(empty) (not assigned)",
 * "1795399800000 (2026-11-22 02:10:00.000 UTC)". */
static const char *value_text(wmem_allocator_t *pool, const cap_item *it)
{
    const char *v = it->value ? it->value : "";
    const char *shown = *v ? show(pool, v, 160) : "(empty)";
    const char *t;
    if (it->enum_val && strcmp(it->enum_val->name, v))
        return wmem_strdup_printf(pool, "%s (%s)", shown, it->enum_val->name);
    if ((cap_item_roles(it) & CAP_ROLE_TIME_MS) && (t = ms_time(pool, v)) != NULL)
        return wmem_strdup_printf(pool, "%s (%s)", shown, t);
    return shown;
}

/* The decoder's framer behind each direction (plugin_stream.c). */
static void ps_cap_problem(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text)
{
    ps_emit_problem(ctx, (int)sev, off, len, text);
}

static const cap_framer_cb ps_cap_cb = { ps_emit_message, ps_cap_problem, ps_emit_partial };

static gpointer ps_cap_new(gpointer ctx)
{
    cap_framer *f = g_new(cap_framer, 1);
    cap_framer_init(f, &ps_cap_cb, ctx);
    return f;
}

static void ps_cap_feed(gpointer f, const guint8 *data, size_t len)
{
    cap_framer_feed(f, data, len);
}

static void ps_cap_gap(gpointer f, guint64 missing)
{
    cap_framer_gap(f, missing);
}

static void ps_cap_close(gpointer f, const char *how)
{
    cap_framer_close(f, how);
}

static guint64 ps_cap_undecided(gconstpointer f)
{
    return ((const cap_framer *)f)->off;
}

static void ps_cap_free(gpointer f)
{
    cap_framer_free(f);
    g_free(f);
}

static const ps_framer_ops cap_ps_ops = {
    ps_cap_new, ps_cap_feed, ps_cap_gap, ps_cap_close, ps_cap_undecided, ps_cap_free,
};

static ps_stream *get_stream(packet_info *pinfo)
{
    return ps_stream_get(pinfo, proto_bwcap, &cap_ps_ops);
}

static bw_conv *get_conv(packet_info *pinfo)
{
    gpointer *owner = ps_stream_owner(get_stream(pinfo));
    bw_conv *cv = *owner;
    if (!cv) {
        cv = wmem_new0(wmem_file_scope(), bw_conv);
        cv->pending = wmem_list_new(wmem_file_scope());
        *owner = cv;
    }
    return cv;
}

static gboolean has_role(const cap_item *it, unsigned roles)
{
    return (cap_item_roles(it) & roles) && it->value;
}

#define USER_ROLES (CAP_ROLE_USER_ID | CAP_ROLE_USER_UID | CAP_ROLE_MONITORED_USER_ID | \
                    CAP_ROLE_MONITORED_USER_UID)

/* ------------------------------------------------------------------ */
/* Linked exchanges: each document whose command has a response in the
 * table (registerAuthentication -> responseAuthentication ->
 * registerRequest -> registerResponse -> acknowledgement, callAction with
 * responseRequested -> callActionResponse, infoRequest -> infoResponse,
 * monitoringUsersRequest -> monitoringUsersResponse, queueInfoRequest ->
 * queueInfoResponse) waits for it in its conversation; the answer is the
 * oldest waiting document of the other direction whose keys do not
 * disagree (cap_link.h: the rule the CLI's call flows follow too). */

static gboolean pending_matches(const bw_pending *p, const cap_command *cmd, int dir,
                                const cap_link_keys *keys)
{
    return p->expect == cmd && p->dir != dir && cap_link_keys_agree(&p->keys, keys);
}

static const char *dup_or_null(wmem_allocator_t *a, const char *s)
{
    return s ? wmem_strdup(a, s) : NULL;
}

static void first_pass_links(packet_info *pinfo, bw_conv *cv, bw_pdu *pdu, const cap_msg *m)
{
    const cap_command *cmd = m->command;
    if (!cmd || m->proto == CAP_DOC_OCI)
        return;
    wmem_allocator_t *fs = wmem_file_scope();
    int dir = plugin_seg_dir(pinfo);
    cap_link_keys keys;
    cap_link_keys_of(m, &keys);

    /* Is it the next step of a waiting document? */
    for (wmem_list_frame_t *f = wmem_list_head(cv->pending); f; f = wmem_list_frame_next(f)) {
        bw_pending *p = wmem_list_frame_data(f);
        if (!pending_matches(p, cmd, dir, &keys))
            continue;
        pdu->req_frame = p->frame;
        pdu->req_time = p->time;
        pdu->req_cmd = p->cmd;
        pdu->req_calls = p->req->calls;
        pdu->n_req_calls = p->req->n_calls;
        p->req->rsp_frame = pinfo->num;
        p->req->rsp_cmd = cmd->name;
        wmem_list_remove_frame(cv->pending, f);
        break;
    }

    /* Does it wait for one?  (callAction only with responseRequested="True") */
    const cap_command *expect = cap_awaited_response(m);
    if (!expect)
        return;
    bw_pending *p = wmem_new0(fs, bw_pending);
    p->expect = expect;
    p->req = pdu;
    p->frame = pinfo->num;
    p->time = pinfo->abs_ts;
    p->cmd = cmd->name;
    p->dir = dir;
    p->keys.user_id = dup_or_null(fs, keys.user_id);
    p->keys.user_uid = dup_or_null(fs, keys.user_uid);
    p->keys.corr = dup_or_null(fs, keys.corr);
    p->keys.action = dup_or_null(fs, keys.action);
    pdu->expects = expect;
    /* Its call ids, for the response (a callActionResponse names no call). */
    for (unsigned i = 0; i < m->n_items; i++)
        pdu->n_calls += cap_item_is_call_id(m, i);
    if (pdu->n_calls) {
        pdu->calls = wmem_alloc0(fs, pdu->n_calls * sizeof *pdu->calls);
        guint k = 0;
        for (unsigned i = 0; i < m->n_items && k < pdu->n_calls; i++)
            if (cap_item_is_call_id(m, i))
                pdu->calls[k++] = wmem_strdup(fs, m->items[i].value);
    }
    if (wmem_list_count(cv->pending) >= BW_MAX_PENDING)
        wmem_list_remove_frame(cv->pending, wmem_list_head(cv->pending));
    wmem_list_append(cv->pending, p);
}

/* ------------------------------------------------------------------ */
/* Tree building. */

static gboolean all_blank(const guint8 *p, guint n)
{
    for (guint i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return FALSE;
    return TRUE;
}

static const char *flag_text(const cap_msg *m, const cap_item *it, gboolean oci)
{
    if (it->kind == CAP_ITEM_ATTRIBUTE)
        return !it->attr && it->elem && !oci ? " [unknown attribute]"
               : (it->flags & CAP_IF_BAD_VALUE) ? " [not an allowed value]" : "";
    if (it->kind != CAP_ITEM_ELEMENT)
        return "";
    if (it->flags & CAP_IF_UNKNOWN)
        return it->parent < 0 ? " [unknown root element]" : " [unknown element]";
    if (it->flags & CAP_IF_UNEXPECTED)
        return " [not expected here]";
    if (it->flags & CAP_IF_BAD_VALUE)
        return " [not an allowed value]";
    if (it->flags & CAP_IF_REPEATED)
        return " [repeated]";
    if (it->flags & CAP_IF_UNCLOSED)
        return " [not closed]";
    if ((it->flags & CAP_IF_SKIPPED) && (int)(it - m->items) == m->root)
        return " [content not decoded]";
    return "";
}

/* "call [callId=\"localHost220335:0\", extTrackingId=\"102:1\"]",
 * "state: 1 (alerting)". */
static const char *element_label(wmem_allocator_t *pool, const cap_msg *m, unsigned i, gboolean oci)
{
    const cap_item *it = &m->items[i];
    wmem_strbuf_t *sb = wmem_strbuf_new(pool, it->name ? show(pool, it->name, 64) : "?");
    if (it->value && !(it->flags & CAP_IF_HAS_CHILDREN) &&
        !(it->elem && it->elem->content == CAP_CONTENT_EMPTY && !*it->value && !it->enum_val) &&
        !(it->elem && it->elem->content == CAP_CONTENT_ELEMENTS && all_blank((const guint8 *)it->value, it->value_len)))
        wmem_strbuf_append_printf(sb, ": %s", value_text(pool, it));
    gboolean first = TRUE;
    for (unsigned j = i + 1; j < m->n_items && m->items[j].kind == CAP_ITEM_ATTRIBUTE &&
                             m->items[j].parent == (int32_t)i; j++) {
        const cap_item *a = &m->items[j];
        wmem_strbuf_append_printf(sb, "%s%s=\"%s\"", first ? " [" : ", ", show(pool, a->name, 40),
                                  show(pool, a->value, 64));
        first = FALSE;
        if (wmem_strbuf_get_len(sb) > ITEM_LABEL_LENGTH)
            break;
    }
    if (!first)
        wmem_strbuf_append(sb, "]");
    wmem_strbuf_append(sb, flag_text(m, it, oci));
    return wmem_strbuf_get_str(sb);
}

/* The items of one document, parent by parent, over their exact bytes. */
static void add_items(proto_tree *pt, packet_info *pinfo, tvbuff_t *dt, const cap_msg *m,
                      proto_item **pit, gboolean oci)
{
    wmem_allocator_t *pool = pinfo->pool;
    guint dlen = tvb_captured_length(dt);
    proto_tree **sub = wmem_alloc0(pool, (m->n_items ? m->n_items : 1) * sizeof *sub);
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        proto_tree *parent = pt;
        if (it->parent >= 0 && (unsigned)it->parent < i && sub[it->parent])
            parent = sub[it->parent];
        guint off = MIN(it->offset, dlen);
        guint len = MIN(it->length, dlen - off);
        proto_item *ti = NULL;
        switch (it->kind) {
        case CAP_ITEM_ELEMENT: {
            const char *label = element_label(pool, m, i, oci);
            gint ett = ett_unknown;
            if (!it->elem) {
                ti = proto_tree_add_string_format(parent, hf_unknown_element, dt, off, len,
                                                  utf8_safe(pool, it->name, -1), "%s", label);
            } else {
                size_t ei = (size_t)(it->elem - cap_elements);
                const bw_field *f = &fields[elem_field[ei]];
                ett = ett_element[ei];
                if (f->generated)   /* bwcap.call / bwcap.user hold the ids, not the element */
                    proto_tree_add_subtree_format(parent, dt, off, len, ett, &ti, "%s", label);
                else if (f->type == FT_NONE)
                    ti = proto_tree_add_none_format(parent, f->hf, dt, off, len, "%s", label);
                else if (f->type == FT_BOOLEAN)   /* a flag: present */
                    ti = proto_tree_add_boolean_format(parent, f->hf, dt, off, len, TRUE, "%s", label);
                else
                    ti = proto_tree_add_string_format(parent, f->hf, dt, off, len,
                                                      utf8_safe(pool, it->value, -1), "%s", label);
            }
            sub[i] = proto_item_add_subtree(ti, ett);
            break;
        }
        case CAP_ITEM_ATTRIBUTE: {
            const char *label = wmem_strdup_printf(pool, "%s: %s%s", show(pool, it->name, 64),
                                                   value_text(pool, it), flag_text(m, it, oci));
            if (it->attr)
                ti = proto_tree_add_string_format(parent, fields[attr_field[it->attr - cap_attributes]].hf,
                                                  dt, off, len, utf8_safe(pool, it->value, -1), "%s", label);
            else
                ti = proto_tree_add_string_format(parent, hf_unknown_attribute, dt, off, len,
                                                  utf8_safe(pool, it->name, -1), "%s", label);
            break;
        }
        case CAP_ITEM_TEXT:
            ti = proto_tree_add_string_format(parent, hf_text, dt, off, len, utf8_safe(pool, it->value, -1),
                                              "text: %s", show(pool, it->value, 160));
            break;
        }
        pit[i] = ti;
    }
}

/* Generated bwcap.call / bwcap.user items: every call id and every user
 * id / uid of the document, once each, over the bytes that carry it; and
 * for a response, the call ids of its request (a callActionResponse names
 * no call), so that bwcap.call finds every document of a call. */
static void add_generated_ids(proto_tree *pt, packet_info *pinfo, tvbuff_t *dt, const cap_msg *m,
                              const bw_pdu *pdu)
{
    wmem_map_t *seen = wmem_map_new(pinfo->pool, g_str_hash, g_str_equal);
    guint dlen = tvb_captured_length(dt);
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < m->n_items; i++) {
            const cap_item *it = &m->items[i];
            gboolean want = pass == 0 ? cap_item_is_call_id(m, i)
                                      : has_role(it, USER_ROLES) && *it->value;
            if (!want)
                continue;
            const char *key = wmem_strdup_printf(pinfo->pool, "%d:%s", pass, it->value);
            if (wmem_map_contains(seen, key))
                continue;
            wmem_map_insert(seen, key, GINT_TO_POINTER(1));
            guint off = MIN(it->offset, dlen);
            guint len = MIN(it->length, dlen - off);
            proto_item *gi = proto_tree_add_string(pt, pass == 0 ? *hf_call : *hf_user, dt, off, len,
                                                   utf8_safe(pinfo->pool, it->value, -1));
            proto_item_set_generated(gi);
        }
    }
    for (guint k = 0; k < pdu->n_req_calls; k++) {
        const char *key = wmem_strdup_printf(pinfo->pool, "0:%s", pdu->req_calls[k]);
        if (wmem_map_contains(seen, key))
            continue;
        wmem_map_insert(seen, key, GINT_TO_POINTER(1));
        proto_item *gi = proto_tree_add_string(pt, *hf_call, dt, 0, 0, pdu->req_calls[k]);
        proto_item_append_text(gi, " (of the request in frame %u)", pdu->req_frame);
        proto_item_set_generated(gi);
    }
}

/* Which expert field a decoder diagnostic gets. */
static expert_field *diag_ei(const cap_msg *m, const cap_diag *d)
{
    if (d->sev == CAP_SEV_ERROR && m->xml_error && d->offset == m->xml_error_offset &&
        !strncmp(d->text, "not well-formed XML", 19))
        return &ei_malformed;
    if (d->item >= 0 && (unsigned)d->item < m->n_items) {
        const cap_item *it = &m->items[d->item];
        if (d->sev == CAP_SEV_WARN &&
            ((it->kind == CAP_ITEM_ELEMENT && (it->flags & CAP_IF_UNKNOWN) && it->parent >= 0) ||
             (it->kind == CAP_ITEM_ATTRIBUTE && !it->attr)))
            return &ei_unknown;
        if (d->sev == CAP_SEV_WARN && (it->flags & CAP_IF_BAD_VALUE) &&
            strstr(d->text, "is not one of its allowed values"))
            return &ei_bad_value;
        if (d->sev == CAP_SEV_NOTE && it->kind == CAP_ITEM_ATTRIBUTE && it->attr &&
            (it->attr->roles & (CAP_ROLE_FAILURE | CAP_ROLE_RESULT)))
            return &ei_failure;
    }
    return d->sev == CAP_SEV_ERROR ? &ei_diag_error : d->sev == CAP_SEV_WARN ? &ei_diag_warn : &ei_diag_note;
}

static void tap_add(const char **arr, guint *n, const char *s)
{
    if (*n < BW_TAP_MAX)
        arr[(*n)++] = s;
}

static const char *enum_or_value(wmem_allocator_t *pool, const char *what, const cap_item *it)
{
    if (it->enum_val)
        return wmem_strdup_printf(pool, "%s %s", it->value, it->enum_val->name);
    return wmem_strdup_printf(pool, "%s %s (not an allowed value)", what, show(pool, it->value, 40));
}

static void fill_tap(wmem_allocator_t *pool, bw_tap_info *ti, const cap_msg *m)
{
    const char *cmd = m->command_type ? m->command_type : "(no commandType)";
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        unsigned roles = cap_item_roles(it);
        if (!it->value || !*it->value)
            continue;
        if ((roles & CAP_ROLE_STATE) && m->command && !strcmp(m->command->name, "callUpdate"))
            tap_add(ti->states, &ti->n_states, enum_or_value(pool, "state", it));
        if ((roles & CAP_ROLE_RELEASE_CAUSE) && cap_release_cause_shown(m, i))
            tap_add(ti->causes, &ti->n_causes, enum_or_value(pool, "releaseCause", it));
        if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr && (roles & CAP_ROLE_FAILURE))
            tap_add(ti->failures, &ti->n_failures,
                    wmem_strdup_printf(pool, "%s %s", it->attr->name, show(pool, it->value, 64)));
        if (cap_item_says_failed(it))
            tap_add(ti->failures, &ti->n_failures, wmem_strdup_printf(pool, "%s success=False", cmd));
    }
}

/* One document (or what there is of it: partial), its bytes the whole of dt. */
static void dissect_document(tvbuff_t *dt, packet_info *pinfo, proto_tree *tree, ps_item *item,
                             gboolean first_in_frame)
{
    wmem_allocator_t *pool = pinfo->pool;
    guint dlen = tvb_captured_length(dt);
    const guint8 *buf = tvb_get_ptr(dt, 0, (gint)dlen);
    cap_msg *m = &cur_msg;
    cap_decode(buf, dlen, m);

    bw_pdu *pdu = item->user;
    if (!pdu) {
        pdu = wmem_new0(wmem_file_scope(), bw_pdu);
        item->user = pdu;
        if (!PINFO_FD_VISITED(pinfo) && !item->partial)
            first_pass_links(pinfo, get_conv(pinfo), pdu, m);
    }

    gboolean oci = m->proto == CAP_DOC_OCI;
    char sum[512];
    const char *label = wmem_strdup(pool, cap_summary(m, sum, sizeof sum));
    plugin_set_info(pinfo, first_in_frame, label);

    proto_item *pti = proto_tree_add_item(tree, proto_bwcap, dt, 0, -1, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett_bwcap);

    ps_add_message_facts(pt, dt, item, hf_stream_offset, hf_first_frame);

    /* Links first, then the ids, then the document itself. */
    if (pdu->req_frame) {
        proto_item *it = proto_tree_add_uint(pt, hf_request_in, dt, 0, 0, pdu->req_frame);
        proto_item_append_text(it, " (%s)", pdu->req_cmd);
        proto_item_set_generated(it);
        nstime_t delta;
        nstime_delta(&delta, &pinfo->abs_ts, &pdu->req_time);
        it = proto_tree_add_time(pt, hf_response_time, dt, 0, 0, &delta);
        proto_item_set_generated(it);
    }
    if (pdu->rsp_frame) {
        proto_item *it = proto_tree_add_uint(pt, hf_response_in, dt, 0, 0, pdu->rsp_frame);
        proto_item_append_text(it, " (%s)", pdu->rsp_cmd);
        proto_item_set_generated(it);
    } else if (pdu->expects && PINFO_FD_VISITED(pinfo) && m->command && m->command->dir == CAP_DIR_C2S) {
        proto_tree_add_expert_format(pt, pinfo, &ei_no_response, dt, 0, 0,
                                     "%s: no %s in the capture", m->command->name, pdu->expects->name);
    }
    if (!oci)
        add_generated_ids(pt, pinfo, dt, m, pdu);

    proto_item **pit = wmem_alloc0(pool, (m->n_items ? m->n_items : 1) * sizeof *pit);
    proto_tree *items_tree = pt;
    cap_oci o = { .command_len = 0 };
    if (oci) {
        cap_oci_info(m, &o);
        proto_item *oi;
        items_tree = proto_tree_add_subtree(pt, dt, 0, (gint)dlen, ett_oci, &oi,
                                            "BroadWorks OCI document (not CAP: not decoded)");
        if (o.command_len)
            proto_tree_add_string(items_tree, hf_oci_command, dt, (gint)o.command_off, (gint)o.command_len,
                                  utf8_safe(pool, o.commands, -1));
        if (o.session_len)
            proto_tree_add_item(items_tree, hf_oci_session, dt, (gint)o.session_off, (gint)o.session_len,
                                o.latin1 ? ENC_ISO_8859_1 : ENC_UTF_8);
        proto_tree_add_item(items_tree, hf_oci_xml, dt, 0, (gint)dlen, o.latin1 ? ENC_ISO_8859_1 : ENC_UTF_8);
    }
    add_items(items_tree, pinfo, dt, m, pit, oci);

    /* Decoder diagnostics, at the item (or offset) they concern. */
    for (unsigned i = 0; i < m->n_diags; i++) {
        const cap_diag *d = &m->diags[i];
        expert_field *ei = diag_ei(m, d);
        proto_item *at = d->item >= 0 && (unsigned)d->item < m->n_items ? pit[d->item] : NULL;
        if (at)
            expert_add_info_format(pinfo, at, ei, "%s", d->text);
        else
            proto_tree_add_expert_format(pt, pinfo, ei, dt, (gint)MIN(d->offset, dlen), 0, "%s", d->text);
    }
    if (m->diags_dropped)
        proto_tree_add_expert_format(pt, pinfo, &ei_diag_note, dt, 0, 0, CTI_DIAGS_DROPPED_FMT,
                                     m->diags_dropped);

    if (have_tap_listener(bwcap_tap)) {
        bw_tap_info *ti = wmem_new0(pool, bw_tap_info);
        ti->label = label;
        if (oci) {
            ti->proto = "OCI";
            ti->command = o.command_len ? utf8_safe(pool, o.commands, -1) : "(no command)";
        } else if (m->root < 0) {
            ti->proto = "not a BroadsoftDocument";
            ti->command = m->xml_error ? "(not well-formed XML)" : "(other root element)";
        } else {
            ti->proto = "CAP";
            ti->command = m->command_type ? wmem_strdup(pool, m->command_type) : "(no commandType)";
            fill_tap(pool, ti, m);
        }
        if (item->partial)
            ti->problem = "a document that did not end";
        else if (m->xml_error)
            ti->problem = "not well-formed XML";
        tap_queue_packet(bwcap_tap, pinfo, ti);
    }
}

static expert_field *stream_ei[3] = { &ei_stream_note, &ei_stream_warn, &ei_stream_error };

/* What the framer decided in this frame: documents, the frame's shares of
 * documents completed elsewhere, and the problems of the stream. */
static int dissect_bwcap_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    ps_item **items;
    guint n = ps_frame_items(get_stream(pinfo), tvb, pinfo, data, &items);
    if (n)
        col_set_str(pinfo->cinfo, COL_PROTOCOL, "CAP");
    for (guint i = 0; i < n; i++) {
        ps_item *it = items[i];
        switch (it->kind) {
        case PS_MESSAGE:
            dissect_document(ps_item_tvb(it, tvb, pinfo, "Reassembled CAP document"), pinfo, tree, it, i == 0);
            break;
        case PS_PART:
            ps_show_part(it, tvb, pinfo, tree, proto_bwcap, hf_part_of, hf_stream_offset, ett_not_cap, i == 0,
                         "CAP document");
            break;
        case PS_PROBLEM:
            ps_show_problem(it, tvb, pinfo, tree, proto_bwcap, hf_not_cap, hf_stream_offset, ett_not_cap,
                            stream_ei, i == 0);
            if (have_tap_listener(bwcap_tap)) {
                bw_tap_info *ti = wmem_new0(pinfo->pool, bw_tap_info);
                ti->proto = "stream";
                ti->command = "(not a document)";
                ti->label = wmem_strdup_printf(pinfo->pool, "[%s]", it->text);
                ti->problem = it->sev == CAP_SEV_ERROR ? "stream errors" : "stream notes and warnings";
                tap_queue_packet(bwcap_tap, pinfo, ti);
            }
            break;
        }
    }
    return (int)tvb_captured_length(tvb);
}

/* CAP (or OCI) on any TCP port: the first bytes of a direction begin a
 * BroadsoftDocument whose start tag says protocol="CAP" or "OCI"
 * (cti_detect, as the CLI decides). */
static ws_heur_result dissect_bwcap_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (ps_probe(get_stream(pinfo), tvb, pinfo, data) != CTI_DETECT_CAP)
        return FALSE;
    conversation_t *conv = find_or_create_conversation(pinfo);
    conversation_set_dissector(conv, bwcap_handle);
    dissect_bwcap_tcp(tvb, pinfo, tree, data);
    return TRUE;
}

/* ------------------------------------------------------------------ */
/* Taps: stats tree and flow graph. */

static int st_node_docs = -1;
static int st_node_states = -1;
static int st_node_causes = -1;
static int st_node_fail = -1;
static int st_node_problems = -1;
static const char st_str_docs[] = "Documents by protocol and commandType";
static const char st_str_states[] = "Call states (callUpdate)";
static const char st_str_causes[] = "Release causes (callUpdate)";
static const char st_str_fail[] = "Failures";
static const char st_str_problems[] = "Stream problems";

static void bw_stats_init(stats_tree *st)
{
    st_node_docs = stats_tree_create_node(st, st_str_docs, 0, STAT_DT_INT, TRUE);
    st_node_states = stats_tree_create_node(st, st_str_states, 0, STAT_DT_INT, TRUE);
    st_node_causes = stats_tree_create_node(st, st_str_causes, 0, STAT_DT_INT, TRUE);
    st_node_fail = stats_tree_create_node(st, st_str_fail, 0, STAT_DT_INT, TRUE);
    st_node_problems = stats_tree_create_node(st, st_str_problems, 0, STAT_DT_INT, TRUE);
}

static tap_packet_status bw_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                         const void *p, tap_flags_t flags _U_)
{
    const bw_tap_info *ti = p;
    if (strcmp(ti->proto, "stream")) {
        tick_stat_node(st, st_str_docs, 0, TRUE);
        int pn = tick_stat_node(st, ti->proto, st_node_docs, TRUE);
        tick_stat_node(st, ti->command, pn, FALSE);
    }
    for (guint i = 0; i < ti->n_states; i++) {
        tick_stat_node(st, st_str_states, 0, TRUE);
        tick_stat_node(st, ti->states[i], st_node_states, FALSE);
    }
    for (guint i = 0; i < ti->n_causes; i++) {
        tick_stat_node(st, st_str_causes, 0, TRUE);
        tick_stat_node(st, ti->causes[i], st_node_causes, FALSE);
    }
    for (guint i = 0; i < ti->n_failures; i++) {
        tick_stat_node(st, st_str_fail, 0, TRUE);
        tick_stat_node(st, ti->failures[i], st_node_fail, FALSE);
    }
    if (ti->problem) {
        tick_stat_node(st, st_str_problems, 0, TRUE);
        tick_stat_node(st, ti->problem, st_node_problems, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

static tap_packet_status bw_seq_packet(void *ptr, packet_info *pinfo, epan_dissect_t *edt _U_,
                                       const void *p, tap_flags_t flags _U_)
{
    const bw_tap_info *ti = p;
    /* "CAP document: ...", "CAP OCI document: ...", "CAP stream problem: ..." */
    const char *what = !strcmp(ti->proto, "CAP") ? "document"
                       : !strcmp(ti->proto, "OCI") ? "OCI document"
                       : !strcmp(ti->proto, "stream") ? "stream problem" : "not a BroadsoftDocument";
    return plugin_seq_item(ptr, pinfo, ti->label, g_strdup_printf("CAP %s: %s", what, ti->label));
}

void bwcap_register_tap_listeners(void)
{
    stats_tree_register_plugin("bwcap", "bwcap", "BroadWorks CAP", 0, bw_stats_packet, bw_stats_init, NULL);
}

/* ------------------------------------------------------------------ */
/* Registration. */

static guint field_index(GHashTable *by_name, const char *field, const char *name, const char *where,
                         const char *desc, enum ftenum type)
{
    gpointer v;
    if (g_hash_table_lookup_extended(by_name, field, NULL, &v)) {
        bw_field *f = &fields[GPOINTER_TO_UINT(v)];
        if (type == FT_STRING || f->type == FT_NONE)
            f->type = type;   /* a value wins over a flag, a flag over presence */
        g_ptr_array_add(f->uses, (gpointer)(desc ? desc : name));
        g_ptr_array_add(f->uses, g_strdup(where));
        return GPOINTER_TO_UINT(v);
    }
    guint ix = n_fields++;
    bw_field *f = &fields[ix];
    f->field = field;
    f->name = name;
    f->uses = g_ptr_array_new();
    g_ptr_array_add(f->uses, (gpointer)(desc ? desc : name));
    g_ptr_array_add(f->uses, g_strdup(where));
    f->desc = desc;
    f->type = type;
    f->hf = -1;
    g_hash_table_insert(by_name, (gpointer)field, GUINT_TO_POINTER(ix));
    return ix;
}

void proto_register_bwcap(void)
{
    static hf_register_info hf_fixed[] = {
        { &hf_unknown_element, { "Unknown element", "bwcap.unknown_element", FT_STRING, BASE_NONE, NULL, 0x0,
          "An element the CAP tables do not know (its name)", HFILL } },
        { &hf_unknown_attribute, { "Unknown attribute", "bwcap.unknown_attribute", FT_STRING, BASE_NONE, NULL,
          0x0, "An attribute the CAP tables do not know for its element (its name)", HFILL } },
        { &hf_text, { "Text", "bwcap.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "Character data beside child elements (mixed content)", HFILL } },
        { &hf_not_cap, { "Stream problem", "bwcap.not_cap", FT_BYTES, BASE_NONE|BASE_ALLOW_ZERO, NULL, 0x0,
          "Bytes of the stream that are not (whole) documents: between documents, a document cut "
          "short or over the size cap, bytes before a capture gap or the end of the stream", HFILL } },
        { &hf_part_of, { "Part of the document reassembled in", "bwcap.reassembled_in", FT_FRAMENUM, BASE_NONE,
          NULL, 0x0, "These bytes belong to a document whose last bytes came in that frame, where it "
          "is shown whole", HFILL } },
        { &hf_first_frame, { "First frame of the document", "bwcap.first_frame", FT_FRAMENUM, BASE_NONE,
          NULL, 0x0, "The document's bytes came in several frames, the first of them this one", HFILL } },
        { &hf_stream_offset, { "Stream offset", "bwcap.stream_offset", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Where the document (or the bytes of a stream problem) starts in its direction of the TCP "
          "stream, as ctiscope --json says (stream_offset)", HFILL } },
        { &hf_response_in, { "Response in", "bwcap.response_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
          "The next step of this exchange (the response to this document) is in this frame", HFILL } },
        { &hf_request_in, { "Request in", "bwcap.request_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
          "This document answers the document in this frame (the previous step of the exchange)", HFILL } },
        { &hf_response_time, { "Response time", "bwcap.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "Time between the previous step of the exchange and this document", HFILL } },
        { &hf_oci_command, { "OCI command", "bwcap.oci.command", FT_STRING, BASE_NONE, NULL, 0x0,
          "xsi:type of the command(s) of a BroadWorks OCI document", HFILL } },
        { &hf_oci_session, { "OCI sessionId", "bwcap.oci.session_id", FT_STRING, BASE_NONE, NULL, 0x0,
          "sessionId of a BroadWorks OCI document", HFILL } },
        { &hf_oci_xml, { "OCI document", "bwcap.oci.xml", FT_STRING, BASE_NONE, NULL, 0x0,
          "The raw XML of a BroadWorks OCI document (not decoded)", HFILL } },
    };
    static gint *ett_fixed_list[] = { &ett_bwcap, &ett_unknown, &ett_oci, &ett_not_cap };
    static ei_register_info ei[] = {
        { &ei_malformed, { "bwcap.malformed", PI_MALFORMED, PI_ERROR,
          "The document is not well-formed XML", EXPFILL } },
        { &ei_unknown, { "bwcap.unknown", PI_PROTOCOL, PI_WARN,
          "Element or attribute the CAP specification does not define", EXPFILL } },
        { &ei_bad_value, { "bwcap.bad_value", PI_PROTOCOL, PI_WARN,
          "Value not one of the allowed values", EXPFILL } },
        { &ei_failure, { "bwcap.failure.expert", PI_RESPONSE_CODE, PI_WARN,
          "Failure reported (failureCause, failureReason, success=\"False\")", EXPFILL } },
        { &ei_diag_error, { "bwcap.diag.error", PI_MALFORMED, PI_ERROR,
          "The document cannot be decoded as the spec says", EXPFILL } },
        { &ei_diag_warn, { "bwcap.diag.warning", PI_PROTOCOL, PI_WARN,
          "The document violates the spec", EXPFILL } },
        { &ei_diag_note, { "bwcap.diag.note", PI_PROTOCOL, PI_NOTE,
          "Worth knowing about the document", EXPFILL } },
        { &ei_stream_error, { "bwcap.stream.error", PI_MALFORMED, PI_ERROR,
          "The stream holds bytes that are not whole CAP documents (between documents, a document "
          "cut short or over the size cap, a gap, the stream's end)", EXPFILL } },
        { &ei_stream_warn, { "bwcap.stream.warning", PI_PROTOCOL, PI_WARN,
          "Something in the stream violates the spec", EXPFILL } },
        { &ei_stream_note, { "bwcap.stream.note", PI_PROTOCOL, PI_NOTE,
          "Worth knowing about the stream", EXPFILL } },
        { &ei_no_response, { "bwcap.no_response", PI_SEQUENCE, PI_WARN,
          "No response to this request in the capture", EXPFILL } },
    };

    proto_bwcap = proto_register_protocol("BroadWorks CAP", "CAP", "bwcap");

    /* One field per distinct table field.  Container elements: FT_NONE
     * (presence); flags (EMPTY, no attributes: <initialUpdate/>):
     * FT_BOOLEAN, true where present; anything with a value: FT_STRING. */
    fields = g_new0(bw_field, cap_n_elements + cap_n_attributes + 2);
    elem_field = g_new0(guint, cap_n_elements ? cap_n_elements : 1);
    attr_field = g_new0(guint, cap_n_attributes ? cap_n_attributes : 1);
    GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);   /* registration only */
    for (size_t i = 0; i < cap_n_elements; i++) {
        const cap_element *e = &cap_elements[i];
        char *where = g_strdup_printf("<%s>", e->name);
        elem_field[i] = field_index(by_name, e->field, e->name, where, e->desc,
                                    e->content == CAP_CONTENT_ELEMENTS ? FT_NONE
                                    : cap_element_is_flag(e)            ? FT_BOOLEAN
                                                                        : FT_STRING);
        g_free(where);
    }
    for (size_t i = 0; i < cap_n_attributes; i++) {
        const cap_attribute *a = &cap_attributes[i];
        char *where = g_strdup_printf("%s@%s", a->element, a->name);
        attr_field[i] = field_index(by_name, a->field, a->name, where, a->desc, FT_STRING);
        g_free(where);
    }
    /* bwcap.call and bwcap.user: the generated call and user ids (and the
     * table's call and user elements, shown without them). */
    static const char *const gen_field[2] = { "call", "user" };
    static const char *const gen_name[2] = { "Call", "User" };
    static const char *const gen_desc[2] = {
        "Any call id of the document (call@callId, callIn@callInId, queueCall@callId, "
        "wrapUpCallCenterCallId, actionParam CallId)",
        "Any user of the document (user@id, <id>, user@userUid, monitoredUserId, monitoredUserUid)",
    };
    for (int g = 0; g < 2; g++) {
        guint ix = field_index(by_name, gen_field[g], gen_name[g], "generated", gen_desc[g], FT_STRING);
        fields[ix].generated = TRUE;
        fields[ix].type = FT_STRING;
        fields[ix].name = gen_name[g];
        fields[ix].desc = gen_desc[g];
    }
    g_hash_table_destroy(by_name);

    hf_register_info *hfs = g_new0(hf_register_info, n_fields);
    for (guint i = 0; i < n_fields; i++) {
        bw_field *f = &fields[i];
        char *blurb;
        if (f->generated) {
            blurb = g_strdup_printf("%s [generated]; the element of the same name is shown without it",
                                    f->desc);
        } else {
            /* "desc (where, where); other desc (where)": entries grouped by description */
            GString *b = g_string_new(NULL);
            guint n = f->uses->len;
            gboolean *done = g_new0(gboolean, n / 2 + 1);
            for (guint i = 0; i < n; i += 2) {
                if (done[i / 2])
                    continue;
                const char *d = g_ptr_array_index(f->uses, i);
                g_string_append_printf(b, "%s%s (", b->len ? "; " : "", d);
                for (guint j = i; j < n; j += 2) {
                    if (done[j / 2] || strcmp(g_ptr_array_index(f->uses, j), d))
                        continue;
                    done[j / 2] = TRUE;
                    g_string_append_printf(b, "%s%s", j == i ? "" : ", ",
                                           (const char *)g_ptr_array_index(f->uses, j + 1));
                }
                g_string_append_c(b, ')');
            }
            g_free(done);
            blurb = g_string_free(b, FALSE);
        }
        for (guint i = 1; i < f->uses->len; i += 2)
            g_free(g_ptr_array_index(f->uses, i));
        g_ptr_array_free(f->uses, TRUE);
        f->uses = NULL;
        header_field_info hfi = { f->name, g_strdup_printf(CAP_FILTER_PREFIX ".%s", f->field), f->type,
                                  BASE_NONE, NULL, 0, blurb, HFILL };
        hfs[i].p_id = &f->hf;
        hfs[i].hfinfo = hfi;
        if (f->generated && !strcmp(f->field, "call"))
            hf_call = &f->hf;
        else if (f->generated)
            hf_user = &f->hf;
    }
    proto_register_field_array(proto_bwcap, hf_fixed, array_length(hf_fixed));
    proto_register_field_array(proto_bwcap, hfs, (int)n_fields);   /* registered entries must stay */

    ett_element = g_new(gint, cap_n_elements ? cap_n_elements : 1);
    GPtrArray *etts = g_ptr_array_new();
    for (size_t i = 0; i < array_length(ett_fixed_list); i++)
        g_ptr_array_add(etts, ett_fixed_list[i]);
    for (size_t i = 0; i < cap_n_elements; i++) {
        ett_element[i] = -1;
        g_ptr_array_add(etts, &ett_element[i]);
    }
    proto_register_subtree_array((gint * const *)etts->pdata, (int)etts->len);
    g_ptr_array_free(etts, TRUE);

    expert_module_t *em = expert_register_protocol(proto_bwcap);
    expert_register_field_array(em, ei, array_length(ei));

    /* Documents are always reassembled, by the decoder's framer
     * (plugin_stream.h), so that the plugin and the CLI cut the stream
     * alike: the former preference is kept only so that saved profiles
     * still load. */
    module_t *pm = prefs_register_protocol(proto_bwcap, NULL);
    prefs_register_obsolete_preference(pm, "desegment");

    bwcap_handle = register_dissector("bwcap", dissect_bwcap_tcp, proto_bwcap);
    bwcap_tap = register_tap("bwcap");
    register_seq_analysis("bwcap", "BroadWorks CAP", proto_bwcap, NULL, TL_REQUIRES_NOTHING, bw_seq_packet);

    cap_msg_init(&cur_msg);   /* for the life of the program */
}

void proto_reg_handoff_bwcap(void)
{
    static char ports[32];
    g_snprintf(ports, sizeof ports, "%u,%u,%u", CAP_PORT_AS, CAP_PORT_OCS, CAP_PORT_CCC2);
    dissector_add_uint_range_with_preference("tcp.port", ports, bwcap_handle);
    heur_dissector_add("tcp", dissect_bwcap_heur, "BroadWorks CAP over TCP", "bwcap_tcp", proto_bwcap,
                       HEURISTIC_ENABLE);
    ps_register();
}
