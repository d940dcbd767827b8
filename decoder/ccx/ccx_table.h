/* ccx_table.h - the shapes of the Cisco Unified CCX CTI protocol tables.
 *
 * The tables (ccx_fields.def, ccx_enums.c, ccx_messages.def and .c) are the single
 * source of truth: the CLI decodes with them, the Wireshark plugin registers
 * its hf entries and value_strings from them, the encoder used by the
 * capture replay and the benchmark packs messages with them.  Nothing about
 * a field, tag or enum is written anywhere else.
 *
 * Spec: Cisco Unified Contact Center Express CTI Protocol Developer Guide,
 * Release 11.0(1).  Chapter 9 (messages), chapter 10 (types and constants).
 *
 * Pure C11; no GLib, no Wireshark.
 */
#ifndef CCX_TABLE_H
#define CCX_TABLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CCX_HEADER_LEN 8   /* BodyLength (UINT) + MessageTypeID (UINT) */
#define CCX_DEFAULT_PORT 42027

/* Table 184: Message Field Data Types. */
typedef enum ccx_dtype {
    CCX_CHAR,
    CCX_UCHAR,
    CCX_SHORT,
    CCX_USHORT,
    CCX_INT,
    CCX_UINT,
    CCX_BOOL,       /* 2 bytes, False = 0, True = 1 */
    CCX_TIME,       /* 4 bytes, seconds since 1970-01-01 UTC */
    CCX_STRING,     /* floating only; max size includes the NUL */
    CCX_UNSPEC,     /* floating only; raw bytes */
    CCX_NAMEDVAR,   /* floating only; Table 186 */
    CCX_NAMEDARRAY, /* floating only; Table 187 */
    CCX_DTYPE_COUNT
} ccx_dtype;

/* One named value of an enum, or one bit (or bit group) of a mask.
 * lo..hi is a range (hi == lo for a single value); ranges exist because the
 * spec lists reserved spans such as "reserved 6-8". */
typedef struct ccx_enum_val {
    uint32_t lo;
    uint32_t hi;
    const char *name; /* spec spelling, e.g. "LCS_ALERTING" or "reserved" */
    const char *desc; /* the spec's description, may be NULL */
    unsigned none;    /* 1: the value says "no value" (CEC_NONE, DEVID_NONE, the
                         NULL_... constants of Table 198); ccx_facts.h asks it */
} ccx_enum_val;

typedef struct ccx_enum {
    const char *name;       /* e.g. "LocalConnectionState" */
    const char *spec_ref;   /* e.g. "Table 190" */
    int is_mask;            /* bits: show each set bit by name */
    const ccx_enum_val *vals;
    size_t n_vals;
} ccx_enum;

/* Semantic roles a field can play; used by the call-flow engine, the
 * generated ccxcti.call / ccxcti.device filter fields and the info line. */
enum {
    CCX_ROLE_NONE         = 0,
    CCX_ROLE_CALL_ID      = 1u << 0, /* carries a call id */
    CCX_ROLE_DEVICE_ID    = 1u << 1, /* carries a device id (extension, port, ...) */
    CCX_ROLE_INVOKE_ID    = 1u << 2, /* request/response correlation */
    CCX_ROLE_COUNT        = 1u << 3, /* counts repeated floating fields */
    CCX_ROLE_AGENT_ID     = 1u << 4,
    CCX_ROLE_RESERVED     = 1u << 5, /* a "reserved" field */
};

/* A field: one name of the spec, defined once (ccx_fields.def).  The same
 * field can appear in the fixed part of one message and the floating part
 * of another; its wire type and size live in the per-message reference. */
typedef struct ccx_field {
    const char *name;      /* spec spelling: "ConnectionDeviceID" */
    const ccx_enum *enm;   /* value names, or NULL */
    unsigned roles;        /* CCX_ROLE_* */
    const char *desc;      /* one line from the spec */
} ccx_field;

/* Flags of a field reference inside a message. */
enum {
    CCX_REQ        = 1u << 0, /* floating: "(required)" */
    CCX_OPT        = 0,       /* floating: "(optional)" (for readability) */
    CCX_REQ_AGENT  = 1u << 1, /* floating: "(required for Agent mode)" etc. */
    CCX_HAS_DEFAULT= 1u << 2, /* fixed: the spec states the value ("Set this value to 21") */
};

/* A field as used in one message: fixed (in order, exact size) or floating
 * (tagged, maximum size). */
typedef struct ccx_field_ref {
    unsigned field;       /* index into ccx_fields[] (CCXF_*) */
    ccx_dtype type;
    uint16_t size;        /* fixed: byte size; floating: maximum data size */
    uint8_t tag;          /* floating: FieldDataID; fixed: 0 */
    uint8_t flags;        /* CCX_REQ ... */
    uint8_t min_version;  /* 0 = every version; else "Version N and later" */
    int count_field;      /* floating: CCXF_* of the fixed field that counts
                             its occurrences (NumCSQs, NumParties, ...); -1 */
    uint32_t dflt;        /* with CCX_HAS_DEFAULT: the value the spec states */
    const ccx_enum *enm;  /* value names for this message only, when the
                             spec gives the same field name different value
                             lists in different messages (Status: Table 201
                             vs Table 34 vs Table 41); NULL = the field's */
} ccx_field_ref;

/* Message classes (Table 10). */
typedef enum ccx_msg_class {
    CCX_CLASS_SESSION,
    CCX_CLASS_ERROR,
    CCX_CLASS_CONFIG,
    CCX_CLASS_AGENT_STATE,
    CCX_CLASS_CALL_EVENT,
    CCX_CLASS_CALL_CONTROL,
    CCX_CLASS_MISC,
    CCX_CLASS_RESERVED,
    CCX_CLASS_COUNT
} ccx_msg_class;

/* Who sends it (Table 10 "Sent by"). */
typedef enum ccx_sender {
    CCX_FROM_CLIENT,
    CCX_FROM_SERVER,
    CCX_FROM_EITHER,
} ccx_sender;

/* Solicit/solicited/unsolicited (Table 10). */
typedef enum ccx_kind {
    CCX_KIND_REQUEST,      /* client request ("Solicit") */
    CCX_KIND_RESPONSE,     /* server confirmation ("Solicited") */
    CCX_KIND_EVENT,        /* unsolicited */
} ccx_kind;

typedef struct ccx_msg_def {
    uint32_t id;                 /* MessageTypeID */
    const char *name;            /* spec spelling, e.g. "CALL_DELIVERED_EVENT" */
    ccx_msg_class cls;
    ccx_sender sender;
    ccx_kind kind;
    const char *spec_ref;        /* e.g. "Tables 71-72" */
    const char *purpose;         /* Table 10 "Purpose", one line */
    const ccx_field_ref *fixed;
    size_t n_fixed;
    const ccx_field_ref *floating;
    size_t n_floating;
} ccx_msg_def;

/* Table 188: one FieldDataID and the name(s) the table gives it. */
typedef struct ccx_tag_def {
    uint8_t tag;
    const char *name;    /* as in Table 188, "reserved" included */
    int field;           /* CCXF_* used when the tag appears in a message
                            that does not list it; -1 for reserved */
    ccx_dtype type;      /* the type the messages give it (for unknown context) */
} ccx_tag_def;

/* ---- the field dictionary: CCXF_<name> indices ---- */
#define CCX_FIELD(id, name, enm, roles, desc) CCXF_##id,
typedef enum ccx_field_id {
#include "ccx_fields.def"
    CCXF_COUNT
} ccx_field_id;
#undef CCX_FIELD

extern const ccx_field ccx_fields[CCXF_COUNT];
extern const char *const ccx_field_ids[CCXF_COUNT];   /* "UnifiedCCXOnline" */

/* ---- the messages: CCXM_<NAME> = MessageTypeID, from ccx_messages.def ----
 * (CCXM_CONTROL_FAILURE_CONF is 35): code that means one message names it
 * by these, not by its number. */
#define CCX_MSG(id, nm, ...) CCXM_##nm = (id),
#define CCX_MSG_F(id, nm, ...) CCXM_##nm = (id),
#define CCX_MSG_0(id, nm, ...) CCXM_##nm = (id),
typedef enum ccx_msg_id {
#include "ccx_messages.def"
} ccx_msg_id;
#undef CCX_MSG
#undef CCX_MSG_F
#undef CCX_MSG_0

/* ---- tables ---- */
extern const ccx_msg_def ccx_messages[];
extern const size_t ccx_n_messages;

/* Message type ids the spec lists as "reserved" (Table 11). */
extern const uint32_t ccx_reserved_msg_ids[];
extern const size_t ccx_n_reserved_msg_ids;

extern const ccx_tag_def ccx_tags[];   /* Table 188, sorted by tag */
extern const size_t ccx_n_tags;

/* Every enum and mask table, for iteration (plugin value_strings, tests). */
extern const ccx_enum *const ccx_all_enums[];
extern const size_t ccx_n_enums;

/* Named enums (defined in ccx_enums.c). */
extern const ccx_enum ccx_enum_service_mask;      /* Table 22 */
extern const ccx_enum ccx_enum_call_msg_mask;     /* Table 23 */
extern const ccx_enum ccx_enum_agent_state_mask;  /* Table 24 */
extern const ccx_enum ccx_enum_config_mask;       /* Table 25 */
extern const ccx_enum ccx_enum_device_type;       /* Table 189 */
extern const ccx_enum ccx_enum_lcs;               /* Table 190 */
extern const ccx_enum ccx_enum_event_cause;       /* Table 191 */
extern const ccx_enum ccx_enum_system_event_id;   /* Table 192 */
extern const ccx_enum ccx_enum_conn_device_type;  /* Table 193 */
extern const ccx_enum ccx_enum_codec;             /* Table 194 */
extern const ccx_enum ccx_enum_call_type;         /* Table 195 */
extern const ccx_enum ccx_enum_control_failure;   /* Table 196 */
extern const ccx_enum ccx_enum_ccx_error;         /* Table 197 */
extern const ccx_enum ccx_enum_special;           /* Table 198 */
extern const ccx_enum ccx_enum_ccx_status;        /* Table 199 */
extern const ccx_enum ccx_enum_disposition;       /* Table 200 */
extern const ccx_enum ccx_enum_error_status;      /* Table 201 */
extern const ccx_enum ccx_enum_agent_reason;      /* Table 202 */
extern const ccx_enum ccx_enum_agent_state;       /* Table 3 */

/* ---- lookups (ccx_table.c) ---- */
const ccx_msg_def *ccx_msg_by_id(uint32_t id);      /* O(1); NULL if unknown/reserved */
const ccx_msg_def *ccx_msg_by_name(const char *name);
int ccx_msg_id_is_reserved(uint32_t id);
const ccx_tag_def *ccx_tag_by_id(uint8_t tag);       /* NULL if not in Table 188 */
int ccx_field_by_name(const char *name);  /* spec name or C id -> CCXF_*, or -1 */
/* The value's name in an enum, or NULL. */
const ccx_enum_val *ccx_enum_lookup(const ccx_enum *e, uint32_t v);
/* The entry of an enum with this name (the spec's spelling, first one),
 * or NULL: how code outside the tables takes a value (AGENT_STATE_READY,
 * CTI_SERVICE_ALL_EVENTS) from them instead of writing its number. */
const ccx_enum_val *ccx_enum_by_name(const ccx_enum *e, const char *name);
const char *ccx_dtype_name(ccx_dtype t);
/* The value names of a field as used by ref (ref may be NULL). */
const ccx_enum *ccx_ref_enum(int field, const ccx_field_ref *ref);
const char *ccx_class_name(ccx_msg_class c);
/* Byte size of a fixed-size type; 0 for STRING/UNSPEC/NAMEDVAR/NAMEDARRAY. */
static inline unsigned ccx_dtype_size(ccx_dtype t)
{
    static const uint8_t size[CCX_DTYPE_COUNT] = { 1, 1, 2, 2, 4, 4, 2, 4, 0, 0, 0, 0 };
    return (unsigned)t < CCX_DTYPE_COUNT ? size[t] : 0;
}
/* Spec name to filter name: "ConnectionDeviceID" -> "connection_device_id",
 * "CSQID" -> "csqid", "NumCSQs" -> "num_csqs", "MR Domain ID" -> "mr_domain_id".
 * Writes at most n bytes including the NUL; returns out. */
char *ccx_snake_name(const char *spec_name, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
