/* msg_select.h - which messages the per-message output (text, --brief,
 * --json) and -w keep: --call, --dn, --agent and --type, combined with AND.
 *
 * Each filter asks what the tables say a field is, never its position:
 *  --call ID   a CCX field with the call-id role (CallID, SecondaryCallID,
 *              NewCallID, PrimaryCallID, ...) equal to ID in decimal; a
 *              CAP item with the call-id role (callId, callInId, ...) or an
 *              extTrackingId equal to ID as the wire spells it.
 *  --dn NUMBER a CCX field with the device-id role, or ANI, DNIS,
 *              DialedNumber; a CAP remoteNumber or localNumber.
 *  --agent ID  a CCX field with the agent-id role (AgentID, LoginID); a
 *              CAP user id (user@id, <id>) or monitored user id.
 *  --type NAME the message's name as printed (the spec's name, OCI's
 *              "OCI <commandType>" and the CAP commandType); globs * and ?
 *              (g_pattern_match_simple); repeatable: any of them.
 */
#ifndef CTS_MSG_SELECT_H
#define CTS_MSG_SELECT_H

#include <stdio.h>
#include <glib.h>
#include "ccx_decode.h"
#include "cap_decode.h"

typedef struct cts_msgsel {
    const char *call, *dn, *agent;   /* NULL: no such filter */
    GPtrArray *types;                /* GPatternSpec *; NULL or empty: any type */
} cts_msgsel;

/* A selector from the options (each may be NULL); types is a NULL-ended
 * list of names.  NULL when no filter is given.  *bad gets the first --type
 * that names no type the tables know (matches no CCX message and no CAP
 * command), or NULL. */
cts_msgsel *cts_msgsel_new(const char *call, const char *dn, const char *agent,
                           char **types, const char **bad);
void cts_msgsel_free(cts_msgsel *s);

/* Does the message pass every filter?  s NULL passes everything. */
int cts_msgsel_ccx(const cts_msgsel *s, const ccx_msg *m);
int cts_msgsel_cap(const cts_msgsel *s, const cap_msg *m);

/* The names --type knows: every CCX message of the tables and every CAP
 * command, one a line (bash completion, --type list). */
void cts_msgsel_list_types(FILE *out);

#endif
