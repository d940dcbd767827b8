/* cap_tables.c - the BroadWorks CAP-C / CCC2 tables: commands, value lists,
 * elements and attributes of both DTDs (spec chapters 5, 6, 10, 11).
 *
 * Conventions:
 *  - Names are spelled as the DTDs spell them; other spellings of the prose
 *    and the samples are aliases (elements) or extra values marked
 *    CAP_SRC_SAMPLE (values), each with a comment.
 *  - Every fact says where it comes from (CAP_SRC_*); the coverage test
 *    (tests/unit/test_cap_coverage.c) checks each DTD declaration, each
 *    content-model relation and each allowed value against the lists copied
 *    from the spec (tests/spec/cap_*.tsv).
 *  - Filter fields are the snake case of the spec name, except where two
 *    names mean the same thing (user@id and <id> are both bwcap.user_id) or
 *    one name means different things (the id attribute of action, failedUser
 *    and callCenter): those are listed in the coverage test with a reason.
 */
#include "cap_table.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Value sources, short. */
#define S_CAPC   CAP_SRC_CAPC
#define S_CCC2   CAP_SRC_CCC2
#define S_DTDS   CAP_SRC_DTDS
#define S_VAL    CAP_SRC_VALUES
#define S_TEXT   CAP_SRC_TEXT
#define S_SAMPLE CAP_SRC_SAMPLE
#define S_EXT    CAP_SRC_EXT

#define ENUM(var, nm, ref, fl, arr) \
    const cap_enum var = { nm, ref, fl, arr, N(arr) }

/* ------------------------------------------------------------------------
 * Commands: chapter 5 (protocols) and chapter 6 (direction, response).
 * CMD(name, section, protocols, direction, response, purpose)
 * ---------------------------------------------------------------------- */
#define CAP_COMMAND_LIST(CMD)                                                              \
    CMD(registerAuthentication, "6.2", CAPC, C2S, "responseAuthentication",               \
        "client login, step 1: asks for the nonce to digest the password with")           \
    CMD(responseAuthentication, "6.3", CAPC, S2C, "registerRequest",                      \
        "login step 2: the nonce and algorithm, or a failure")                            \
    CMD(registerRequest, "6.4", CAPC, C2S, "registerResponse",                            \
        "login step 3: the user id and the password digest")                              \
    CMD(registerResponse, "6.5", CAPC, S2C, "acknowledgement",                            \
        "login result: the userUid of the session, or a failure cause")                   \
    CMD(acknowledgement, "6.6", CAPC, C2S, NULL,                                          \
        "the client acknowledges a registerResponse; the server then sends the state")   \
    CMD(unRegister, "6.7", CAPC, BOTH, NULL,                                              \
        "client logout, or forced logout by the server (userLogoutReason)")               \
    CMD(sessionUpdate, "6.8", BOTH, S2C, NULL,                                            \
        "session state of a user: hook status, number of calls, conference")             \
    CMD(profileUpdate, "6.9", BOTH, S2C, NULL,                                            \
        "user profile and feature settings, ACD state (initial or change)")               \
    CMD(callUpdate, "6.10", BOTH, S2C, NULL,                                              \
        "state of one call of a user: new call, state change, release")                   \
    CMD(callAction, "6.11", BOTH, C2S, "callActionResponse",                              \
        "the client acts on a call: dial, answer, hold, transfer, conference, release")   \
    CMD(callActionResponse, "6.12", BOTH, S2C, NULL,                                      \
        "result of a callAction that asked for one (responseRequested)")                 \
    CMD(callControlInfo, "6.13", BOTH, S2C, NULL,                                         \
        "which call controls (answer, hold, retrieve) the client may use on a call")      \
    CMD(externalNotify, "6.14", BOTH, C2S, NULL,                                          \
        "the client sets or clears the message waiting indicator")                        \
    CMD(infoRequest, "6.15", BOTH, C2S, "infoResponse",                                   \
        "asks for the CAP version")                                                        \
    CMD(infoResponse, "6.16", BOTH, S2C, NULL,                                            \
        "the CAP version(s) the server supports")                                          \
    CMD(serverStatusRequest, "6.17", BOTH, BOTH, NULL,                                    \
        "keep-alive of the connection, either way; no response")                          \
    CMD(monitoringUsersRequest, "6.18", CAPC, C2S, "monitoringUsersResponse",             \
        "an attendant console changes its list of monitored users")                       \
    CMD(monitoringUsersResponse, "6.19", CAPC, S2C, NULL,                                 \
        "result of a monitoringUsersRequest, with the users that failed")                 \
    CMD(queueUpdate, "6.20", BOTH, S2C, NULL,                                             \
        "state of a call center queue: calls added, answered, removed, reordered")       \
    CMD(queueAction, "6.21", BOTH, C2S, NULL,                                             \
        "acts on a call center queue: transfer, reorder, refresh, promote")               \
    CMD(queueProfileUpdate, "6.22", BOTH, S2C, NULL,                                      \
        "call center queue configuration: night, holiday service, forced forwarding")    \
    CMD(queueInfoRequest, "6.23", BOTH, C2S, "queueInfoResponse",                         \
        "asks for the number of queued calls of the agent's call centers")               \
    CMD(queueInfoResponse, "6.24", BOTH, S2C, NULL,                                       \
        "number of queued calls per call center")                                          \
    CMD(datagram, "6.25", BOTH, BOTH, NULL,                                               \
        "relays a payload between two CAP clients (deprecated)")

#define P_CAPC CAP_PROTO_CAPC
#define P_BOTH CAP_PROTO_BOTH
#define CMD_ENTRY(nm, sec, pr, dir, resp, purp) \
    { #nm, sec, P_##pr, CAP_DIR_##dir, resp, purp },
#define CMD_VAL(nm, sec, pr, dir, resp, purp) \
    { #nm, #nm, purp, S_CAPC | ((P_##pr & CAP_PROTO_CCC2) ? S_CCC2 : 0) | S_TEXT },

const cap_command cap_commands[] = { CAP_COMMAND_LIST(CMD_ENTRY) };
const size_t cap_n_commands = N(cap_commands);

static const cap_enum_val v_command_type[] = { CAP_COMMAND_LIST(CMD_VAL) };
ENUM(cap_enum_command_type, "commandType", "5, 10, 11", 0, v_command_type);

/* ------------------------------------------------------------------------
 * Value lists.
 * ---------------------------------------------------------------------- */

/* BroadsoftDocument protocol: the DTDs allow only "CAP" (CCC2 too: "Note
 * that the protocol name (CAP) is the same in CCC2", 6.8.1).  BroadWorks
 * OCI uses the same root element with protocol="OCI", often on the same
 * port: the decoder labels such a document and does not decode it. */
static const cap_enum_val v_protocol[] = {
    { "CAP", "CAP", "Client Application Protocol (CAP-C or CCC2)", S_DTDS },
    { "OCI", "OCI", "BroadWorks Open Client Interface (not CAP; not decoded)", S_EXT },
};
ENUM(cap_enum_protocol, "protocol", "10, 11", 0, v_protocol);

/* The DTDs fix version="17.0"; older servers send older versions (the
 * change history lists 1.0 ... 16.0): open. */
static const cap_enum_val v_version[] = {
    { "17.0", "Release 17.0", "the version this specification describes", S_DTDS },
};
ENUM(cap_enum_version, "version", "10, 11", CAP_ENUM_OPEN, v_version);

static const cap_enum_val v_user_type[] = {
    { "CallClient", "CallClient", "call control (and call center queue) client", S_DTDS | S_VAL },
    { "AttendantConsole", "AttendantConsole", "user monitoring client (CAP-C only)",
      S_CAPC | S_VAL },
};
ENUM(cap_enum_user_type, "userType", "6.2", 0, v_user_type);

static const cap_enum_val v_user_logout_reason[] = {
    { "ClientLogout", "ClientLogout", "the client logged out", S_CAPC | S_VAL },
    { "ForceLogoutU", "ForceLogoutU", "the service is no longer assigned to the user",
      S_CAPC | S_VAL },
    { "ForceLogoutR", "ForceLogoutR",
      "the user was moved to another server of a redundant cluster", S_CAPC | S_VAL },
    { "ForceLogoutD", "ForceLogoutD",
      "duplicate login: the user logged in on another terminal", S_CAPC | S_VAL },
    { "ForceLogoutC", "ForceLogoutC",
      "sent by the OCS: its connection to the Application Server is lost", S_CAPC | S_VAL },
    { "ForceLogoutL", "ForceLogoutL", "the Application Server is locked", S_CAPC | S_VAL },
};
ENUM(cap_enum_user_logout_reason, "userLogoutReason", "6.7", 0, v_user_logout_reason);

/* 6.3.2 and 6.5.3.  The 6.5.3 cell prints "IncorrectPasword",
 * "UnauthorizedAttendant Console" and "UnauthorizedClientCall Control";
 * its own comments and the DTD spell them as below. */
static const cap_enum_val v_failure_cause[] = {
    { "UnknownID", "UnknownID", "the user id is not a valid BroadWorks user", S_CAPC | S_VAL },
    { "IncorrectPassword", "IncorrectPassword", "the password is not correct",
      S_CAPC | S_VAL },
    { "UnsupportedVersion", "UnsupportedVersion",
      "the protocol version is not supported by BroadWorks", S_CAPC | S_VAL },
    { "UnauthorizedAttendantConsole", "UnauthorizedAttendantConsole",
      "the user has no attendant console functionality", S_CAPC | S_VAL },
    { "UnauthorizedCommPilotCallManager", "UnauthorizedCommPilotCallManager",
      "the user has no CommPilot Call Manager functionality", S_CAPC | S_VAL },
    { "UnauthorizedClientCallControl", "UnauthorizedClientCallControl",
      "the user has no Client Call Control service", S_CAPC | S_VAL },
    { "UnauthorizedPhoneStatusMonitoring", "UnauthorizedPhoneStatusMonitoring",
      "the user may not monitor phone status", S_CAPC | S_VAL },
    { "UnauthorizedClientLicense", "UnauthorizedClientLicense",
      "no client license for the user", S_CAPC | S_VAL },
    { "NetworkServerConnectivityFailure", "NetworkServerConnectivityFailure",
      "the Open Client Server cannot connect to the Network Server", S_CAPC | S_VAL },
    { "WASConnectivityError", "WASConnectivityError",
      "external authentication: cannot connect to the Web-based Authentication Server",
      S_CAPC | S_VAL },
    { "WASProcessingError", "WASProcessingError",
      "external authentication: the WAS reported a processing error", S_CAPC | S_VAL },
    { "ExtAuthHostNotInACLError", "ExtAuthHostNotInACLError",
      "the OCS is not in the Application Server's access control list", S_CAPC | S_VAL },
};
ENUM(cap_enum_failure_cause, "failureCause", "6.3.2, 6.5.3", 0, v_failure_cause);

static const cap_enum_val v_conference_state[] = {
    { "Active", "Active", NULL, S_DTDS | S_VAL },
    { "Released", "Released", NULL, S_DTDS | S_VAL },
    { "Held", "Held", NULL, S_DTDS | S_VAL },
};
ENUM(cap_enum_conference_state, "conferenceState", "6.8.1", 0, v_conference_state);

/* 6.11; "setDial" is only in the CAP-C DTD (no prose, no sample). */
static const cap_enum_val v_action_type[] = {
    { "Dial", "Dial", "place a call (Number)", S_DTDS | S_VAL },
    { "Redial", "Redial", "redial the last number", S_DTDS | S_VAL },
    { "Hold", "Hold", "hold a call (CallId)", S_DTDS | S_VAL },
    { "Release", "Release", "release a call (CallId)", S_DTDS | S_VAL },
    { "Answer", "Answer", "answer a call or retrieve a held call (CallId)", S_DTDS | S_VAL },
    { "Xfer", "Xfer", "blind transfer (CallId, Number)", S_DTDS | S_VAL },
    { "XferConsult", "XferConsult", "transfer with consultation (CallId, CallId)",
      S_DTDS | S_VAL },
    { "XferVM", "XferVM", "transfer to voice mail (CallId, Number)", S_DTDS | S_VAL },
    { "ConfStart", "ConfStart", "conference two calls (CallId, CallId)", S_DTDS | S_VAL },
    { "ConfHold", "ConfHold", "hold the conference", S_DTDS | S_VAL },
    { "ConfAnswer", "ConfAnswer", "retrieve the conference", S_DTDS | S_VAL },
    { "ConfRelease", "ConfRelease", "release the conference", S_DTDS | S_VAL },
    { "ConfAdd", "ConfAdd", "add a call to the conference (CallId)", S_DTDS | S_VAL },
    { "setDial", "setDial", "in the CAP-C DTD only, not described", S_CAPC },
    { "XferCC", "XferCC", "blind transfer to a call center, top of the queue (CallId, Number)",
      S_DTDS | S_VAL },
    { "CallPark", "CallPark", "park a call (CallId, Number or UserId)", S_DTDS | S_VAL },
    { "GroupCallPark", "GroupCallPark", "park a call in the group (CallId)", S_DTDS | S_VAL },
    { "CallParkRetrieve", "CallParkRetrieve", "retrieve a parked call (UserId or Number)",
      S_DTDS | S_VAL },
    { "MakeCallAsCC", "MakeCallAsCC", "call as a call center (Number, DNISNumber)",
      S_DTDS | S_VAL },
    { "MakePersonalCall", "MakePersonalCall", "call with the user's own CLID (Number)",
      S_DTDS | S_VAL },
    { "MakeAgentEscalationCall", "MakeAgentEscalationCall",
      "escalate to a supervisor (Number optional)", S_DTDS | S_VAL },
    { "MakeAgentEmergencyCall", "MakeAgentEmergencyCall",
      "emergency call to a supervisor (CallId, Number optional)", S_DTDS | S_VAL },
    { "SilentMonitorCall", "SilentMonitorCall", "silently monitor an agent (Number)",
      S_DTDS | S_VAL },
    { "ConferenceUnmute", "ConferenceUnmute", "turn a silent monitoring into a barge-in",
      S_DTDS | S_VAL },
    { "TagCallWithDispositionCode", "TagCallWithDispositionCode",
      "tag a call with a disposition code (CallId optional, DispositionCode)", S_DTDS | S_VAL },
    { "CustOriginatedTraceCall", "CustOriginatedTraceCall",
      "customer originated trace (CallId optional)", S_DTDS | S_VAL },
};
ENUM(cap_enum_action_type, "actionType", "6.11", 0, v_action_type);

static const cap_enum_val v_action_param_name[] = {
    { "Number", "Number", "a number to call or transfer to", S_DTDS | S_VAL },
    { "CallId", "CallId", "a call id", S_DTDS | S_VAL },
    { "UserId", "UserId", "a user id (CallPark, CallParkRetrieve)", S_DTDS | S_VAL },
    { "DNISNumber", "DNISNumber", "the call center DNIS number (MakeCallAsCC)", S_DTDS | S_VAL },
    { "DispositionCode", "DispositionCode", "a disposition code", S_DTDS | S_VAL },
};
ENUM(cap_enum_action_param_name, "actionParamName", "6.11", 0, v_action_param_name);

static const cap_enum_val v_true_false[] = {
    { "True", "True", NULL, S_DTDS | S_VAL },
    { "False", "False", NULL, S_DTDS | S_VAL },
};
ENUM(cap_enum_true_false, "True/False", "6.5.2, 6.8.1, 6.11, 6.12, 6.13, 6.19, 6.20", 0,
     v_true_false);

static const cap_enum_val v_control_type[] = {
    { "Answer", "Answer", "the client may answer the incoming call", S_DTDS | S_VAL },
    { "Hold", "Hold", "the client may hold the call", S_DTDS | S_VAL },
    { "Retrieve", "Retrieve", "the client may retrieve the held call", S_DTDS | S_VAL },
};
ENUM(cap_enum_control_type, "controlType", "6.13", 0, v_control_type);

static const cap_enum_val v_message_name[] = {
    { "registerResponse", "registerResponse", "the only message that is acknowledged",
      S_CAPC | S_VAL },
};
ENUM(cap_enum_message_name, "messageName", "6.6", 0, v_message_name);

static const cap_enum_val v_mon_type[] = {
    { "Add", "Add", "add the monUser users", S_CAPC | S_VAL },
    { "Delete", "Delete", "remove the monUser users", S_CAPC | S_VAL },
    { "Replace", "Replace", "replace the list by the monUser users", S_CAPC | S_VAL },
};
ENUM(cap_enum_mon_type, "monType", "6.18", 0, v_mon_type);

static const cap_enum_val v_failure_reason[] = {
    { "UnknownUser", "UnknownUser", "the user is not found on the server", S_CAPC | S_VAL },
    { "UnauthorizedUser", "UnauthorizedUser",
      "not in the attendant console user's group or enterprise", S_CAPC | S_VAL },
    { "PrivateUser", "PrivateUser", "the user has phone status privacy", S_CAPC | S_VAL },
};
ENUM(cap_enum_failure_reason, "failureReason", "6.19", 0, v_failure_reason);

/* 6.20.  The comment spells "QueueOverFlow"; the value cell and the DTDs
 * "QueueOverflow". */
static const cap_enum_val v_update_reason[] = {
    { "Initial", "Initial", "the call center user has logged in", S_DTDS | S_VAL },
    { "CallAdded", "CallAdded", "a call was added to the queue", S_DTDS | S_VAL },
    { "CallAnswered", "CallAnswered", "an agent answered a queued call", S_DTDS | S_VAL },
    { "CallTransferred", "CallTransferred", "a call was transferred out of the queue",
      S_DTDS | S_VAL },
    { "CallAbandoned", "CallAbandoned", "a call was removed from the queue", S_DTDS | S_VAL },
    { "CallReordered", "CallReordered", "the queue was manually reordered", S_DTDS | S_VAL },
    { "CallUpdated", "CallUpdated", "an attribute of the call was updated", S_DTDS | S_VAL },
    { "Refresh", "Refresh", "the client requested a refresh", S_DTDS | S_VAL },
    { "QueueTimeout", "QueueTimeout", "removed from the queue: the cfgna timer expired",
      S_DTDS | S_VAL },
    { "QueueOverflow", "QueueOverflow", "sent to voice messaging/treatment: the queue is full",
      S_DTDS | S_VAL },
    { "CallPromoted", "CallPromoted", "a call was promoted to a higher priority",
      S_DTDS | S_VAL },
};
ENUM(cap_enum_update_reason, "updateReason", "6.20", 0, v_update_reason);

/* 6.21 says "Transfer" (and so do its samples); both DTDs say "Remove". */
static const cap_enum_val v_queue_action_type[] = {
    { "Remove", "Remove", "the DTDs' name of Transfer", S_DTDS },
    { "Transfer", "Transfer", "transfer a call out of the queue (destination)",
      S_VAL },
    { "Reorder", "Reorder", "move a call in the queue (position)", S_DTDS | S_VAL },
    { "Refresh", "Refresh", "ask for a queueUpdate with every call", S_DTDS | S_VAL },
    { "Promote", "Promote", "promote a call to a priority (priority)", S_DTDS | S_VAL },
};
ENUM(cap_enum_queue_action_type, "queueActionData actionType", "6.21", 0, v_queue_action_type);

static const cap_enum_val v_state[] = {
    { "0", "idle", NULL, S_VAL },
    { "1", "alerting", NULL, S_VAL },
    { "2", "active", NULL, S_VAL },
    { "3", "held", NULL, S_VAL },
    { "4", "remote held", NULL, S_VAL },
    { "5", "released", NULL, S_VAL },
    { "6", "detached", NULL, S_VAL },
    { "7", "client alerting", NULL, S_VAL },
};
ENUM(cap_enum_state, "state", "6.10.1", 0, v_state);

static const cap_enum_val v_personality[] = {
    { "0", "BroadWorks Originator", "the leg BroadWorks places first for the user "
      "(Click-To-Dial)", S_VAL },
    { "1", "Originator", "the user originated the call", S_VAL },
    { "2", "Terminator", "the call was placed to the user", S_VAL },
};
ENUM(cap_enum_personality, "personality", "6.10.1", 0, v_personality);

static const cap_enum_val v_call_type[] = {
    { "0", "unknown", NULL, S_VAL },
    { "1", "intra-group", NULL, S_VAL },
    { "2", "enterprise", NULL, S_VAL },
    { "3", "network", NULL, S_VAL },
    { "4", "network URL", NULL, S_VAL },
    { "5", "emergency", NULL, S_VAL },
    { "6", "repair", NULL, S_VAL },
    { "7", "error", NULL, S_VAL },
    { "8", "city-wide centrex", NULL, S_VAL },
    { "9", "private dial plan", NULL, S_VAL },
};
ENUM(cap_enum_call_type, "callType", "6.10.1", 0, v_call_type);

/* "Allowed tag values" after 6.10.2.  Until the call is released the value
 * is "0", to be ignored. */
static const cap_enum_val v_release_cause[] = {
    { "0", "Normal", NULL, S_VAL },
    { "1", "Flash", NULL, S_VAL },
    { "2", "Abnormal", NULL, S_VAL },
    { "3", "Busy", NULL, S_VAL },
    { "4", "Forbidden", NULL, S_VAL },
    { "5", "Route Failure", NULL, S_VAL },
    { "6", "Global Failure", NULL, S_VAL },
    { "7", "Request Failure", NULL, S_VAL },
    { "8", "Server Failure", NULL, S_VAL },
    { "9", "Translation Failure", NULL, S_VAL },
    { "10", "Temporarily Unavailable", NULL, S_VAL },
    { "11", "User Not Found", NULL, S_VAL },
    { "12", "Request Timeout", NULL, S_VAL },
    { "13", "Dial Tone Timeout", NULL, S_VAL },
    { "14", "Insufficient Credits", "a prepaid user ran out of credit", S_VAL },
};
ENUM(cap_enum_release_cause, "releaseCause", "6.10.2", 0, v_release_cause);

static const cap_enum_val v_local_alt_type[] = {
    { "0", "Main", "the user's main number", S_VAL },
    { "1", "Alt1", NULL, S_VAL },
    { "2", "Alt2", NULL, S_VAL },
    { "3", "Alt3", NULL, S_VAL },
    { "4", "Alt4", NULL, S_VAL },
    { "5", "Alt5", NULL, S_VAL },
    { "6", "Alt6", NULL, S_VAL },
    { "7", "Alt7", NULL, S_VAL },
    { "8", "Alt8", NULL, S_VAL },
    { "9", "Alt9", NULL, S_VAL },
    { "10", "Alt10", NULL, S_VAL },
};
ENUM(cap_enum_local_alt_type, "localAltType", "6.10.2", 0, v_local_alt_type);

#define REDIR_COMMON \
    { "unknown", "unknown", NULL, S_VAL }, \
    { "user-busy", "user-busy", NULL, S_VAL }, \
    { "unavailable", "unavailable", NULL, S_VAL }, \
    { "no-answer", "no-answer", NULL, S_VAL }, \
    { "unconditional", "unconditional", NULL, S_VAL }, \
    { "time-of-day", "time-of-day", NULL, S_VAL }, \
    { "do-not-disturb", "do-not-disturb", NULL, S_VAL }, \
    { "deflection", "deflection", NULL, S_VAL }, \
    { "follow-me", "follow-me", NULL, S_VAL }, \
    { "out-of-service", "out-of-service", NULL, S_VAL }, \
    { "away", "away", NULL, S_VAL }, \
    { "transfer", "transfer", NULL, S_VAL }, \
    { "voicemail", "voicemail", NULL, S_VAL },

static const cap_enum_val v_redirect_to_reason[] = { REDIR_COMMON };
ENUM(cap_enum_redirect_to_reason, "redirectToReason", "6.10.2", 0, v_redirect_to_reason);

static const cap_enum_val v_redirect_from_reason[] = {
    REDIR_COMMON
    { "fax-deposit", "fax-deposit", NULL, S_VAL },
    { "BW-ImplicitID", "BW-ImplicitID", NULL, S_VAL },
    { "BW-ExplicitID", "BW-ExplicitID", NULL, S_VAL },
    { "ic-user-outdial", "ic-user-outdial", NULL, S_VAL },
    { "hunt-group", "hunt-group", NULL, S_VAL },
    { "call-center", "call-center", NULL, S_VAL },
};
ENUM(cap_enum_redirect_from_reason, "redirectFromReason", "6.10.2", 0, v_redirect_from_reason);

static const cap_enum_val v_recall_type[] = {
    { "BCO", "BCO", "Busy Camp-On callback", S_VAL },
    { "Transfer", "Transfer", "Call Transfer recall", S_VAL },
    { "CallPark", "CallPark", "Call Park recall", S_VAL },
    { "AHR", "AHR", "Automatic Hold/Retrieve recall", S_VAL },
};
ENUM(cap_enum_recall_type, "recallType", "6.10.1", 0, v_recall_type);

/* 6.9.1-6.9.4 list "Wrap-up"; the call center sample of 6.9.2 sends
 * "WrapUp". */
static const cap_enum_val v_acd_state[] = {
    { "Sign-in", "Sign-in", NULL, S_VAL },
    { "Sign-out", "Sign-out", NULL, S_VAL },
    { "Available", "Available", NULL, S_VAL },
    { "Unavailable", "Unavailable", NULL, S_VAL },
    { "Wrap-up", "Wrap-up", NULL, S_VAL },
    { "WrapUp", "Wrap-up", "the 6.9.2 sample's spelling", S_SAMPLE },
};
ENUM(cap_enum_acd_state, "acdState", "6.9.1", 0, v_acd_state);

static const cap_enum_val v_on_off[] = {
    { "On", "On", NULL, S_VAL },
    { "Off", "Off", NULL, S_VAL },
};
ENUM(cap_enum_on_off, "On/Off", "6.9.1, 6.22", 0, v_on_off);

/* Feature settings of profileUpdate: an empty element means the feature is
 * not assigned. */
static const cap_enum_val v_feature_on[] = {
    { "", "not assigned", "empty: the feature is not assigned", S_VAL },
    { "On", "On", "assigned and active", S_VAL },
};
ENUM(cap_enum_feature_on, "feature (Empty/On)", "6.9.1", 0, v_feature_on);

static const cap_enum_val v_feature_on_off[] = {
    { "", "not assigned", "empty: the feature is not assigned", S_VAL },
    { "On", "On", "assigned and active", S_VAL },
    { "Off", "Off", "assigned but inactive", S_VAL },
};
ENUM(cap_enum_feature_on_off, "feature (Empty/On/Off)", "6.9.1", 0, v_feature_on_off);

static const cap_enum_val v_mwi[] = {
    { "on", "on", "set the third-party voice message MWI", S_VAL },
    { "off", "off", "clear the third-party voice message MWI", S_VAL },
};
ENUM(cap_enum_mwi, "thirdPartyMWI", "6.14", 0, v_mwi);

static const cap_enum_val v_mandatory_entrance[] = {
    { "Not Playing", "Not Playing", NULL, S_VAL },
    { "Playing", "Playing", "the mandatory entrance message is being played", S_VAL },
};
ENUM(cap_enum_mandatory_entrance, "mandatoryEntrance", "6.20", 0, v_mandatory_entrance);

static const cap_enum_val v_priority[] = {
    { "0", "Highest", NULL, S_VAL },
    { "1", "High", NULL, S_VAL },
    { "2", "Medium", NULL, S_VAL },
    { "3", "Low", NULL, S_VAL },
};
ENUM(cap_enum_priority, "priority", "6.20, 6.21", 0, v_priority);

static const cap_enum_val v_night_service[] = {
    { "Off", "Off", "night service not enabled", S_VAL },
    { "On", "On", "night service enabled", S_VAL },
    { "Manual", "Manual", "the queue is in manual-override mode", S_VAL },
};
ENUM(cap_enum_night_service, "nightService", "6.22", 0, v_night_service);

/* "–1", "1" – N: -1 is "no call appearance"; 1..N are appearances.  The
 * spec prints the minus as an en dash. */
static const cap_enum_val v_appearance[] = {
    { "-1", "no call appearance", "the call is not using a call appearance", S_VAL },
};
ENUM(cap_enum_appearance, "appearance", "6.10.1", CAP_ENUM_OPEN, v_appearance);

/* remoteNumber / remoteTelUri: a number, or one of these (comments of
 * 6.10.1). */
static const cap_enum_val v_remote_number[] = {
    { "Unavailable", "Unavailable", "the remote number is not available", S_TEXT },
    { "Private", "Private", "privacy restrictions apply", S_TEXT },
};
ENUM(cap_enum_remote_number, "remoteNumber", "6.10.1", CAP_ENUM_OPEN, v_remote_number);

const cap_enum *const cap_all_enums[] = {
    &cap_enum_protocol, &cap_enum_version, &cap_enum_command_type, &cap_enum_user_type,
    &cap_enum_user_logout_reason, &cap_enum_failure_cause, &cap_enum_conference_state,
    &cap_enum_action_type, &cap_enum_action_param_name, &cap_enum_true_false,
    &cap_enum_control_type, &cap_enum_message_name, &cap_enum_mon_type,
    &cap_enum_failure_reason, &cap_enum_update_reason, &cap_enum_queue_action_type,
    &cap_enum_state, &cap_enum_personality, &cap_enum_call_type, &cap_enum_release_cause,
    &cap_enum_local_alt_type, &cap_enum_redirect_to_reason, &cap_enum_redirect_from_reason,
    &cap_enum_recall_type, &cap_enum_acd_state, &cap_enum_on_off, &cap_enum_feature_on,
    &cap_enum_feature_on_off, &cap_enum_mwi, &cap_enum_mandatory_entrance, &cap_enum_priority,
    &cap_enum_night_service, &cap_enum_appearance, &cap_enum_remote_number,
};
const size_t cap_n_enums = N(cap_all_enums);

/* ------------------------------------------------------------------------
 * Elements.
 *
 * E(name, field, CONTENT, declared, enum, roles, "desc", parents...)
 *   CONTENT   ELEMENTS / PCDATA / EMPTY / UNDECLARED (as the DTD declares it;
 *             CAP-C's declaration where the DTDs agree, which they do)
 *   declared  which DTDs have an <!ELEMENT>: S_CAPC, S_CCC2, S_DTDS or 0
 *   parents   { "parent", capc, ccc2, text }: occurrence in the CAP-C
 *             content model, the CCC2 one, and where the chapter 6 tables or
 *             samples put it otherwise ('1', '?', '*', '+'; 0 = not there)
 * EA(...) the same with an alias list.
 * ---------------------------------------------------------------------- */
#define PARENTS(...) (const cap_parent[]){ __VA_ARGS__ }, \
    sizeof((const cap_parent[]){ __VA_ARGS__ }) / sizeof(cap_parent)
#define E(nm, fld, ct, decl, en, ro, d, ...) \
    { nm, NULL, fld, CAP_CONTENT_##ct, decl, PARENTS(__VA_ARGS__), en, ro, d }
#define EA(nm, al, fld, ct, decl, en, ro, d, ...) \
    { nm, al, fld, CAP_CONTENT_##ct, decl, PARENTS(__VA_ARGS__), en, ro, d }
#define U(p)    { p, '?', 0, 0 }      /* '?' in the CAP-C user model only */
#define UB(p)   { p, '?', '?', 0 }    /* '?' in both */
#define R(...) (CAP_ROLE_##__VA_ARGS__)

static const char *const al_call_center[] = {
    "callcenter",  /* 6.24 queueInfoResponse (table and sample) */
    NULL,
};
static const char *const al_longest_wait_time[] = {
    "longestCallWaitTime",  /* 6.10.1 and 6.10.2 tag tables; the sample and the DTDs
                               say longestWaitTime */
    NULL,
};
static const char *const al_redirect_to_num[] = {
    "redirectToNumber",  /* 6.10.1 CCC2 sample (and the redirectToReason comment) */
    NULL,
};

const cap_element cap_elements[] = {
    /* The root has no parent. */
    { "BroadsoftDocument", NULL, "broadsoft_document", CAP_CONTENT_ELEMENTS, S_DTDS, NULL, 0,
      NULL, 0, "the document: one command" },
    E("command", "command", ELEMENTS, S_DTDS, NULL, 0,
      "the command; its commandType names it",
      { "BroadsoftDocument", '1', '1', 0 }),
    E("commandData", "command_data", ELEMENTS, S_DTDS, NULL, 0, "the command's data",
      { "command", '1', '1', 0 }),
    E("capVersionRequest", "cap_version_request", EMPTY, S_DTDS, NULL, 0,
      "infoRequest: asks for the CAP version", UB("commandData")),
    E("capVersionResponse", "cap_version_response", PCDATA, S_DTDS, NULL, R(VERSION),
      "infoResponse: a CAP version the server supports (may repeat, 6.16)",
      { "commandData", '?', '?', '*' }),
    E("nonce", "nonce", PCDATA, S_CAPC, NULL, 0,
      "the private key to digest the password with", U("commandData")),
    E("algorithm", "algorithm", PCDATA, S_CAPC, NULL, 0,
      "the digest algorithm (MD5)", U("commandData")),
    E("user", "user", ELEMENTS, S_DTDS, NULL, 0,
      "the BroadWorks user the command is for",
      UB("commandData"), { "from", '1', '1', 0 }, { "to", '1', '1', 0 }),
    E("failure", "failure", EMPTY, S_CAPC, NULL, R(FAILURE),
      "a registration failed; failureCause says why", U("user")),
    E("conference", "conference", ELEMENTS, S_DTDS, NULL, 0,
      "state of the conference the user is in", UB("user")),
    E("callIn", "call_in", EMPTY, S_DTDS, NULL, 0,
      "a call of the conference (0 to N, 6.8.1; the DTDs say exactly one)",
      { "conference", '1', '1', '*' }),
    E("silentlyMonitored", "silently_monitored", PCDATA, S_DTDS, NULL, 0,
      "the user is silently monitoring the conference",
      { "conference", '?', '?', 0 }),
    E("acdState", "acd_state", PCDATA, S_DTDS, &cap_enum_acd_state, R(ACD_STATE),
      "ACD state of a call center agent", UB("user")),
    E("acdStateTime", "acd_state_time", PCDATA, S_DTDS, NULL, R(TIME_MS),
      "when the ACD state last changed (ms since 1970)", UB("user")),
    E("call", "call", ELEMENTS, S_DTDS, NULL, 0, "a call of the user",
      { "user", '*', '*', 0 }),
    E("action", "action", ELEMENTS, S_DTDS, NULL, 0,
      "callAction / callActionResponse: the action; actionType names it", UB("user")),
    E("actionParam", "action_param", PCDATA, S_DTDS, NULL, R(ACTION_PARAM),
      "a parameter of the action; actionParamName names it",
      { "action", '*', '*', 0 }),
    E("control", "control", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "a call control the client may (True) or may not use; one per controlType "
      "(6.13; the DTDs allow one)",
      { "call", '?', '?', '*' }),
    E("message", "message", EMPTY, S_CAPC, NULL, 0,
      "acknowledgement: the acknowledged message (messageName); callActionResponse: "
      "the error text inside result",
      U("user"), { "result", 0, 0, '?' }),
    E("monitoring", "monitoring", EMPTY, S_CAPC, NULL, 0,
      "monitoringUsersRequest: the change (monType)", U("user")),
    E("monUser", "mon_user", PCDATA, S_CAPC, NULL, 0,
      "a user to add to or remove from the monitored users", { "user", '*', 0, 0 }),
    E("monResult", "mon_result", EMPTY, S_CAPC, NULL, R(RESULT),
      "monitoringUsersResponse: the result (success)", U("user")),
    E("failedUser", "failed_user", EMPTY, S_CAPC, NULL, R(FAILURE),
      "a user that could not be added or removed", { "user", '*', 0, 0 }),
    E("id", "user_id", PCDATA, S_DTDS, NULL, R(USER_ID),
      "the user id (login id) of the user (also an attribute of user)", UB("user")),
    E("securePassword", "secure_password", PCDATA, S_CAPC, NULL, 0,
      "the password digest (Appendix A)", U("user")),
    E("appearance", "appearance", PCDATA, S_DTDS, &cap_enum_appearance, R(APPEARANCE),
      "the line appearance of the call, -1 for none",
      { "conference", '1', '1', '?' }, { "call", '?', '?', 0 }),
    E("personality", "personality", PCDATA, S_DTDS, &cap_enum_personality, R(PERSONALITY),
      "whether the user originated the call or it was placed to the user",
      { "call", '?', '?', 0 }),
    E("state", "state", PCDATA, S_DTDS, &cap_enum_state, R(STATE), "the state of the call",
      { "call", '?', '?', 0 }),
    E("releaseCause", "release_cause", PCDATA, S_DTDS, &cap_enum_release_cause,
      R(RELEASE_CAUSE), "why the call was released (0 until then)",
      { "call", '?', '?', 0 }),
    E("remoteCountryCode", "remote_country_code", PCDATA, S_DTDS, NULL, 0,
      "the country code of the remote number",
      { "call", '?', '?', 0 }, { "queueCall", '?', '?', 0 }),
    E("remoteNumber", "remote_number", PCDATA, S_DTDS, &cap_enum_remote_number,
      R(REMOTE_NUMBER), "the remote party's number, Unavailable or Private",
      { "call", '?', '?', 0 }, { "queueCall", '?', '?', 0 }),
    E("remoteName", "remote_name", PCDATA, S_DTDS, NULL, R(REMOTE_NAME),
      "the remote party's name, if available",
      { "call", '?', '?', 0 }, { "queueCall", '?', '?', 0 }),
    E("remoteTelUri", "remote_tel_uri", PCDATA, S_DTDS, &cap_enum_remote_number,
      R(REMOTE_NUMBER), "the remote number in E.164 (tel: URI), Unavailable or Private",
      { "call", '?', '?', 0 }),
    E("localAltType", "local_alt_type", PCDATA, S_DTDS, &cap_enum_local_alt_type, 0,
      "whether the local number is the user's main or an alternate number",
      { "call", '?', '?', 0 }),
    E("linePort", "line_port", PCDATA, S_DTDS, NULL, 0,
      "the line/port of the call (Multiple Call Arrangement)", { "call", '?', '?', 0 }),
    E("numMonitoredUsers", "num_monitored_users", PCDATA, S_CAPC, NULL, 0,
      "number of users the attendant console monitors", U("user")),
    E("callDetailsEnabled", "call_details_enabled", PCDATA, S_CAPC, &cap_enum_true_false, 0,
      "whether the attendant console receives callUpdates of monitored users", U("user")),
    E("offHook", "off_hook", PCDATA, S_DTDS, &cap_enum_true_false, R(OFF_HOOK),
      "the phone's hook status", UB("user")),
    E("numCalls", "num_calls", PCDATA, S_DTDS, NULL, 0,
      "number of active calls (registration only)", UB("user")),
    E("monitoredUserUid", "monitored_user_uid", PCDATA, S_CAPC, NULL, R(MONITORED_USER_UID),
      "the uid of the monitored user the update is about", U("user")),
    E("monitoredUserId", "monitored_user_id", PCDATA, S_CAPC, NULL, R(MONITORED_USER_ID),
      "the id of the monitored user the update is about", U("user")),
    EA("callCenter", al_call_center, "call_center", ELEMENTS, S_DTDS, NULL, 0,
       "a call center (id): the agent's membership in profileUpdate, the call's call "
       "center in callUpdate, queued calls in queueInfoResponse",
       { "user", '*', '*', 0 }, { "call", '?', '?', 0 }),
    E("joinCallCenter", "join_call_center", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "whether the agent takes part in the call center", { "callCenter", '?', '?', 0 }),
    E("DNISName", "dnis_name", PCDATA, S_DTDS, NULL, 0, "the DNIS name of the call center",
      { "callCenter", '?', '?', 0 }, { "queueCall", 0, 0, '?' }),
    E("DNISNumber", "dnis_number", PCDATA, S_DTDS, NULL, 0,
      "the DNIS number of the call center",
      { "callCenter", '?', '?', 0 }, { "queueCall", 0, 0, '?' }),
    E("addTimeInPriorityBucket", "add_time_in_priority_bucket", PCDATA, S_DTDS, NULL,
      R(TIME_MS), "when the queued call entered its priority bucket (ms since 1970; "
      "declared, in no DTD content model)", { "queueCall", 0, 0, '?' }),
    E("preservedWaitTimeInPriorityBucket", "preserved_wait_time_in_priority_bucket", PCDATA,
      S_DTDS, NULL, 0, "wait time (ms) accumulated when inserted in the priority bucket "
      "(declared, in no DTD content model)", { "queueCall", 0, 0, '?' }),
    E("callWaitTime", "call_wait_time", PCDATA, S_DTDS, NULL, 0,
      "how long the call has waited in the queue (ms)", { "callCenter", '?', '?', 0 }),
    EA("longestWaitTime", al_longest_wait_time, "longest_wait_time", PCDATA, S_DTDS, NULL, 0,
       "the longest wait time of a call in the queue (ms)", { "callCenter", '?', '?', 0 }),
    E("numCallsInQueue", "num_calls_in_queue", PCDATA, S_DTDS, NULL, 0,
      "number of calls in the queue", { "callCenter", '?', '?', 0 }),
    E("initialUpdate", "initial_update", EMPTY, S_CAPC, NULL, 0,
      "present: an initial (registration) update", U("user")),
    E("firstName", "first_name", PCDATA, S_CAPC, NULL, 0, "the user's first name", U("user")),
    E("lastName", "last_name", PCDATA, S_CAPC, NULL, 0, "the user's last name", U("user")),
    E("phone", "phone", PCDATA, S_CAPC, NULL, 0, "the user's phone number", U("user")),
    E("extension", "extension", PCDATA, S_CAPC, NULL, 0, "the user's extension", U("user")),
    E("locationCode", "location_code", PCDATA, S_CAPC, NULL, 0,
      "the enterprise location dialing code of the user's group", U("user")),
    E("countryCode", "country_code", PCDATA, S_CAPC, NULL, 0, "the user's country code",
      U("user")),
    E("nationalPrefix", "national_prefix", PCDATA, S_CAPC, NULL, 0,
      "the national prefix of the user's country code", U("user")),
    E("enterpriseUser", "enterprise_user", PCDATA, S_CAPC, &cap_enum_on_off, 0,
      "whether the user's service provider is an enterprise", U("user")),
    E("email", "email", PCDATA, S_CAPC, NULL, 0, "the user's e-mail address", U("user")),
    E("mobile", "mobile", PCDATA, S_CAPC, NULL, 0, "the user's mobile number", U("user")),
    E("pager", "pager", PCDATA, S_CAPC, NULL, 0, "the user's pager number", U("user")),
    E("department", "department", PCDATA, S_CAPC, NULL, 0, "the user's department",
      U("user")),
    E("title", "title", PCDATA, S_CAPC, NULL, 0, "the user's title", U("user")),
    E("groupName", "group_name", PCDATA, S_CAPC, NULL, 0, "the user's group", U("user")),
    E("serviceProviderName", "service_provider_name", PCDATA, S_CAPC, NULL, 0,
      "the user's service provider", U("user")),
    E("supportEmail", "support_email", PCDATA, S_CAPC, NULL, 0,
      "where the client reports support issues", U("user")),
    E("maxCalls", "max_calls", PCDATA, S_DTDS, NULL, 0,
      "maximum calls allowed for the client (-1 at registration without calls)", UB("user")),
    E("epControl", "ep_control", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "the endpoint does its own call control (SIP phone)", UB("user")),
    E("threeWayCall", "three_way_call", PCDATA, S_DTDS, &cap_enum_feature_on, 0,
      "Three-Way Call feature", UB("user")),
    E("nWayCall", "n_way_call", PCDATA, S_DTDS, &cap_enum_feature_on, 0,
      "N-Way Call feature", UB("user")),
    E("callTransfer", "call_transfer", PCDATA, S_DTDS, &cap_enum_feature_on, 0,
      "Call Transfer feature", UB("user")),
    E("cfa", "cfa", PCDATA, S_DTDS, &cap_enum_feature_on_off, 0,
      "Call Forwarding Always", UB("user")),
    /* Declared as an element and as an attribute of cfa; no content model
     * names the element, the prose and the sample use the attribute: no
     * parent. */
    { "cfaDestination", NULL, "cfa_destination", CAP_CONTENT_PCDATA, S_CAPC, NULL, 0, NULL, 0,
      "the CFA destination (an element in no content model; see cfa@cfaDestination)" },
    E("cpe", "cpe", PCDATA, S_DTDS, NULL, 0,
      "CommPilot Express: the active profile, empty if not assigned", UB("user")),
    E("cwt", "cwt", PCDATA, S_DTDS, &cap_enum_feature_on_off, 0, "Call Waiting", UB("user")),
    E("dnd", "dnd", PCDATA, S_DTDS, &cap_enum_feature_on_off, 0, "Do Not Disturb",
      UB("user")),
    E("lnrd", "lnrd", PCDATA, S_DTDS, &cap_enum_feature_on, 0, "Last Number Redial",
      UB("user")),
    E("oi", "oi", PCDATA, S_CAPC, &cap_enum_feature_on, 0, "Outlook Integration", U("user")),
    E("ro", "ro", PCDATA, S_DTDS, &cap_enum_feature_on_off, 0, "Remote Office", UB("user")),
    E("li", "li", PCDATA, S_CAPC, &cap_enum_feature_on, 0, "LDAP Integration", U("user")),
    E("simring", "simring", PCDATA, S_DTDS, &cap_enum_feature_on_off, 0,
      "Simultaneous Ringing", UB("user")),
    E("applicationId", "application_id", PCDATA, S_DTDS, NULL, R(APPLICATION_ID),
      "the client application (empty for CCC2)", { "user", '1', '?', 0 }),
    E("voiceMessaging", "voice_messaging", PCDATA, S_CAPC, &cap_enum_feature_on_off, 0,
      "Voice Messaging User feature", U("user")),
    E("voiceMessagingGroup", "voice_messaging_group", PCDATA, S_CAPC, &cap_enum_feature_on, 0,
      "Voice Messaging Group feature", U("user")),
    E("thirdPartyVoiceMessaging", "third_party_voice_messaging", PCDATA, S_CAPC,
      &cap_enum_feature_on, 0, "Third-Party Voice Mail Support (user)", U("user")),
    E("thirdPartyVMGroup", "third_party_vm_group", PCDATA, S_CAPC, &cap_enum_feature_on_off,
      0, "Third-Party Voice Mail Support (group)", U("user")),
    E("hasVMMessages", "has_vm_messages", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "the user has new voice mail", UB("user")),
    E("hasThirdPartyVMMessages", "has_third_party_vm_messages", PCDATA, S_DTDS,
      &cap_enum_true_false, 0, "the user has new third-party voice mail", UB("user")),
    E("callLogs", "call_logs", PCDATA, S_CAPC, &cap_enum_feature_on, 0,
      "Basic or Enhanced Call Logs", U("user")),
    E("redirectFromCountryCode", "redirect_from_country_code", PCDATA, S_DTDS, NULL,
      R(REDIRECT), "the country code of redirectFromNumber", { "call", '?', '?', 0 }),
    E("redirectFromNumber", "redirect_from_number", PCDATA, S_DTDS, NULL, R(REDIRECT),
      "the party the call was redirected from", { "call", '?', '?', 0 }),
    E("redirectFromName", "redirect_from_name", PCDATA, S_DTDS, NULL, R(REDIRECT),
      "the name of redirectFromNumber", { "call", '?', '?', 0 }),
    E("redirectFromReason", "redirect_from_reason", PCDATA, S_DTDS,
      &cap_enum_redirect_from_reason, R(REDIRECT), "why the call was redirected",
      { "call", '?', '?', 0 }),
    E("callType", "call_type", PCDATA, S_DTDS, &cap_enum_call_type, R(CALL_TYPE),
      "the call type of the call leg", { "call", '?', '?', 0 }),
    E("callStartTime", "call_start_time", PCDATA, S_DTDS, NULL, R(TIME_MS),
      "when the call was initiated or received (ms since 1970)", { "call", '?', '?', 0 }),
    E("callAnswerTime", "call_answer_time", PCDATA, S_DTDS, NULL, R(TIME_MS),
      "when the call was answered (ms since 1970)", { "call", '?', '?', 0 }),
    E("callCenterUserId", "call_center_user_id", PCDATA, S_DTDS, NULL, R(CALL_CENTER_ID),
      "the call center called before the call went to the agent", { "call", '?', '?', 0 }),
    E("holdReminder", "hold_reminder", PCDATA, S_DTDS, NULL, 0,
      "present: the hold reminder timer expired", { "call", '?', '?', 0 }),
    E("recallType", "recall_type", PCDATA, S_DTDS, &cap_enum_recall_type, 0,
      "the call is a recall of this kind", { "call", '?', '?', 0 }),
    E("thirdPartyMWI", "third_party_mwi", PCDATA, S_DTDS, &cap_enum_mwi, 0,
      "set the third-party voice message MWI", UB("user")),
    E("clearVMMWI", "clear_vm_mwi", PCDATA, S_DTDS, NULL, 0,
      "present: clear the voice messaging MWI", UB("user")),
    E("nightService", "night_service", PCDATA, S_DTDS, &cap_enum_night_service, 0,
      "night service of the queue", UB("user")),
    E("holidayService", "holiday_service", PCDATA, S_DTDS, &cap_enum_on_off, 0,
      "holiday service of the queue", UB("user")),
    E("forcedForwarding", "forced_forwarding", PCDATA, S_DTDS, &cap_enum_on_off, 0,
      "forced forwarding of the queue", UB("user")),
    E("supervisorId", "supervisor_id", PCDATA, S_CAPC, NULL, 0,
      "the supervisor registering as a call center", U("user")),
    E("hotelingHost", "hoteling_host", PCDATA, S_DTDS, NULL, 0,
      "the hoteling host the user is associated with", UB("user")),
    E("unavailabilityCode", "unavailability_code", PCDATA, S_DTDS, NULL, 0,
      "the agent's unavailability code", UB("user")),
    E("wrapUpCallCenterCallId", "wrap_up_call_center_call_id", PCDATA, S_DTDS, NULL,
      R(CALL_ID), "the call id of the last ACD call (wrap-up)", UB("user")),
    E("queue", "queue", ELEMENTS, S_DTDS, NULL, 0,
      "queueUpdate: the queued calls and why the update is sent", UB("commandData")),
    E("queueCall", "queue_call", ELEMENTS, S_DTDS, NULL, 0,
      "a call in the call center queue, in queue order",
      { "queue", '+', '+', 0 }, { "queueActionData", '?', '?', 0 }),
    E("queueActionData", "queue_action_data", ELEMENTS, S_DTDS, NULL, 0,
      "queueAction: the action", UB("commandData")),
    E("timeAdded", "time_added", PCDATA, S_DTDS, NULL, R(TIME_MS),
      "when the call was added to the queue (ms since 1970)", { "queueCall", '?', '?', 0 }),
    E("mandatoryEntrance", "mandatory_entrance", PCDATA, S_DTDS, &cap_enum_mandatory_entrance,
      0, "whether the mandatory entrance message is playing", { "queueCall", '?', '?', 0 }),
    E("bouncedCall", "bounced_call", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "the call was offered to an agent and bounced", { "queueCall", '?', '?', 0 }),
    E("reorderedCall", "reordered_call", PCDATA, S_DTDS, &cap_enum_true_false, 0,
      "the call was reordered in the queue", { "queueCall", '?', '?', 0 }),
    E("preservedWaitTime", "preserved_wait_time", PCDATA, S_DTDS, NULL, 0,
      "wait time (ms) preserved when the call was added to the queue",
      { "queueCall", '?', '?', 0 }),
    E("position", "position", PCDATA, S_DTDS, NULL, 0, "the position of the call in the queue",
      { "queueCall", '?', '?', 0 }),
    E("destination", "destination", PCDATA, S_DTDS, NULL, 0,
      "where to transfer the call removed from the queue", { "queueCall", '?', '?', 0 }),
    E("priority", "priority", PCDATA, S_DTDS, &cap_enum_priority, 0,
      "the call's priority in the queue", { "queueCall", '?', '?', 0 }),
    E("from", "from", ELEMENTS, S_DTDS, NULL, 0, "datagram: the sending user",
      UB("commandData")),
    E("to", "to", ELEMENTS, S_DTDS, NULL, 0, "datagram: the receiving user",
      UB("commandData")),
    E("payload", "payload", PCDATA, S_DTDS, NULL, 0, "datagram: the data relayed",
      UB("commandData")),
    /* CCC2 DTD only (6.10.1 marks them "CCC2 only"). */
    E("localNumber", "local_number", PCDATA, S_CCC2, NULL, R(LOCAL_NUMBER),
      "the user's local number in the call", { "call", 0, '?', 0 }),
    EA("redirectToNum", al_redirect_to_num, "redirect_to_num", PCDATA, S_CCC2, NULL,
       R(REDIRECT), "the number the call is being redirected to", { "call", 0, '?', 0 }),
    E("redirectToReason", "redirect_to_reason", PCDATA, S_CCC2, &cap_enum_redirect_to_reason,
      R(REDIRECT), "why the call is being redirected", { "call", 0, '?', 0 }),
    E("redirectFromCounter", "redirect_from_counter", PCDATA, S_CCC2, NULL, R(REDIRECT),
      "INSC: the Wholesale Protocol redirectCounter", { "call", 0, '?', 0 }),
    E("origCalledNum", "orig_called_num", PCDATA, S_CCC2, NULL, R(REDIRECT),
      "INSC: the Wholesale Protocol origCalledNum", { "call", 0, '?', 0 }),
    E("origRedirReason", "orig_redir_reason", PCDATA, S_CCC2, NULL, R(REDIRECT),
      "INSC: the Wholesale Protocol origRedirReason", { "call", 0, '?', 0 }),
    /* In the CCC2 user content model, never declared: it is an attribute of
     * action everywhere else. */
    E("responseRequested", "response_requested", UNDECLARED, 0, &cap_enum_true_false, 0,
      "named in the CCC2 user content model only; elsewhere an attribute of action",
      { "user", 0, '?', 0 }),
    /* Chapter 6 prose only. */
    E("result", "result", UNDECLARED, 0, NULL, R(RESULT),
      "callActionResponse: the result of the action (success, message) - in no DTD",
      { "action", 0, 0, '?' }),
};
const size_t cap_n_elements = N(cap_elements);

/* ------------------------------------------------------------------------
 * Attributes.
 * A(element, name, field, CDATA|ENUM, required, default, sources, enum, roles, "desc")
 * ---------------------------------------------------------------------- */
#define A(el, nm, fld, ty, req, dfl, src, en, ro, d) \
    { el, nm, fld, CAP_ATTR_##ty, req, dfl, src, en, ro, d }

const cap_attribute cap_attributes[] = {
    A("BroadsoftDocument", "protocol", "protocol", ENUM, 1, NULL, S_DTDS, &cap_enum_protocol,
      R(PROTOCOL), "CAP (CAP-C and CCC2); OCI for BroadWorks OCI documents"),
    A("BroadsoftDocument", "version", "version", ENUM, 1, NULL, S_DTDS, &cap_enum_version,
      R(VERSION), "the protocol version"),
    A("command", "commandType", "command_type", ENUM, 1, NULL, S_DTDS,
      &cap_enum_command_type, R(COMMAND_TYPE), "the command"),
    A("user", "userType", "user_type", ENUM, 1, NULL, S_DTDS, &cap_enum_user_type,
      R(USER_TYPE), "CallClient or AttendantConsole"),
    A("user", "userUid", "user_uid", CDATA, 0, NULL, S_DTDS, NULL, R(USER_UID),
      "the user's unique id, from the registerResponse"),
    A("user", "id", "user_id", CDATA, 0, NULL, S_DTDS, NULL, R(USER_ID),
      "the user id (login id)"),
    A("user", "userLogoutReason", "user_logout_reason", ENUM, 0, NULL, S_CAPC,
      &cap_enum_user_logout_reason, 0, "unRegister: why"),
    A("failure", "failureCause", "failure_cause", ENUM, 1, NULL, S_CAPC,
      &cap_enum_failure_cause, R(FAILURE), "why the registration failed"),
    A("conference", "conferenceState", "conference_state", ENUM, 1, NULL, S_DTDS,
      &cap_enum_conference_state, R(CONFERENCE_STATE), "the state of the conference"),
    A("callIn", "callInId", "call_in_id", CDATA, 1, NULL, S_DTDS, NULL, R(CALL_ID),
      "the call id of a call of the conference"),
    A("call", "callId", "call_id", CDATA, 1, NULL, S_DTDS, NULL, R(CALL_ID),
      "the call id, unique within one Application Server"),
    A("call", "extTrackingId", "ext_tracking_id", CDATA, 1, NULL, S_DTDS, NULL,
      R(EXT_TRACKING_ID), "the call's id across forwarding (VoIP) or the Wholesale "
      "Protocol call id (INSC)"),
    A("action", "actionType", "action_type", ENUM, 1, NULL, S_DTDS, &cap_enum_action_type,
      R(ACTION_TYPE), "the call action"),
    A("action", "responseRequested", "response_requested", ENUM, 0, "False", S_DTDS,
      &cap_enum_true_false, 0, "asks for a callActionResponse"),
    A("action", "id", "action_id", CDATA, 0, NULL, S_DTDS, NULL, R(CORRELATION_ID),
      "the client's id of the request, returned in the callActionResponse"),
    A("actionParam", "actionParamName", "action_param_name", ENUM, 1, NULL, S_DTDS,
      &cap_enum_action_param_name, R(ACTION_PARAM_NAME), "what the actionParam is"),
    A("control", "controlType", "control_type", ENUM, 1, NULL, S_DTDS,
      &cap_enum_control_type, 0, "the call control ability"),
    A("message", "messageName", "message_name", ENUM, 1, NULL, S_CAPC,
      &cap_enum_message_name, 0, "the acknowledged message"),
    A("monitoring", "monType", "mon_type", ENUM, 1, NULL, S_CAPC, &cap_enum_mon_type, 0,
      "the change to the monitored users"),
    A("monResult", "success", "success", ENUM, 1, NULL, S_CAPC, &cap_enum_true_false,
      R(RESULT), "False: at least one user failed"),
    A("failedUser", "failureReason", "failure_reason", ENUM, 1, NULL, S_CAPC,
      &cap_enum_failure_reason, R(FAILURE), "why the user failed"),
    A("failedUser", "id", "failed_user_id", CDATA, 1, NULL, S_CAPC, NULL, 0,
      "the user that failed"),
    A("callCenter", "id", "call_center_id", CDATA, 1, NULL, S_DTDS, NULL, R(CALL_CENTER_ID),
      "the call center's id"),
    A("cfa", "cfaDestination", "cfa_destination", CDATA, 0, NULL, S_CAPC, NULL, 0,
      "the Call Forwarding Always destination (cfa On)"),
    A("queue", "updateReason", "update_reason", ENUM, 1, NULL, S_DTDS,
      &cap_enum_update_reason, R(QUEUE_REASON), "why the queueUpdate is sent"),
    A("queueCall", "callId", "call_id", CDATA, 1, NULL, S_DTDS, NULL, R(CALL_ID),
      "the call id of the queued call"),
    A("queueActionData", "actionType", "queue_action_type", ENUM, 1, NULL, S_DTDS,
      &cap_enum_queue_action_type, R(ACTION_TYPE), "the queue action"),
    A("payload", "payloadType", "payload_type", CDATA, 0, NULL, S_DTDS, NULL, 0,
      "the payload's content type (text/plain, ...)"),
    /* 6.12 only: the result of a callActionResponse. */
    A("result", "success", "success", ENUM, 1, NULL, S_TEXT, &cap_enum_true_false, R(RESULT),
      "whether the call action succeeded"),
};
const size_t cap_n_attributes = N(cap_attributes);
