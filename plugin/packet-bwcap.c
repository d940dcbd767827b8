/* packet-bwcap.c - Wireshark dissector for BroadWorks CAP (CAP-C and CCC2).
 *
 * Thin on purpose, like packet-ccxcti.c: decoder/cap finds the documents in
 * the TCP stream (cap_find_document) and decodes each one with GMarkup and
 * the tables (cap_decode); this file turns the decoder's flat item list into
 * a tree that mirrors the XML.  Every filter field, value name and role comes
 * from the tables (cap_tables.c): one hf per distinct table field
 * (bwcap.<field>), registered at start-up.  What only Wireshark has is added
 * here: desegmentation and resynchronisation, the heuristic, expert info,
 * linked exchanges (request/response), the stats tree and the flow graph.
 *
 * Documents travel back to back without a length prefix, so the dissector
 * desegments on its own: it asks TCP for one more segment
 * (DESEGMENT_ONE_MORE_SEGMENT) until the document's end tag is there, as
 * end-tag-delimited protocols do.
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
#include "ccxcti_seq.h"
#include "plugin_common.h"

void proto_register_bwcap(void);
void proto_reg_handoff_bwcap(void);
void bwcap_register_tap_listeners(void);

static int proto_bwcap = -1;
static dissector_handle_t bwcap_handle;
static int bwcap_tap = -1;
static gboolean bwcap_desegment = TRUE;

/* Fixed hf entries (the per-field ones are built from the tables). */
static int hf_unknown_element = -1;
static int hf_unknown_attribute = -1;
static int hf_text = -1;
static int hf_not_cap = -1;
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
static expert_field ei_cut = EI_INIT;
static expert_field ei_not_cap = EI_INIT;
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

/* What the first pass learnt about one document, for the later passes. */
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
    const char *user_id, *user_uid, *corr, *action;
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

/* Kinds of document the framing hands to dissect_document. */
typedef enum doc_kind {
    DOC_WHOLE,       /* start to </BroadsoftDocument> */
    DOC_CUT,         /* the next document starts before this one ends */
    DOC_OVERSIZED,   /* no end within CAP_MAX_DOCUMENT */
    DOC_TOO_BIG,     /* whole, but over CAP_MAX_DOCUMENT */
    DOC_FIN,         /* the stream ends (FIN) inside it */
    DOC_NO_REASM,    /* not whole in the segment and reassembly is off */
} doc_kind;

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
        return wmem_strdup_printf(pool, "%s\u2026", format_text(pool, (const guchar *)s, max));
    }
    return format_text(pool, (const guchar *)s, n);
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

static bw_conv *get_conv(packet_info *pinfo)
{
    conversation_t *c = find_or_create_conversation(pinfo);
    bw_conv *cv = conversation_get_proto_data(c, proto_bwcap);
    if (!cv) {
        cv = wmem_new0(wmem_file_scope(), bw_conv);
        cv->pending = wmem_list_new(wmem_file_scope());
        conversation_add_proto_data(c, proto_bwcap, cv);
    }
    return cv;
}

/* Index of this document within the frame (several per segment, and TCP
 * may call the dissector more than once per frame); packet-scope key 0. */
static guint32 next_doc_index(packet_info *pinfo)
{
    guint32 n = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_bwcap, 0));
    p_set_proto_data(pinfo->pool, pinfo, proto_bwcap, 0, GUINT_TO_POINTER(n + 1));
    return n;
}

static gboolean has_role(const cap_item *it, unsigned roles)
{
    return (cap_item_roles(it) & roles) && it->value;
}

/* The attribute of element item ei named by role, or NULL. */
static const cap_item *attr_with_role(const cap_msg *m, unsigned ei, unsigned roles)
{
    for (unsigned j = ei + 1; j < m->n_items && m->items[j].kind == CAP_ITEM_ATTRIBUTE &&
                              m->items[j].parent == (int32_t)ei; j++)
        if (has_role(&m->items[j], roles))
            return &m->items[j];
    return NULL;
}

/* Does item i carry a call id?  The CALL_ID role (call@callId,
 * callIn@callInId, queueCall@callId, wrapUpCallCenterCallId) and the
 * actionParam whose actionParamName is CallId (callAction). */
static gboolean is_call_id(const cap_msg *m, unsigned i)
{
    const cap_item *it = &m->items[i];
    if (!it->value || !*it->value)
        return FALSE;
    if (cap_item_roles(it) & CAP_ROLE_CALL_ID)
        return TRUE;
    if (it->kind == CAP_ITEM_ELEMENT && it->elem && (it->elem->roles & CAP_ROLE_ACTION_PARAM)) {
        const cap_item *pn = attr_with_role(m, i, CAP_ROLE_ACTION_PARAM_NAME);
        return pn && !strcmp(pn->value, "CallId");
    }
    return FALSE;
}

#define USER_ROLES (CAP_ROLE_USER_ID | CAP_ROLE_USER_UID | CAP_ROLE_MONITORED_USER_ID | \
                    CAP_ROLE_MONITORED_USER_UID)

/* ------------------------------------------------------------------ */
/* OCI: labelled, not decoded.  The command's xsi:type and the sessionId,
 * read straight from the bytes. */

static const char *find_bytes(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    while (p + n <= end) {
        const char *q = memchr(p, needle[0], (size_t)(end - p));
        if (!q || q + n > end)
            return NULL;
        if (!memcmp(q, needle, n))
            return q;
        p = q + 1;
    }
    return NULL;
}

/* The OCI command types ("UserGetRequest17sp4", ...), ", "-separated. */
static const char *oci_commands(wmem_allocator_t *pool, const guint8 *buf, guint len,
                                guint *first_off, guint *first_len)
{
    const char *p = (const char *)buf, *end = p + len;
    wmem_strbuf_t *sb = NULL;
    *first_len = 0;
    while ((p = find_bytes(p, end, "<command")) != NULL) {
        const char *tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end)
            break;
        const char *t = find_bytes(p, tag_end, "type=");
        p = tag_end;
        if (!t || t + 6 > tag_end || (t[5] != '"' && t[5] != '\''))
            continue;
        const char *v = t + 6;
        const char *ve = memchr(v, t[5], (size_t)(tag_end - v));
        if (!ve)
            continue;
        if (!sb) {
            sb = wmem_strbuf_new(pool, "");
            *first_off = (guint)(v - (const char *)buf);
            *first_len = (guint)(ve - v);
        } else {
            wmem_strbuf_append(sb, ", ");
        }
        wmem_strbuf_append(sb, utf8_safe(pool, v, ve - v));
        if (wmem_strbuf_get_len(sb) > 200)
            break;
    }
    return sb ? wmem_strbuf_get_str(sb) : NULL;
}

static const char *oci_session(wmem_allocator_t *pool, const guint8 *buf, guint len, guint *off,
                               guint *vlen)
{
    const char *p = (const char *)buf, *end = p + len;
    const char *s = find_bytes(p, end, "<sessionId");
    if (!s)
        return NULL;
    const char *gt = memchr(s, '>', (size_t)(end - s));
    if (!gt)
        return NULL;
    const char *lt = memchr(gt, '<', (size_t)(end - gt));
    if (!lt)
        return NULL;
    *off = (guint)(gt + 1 - p);
    *vlen = (guint)(lt - gt - 1);
    return utf8_safe(pool, gt + 1, lt - gt - 1);
}

/* ------------------------------------------------------------------ */
/* The Info column: "callUpdate joe@abc.com call localHost220335:0
 * alerting (Originator) remote 3015554000". */

static const char *doc_label(wmem_allocator_t *pool, const cap_msg *m, const char *oci)
{
    wmem_strbuf_t *sb = wmem_strbuf_new(pool, "");
    if (m->proto == CAP_DOC_OCI) {
        wmem_strbuf_append(sb, "OCI");
        if (oci)
            wmem_strbuf_append_printf(sb, " %s", oci);
        return wmem_strbuf_get_str(sb);
    }
    if (m->proto == CAP_DOC_NONE && m->root < 0) {
        wmem_strbuf_append(sb, m->xml_error ? "(not well-formed XML)" : "(no BroadsoftDocument)");
        return wmem_strbuf_get_str(sb);
    }
    wmem_strbuf_append(sb, m->command_type ? show(pool, m->command_type, 64) : "(no commandType)");
    const char *v;
    if ((v = cap_role_value(m, CAP_ROLE_USER_ID)) || (v = cap_role_value(m, CAP_ROLE_USER_UID)))
        wmem_strbuf_append_printf(sb, " %s", show(pool, v, 64));
    if ((v = cap_role_value(m, CAP_ROLE_MONITORED_USER_ID)) ||
        (v = cap_role_value(m, CAP_ROLE_MONITORED_USER_UID)))
        wmem_strbuf_append_printf(sb, " monitored %s", show(pool, v, 64));
    if ((v = cap_role_value(m, CAP_ROLE_ACTION_TYPE)))
        wmem_strbuf_append_printf(sb, " %s", show(pool, v, 40));
    for (int i = cap_find_role(m, CAP_ROLE_ACTION_PARAM, 0); i >= 0;
         i = cap_find_role(m, CAP_ROLE_ACTION_PARAM, i + 1))
        wmem_strbuf_append_printf(sb, " %s", show(pool, m->items[i].value, 64));
    if ((v = cap_role_value(m, CAP_ROLE_QUEUE_REASON)))
        wmem_strbuf_append_printf(sb, " %s", show(pool, v, 40));
    unsigned calls = 0;
    for (unsigned i = 0; i < m->n_items; i++) {
        if (m->items[i].elem && (m->items[i].elem->roles & CAP_ROLE_ACTION_PARAM))
            continue;   /* shown with the action */
        if (!is_call_id(m, i))
            continue;
        if (calls++ < 3)
            wmem_strbuf_append_printf(sb, " call %s", show(pool, m->items[i].value, 64));
    }
    if (calls > 3)
        wmem_strbuf_append_printf(sb, " (+%u more calls)", calls - 3);
    int si = cap_find_role(m, CAP_ROLE_STATE, 0);
    const char *state_value = si >= 0 ? m->items[si].value : NULL;
    if (si >= 0 && *state_value) {
        if (m->items[si].enum_val)
            wmem_strbuf_append_printf(sb, " %s", m->items[si].enum_val->name);
        else
            wmem_strbuf_append_printf(sb, " state %s", show(pool, state_value, 20));
    }
    int pi = cap_find_role(m, CAP_ROLE_PERSONALITY, 0);
    if (pi >= 0 && *m->items[pi].value) {
        if (m->items[pi].enum_val)
            wmem_strbuf_append_printf(sb, " (%s)", m->items[pi].enum_val->name);
        else
            wmem_strbuf_append_printf(sb, " (personality %s)", show(pool, m->items[pi].value, 20));
    }
    int ci = cap_find_role(m, CAP_ROLE_RELEASE_CAUSE, 0);
    if (ci >= 0 && *m->items[ci].value &&
        (strcmp(m->items[ci].value, "0") || (state_value && !strcmp(state_value, "5"))))
        wmem_strbuf_append_printf(sb, " cause %s", m->items[ci].enum_val ? m->items[ci].enum_val->name
                                                                          : show(pool, m->items[ci].value, 20));
    if ((v = cap_role_value(m, CAP_ROLE_REMOTE_NUMBER)))
        wmem_strbuf_append_printf(sb, " remote %s", show(pool, v, 64));
    if ((v = cap_role_value(m, CAP_ROLE_CONFERENCE_STATE)))
        wmem_strbuf_append_printf(sb, " conference %s", show(pool, v, 20));
    if ((v = cap_role_value(m, CAP_ROLE_OFF_HOOK)))
        wmem_strbuf_append_printf(sb, " offHook=%s", show(pool, v, 20));
    if ((v = cap_role_value(m, CAP_ROLE_ACD_STATE)))
        wmem_strbuf_append_printf(sb, " acdState=%s", show(pool, v, 20));
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        if (it->kind == CAP_ITEM_ELEMENT && has_role(it, CAP_ROLE_VERSION) && *it->value)
            wmem_strbuf_append_printf(sb, " version %s", show(pool, it->value, 20));
    }
    if ((v = cap_role_value(m, CAP_ROLE_FAILURE)))
        wmem_strbuf_append_printf(sb, " failure %s", show(pool, v, 64));
    if ((v = cap_role_value(m, CAP_ROLE_RESULT)))
        wmem_strbuf_append_printf(sb, " success=%s", show(pool, v, 20));
    return wmem_strbuf_get_str(sb);
}

static void set_info(packet_info *pinfo, const char *label)
{
    /* the first item of the frame replaces TCP's text; later ones follow */
    gboolean first = !p_get_proto_data(pinfo->pool, pinfo, proto_bwcap, 1);
    if (first)
        p_set_proto_data(pinfo->pool, pinfo, proto_bwcap, 1, GUINT_TO_POINTER(1));
    plugin_set_info(pinfo, first, label);
}

/* ------------------------------------------------------------------ */
/* Linked exchanges: each document whose command has a response in the
 * table (registerAuthentication -> responseAuthentication ->
 * registerRequest -> registerResponse -> acknowledgement, callAction with
 * responseRequested -> callActionResponse, infoRequest -> infoResponse,
 * monitoringUsersRequest -> monitoringUsersResponse, queueInfoRequest ->
 * queueInfoResponse) waits for it in its conversation; the answer is the
 * oldest waiting document of the other direction whose keys do not
 * disagree: the userUid when both have one, else the user id when both have
 * one, the action id (CORRELATION_ID: both or neither) and the action type
 * when both have one. */

static gboolean same_or_absent(const char *a, const char *b)
{
    return !a || !b || !strcmp(a, b);
}

static gboolean pending_matches(const bw_pending *p, const cap_command *cmd, int dir,
                                const char *user_id, const char *user_uid, const char *corr,
                                const char *action)
{
    if (p->expect != cmd || p->dir == dir)
        return FALSE;
    if (p->user_uid && user_uid) {
        if (strcmp(p->user_uid, user_uid))
            return FALSE;
    } else if (!same_or_absent(p->user_id, user_id)) {
        return FALSE;
    }
    if ((p->corr == NULL) != (corr == NULL) || (p->corr && strcmp(p->corr, corr)))
        return FALSE;
    return same_or_absent(p->action, action);
}

static void first_pass_links(packet_info *pinfo, bw_conv *cv, bw_pdu *pdu, const cap_msg *m)
{
    const cap_command *cmd = m->command;
    if (!cmd || m->proto == CAP_DOC_OCI)
        return;
    wmem_allocator_t *fs = wmem_file_scope();
    int dir = plugin_seg_dir(pinfo);
    const char *user_id = cap_role_value(m, CAP_ROLE_USER_ID);
    const char *user_uid = cap_role_value(m, CAP_ROLE_USER_UID);
    const char *corr = cap_role_value(m, CAP_ROLE_CORRELATION_ID);
    const char *action = cap_role_value(m, CAP_ROLE_ACTION_TYPE);

    /* Is it the next step of a waiting document? */
    for (wmem_list_frame_t *f = wmem_list_head(cv->pending); f; f = wmem_list_frame_next(f)) {
        bw_pending *p = wmem_list_frame_data(f);
        if (!pending_matches(p, cmd, dir, user_id, user_uid, corr, action))
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

    /* Does it wait for one?  callAction only with responseRequested="True". */
    if (!cmd->response)
        return;
    const cap_command *expect = cap_command_by_name(cmd->response);
    if (!expect)
        return;
    if (!strcmp(cmd->name, "callAction")) {
        gboolean asked = FALSE;
        for (unsigned i = 0; i < m->n_items; i++) {
            const cap_item *it = &m->items[i];
            if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr && it->value &&
                !strcmp(it->attr->name, "responseRequested") && !strcmp(it->attr->element, "action"))
                asked = !strcmp(it->value, "True");
        }
        if (!asked)
            return;
    }
    bw_pending *p = wmem_new0(fs, bw_pending);
    p->expect = expect;
    p->req = pdu;
    p->frame = pinfo->num;
    p->time = pinfo->abs_ts;
    p->cmd = cmd->name;
    p->dir = dir;
    p->user_id = user_id ? wmem_strdup(fs, user_id) : NULL;
    p->user_uid = user_uid ? wmem_strdup(fs, user_uid) : NULL;
    p->corr = corr ? wmem_strdup(fs, corr) : NULL;
    p->action = action ? wmem_strdup(fs, action) : NULL;
    pdu->expects = expect;
    /* Its call ids, for the response (a callActionResponse names no call). */
    for (unsigned i = 0; i < m->n_items; i++)
        pdu->n_calls += is_call_id(m, i);
    if (pdu->n_calls) {
        pdu->calls = wmem_alloc0(fs, pdu->n_calls * sizeof *pdu->calls);
        guint k = 0;
        for (unsigned i = 0; i < m->n_items && k < pdu->n_calls; i++)
            if (is_call_id(m, i))
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
            gboolean want = pass == 0 ? is_call_id(m, i)
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
        if (roles & CAP_ROLE_RELEASE_CAUSE) {
            /* a cause is meaningful once the call is released (state 5) */
            int si = cap_find_role(m, CAP_ROLE_STATE, 0);
            if (strcmp(it->value, "0") || (si >= 0 && !strcmp(m->items[si].value, "5")))
                tap_add(ti->causes, &ti->n_causes, enum_or_value(pool, "releaseCause", it));
        }
        if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr && (roles & CAP_ROLE_FAILURE))
            tap_add(ti->failures, &ti->n_failures,
                    wmem_strdup_printf(pool, "%s %s", it->attr->name, show(pool, it->value, 64)));
        if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr && (roles & CAP_ROLE_RESULT) &&
            !strcmp(it->value, "False"))
            tap_add(ti->failures, &ti->n_failures, wmem_strdup_printf(pool, "%s success=False", cmd));
    }
}

/* One document (or what there is of it) at [start, end) of tvb. */
static void dissect_document(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint start, guint end,
                             doc_kind kind)
{
    wmem_allocator_t *pool = pinfo->pool;
    guint dlen = end - start;
    tvbuff_t *dt = tvb_new_subset_length(tvb, (gint)start, (gint)dlen);
    const guint8 *buf = tvb_get_ptr(dt, 0, (gint)dlen);
    cap_msg *m = &cur_msg;
    cap_decode(buf, dlen, m);

    guint32 idx = next_doc_index(pinfo);
    /* file-scope keys: 16 + document index in the frame */
    bw_pdu *pdu = p_get_proto_data(wmem_file_scope(), pinfo, proto_bwcap, 16 + idx);
    if (!pdu) {
        pdu = wmem_new0(wmem_file_scope(), bw_pdu);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_bwcap, 16 + idx, pdu);
        if (!PINFO_FD_VISITED(pinfo) && kind == DOC_WHOLE)
            first_pass_links(pinfo, get_conv(pinfo), pdu, m);
    }

    gboolean oci = m->proto == CAP_DOC_OCI;
    const char *oci_cmds = NULL;
    guint oci_off = 0, oci_len = 0;
    if (oci)
        oci_cmds = oci_commands(pool, buf, dlen, &oci_off, &oci_len);
    const char *label = doc_label(pool, m, oci_cmds);
    static const char *const kind_text[] = { "", " [cut]", " [over the size cap]", " [over the size cap]",
                                             " [stream ended]", " [not reassembled]" };
    if (kind != DOC_WHOLE)
        label = wmem_strdup_printf(pool, "%s%s", label, kind_text[kind]);
    else if (m->xml_error)
        label = wmem_strdup_printf(pool, "%s [not well-formed]", label);
    set_info(pinfo, label);

    proto_item *pti = proto_tree_add_item(tree, proto_bwcap, dt, 0, -1, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett_bwcap);

    switch (kind) {
    case DOC_WHOLE:
        break;
    case DOC_CUT:
        expert_add_info_format(pinfo, pti, &ei_cut,
                               "document of %u bytes has no </BroadsoftDocument> before the next document: "
                               "not decoded as a whole document", dlen);
        break;
    case DOC_OVERSIZED:
        expert_add_info_format(pinfo, pti, &ei_cut,
                               "document has no </BroadsoftDocument> within the %u-byte size cap: %u bytes "
                               "discarded; resynchronising on the next <?xml or <BroadsoftDocument",
                               CAP_MAX_DOCUMENT, dlen);
        break;
    case DOC_TOO_BIG:
        expert_add_info_format(pinfo, pti, &ei_cut,
                               "document is %u bytes, over the %u-byte size cap: not decoded as a whole "
                               "document", dlen, CAP_MAX_DOCUMENT);
        break;
    case DOC_FIN:
        expert_add_info_format(pinfo, pti, &ei_cut,
                               "stream ended (FIN) inside the document: %u bytes without </BroadsoftDocument>",
                               dlen);
        break;
    case DOC_NO_REASM:
        expert_add_info_format(pinfo, pti, &ei_cut,
                               "document not whole in this segment (%u bytes) and reassembly is off: "
                               "enable TCP's \"Allow subdissectors to reassemble TCP streams\" and "
                               "bwcap.desegment", dlen);
        break;
    }

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
    if (oci) {
        proto_item *oi;
        items_tree = proto_tree_add_subtree(pt, dt, 0, (gint)dlen, ett_oci, &oi,
                                            "BroadWorks OCI document (not CAP: not decoded)");
        if (oci_cmds)
            proto_tree_add_string(items_tree, hf_oci_command, dt, (gint)oci_off, (gint)oci_len, oci_cmds);
        guint so = 0, sl = 0;
        const char *sess = oci_session(pool, buf, dlen, &so, &sl);
        if (sess)
            proto_tree_add_string(items_tree, hf_oci_session, dt, (gint)so, (gint)sl, sess);
        /* OCI-P documents usually declare ISO-8859-1 (and mean it) */
        const char *decl_end = find_bytes((const char *)buf, (const char *)buf + MIN(dlen, 200), "?>");
        gboolean latin1 = decl_end &&
                          (find_bytes((const char *)buf, decl_end, "ISO-8859-1") ||
                           find_bytes((const char *)buf, decl_end, "iso-8859-1"));
        proto_tree_add_item(items_tree, hf_oci_xml, dt, 0, (gint)dlen, latin1 ? ENC_ISO_8859_1 : ENC_UTF_8);
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
        proto_tree_add_expert_format(pt, pinfo, &ei_diag_note, dt, 0, 0, "%u more diagnostics not shown",
                                     m->diags_dropped);

    if (have_tap_listener(bwcap_tap)) {
        bw_tap_info *ti = wmem_new0(pool, bw_tap_info);
        ti->label = label;
        if (oci) {
            ti->proto = "OCI";
            ti->command = oci_cmds ? oci_cmds : "(no command)";
        } else if (m->root < 0) {
            ti->proto = "not a BroadsoftDocument";
            ti->command = m->xml_error ? "(not well-formed XML)" : "(other root element)";
        } else {
            ti->proto = "CAP";
            ti->command = m->command_type ? wmem_strdup(pool, m->command_type) : "(no commandType)";
            fill_tap(pool, ti, m);
        }
        if (kind == DOC_CUT)
            ti->problem = "cut by the next document";
        else if (kind == DOC_OVERSIZED || kind == DOC_TOO_BIG)
            ti->problem = "over the size cap";
        else if (kind == DOC_FIN)
            ti->problem = "cut by the end of the stream";
        else if (kind == DOC_NO_REASM)
            ti->problem = "not reassembled";
        else if (m->xml_error)
            ti->problem = "not well-formed XML";
        tap_queue_packet(bwcap_tap, pinfo, ti);
    }
}

/* Bytes between documents that are not whitespace. */
static void dissect_not_cap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint start, guint end)
{
    guint n = end - start;
    const char *label = wmem_strdup_printf(pinfo->pool, "[%u bytes not CAP]", n);
    set_info(pinfo, label);
    proto_item *pti = proto_tree_add_item(tree, proto_bwcap, tvb, (gint)start, (gint)n, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett_not_cap);
    proto_item *gi = proto_tree_add_item(pt, hf_not_cap, tvb, (gint)start, (gint)n, ENC_NA);
    expert_add_info_format(pinfo, gi, &ei_not_cap,
                           "%u bytes are not CAP documents; skipped until the next <?xml or "
                           "<BroadsoftDocument", n);
    if (have_tap_listener(bwcap_tap)) {
        bw_tap_info *ti = wmem_new0(pinfo->pool, bw_tap_info);
        ti->proto = "not CAP";
        ti->command = "(bytes between documents)";
        ti->label = label;
        ti->problem = "bytes that are not CAP";
        tap_queue_packet(bwcap_tap, pinfo, ti);
    }
}

/* Where to stop discarding an oversized document: before a '<' near the
 * end that may start the next document once more bytes come. */
static guint oversized_end(const guint8 *p, guint start, guint len)
{
    guint from = len > start + 32 ? len - 32 : start + 1;
    for (guint k = from; k < len; k++) {
        if (p[k] != '<')
            continue;
        size_t s, e;
        if (cap_find_document(p + k, len - k, &s, &e) == CAP_FIND_MORE && s == 0)
            return k;
    }
    return len;
}

static int dissect_bwcap_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const struct tcpinfo *tcpi = data;
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "CAP");
    guint len = tvb_captured_length(tvb);
    if (len == 0)
        return 0;
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)len);
    gboolean fin = tcpi && (tcpi->flags & TH_FIN);
    guint off = 0;
    while (off < len) {
        size_t s = 0, e = 0;
        cap_find_result r = cap_find_document(p + off, len - off, &s, &e);
        guint ds = off + (guint)s, de = off + (guint)e;
        if (ds > off && !all_blank(p + off, ds - off)) {
            /* the run, without the whitespace around it */
            guint a = off, z = ds;
            while (a < z && all_blank(p + a, 1))
                a++;
            while (z > a && all_blank(p + z - 1, 1))
                z--;
            dissect_not_cap(tvb, pinfo, tree, a, z);
        }
        switch (r) {
        case CAP_FIND_NONE:
            off = len;
            break;
        case CAP_FIND_WHOLE:
            dissect_document(tvb, pinfo, tree, ds, de, de - ds > CAP_MAX_DOCUMENT ? DOC_TOO_BIG : DOC_WHOLE);
            off = de;
            break;
        case CAP_FIND_CUT:
            dissect_document(tvb, pinfo, tree, ds, de, DOC_CUT);
            off = de;
            break;
        case CAP_FIND_MORE:
            if (len - ds > CAP_MAX_DOCUMENT) {
                guint stop = oversized_end(p, ds, len);
                dissect_document(tvb, pinfo, tree, ds, stop, DOC_OVERSIZED);
                off = stop;
                break;
            }
            if (bwcap_desegment && pinfo->can_desegment && !fin) {
                pinfo->desegment_offset = (int)ds;
                pinfo->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
                return (int)len;
            }
            dissect_document(tvb, pinfo, tree, ds, len, fin ? DOC_FIN : DOC_NO_REASM);
            off = len;
            break;
        }
    }
    return (int)len;
}

/* CAP (or OCI) on any TCP port: the segment starts with a BroadsoftDocument
 * whose start tag says protocol="CAP" or "OCI" (cap_looks_like). */
static gboolean dissect_bwcap_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    guint avail = tvb_captured_length(tvb);
    if (avail < 20)
        return FALSE;
    guint n = MIN(avail, 1024);
    if (cap_looks_like(tvb_get_ptr(tvb, 0, (gint)n), n) == CAP_LOOKS_NO)
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
    if (strcmp(ti->proto, "not CAP")) {
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
    return plugin_seq_item(ptr, pinfo, ti->label, g_strdup_printf("%s: %s", ti->proto, ti->label));
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
        if (type == FT_STRING)
            f->type = FT_STRING;
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
        { &hf_not_cap, { "Not CAP", "bwcap.not_cap", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Bytes between documents that are neither whitespace nor a document", HFILL } },
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
        { &ei_cut, { "bwcap.cut", PI_MALFORMED, PI_ERROR,
          "The document does not end (cut, over the size cap, stream ended)", EXPFILL } },
        { &ei_not_cap, { "bwcap.not_cap.expert", PI_MALFORMED, PI_ERROR,
          "Bytes between documents that are not CAP", EXPFILL } },
        { &ei_no_response, { "bwcap.no_response", PI_SEQUENCE, PI_WARN,
          "No response to this request in the capture", EXPFILL } },
    };

    proto_bwcap = proto_register_protocol("BroadWorks CAP", "CAP", "bwcap");

    /* One field per distinct table field.  Container elements only:
     * FT_NONE (presence); anything with a value: FT_STRING. */
    fields = g_new0(bw_field, cap_n_elements + cap_n_attributes + 2);
    elem_field = g_new0(guint, cap_n_elements ? cap_n_elements : 1);
    attr_field = g_new0(guint, cap_n_attributes ? cap_n_attributes : 1);
    GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);   /* registration only */
    for (size_t i = 0; i < cap_n_elements; i++) {
        const cap_element *e = &cap_elements[i];
        char *where = g_strdup_printf("<%s>", e->name);
        elem_field[i] = field_index(by_name, e->field, e->name, where, e->desc,
                                    e->content == CAP_CONTENT_ELEMENTS ? FT_NONE : FT_STRING);
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

    module_t *pm = prefs_register_protocol(proto_bwcap, NULL);
    prefs_register_bool_preference(pm, "desegment", "Reassemble CAP documents spanning multiple TCP segments",
                                   "Whether the BroadWorks CAP dissector should reassemble documents spanning "
                                   "multiple TCP segments. To use this option, you must also enable "
                                   "\"Allow subdissectors to reassemble TCP streams\" in the TCP protocol "
                                   "settings.", &bwcap_desegment);

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
}
