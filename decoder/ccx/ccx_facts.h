/* ccx_facts.h - what the CCX tables say about a value or a message beyond
 * its name, asked by every reader (the CLI's printers, the one-line summary,
 * the call-flow adapter, the Wireshark plugin) instead of restated by each.
 *
 * Every answer comes from the tables (ccx_enums.c, ccx_messages.def): a
 * number is never written here, only which table row or field means what.
 */
#ifndef CCX_FACTS_H
#define CCX_FACTS_H

#include "ccx_table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- "no value" ----
 *
 * The Table 198 constant a field carries for "none" (NULL_CALL_ID for every
 * call-id field, NULL_CSQ for CSQID, NULL_APPLICATION for ApplicationID),
 * or NULL when the field has none.  Its value is the row's lo. */
const ccx_enum_val *ccx_field_null(int field);

/* The name of that constant when a field of this wire type holds it
 * ("NULL_CALL_ID"), else NULL: what a printer shows beside the number. */
const char *ccx_null_name(int field, ccx_dtype type, uint32_t u);

/* Does the value say "no value"?  Its Table 198 NULL constant, a row of its
 * value list marked none (CEC_NONE, DEVID_NONE, LCS_NONE,
 * CONNECTION_ID_NONE), or 0 where 0 means none: a call id other than
 * CallID (chapter 11 prints "SecondaryCallID: 0" when there is no consult
 * call) and EventReasonCode (no reason given; Table 202 has no 0).
 * ref: the field's table entry in its message (its own value list), or
 * NULL. */
int ccx_value_is_none(int field, const ccx_field_ref *ref, ccx_dtype type, uint32_t u);

/* ---- failures ----
 *
 * The fields that say why a failure message failed: FAILURE_CONF and
 * FAILURE_EVENT their Status (Table 201), CONTROL_FAILURE_CONF its
 * FailureCode (Table 196) and UnifiedCCXErrorCode (Table 197).  NULL for
 * a message that is not a failure (or d NULL).  The plugin's expert info
 * and stats, the one-line summary and the call-flow summary's failed
 * requests all show these. */
typedef struct ccx_failure {
    int code;     /* CCXF_* of the failure code */
    int detail;   /* CCXF_* of a second, more detailed code, or -1 */
} ccx_failure;
const ccx_failure *ccx_msg_failure(const ccx_msg_def *d);

/* ---- session mode ----
 *
 * The modes a ServicesRequested / ServicesGranted mask asks for, by its
 * Table 22 bits: bridge mode (CTI_SERVICE_ALL_EVENTS, every phone's
 * events), agent mode (CTI_SERVICE_CLIENT_EVENTS, one phone's).  The spec
 * forbids both; a mask may still have both, or neither. */
enum { CCX_MODE_AGENT = 1u << 0, CCX_MODE_BRIDGE = 1u << 1 };
unsigned ccx_service_modes(uint32_t services);

#ifdef __cplusplus
}
#endif
#endif
