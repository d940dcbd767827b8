/* cf_vocab.c - the engine's vocabulary as text: the names of the event
 * types (with the ladder's arrow and whether an event goes on a call),
 * agent states and their T-Library events, device kinds, party states,
 * roles, outcomes and note titles (see cf_engine.h); durations as text.
 *
 * Tables only: nothing here reads or changes the engine's state.
 */
#include "cf_engine.h"
#include "fast_append.h"   /* fa_digits */

#include <stdio.h>
#include <string.h>

enum { CAT_NONE, CAT_CALL, CAT_AGENT, CAT_SESSION };

static const struct {
    const char *name;
    int8_t arrow;    /* +1 ThisDN -> OtherDN, -1 OtherDN -> ThisDN */
    uint8_t cat;
} evinfo[CF_EV_COUNT] = {
    [CF_EV_NONE] = { "-", 0, CAT_NONE },
    [CF_EV_CALL_CREATED] = { "EventCallCreated", 0, CAT_CALL },
    [CF_EV_CALL_DATA_CHANGED] = { "EventCallDataChanged", 0, CAT_CALL },
    [CF_EV_ATTACHED_DATA_CHANGED] = { "EventAttachedDataChanged", 0, CAT_CALL },
    [CF_EV_OFF_HOOK] = { "EventOffHook", 0, CAT_CALL },
    [CF_EV_DIALING] = { "EventDialing", +1, CAT_CALL },
    [CF_EV_RINGING] = { "EventRinging", -1, CAT_CALL },
    [CF_EV_ESTABLISHED] = { "EventEstablished", +1, CAT_CALL },
    [CF_EV_HELD] = { "EventHeld", 0, CAT_CALL },
    [CF_EV_RETRIEVED] = { "EventRetrieved", 0, CAT_CALL },
    [CF_EV_QUEUED] = { "EventQueued", -1, CAT_CALL },
    [CF_EV_DIVERTED] = { "EventDiverted", +1, CAT_CALL },
    [CF_EV_PARTY_CHANGED] = { "EventPartyChanged", +1, CAT_CALL },
    [CF_EV_PARTY_ADDED] = { "EventPartyAdded", +1, CAT_CALL },
    [CF_EV_PARTY_DELETED] = { "EventPartyDeleted", 0, CAT_CALL },
    [CF_EV_RELEASED] = { "EventReleased", 0, CAT_CALL },
    [CF_EV_ABANDONED] = { "EventAbandoned", 0, CAT_CALL },
    [CF_EV_DESTINATION_BUSY] = { "EventDestinationBusy", -1, CAT_CALL },
    [CF_EV_CALL_DELETED] = { "EventCallDeleted", 0, CAT_CALL },
    [CF_EV_ERROR] = { "EventError", 0, CAT_SESSION },
    [CF_EV_AGENT_STATE] = { "EventAgentState", 0, CAT_AGENT },
    [CF_EV_LINK_CONNECTED] = { "EventLinkConnected", 0, CAT_SESSION },
    [CF_EV_LINK_DISCONNECTED] = { "EventLinkDisconnected", 0, CAT_SESSION },
};

const char *cf_evtype_name(cf_evtype t)
{
    return (unsigned)t < CF_EV_COUNT && evinfo[t].name ? evinfo[t].name : "?";
}

int cf_evtype_arrow(cf_evtype t)
{
    return (unsigned)t < CF_EV_COUNT ? evinfo[t].arrow : 0;
}

int cf_evtype_is_call(cf_evtype t)
{
    return (unsigned)t < CF_EV_COUNT && evinfo[t].cat == CAT_CALL;
}

static const char *const agent_state_names[CF_AS_COUNT] = {
    "unknown", "login", "logout", "not_ready", "ready", "reserved", "talking", "work", "busy_other",
};
/* The T-Library agent events; talking, reserved, busy-other have none. */
static const char *const agent_state_events[CF_AS_COUNT] = {
    NULL, "EventAgentLogin", "EventAgentLogout", "EventAgentNotReady", "EventAgentReady",
    NULL, NULL, "EventAgentNotReady(AfterCallWork)", NULL,
};

const char *cf_agent_state_name(cf_agent_state s)
{
    return (unsigned)s < CF_AS_COUNT ? agent_state_names[s] : "?";
}

const char *cf_agent_state_event(cf_agent_state s)
{
    return (unsigned)s < CF_AS_COUNT ? agent_state_events[s] : NULL;
}

static const char *const dev_names[CF_DEV_COUNT] = {
    "unknown", "extension", "agent-device", "cti-port", "route-point", "queue",
};

const char *cf_dev_name(cf_dev d)
{
    return (unsigned)d < CF_DEV_COUNT ? dev_names[d] : "?";
}

const char *cf_secs_text(char *b, size_t n, int64_t us)
{
    if (us < 0)
        us = 0;
    uint64_t ms = (uint64_t)us / 1000 + ((uint64_t)us % 1000 >= 500);
    /* digits without snprintf (a tenth of a --calls header): the
     * milliseconds as the last three of 1000 + ms % 1000, then the seconds */
    char t[32], *end = t + sizeof t - 1;
    *end = 0;
    char *p = fa_digits(end, 1000 + ms % 1000) + 1;
    *--p = '.';
    p = fa_digits(p, ms / 1000);
    if (n) {   /* as snprintf would: cut to n - 1 bytes */
        size_t len = (size_t)(t + sizeof t - 1 - p);
        if (len > n - 1)
            len = n - 1;
        memcpy(b, p, len);
        b[len] = 0;
    }
    return b;
}

static const char *const pstate_names[CF_PS_COUNT] = {
    "unknown", "dialing", "ringing", "connected", "held", "queued", "diverted", "transferred", "moved",
    "released", "failed",
};

const char *cf_pstate_name(cf_pstate s)
{
    return (unsigned)s < CF_PS_COUNT ? pstate_names[s] : "?";
}

static const char *const role_names[CF_ROLE_COUNT_] = {
    "caller", "called", "answerer", "queue", "transferrer", "transfer-target",
    "conference-controller", "conference-added",
};

const char *cf_role_name(unsigned i)
{
    return i < CF_ROLE_COUNT_ ? role_names[i] : "?";
}

static const char *const outcome_names[CF_OUT_COUNT] = {
    "open", "answered", "merged", "abandoned", "failed", "not_answered", "ended",
};

const char *cf_outcome_name(cf_outcome o)
{
    return (unsigned)o < CF_OUT_COUNT ? outcome_names[o] : "?";
}

static const struct { const char *title, *key, *name; } notes[CF_NOTE_COUNT] = {
    [CF_NOTE_OPEN_CALL] = { "Calls never ended", "open_calls", "open_call" },
    [CF_NOTE_FAILED_CALL] = { "Failed calls", "failed_calls", "failed_call" },
    [CF_NOTE_ABANDONED_CALL] = { "Abandoned calls", "abandoned_calls", "abandoned_call" },
    [CF_NOTE_NOT_ANSWERED_CALL] = { "Calls not answered (rang, ended otherwise)", "not_answered_calls",
                                    "not_answered_call" },
    [CF_NOTE_ERROR] = { "Requests that failed (CCX FAILURE_CONF, CONTROL_FAILURE_CONF, FAILURE_EVENT; "
                        "CAP failure, success=False)", "failed_requests", "failed_request" },
    [CF_NOTE_UNANSWERED] = { "Requests never answered (no response in the capture)",
                             "unanswered_requests", "unanswered_request" },
    [CF_NOTE_HEARTBEAT] = { "Heartbeat gaps longer than the session's IdleTimeout", "heartbeat_gaps",
                            "heartbeat_gap" },
    [CF_NOTE_SESSION] = { "Sessions closed, reset or cut", "session_ends", "session_end" },
    [CF_NOTE_SYSTEM] = { "Server status events", "server_status", "server_status" },
    [CF_NOTE_GAP] = { "Capture gaps", "capture_gaps", "capture_gap" },
    [CF_NOTE_MALFORMED] = { "Malformed messages and stream problems", "malformed", "malformed" },
};

const char *cf_note_kind_title(cf_note_kind k)
{
    return (unsigned)k < CF_NOTE_COUNT ? notes[k].title : "?";
}

const char *cf_note_kind_key(cf_note_kind k)
{
    return (unsigned)k < CF_NOTE_COUNT ? notes[k].key : "?";
}

const char *cf_note_kind_name(cf_note_kind k)
{
    return (unsigned)k < CF_NOTE_COUNT ? notes[k].name : "?";
}
