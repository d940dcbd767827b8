/* ccx_decode.h - decode one CCX CTI message with the tables.
 *
 * Input: the bytes of one message (8-byte header + body).  Output: the
 * message type, a flat list of decoded fields (table entry, offset, length,
 * value) and diagnostics (severity, field, offset, text).  Both front ends
 * walk that result: the CLI prints it, the plugin turns it into tree items.
 *
 * The decoder never reads outside [buf, buf + len) and never allocates: the
 * result lives in a caller-owned ccx_msg that is reused message after
 * message.  String values point into the caller's buffer.
 */
#ifndef CCX_DECODE_H
#define CCX_DECODE_H

#include "ccx_table.h"
#include "cti_diag.h"   /* CTI_DIAGS_DROPPED_FMT */

#ifdef __cplusplus
extern "C" {
#endif

/* Largest BodyLength accepted as a message.  The spec's "at most 256
 * bytes" is not a real limit (named variables alone may total 2000 bytes
 * and the spec's own outbound example needs 271), so the cap is set well
 * above the largest body the tables allow (every floating field of the
 * richest message at its maximum size, about 4.5 KiB) but low enough that a
 * corrupt length cannot make a reader buffer megabytes: a header asking for
 * more is treated as garbage and the stream resynchronises. */
#define CCX_MAX_BODY 32768u

#define CCX_MAX_FIELDS 1024   /* a 32 KiB body holds at most 16384 empty
                                 floating fields; past 1024 the rest of the
                                 body is reported, not decoded */
#define CCX_MAX_DIAGS 32
#define CCX_DIAG_TEXT 200

typedef enum ccx_severity {
    CCX_SEV_NOTE,   /* worth knowing: reserved field or message skipped */
    CCX_SEV_WARN,   /* spec violated, value still decoded */
    CCX_SEV_ERROR,  /* cannot be decoded as the spec says */
} ccx_severity;

typedef struct ccx_diag {
    ccx_severity sev;
    uint32_t offset;      /* from the start of the message (header included) */
    int field;            /* CCXF_* it concerns, or -1 */
    char text[CCX_DIAG_TEXT];
} ccx_diag;

/* Kinds of decoded entry. */
typedef enum ccx_decoded_kind {
    CCX_D_FIXED,     /* a fixed-part field */
    CCX_D_FLOATING,  /* a floating field of the message's table */
    CCX_D_FOREIGN,   /* a known FieldDataID the message's table does not list */
    CCX_D_UNKNOWN,   /* a reserved or unknown FieldDataID, shown raw */
    CCX_D_RAW,       /* bytes not decodable (unknown message body, trailing junk) */
} ccx_decoded_kind;

/* One cache line (64 bytes: pointers first, then 16-bit offsets and
 * lengths, which a message of at most CCX_HEADER_LEN + CCX_MAX_BODY bytes
 * needs, then the values): the decoder writes one per field and the
 * per-message output hands them to the second thread. */
typedef struct ccx_decoded_field {
    const ccx_field_ref *ref;  /* table entry, NULL for FOREIGN/UNKNOWN/RAW */
    const uint8_t *data;       /* STRING/UNSPEC/raw: the data bytes */
    /* NAMEDVAR / NAMEDARRAY */
    const uint8_t *nv_name;
    const uint8_t *nv_value;
    int16_t field;             /* CCXF_*, or -1 (unknown tag, raw bytes) */
    uint8_t kind;              /* ccx_decoded_kind */
    uint8_t type;              /* ccx_dtype: the wire type used to decode */
    uint16_t item_offset;      /* floating: offset of the tag byte; fixed: = offset */
    uint16_t offset;           /* offset of the data */
    uint16_t length;           /* data length */
    uint16_t str_len;          /* STRING: bytes before the NUL (or all if none) */
    uint16_t nv_name_len;
    uint16_t nv_value_len;
    /* value */
    uint32_t u;                /* integer types, zero-extended raw bits */
    int32_t  i;                /* integer types, sign-extended per type */
    uint8_t tag;               /* floating: FieldDataID */
    uint8_t valid;             /* value decoded (length matched the type) */
    uint16_t instance;         /* 0-based occurrence of this ref (repeated fields) */
    uint8_t nv_index;          /* NAMEDARRAY: VariableIndex */
    uint8_t ref_no;            /* ref as a number: 0 none, 1 + j def->fixed[j],
                                  1 + n_fixed + j def->floating[j] (at most 64 + 64) */
} ccx_decoded_field;

/* What a decoded message is, apart from its bytes, its fields and its
 * diagnostics.  These are ccx_msg's first members: a reader names them
 * directly (m->type_id), and what hands a message from one thread to
 * another copies them as one (m->head, a ccx_msg_head). */
#define CCX_MSG_HEAD_MEMBERS                                                         \
    const ccx_msg_def *def;   /* NULL for reserved/unknown types */                  \
    uint32_t body_len;                                                               \
    uint32_t type_id;                                                                \
    uint32_t len;             /* bytes available (8 + body_len when whole) */        \
    uint32_t fixed_end;       /* offset where the floating part starts */            \
    unsigned version;         /* protocol version the fixed part was decoded for     \
                                 (0 = latest) */                                     \
    unsigned n_fields;                                                               \
    unsigned n_diags;                                                                \
    unsigned diags_dropped;   /* diagnostics beyond CCX_MAX_DIAGS, not kept: errors  \
                                 are kept first, then warnings, then notes */        \
    unsigned max_sev_plus1;   /* 0 = clean, else highest severity + 1 */

typedef struct ccx_msg_head {
    CCX_MSG_HEAD_MEMBERS
} ccx_msg_head;

typedef struct ccx_msg {
    union {
        ccx_msg_head head;
        struct {
            CCX_MSG_HEAD_MEMBERS
        };
    };
    const uint8_t *buf;       /* the message, header included */
    /* The decoded fields: ccx_decode points this at field_store.  A reader
     * that receives a decoded message from another thread points it at the
     * received copy instead of copying the fields again. */
    ccx_decoded_field *fields;
    ccx_diag diags[CCX_MAX_DIAGS];
    ccx_decoded_field field_store[CCX_MAX_FIELDS];
} ccx_msg;

/* Decode one message.  buf holds len bytes starting at the header; when len
 * is less than 8 + BodyLength the message is reported truncated and what
 * is there is decoded.  version: the session's protocol version from its
 * OPEN_REQ, or 0 when unknown (version-gated fixed fields are then kept if
 * the floating part parses cleanly with them, dropped otherwise).
 * Returns 0 when no diagnostic is worse than a note, -1 otherwise. */
int ccx_decode(const uint8_t *buf, size_t len, unsigned version, ccx_msg *out);

/* Decoding for a reader that wants only some fields (the call-flow
 * engine reads a handful): fixed-part fields it does not want are not
 * listed (they have no check to fail; count fields are listed always, the
 * count checks need them).  Floating fields are listed as by ccx_decode,
 * and the diagnostics are the same.  keep[CCXF_*] is 1 for a wanted field;
 * it is read by ccx_field_filter_new only.  A ccx_field_filter is read-only afterwards. */
typedef struct ccx_field_filter ccx_field_filter;
ccx_field_filter *ccx_field_filter_new(const uint8_t *keep);
void ccx_field_filter_free(ccx_field_filter *k);
int ccx_decode_some(const uint8_t *buf, size_t len, unsigned version, const ccx_field_filter *keep,
                    ccx_msg *out);

/* The compact form of a decoded message: its valid fields that a ccx_field_filter
 * wants, 16 bytes each, values only (no diagnostics, no raw or unknown
 * entries).  The call-flow engine reads this form; it is a quarter of a
 * ccx_decoded_field, and what crosses from one core to the other is what costs. */
typedef struct ccx_field_value {
    int16_t field;        /* CCXF_* */
    uint8_t type;         /* ccx_dtype */
    uint8_t ref_no;       /* as in ccx_decoded_field */
    uint16_t off, len;    /* STRING: the text (before the NUL); NAMEDVAR,
                             NAMEDARRAY: the name.  Offsets in the message */
    union {
        uint32_t u;       /* integer types: the raw bits, zero-extended */
        struct { uint16_t off, len; } val;   /* NAMEDVAR, NAMEDARRAY: the value */
    } v;
    uint16_t instance;    /* 0-based occurrence (ConnectedParty lists) */
    uint8_t nv_index;     /* NAMEDARRAY: VariableIndex */
    uint8_t pad;          /* 0 */
} ccx_field_value;

/* The compact form of m: its valid fields that keep wants (keep NULL: all
 * of them), in order, written to out, which has room for m->n_fields.
 * Returns how many. */
unsigned ccx_compact(const ccx_msg *m, const ccx_field_filter *keep, ccx_field_value *out);

/* Decode straight to the compact form, for the common case: a message that
 * ccx_decode_some finds clean (no diagnostic worse than a note).  It is the
 * same walk as ccx_decode_some's, with every check made in the same place,
 * writing compact records instead of ccx_decoded_fields and diagnostics.  Writes at
 * most room fields to out and returns how many: exactly what
 * ccx_compact(ccx_decode_some(buf, len, version, keep)) gives.  *head is
 * filled as ccx_decode_some fills its ccx_msg's, except that n_fields counts
 * the compact records and notes are not counted (n_diags and max_sev_plus1
 * stay 0).  Returns -1, with out and head undefined but head->def set, when
 * the message has a warning or an error, or needs what only the full
 * decoder does (a fixed part of an older protocol version, a type without a
 * body definition, more than room fields): the caller then decodes it with
 * ccx_decode_some, which says what is wrong. */
int ccx_decode_compact(const uint8_t *buf, size_t len, unsigned version, const ccx_field_filter *keep,
                       ccx_field_value *out, unsigned room, ccx_msg_head *head);

/* Header helpers for framers (no bounds beyond the 8 bytes). */
static inline uint32_t ccx_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Is this 8-byte header plausible as the start of a CCX message?  Known or
 * reserved type id, body length within [smallest fixed part, CCX_MAX_BODY].
 * strict additionally refuses reserved ids and ids the spec names without
 * defining.  Used for resynchronisation and port-less detection. */
int ccx_header_plausible(const uint8_t hdr[8], int strict);

/* Does the complete message in buf (8 + BodyLength bytes) decode with no
 * error-level diagnostic?  The heuristic's second step. */
int ccx_message_clean(const uint8_t *buf, size_t len);

/* The smallest fixed part of a message (non-version-gated fields). */
uint32_t ccx_min_fixed_len(const ccx_msg_def *m);

/* Helpers for printers. */
/* The message's name: "CALL_DELIVERED_EVENT", or "RESERVED(68)" /
 * "UNKNOWN(200)" written into buf for a type with no definition. */
const char *ccx_msg_name(const ccx_msg *m, char *buf, size_t n);
const char *ccx_severity_name(ccx_severity s);
/* The text of m's first error-level diagnostic, or NULL (none, or it was
 * beyond CCX_MAX_DIAGS). */
const char *ccx_first_error(const ccx_msg *m);
/* Value text of an integer field: "2 (LCS_ALERTING)", masks "0x00000014
 * (A | B)", special nulls "4294967295 (NULL_CALL_ID)".  Returns out. */
char *ccx_format_int(const ccx_decoded_field *f, char *out, size_t n);
/* Name of an enum value / NULL-value for the field, or NULL. */
const char *ccx_value_name(const ccx_decoded_field *f);
/* The same for a value held apart from its ccx_decoded_field (ref may be NULL). */
const char *ccx_value_name_of(int field, const ccx_field_ref *ref, ccx_dtype type, uint32_t u);
/* Field name for printing ("CallID", "tag 210" for unknown tags). */
const char *ccx_decoded_field_name(const ccx_decoded_field *f, char *buf, size_t n);
/* Is this field's value numeric (printed via ccx_format_int)? */
int ccx_dtype_is_int(ccx_dtype t);

/* One-line key facts of a message for the text header line, the Wireshark
 * Info column and --brief: "call=16777507 2005 -> 2006 LCS_ALERTING".
 * arrow is the string to put between devices ("->" or "\u2192"). */
char *ccx_summary(const ccx_msg *m, const char *arrow, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
