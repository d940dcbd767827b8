/* cap_table.h - the shapes of the BroadWorks CAP protocol tables.
 *
 * The tables (cap_tables.c) are the single source of truth for the
 * BroadWorks Client Application Protocols: CAP-C (desktop clients through
 * the Open Client Server) and CCC2 (Client Call Control 2, third-party
 * server farms).  The decoder (cap_decode.c) names and checks what it reads
 * with them; the Wireshark plugin registers one hf per element and attribute
 * entry and its value_strings from them; the call-flow engine finds the
 * call id, the user, the state ... of a message by their roles.
 *
 * Spec: BroadWorks Client Application Protocols Interface Specification,
 * Release 17.0 (05-BD5117-00): commands in chapter 6, the CAP-C DTD in
 * chapter 10, the CCC2 DTD in chapter 11, "allowed values" in the tag
 * tables of chapter 6.
 *
 * CAP values are strings: an enum value is matched on its exact text
 * ("1", "Originator", "Dial", "" for an empty element).
 *
 * Pure C11; no GLib in this header.
 */
#ifndef CAP_TABLE_H
#define CAP_TABLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* TCP ports.  2206: the Open Client Server to the Application Server
 * (CAP-C, 3.1); 2212: CCC2 third-party servers to the Application Server
 * (4.1).  2208 is the OCS's client port, shared with BroadWorks OCI-P: it
 * is not in this spec. */
#define CAP_PORT_AS    2206
#define CAP_PORT_CCC2  2212
#define CAP_PORT_OCS   2208

/* Prefix of the display filter names: bwcap.<field>. */
#define CAP_FILTER_PREFIX "bwcap"

/* Which protocol(s) have a command (chapter 5). */
enum {
    CAP_PROTO_CAPC = 1u << 0,
    CAP_PROTO_CCC2 = 1u << 1,
    CAP_PROTO_BOTH = CAP_PROTO_CAPC | CAP_PROTO_CCC2,
};

/* "Message direction" of chapter 6. */
typedef enum cap_direction {
    CAP_DIR_C2S,    /* client to server */
    CAP_DIR_S2C,    /* server to client */
    CAP_DIR_BOTH,   /* either way */
} cap_direction;

/* Where the spec states a fact (an element, a parent relation, a value).
 * The DTDs and the prose disagree in places; these bits record who says
 * what, so the coverage test can check each source exactly and a reader
 * can see which spellings are only in a sample. */
enum {
    CAP_SRC_CAPC   = 1u << 0,  /* the CAP-C DTD (chapter 10) */
    CAP_SRC_CCC2   = 1u << 1,  /* the CCC2 DTD (chapter 11) */
    CAP_SRC_VALUES = 1u << 2,  /* a chapter 6 tag table / allowed-values list */
    CAP_SRC_TEXT   = 1u << 3,  /* chapter 6 prose (tag names, comments) */
    CAP_SRC_SAMPLE = 1u << 4,  /* only in a chapter 6 XML sample */
    CAP_SRC_EXT    = 1u << 5,  /* not in this spec (BroadWorks OCI) */
    CAP_SRC_DTDS   = CAP_SRC_CAPC | CAP_SRC_CCC2,
};

/* One allowed value.  value is the exact text on the wire. */
typedef struct cap_enum_val {
    const char *value;  /* "1", "Dial", "" (empty element) */
    const char *name;   /* the spec's meaning: "alerting", "Dial", "not assigned" */
    const char *desc;   /* the spec's explanation, or NULL */
    unsigned sources;   /* CAP_SRC_* */
} cap_enum_val;

enum {
    CAP_ENUM_OPEN = 1u << 0,  /* other values are allowed too (appearance "1"-N,
                                 remoteNumber, version): not warned about */
};

typedef struct cap_enum {
    const char *name;      /* "state", "releaseCause", "feature on/off" */
    const char *spec_ref;  /* "6.10.1", "6.10.2 Allowed tag values" */
    unsigned flags;        /* CAP_ENUM_* */
    const cap_enum_val *vals;
    size_t n_vals;
} cap_enum;

/* Semantic roles, for the call-flow engine, generated filter fields and the
 * summary line.  An entry may have several.  (Macros, not an enum: bit 31
 * does not fit an int enumeration constant.) */
#define CAP_ROLE_COMMAND_TYPE       (1u << 0)
#define CAP_ROLE_PROTOCOL           (1u << 1)  /* BroadsoftDocument protocol (CAP / OCI) */
#define CAP_ROLE_VERSION            (1u << 2)
#define CAP_ROLE_USER_TYPE          (1u << 3)
#define CAP_ROLE_USER_ID            (1u << 4)  /* user login id: user@id and <id> */
#define CAP_ROLE_USER_UID           (1u << 5)
#define CAP_ROLE_APPLICATION_ID     (1u << 6)
#define CAP_ROLE_MONITORED_USER_ID  (1u << 7)
#define CAP_ROLE_MONITORED_USER_UID (1u << 8)
#define CAP_ROLE_CALL_ID            (1u << 9)  /* names a call (callId, callInId, ...) */
#define CAP_ROLE_EXT_TRACKING_ID    (1u << 10)
#define CAP_ROLE_STATE              (1u << 11)  /* call state 0..7 */
#define CAP_ROLE_PERSONALITY        (1u << 12)
#define CAP_ROLE_RELEASE_CAUSE      (1u << 13)
#define CAP_ROLE_REMOTE_NUMBER      (1u << 14)
#define CAP_ROLE_REMOTE_NAME        (1u << 15)
#define CAP_ROLE_LOCAL_NUMBER       (1u << 16)
#define CAP_ROLE_CALL_TYPE          (1u << 17)
#define CAP_ROLE_APPEARANCE         (1u << 18)
#define CAP_ROLE_ACTION_TYPE        (1u << 19)  /* callAction / queueAction actionType */
#define CAP_ROLE_ACTION_PARAM       (1u << 20)  /* actionParam: meaning by actionParamName */
#define CAP_ROLE_ACTION_PARAM_NAME  (1u << 21)
#define CAP_ROLE_CORRELATION_ID     (1u << 22)  /* action@id: request/response link */
#define CAP_ROLE_CONFERENCE_STATE   (1u << 23)
#define CAP_ROLE_OFF_HOOK           (1u << 24)
#define CAP_ROLE_ACD_STATE          (1u << 25)
#define CAP_ROLE_CALL_CENTER_ID     (1u << 26)
#define CAP_ROLE_QUEUE_REASON       (1u << 27)  /* queue updateReason */
#define CAP_ROLE_FAILURE            (1u << 28)  /* failureCause, failureReason: worth a diagnostic */
#define CAP_ROLE_RESULT             (1u << 29)  /* success="True|False" */
#define CAP_ROLE_TIME_MS            (1u << 30)  /* milliseconds since 1970-01-01 GMT */
#define CAP_ROLE_REDIRECT           (1u << 31)  /* redirect numbers and reasons */

/* A command (commandType), chapters 5 and 6. */
typedef struct cap_command {
    const char *name;       /* commandType value, DTD spelling */
    const char *section;    /* "6.10" */
    unsigned protocols;     /* CAP_PROTO_* (chapter 5 table) */
    cap_direction dir;      /* chapter 6 "Message direction" */
    const char *response;   /* the response command, or NULL */
    const char *purpose;    /* one line */
} cap_command;

/* Content of an element as its DTD declares it. */
typedef enum cap_content {
    CAP_CONTENT_ELEMENTS,   /* (a?, b*, ...) */
    CAP_CONTENT_PCDATA,     /* (#PCDATA) */
    CAP_CONTENT_EMPTY,      /* EMPTY */
    CAP_CONTENT_UNDECLARED, /* named in a content model or the prose, never declared */
} cap_content;

/* An element may appear inside parent, this often.  Occurrence characters
 * as in the DTD content model: '1' (exactly once), '?', '*', '+'; 0 when
 * that source does not have the relation. */
typedef struct cap_parent {
    const char *parent;
    char capc;    /* in the CAP-C DTD's content model of parent */
    char ccc2;    /* in the CCC2 DTD's content model of parent */
    char text;    /* stated by the chapter 6 tables or samples where the DTDs
                     are silent or say otherwise (callIn 0..N, control per
                     controlType, DNISName in queueCall, ...) */
} cap_parent;

typedef struct cap_element {
    const char *name;            /* DTD spelling */
    const char *const *aliases;  /* other spellings of the prose / samples,
                                    NULL-terminated, or NULL */
    const char *field;           /* filter field: bwcap.<field> */
    cap_content content;
    unsigned declared;           /* CAP_SRC_CAPC / CAP_SRC_CCC2: has an <!ELEMENT> */
    const cap_parent *parents;   /* none for the root */
    size_t n_parents;
    const cap_enum *enm;         /* names of its text value, or NULL */
    unsigned roles;              /* CAP_ROLE_* */
    const char *desc;            /* one line from the spec */
} cap_element;

typedef enum cap_attr_type {
    CAP_ATTR_CDATA,
    CAP_ATTR_ENUM,
} cap_attr_type;

typedef struct cap_attribute {
    const char *element;    /* owning element, DTD spelling */
    const char *name;
    const char *field;      /* filter field: bwcap.<field> */
    cap_attr_type type;
    int required;           /* #REQUIRED */
    const char *dflt;       /* default value the DTD states, or NULL */
    unsigned sources;       /* CAP_SRC_CAPC / CCC2 (ATTLIST) / TEXT */
    const cap_enum *enm;    /* value names, or NULL */
    unsigned roles;
    const char *desc;
} cap_attribute;

/* ---- tables (cap_tables.c) ---- */
extern const cap_command cap_commands[];
extern const size_t cap_n_commands;
extern const cap_element cap_elements[];
extern const size_t cap_n_elements;
extern const cap_attribute cap_attributes[];
extern const size_t cap_n_attributes;
extern const cap_enum *const cap_all_enums[];
extern const size_t cap_n_enums;

/* Named enums. */
extern const cap_enum cap_enum_protocol;          /* BroadsoftDocument protocol */
extern const cap_enum cap_enum_version;
extern const cap_enum cap_enum_command_type;      /* the 24 commands */
extern const cap_enum cap_enum_user_type;
extern const cap_enum cap_enum_user_logout_reason;
extern const cap_enum cap_enum_failure_cause;
extern const cap_enum cap_enum_conference_state;
extern const cap_enum cap_enum_action_type;
extern const cap_enum cap_enum_action_param_name;
extern const cap_enum cap_enum_true_false;
extern const cap_enum cap_enum_control_type;
extern const cap_enum cap_enum_message_name;
extern const cap_enum cap_enum_mon_type;
extern const cap_enum cap_enum_failure_reason;
extern const cap_enum cap_enum_update_reason;
extern const cap_enum cap_enum_queue_action_type;
extern const cap_enum cap_enum_state;
extern const cap_enum cap_enum_personality;
extern const cap_enum cap_enum_call_type;
extern const cap_enum cap_enum_release_cause;
extern const cap_enum cap_enum_local_alt_type;
extern const cap_enum cap_enum_redirect_to_reason;
extern const cap_enum cap_enum_redirect_from_reason;
extern const cap_enum cap_enum_recall_type;
extern const cap_enum cap_enum_acd_state;
extern const cap_enum cap_enum_on_off;
extern const cap_enum cap_enum_feature_on;
extern const cap_enum cap_enum_feature_on_off;
extern const cap_enum cap_enum_mwi;
extern const cap_enum cap_enum_mandatory_entrance;
extern const cap_enum cap_enum_priority;
extern const cap_enum cap_enum_night_service;
extern const cap_enum cap_enum_appearance;
extern const cap_enum cap_enum_remote_number;

/* ---- lookups (cap_table.c); all thread-safe ---- */
const cap_command *cap_command_by_name(const char *name);
/* An element by its DTD name or an alias; NULL if unknown.  len may be
 * (size_t)-1 for a NUL-terminated name. */
const cap_element *cap_element_by_name(const char *name, size_t len);
/* Is parent (a DTD name, or NULL for the document root) a parent of e per
 * some source?  Returns the relation, or NULL. */
const cap_parent *cap_element_parent(const cap_element *e, const char *parent);
/* An element by name (or alias) that may appear inside parent; NULL if the
 * name is unknown or the parent is not one of its parents. */
const cap_element *cap_element_in(const char *name, const char *parent);
/* An attribute of an element (e may be NULL: none). */
const cap_attribute *cap_attribute_by_name(const cap_element *e, const char *name);
/* The attributes of e, in table order; returns their count. */
size_t cap_element_attributes(const cap_element *e, const cap_attribute **out, size_t max);
/* Is e a flag: declared EMPTY by the DTDs and without attributes, so that
 * its presence is all it says (<initialUpdate/>, <capVersionRequest/>)? */
int cap_element_is_flag(const cap_element *e);
/* The value's entry in an enum (exact text), or NULL. */
const cap_enum_val *cap_enum_lookup(const cap_enum *e, const char *value, size_t len);
/* May the occurrence character occ repeat ('*' or '+')? */
static inline int cap_occ_repeats(char occ) { return occ == '*' || occ == '+'; }
/* Does some source let e repeat inside parent p? */
int cap_parent_repeats(const cap_parent *p);

/* Spec name to filter field: "extTrackingId" -> "ext_tracking_id",
 * "DNISName" -> "dnis_name", "nWayCall" -> "n_way_call",
 * "hasVMMessages" -> "has_vm_messages".  Writes at most n bytes including
 * the NUL; returns out. */
char *cap_snake_name(const char *spec_name, char *out, size_t n);
/* "bwcap.<field>" of an entry, into out. */
char *cap_element_filter(const cap_element *e, char *out, size_t n);
char *cap_attribute_filter(const cap_attribute *a, char *out, size_t n);

const char *cap_direction_name(cap_direction d);   /* "client to server" ... */
const char *cap_protocols_name(unsigned protocols); /* "CAP-C", "CCC2", "CAP-C, CCC2" */

#ifdef __cplusplus
}
#endif
#endif
