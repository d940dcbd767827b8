/* cap_decode.h - decode one BroadWorks CAP document with the tables.
 *
 * Input: the bytes of one document (as cap_framer cuts them: from "<?xml"
 * or "<BroadsoftDocument" to the end of "</BroadsoftDocument>"; leading and
 * trailing whitespace are allowed).  Output: the protocol (CAP, or OCI when
 * the root says protocol="OCI": labelled, not decoded), the command, a flat
 * list of decoded items in document order - elements, attributes, text -
 * each with its table entry (NULL when unknown), depth, parent, name, value,
 * value name and byte offset - and diagnostics (severity, item, offset,
 * text).  Both front ends walk that result.
 *
 * XML is parsed by GLib's GMarkup.  A document that is not well-formed is
 * reported with GMarkup's message, line and column, and every element
 * decoded before the error is kept.  GMarkup reads UTF-8 only: bytes that
 * are not UTF-8 (or a NUL) end the document there, reported as
 * "Invalid UTF-8 encoded text: byte 0xNN" (the declared encoding is noted
 * when it is not UTF-8).
 *
 * Memory: the result lives in a caller-owned cap_msg, reused document after
 * document.  Its buffers (items, the value arena, the GMarkup context) grow
 * to the largest document seen and are then reused: decoding allocates
 * nothing in the steady state, except that GMarkup's context is replaced
 * after a malformed document (GMarkup cannot continue after an error).
 * Item names and values are NUL-terminated copies in the message's arena,
 * valid until the next cap_decode() or cap_msg_free(); offsets are into the
 * caller's buffer.
 *
 * Offsets.  GMarkup reports a line and a byte count within the line for each
 * callback (its "char" number counts bytes, and a line's '\n' is its char
 * 1).  The decoder turns that into a byte offset by counting newlines, then
 * finds the markup around it: an element's offset is its '<' (the first '<'
 * after the previous piece of markup: character data cannot hold one), an
 * attribute's offset is its name in the start tag, a text item's offset is
 * the byte after the previous markup.  Exact for every element, attribute
 * and text, entity references and CDATA sections included (CDATA: the raw
 * span includes the <![CDATA[ ]]> markers).  The XML error position is
 * GMarkup's: the byte it stopped at.
 */
#ifndef CAP_DECODE_H
#define CAP_DECODE_H

#include "cap_table.h"
#include "cti_diag.h"   /* CTI_DIAGS_DROPPED_FMT */

#ifdef __cplusplus
extern "C" {
#endif

/* The largest document the framer accepts.  Real CAP documents are a few
 * KiB (a queueUpdate listing a long queue is the biggest); 256 KiB leaves
 * room for hundreds of queued calls and still bounds what a stream without
 * "</BroadsoftDocument>" can make a reader buffer. */
#define CAP_MAX_DOCUMENT (256u * 1024u)

#define CAP_MAX_ITEMS  65536  /* items of one document; beyond, reported once */
#define CAP_MAX_DEPTH  64     /* element nesting (CAP uses 7); deeper: reported, skipped */
#define CAP_MAX_DIAGS  64
#define CAP_DIAG_TEXT  256

typedef enum cap_severity {
    CAP_SEV_NOTE,   /* worth knowing: a failure response, another version, ... */
    CAP_SEV_WARN,   /* spec violated (unknown element, value not allowed), still decoded */
    CAP_SEV_ERROR,  /* cannot be decoded as the spec says (not well-formed, no root) */
} cap_severity;

typedef struct cap_diag {
    cap_severity sev;
    uint32_t offset;     /* byte offset in the document buffer */
    int item;            /* index of the item it concerns, or -1 */
    char text[CAP_DIAG_TEXT];
} cap_diag;

typedef enum cap_item_kind {
    CAP_ITEM_ELEMENT,
    CAP_ITEM_ATTRIBUTE,
    CAP_ITEM_TEXT,       /* character data beside child elements (mixed content) */
} cap_item_kind;

/* cap_item flags */
enum {
    CAP_IF_EMPTY_TAG    = 1u << 0,  /* <x/> */
    CAP_IF_UNCLOSED     = 1u << 1,  /* the document ended or broke before its end tag */
    CAP_IF_UNKNOWN      = 1u << 2,  /* not in the tables */
    CAP_IF_UNEXPECTED   = 1u << 3,  /* known, but not expected inside this parent */
    CAP_IF_BAD_VALUE    = 1u << 4,  /* value not one of the allowed values */
    CAP_IF_REPEATED     = 1u << 5,  /* element repeated where the spec allows one */
    CAP_IF_HAS_CHILDREN = 1u << 6,  /* element has child elements (value is NULL) */
    CAP_IF_SKIPPED      = 1u << 7,  /* its content was not decoded (OCI root, too deep) */
};

typedef struct cap_item {
    cap_item_kind kind;
    uint16_t depth;                /* root element 0; an attribute or text: its element's + 1 */
    uint16_t flags;                /* CAP_IF_* */
    int32_t parent;                /* index of the parent element item; -1 for the root */
    const cap_element *elem;       /* ELEMENT: its entry; ATTRIBUTE/TEXT: the entry of
                                      the element it belongs to; NULL when unknown */
    const cap_attribute *attr;     /* ATTRIBUTE: its entry, NULL when unknown */
    const char *name;              /* as written (NUL-terminated copy); NULL for TEXT */
    uint32_t name_len;
    const char *value;             /* decoded text (entities resolved), NUL-terminated:
                                      ATTRIBUTE its value, TEXT the text, ELEMENT its
                                      text when it has no child elements ("" when empty;
                                      when the document breaks inside its text, the raw
                                      bytes seen so far), NULL when it has child elements */
    uint32_t value_len;
    const cap_enum_val *enum_val;  /* the value's entry in the allowed values, or NULL */
    uint32_t offset;               /* ELEMENT '<', ATTRIBUTE its name, TEXT first byte */
    uint32_t length;               /* ELEMENT through its end tag (or what there is),
                                      ATTRIBUTE name="value", TEXT its raw bytes */
    uint32_t value_offset;         /* raw bytes of the value in the document */
    uint32_t value_raw_len;
} cap_item;

/* What the root element says the document is. */
typedef enum cap_doc_proto {
    CAP_DOC_NONE,     /* no root element, or not a BroadsoftDocument */
    CAP_DOC_CAP,      /* protocol="CAP" (or no protocol attribute): decoded */
    CAP_DOC_OCI,      /* protocol="OCI": BroadWorks OCI, labelled, not decoded */
    CAP_DOC_OTHER,    /* another protocol value: decoded as CAP, with a warning */
} cap_doc_proto;

struct cap_decode_state;

typedef struct cap_msg {
    cap_doc_proto proto;
    const char *protocol;          /* the protocol attribute, or NULL */
    const char *version;           /* the version attribute, or NULL */
    const char *command_type;      /* the commandType attribute, or NULL */
    const cap_command *command;    /* its table entry, NULL when missing/unknown */
    int root;                      /* item index of the root element, or -1 */

    cap_item *items;               /* n_items items, document order */
    unsigned n_items;
    unsigned items_dropped;        /* beyond CAP_MAX_ITEMS */

    unsigned n_diags;
    unsigned diags_dropped;        /* beyond CAP_MAX_DIAGS, not kept: errors are kept
                                      first, then warnings, then notes */
    unsigned max_sev_plus1;        /* 0 = clean, else highest severity + 1 */
    cap_diag diags[CAP_MAX_DIAGS];

    /* Not well-formed (also: cut short). */
    int xml_error;
    uint32_t xml_error_offset;     /* byte offset in the buffer */
    unsigned xml_error_line;       /* 1-based, within the buffer */
    unsigned xml_error_column;     /* 1-based, in characters */
    char xml_error_text[CAP_DIAG_TEXT]; /* GMarkup's message without its position prefix */

    const uint8_t *buf;            /* the document decoded */
    size_t len;

    struct cap_decode_state *st;   /* private: reusable buffers */
} cap_msg;

void cap_msg_init(cap_msg *m);
void cap_msg_free(cap_msg *m);
/* The arena the last cap_decode wrote the names and values to, and how many
 * bytes of it are in use (to copy a decoded message elsewhere). */
const char *cap_msg_arena(const cap_msg *m, size_t *used);

/* Decode one document.  Returns 0 when no diagnostic is worse than a note,
 * -1 otherwise.  buf need not be NUL-terminated. */
int cap_decode(const uint8_t *buf, size_t len, cap_msg *m);

/* Helpers for printers and the plugin. */
const char *cap_severity_name(cap_severity s);      /* "note", "warning", "error" */
const char *cap_doc_proto_name(cap_doc_proto p);    /* "CAP", "OCI", ... */
/* The roles of an item's entry (element or attribute), 0 when unknown. */
unsigned cap_item_roles(const cap_item *it);
/* The filter field of an item's entry ("call_id"), or NULL when unknown. */
const char *cap_item_field(const cap_item *it);
/* Index of the first item at or after from whose entry has any of roles
 * (and a value), or -1. */
int cap_find_role(const cap_msg *m, unsigned roles, int from);
/* Value of the first item with any of roles, or NULL. */
const char *cap_role_value(const cap_msg *m, unsigned roles);

/* ---- cap_summary.c: what both front ends say about a document ---- */

/* Does item i name a call?  The CALL_ID role (call@callId, callIn@callInId,
 * queueCall@callId, wrapUpCallCenterCallId), and an actionParam whose
 * actionParamName is CallId (callAction). */
int cap_item_is_call_id(const cap_msg *m, unsigned i);

/* Does item i, a releaseCause, say something?  Until the call is released
 * its value is "0", to be ignored (6.10.2): it counts when it is not 0, or
 * when the document's call state is released (5). */
int cap_release_cause_shown(const cap_msg *m, unsigned i);

/* Does the item say a request failed: a result attribute
 * (callActionResult@success, monResult@success) of "False"? */
int cap_item_says_failed(const cap_item *it);

/* The response the document waits for (its command's response in the
 * table), or NULL: a callAction waits only when its action asks for one
 * (responseRequested="True"). */
const cap_command *cap_awaited_response(const cap_msg *m);

/* One line of key facts: the CLI's message line and --brief, and the
 * plugin's Info column and protocol item.  It starts with the document's
 * name (its commandType, "OCI ..." with the OCI command types, "(no
 * commandType)", "(not well-formed XML)", "(no BroadsoftDocument)"), then
 * "user=joe@abc.com call=localHost220335:0 state=1 (alerting)
 * remote=3015554000" and so on.  Values are cut at 64 bytes and control
 * characters escaped.  Returns out. */
char *cap_summary(const cap_msg *m, char *out, size_t n);

/* BroadWorks OCI documents are labelled, not decoded: their command types
 * (xsi:type of each <command>, ", "-separated, at most about 200 bytes)
 * and sessionId, read from the bytes.  Offsets and lengths are in m->buf;
 * 0 lengths when absent. */
typedef struct cap_oci {
    char commands[256];
    uint32_t command_off, command_len;   /* the first command type */
    uint32_t session_off, session_len;
    int latin1;                          /* the declaration says ISO-8859-1 */
} cap_oci;
void cap_oci_info(const cap_msg *m, cap_oci *o);

#ifdef __cplusplus
}
#endif
#endif
