/* ccx_messages.c - the Cisco Unified CCX CTI message table (chapter 9 of the
 * CTI Protocol Developer Guide, Release 11.0(1)).
 *
 * One entry per named message of Table 11; class, sender and kind from
 * Table 10.  Fixed parts list every row in order (reserved rows included);
 * floating parts list every row with its FieldDataID tag and maximum size.
 * Counted floating fields name the field that counts them (FLTN).
 * Comments name the spec tables and every judgement call made against the
 * PDF text.
 */
#include "ccx_table_macros.h"
#include "ccx_enums_extra.h"

/* ================= Session messages ================= */

/* OPEN_REQ: Tables 12-13 */
static const ccx_field_ref open_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(VersionNumber, UINT, 4),
    FIX(IdleTimeout, UINT, 4),
    FIXD(reserved, UINT, 4, 0),
    FIX(ServicesRequested, UINT, 4),
    FIX(CallMsgMask, UINT, 4),
    FIX(AgentStateMask, UINT, 4),
    FIX(ConfigMsgMask, UINT, 4),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
};
static const ccx_field_ref open_req_float[] = {
    FLT(ClientID, 1, STRING, 64, CCX_REQ),          /* tag not printed in Table 13; 1 from Table 188 */
    FLT(ClientPassword, 2, UNSPEC, 64, CCX_REQ),
    FLT(ClientSignature, 3, STRING, 64, CCX_OPT),
    FLT(AgentExtension, 4, STRING, 16, CCX_REQ_AGENT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ_AGENT),
    FLT(AgentID, 194, STRING, 32, CCX_REQ_AGENT),
};

/* OPEN_CONF: Tables 14-15 */
static const ccx_field_ref open_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(ServicesGranted, UINT, 4),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, TIME, 4, 0),
    FIX(UnifiedCCXOnline, BOOL, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIX(AgentState, USHORT, 2),
};
static const ccx_field_ref open_conf_float[] = {
    /* "This field is required for Agent mode" (value column) -> CCX_REQ_AGENT */
    FLT(AgentExtension, 4, STRING, 16, CCX_REQ_AGENT),
    FLT(reserved, 5, STRING, 12, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ_AGENT),
    FLT(AgentID, 194, STRING, 32, CCX_REQ_AGENT),
    FLTV(NumPeripherals, 228, USHORT, 2, CCX_OPT, 14),  /* floating count field */
    FLTNV(FltPeripheralID, 208, UINT, 4, CCX_OPT, NumPeripherals, 14),
    FLTNV(MultilineAgentControl, 224, USHORT, 2, CCX_OPT, NumPeripherals, 14),
};

/* HEARTBEAT_REQ: Table 16 */
static const ccx_field_ref heartbeat_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* HEARTBEAT_CONF: Table 17 */
static const ccx_field_ref heartbeat_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* SYSTEM_EVENT: Tables 18-19 */
static const ccx_field_ref system_event_fixed[] = {
    FIX(CCXStatus, UINT, 4),
    FIX(CCXTime, TIME, 4),
    FIX(SystemEventID, UINT, 4),
    FIX(SystemEventArg1, UINT, 4),
    FIX(SystemEventArg2, UINT, 4),
    FIX(SystemEventArg3, UINT, 4),
    FIX(EventDeviceType, USHORT, 2),
};
static const ccx_field_ref system_event_float[] = {
    FLT(Text, 7, STRING, 255, CCX_OPT),
    FLT(EventDeviceID, 206, STRING, 64, CCX_OPT),
};

/* CLOSE_REQ: Table 20 */
static const ccx_field_ref close_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(Status, UINT, 4),
};

/* CLOSE_CONF: Table 21 */
static const ccx_field_ref close_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* ================= Error messages ================= */

/* FAILURE_CONF: Tables 26-27 */
static const ccx_field_ref failure_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(Status, UINT, 4),
};
static const ccx_field_ref failure_conf_float[] = {
    FLT(Text, 7, STRING, 255, CCX_OPT),
};

/* FAILURE_EVENT: Tables 28-29 (Table 29 title garbled: "Floating PatField Name") */
static const ccx_field_ref failure_event_fixed[] = {
    FIX(Status, UINT, 4),
};
static const ccx_field_ref failure_event_float[] = {
    FLT(Text, 7, STRING, 255, CCX_OPT),
};

/* ================= Configuration messages ================= */

/* CONFIG_REQUEST_KEY_EVENT: Tables 30-31 */
static const ccx_field_ref config_request_key_event_fixed[] = {
    FIXVD(reserved, UINT, 4, 11, 0),
};
static const ccx_field_ref config_request_key_event_float[] = {
    FLT(reserved, 131, UINT, 4, CCX_OPT),
};

/* CONFIG_KEY_EVENT: Tables 32-33 (Status values: Table 34) */
static const ccx_field_ref config_key_event_fixed[] = {
    FIXE(Status, UINT, 4, ccx_enum_config_key_status),
};
static const ccx_field_ref config_key_event_float[] = {
    FLT(ApplicationConfigKey, 177, UNSPEC, 8, CCX_OPT),
    FLT(CSQConfigKey, 178, UNSPEC, 8, CCX_OPT),
    FLT(AgentConfigKey, 179, UNSPEC, 8, CCX_OPT),
    FLT(DeviceConfigKey, 180, UNSPEC, 8, CCX_OPT),
};

/* CONFIG_REQUEST_EVENT: Tables 35-36 */
static const ccx_field_ref config_request_event_fixed[] = {
    FIXE(ConfigurationMask, UINT, 4, ccx_enum_config_request_mask),
    FIXVD(reserved, UINT, 4, 11, 0),
};
static const ccx_field_ref config_request_event_float[] = {
    FLT(reserved, 131, UINT, 4, CCX_REQ),
};

/* CONFIG_BEGIN_EVENT: Tables 37-38 */
static const ccx_field_ref config_begin_event_fixed[] = {
    FIX(ConfigType, USHORT, 2),
    FIXE(ConfigurationMask, UINT, 4, ccx_enum_config_begin_mask),
};
static const ccx_field_ref config_begin_event_float[] = {
    FLT(ApplicationConfigKey, 177, UNSPEC, 8, CCX_OPT),
    FLT(CSQConfigKey, 178, UNSPEC, 8, CCX_OPT),       /* Table 38 spells it "CSQueueConfigKey" */
    FLT(AgentConfigKey, 179, UNSPEC, 8, CCX_OPT),
    FLT(DeviceConfigKey, 180, UNSPEC, 8, CCX_OPT),
};

/* CONFIG_END_EVENT: Tables 39-40 (Status values: Table 41) */
static const ccx_field_ref config_end_event_fixed[] = {
    FIXE(Status, UINT, 4, ccx_enum_config_end_status),
};
static const ccx_field_ref config_end_event_float[] = {
    FLT(Text, 7, STRING, 255, CCX_OPT),
};

/* CONFIG_CSQ_EVENT: Tables 42-43.  Every floating row repeats per record (NumRecords). */
static const ccx_field_ref config_csq_event_fixed[] = {
    FIX(NumRecords, USHORT, 2),
};
static const ccx_field_ref config_csq_event_float[] = {
    FLTN(RecordType, 183, USHORT, 2, CCX_OPT, NumRecords),
    /* Table 43 prints "reserved _[184] (Version 11)" right before CSQID _[184]:
     * a PDF error (the other CONFIG_*_EVENTs have reserved _[208] (Version 11)
     * here); 208 used so that tag 184 stays CSQID. */
    FLTNV(reserved, 208, UINT, 4, CCX_OPT, NumRecords, 11),
    FLTN(CSQID, 184, UINT, 4, CCX_OPT, NumRecords),
    FLTNV(reserved, 213, UINT, 4, CCX_OPT, NumRecords, 11),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(reserved, 192, UINT, 4, CCX_OPT, NumRecords),
    FLTN(AutoWork, 185, BOOL, 4, CCX_OPT, NumRecords),     /* spec: BOOL with max size 4 (BOOL is 2) */
    FLTN(reserved, 173, STRING, 16, CCX_OPT, NumRecords),
    FLTN(CSQName, 133, STRING, 64, CCX_OPT, NumRecords),
    FLTN(Description, 134, STRING, 128, CCX_OPT, NumRecords),
    FLTNV(MRDomainID, 216, UINT, 4, CCX_OPT, NumRecords, 11), /* Table 188 lists 216 as reserved */
    FLTN(reserved, 176, STRING, 255, CCX_OPT, NumRecords),
};

/* CONFIG_APPLICATION_EVENT: Tables 44-45.  Floating rows repeat per record. */
static const ccx_field_ref config_application_event_fixed[] = {
    FIX(NumRecords, USHORT, 2),
};
static const ccx_field_ref config_application_event_float[] = {
    FLTN(RecordType, 183, USHORT, 2, CCX_OPT, NumRecords),
    FLTNV(reserved, 208, UINT, 4, CCX_OPT, NumRecords, 11),   /* 208 is FltPeripheralID in Table 188 */
    FLTN(ApplicationID, 184, UINT, 4, CCX_OPT, NumRecords),
    FLTNV(reserved, 213, UINT, 4, CCX_OPT, NumRecords, 11),
    FLTN(MaxQueued, 129, UINT, 4, CCX_OPT, NumRecords),
    FLTN(reserved, 173, STRING, 16, CCX_OPT, NumRecords),
    FLTN(PreviousApplicationID, 132, UINT, 4, CCX_OPT, NumRecords),
    FLTN(ApplicationName, 133, STRING, 64, CCX_OPT, NumRecords),
    FLTN(Description, 134, STRING, 128, CCX_OPT, NumRecords),
    FLTN(reserved, 174, UINT, 4, CCX_OPT, NumRecords),
    FLTN(reserved, 175, UINT, 4, CCX_OPT, NumRecords),
    FLTN(reserved, 176, STRING, 255, CCX_OPT, NumRecords),
    FLTNV(reserved, 216, UINT, 4, CCX_OPT, NumRecords, 11),
};

/* CONFIG_AGENT_EVENT: Tables 46-47.  Floating rows repeat per record; within
 * a record the floating NumCSQs _[191] ("NumCSQ" in Table 47) counts the
 * CSQID/reserved pairs that follow. */
static const ccx_field_ref config_agent_event_fixed[] = {
    FIX(NumRecords, USHORT, 2),
};
static const ccx_field_ref config_agent_event_float[] = {
    FLTN(RecordType, 183, USHORT, 2, CCX_OPT, NumRecords),
    FLTNV(reserved, 208, UINT, 4, CCX_OPT, NumRecords, 11),
    FLTN(AgentType, 189, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(LoginID, 190, STRING, 64, CCX_OPT, NumRecords),
    FLTNV(reserved, 214, STRING, 64, CCX_OPT, NumRecords, 11),
    FLTNV(reserved, 207, STRING, 32, CCX_OPT, NumRecords, 11),
    FLTN(LastName, 138, STRING, 32, CCX_OPT, NumRecords),
    FLTN(FirstName, 137, STRING, 32, CCX_OPT, NumRecords),
    FLTN(Extension, 173, STRING, 16, CCX_OPT, NumRecords),
    FLTN(Description, 134, STRING, 128, CCX_OPT, NumRecords),
    FLTN(reserved, 141, UINT, 4, CCX_OPT, NumRecords),
    FLTN(NumCSQs, 191, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(CSQID, 62, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumCSQs),
};

/* CONFIG_DEVICE_EVENT: Tables 48-49 (DeviceType values and field meanings: Table 50).
 * Floating rows repeat per record.  Table 49 prints tags as "[195]" (no underscore). */
static const ccx_field_ref config_device_event_fixed[] = {
    FIX(NumRecords, USHORT, 2),
};
static const ccx_field_ref config_device_event_float[] = {
    FLTN(RecordType, 183, USHORT, 2, CCX_OPT, NumRecords),
    FLTNV(reserved, 208, UINT, 4, CCX_OPT, NumRecords, 11),
    FLTN(DeviceType, 195, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(MaxQueued, 129, UINT, 4, CCX_OPT, NumRecords),
    FLTN(DeviceField0, 184, UINT, 4, CCX_OPT, NumRecords),
    FLTN(DeviceField1, 193, UINT, 4, CCX_OPT, NumRecords),
    FLTN(DeviceField2, 11, STRING, 40, CCX_OPT, NumRecords),   /* tag 11 is DialedNumber in Table 188 */
    FLTN(reserved, 10, STRING, 32, CCX_OPT, NumRecords),       /* DeviceField3 of Table 50; tag 10 is DNIS */
    FLTN(DeviceField4, 173, STRING, 16, CCX_OPT, NumRecords),
    FLTN(Description, 134, STRING, 128, CCX_OPT, NumRecords),
};

/* TEAM_CONFIG_EVENT: Tables 51-52 */
static const ccx_field_ref team_config_event_fixed[] = {
    FIX(TeamID, UINT, 4),
    FIX(NumRecords, USHORT, 2),
    FIX(Operation, USHORT, 2),
    FIXD(reserved, UNSPEC, 8, 0),   /* UNSPEC in a fixed part (Table 184: floating only) */
};
static const ccx_field_ref team_config_event_float[] = {
    FLT(TeamName, 204, STRING, 50, CCX_REQ),
    /* NumRecords counts AgentID, AgentFlags, RecordType and MemberType */
    FLTN(AgentID, 194, STRING, 32, CCX_OPT, NumRecords),
    FLTN(AgentFlags, 87, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(RecordType, 183, USHORT, 2, CCX_OPT, NumRecords),
    FLTN(MemberType, 205, USHORT, 2, CCX_OPT, NumRecords),
};

/* TEAM_CONFIG_REQ: Table 53 */
static const ccx_field_ref team_config_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(ConfigParam, USHORT, 2),
    FIXD(reserved, UNSPEC, 8, 0),   /* UNSPEC in a fixed part */
};

/* TEAM_CONFIG_CONF: Tables 54-55 */
static const ccx_field_ref team_config_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXE(Status, UINT, 4, ccx_enum_team_config_status),           /* 0: Success, 1: Unified CCX Internal Error */
};
static const ccx_field_ref team_config_conf_float[] = {
    FLT(Text, 7, STRING, 128, CCX_OPT),
};

/* ================= Agent-state messages ================= */

/* AGENT_STATE_EVENT: Tables 56-57 */
static const ccx_field_ref agent_state_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, USHORT, 2, 21),
    FIX(CSQState, USHORT, 2),
    FIX(StateDuration, UINT, 4),
    FIX(CSQID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(AgentState, USHORT, 2),
    FIX(EventReasonCode, USHORT, 2),
    FIXD(reserved, INT, 4, 1),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, INT, 4, 0),
    FIXD(reserved, INT, 4, 1),
    FIX(NumCSQs, USHORT, 2),        /* spelled "numCSQs" in Table 56 */
};
static const ccx_field_ref agent_state_event_float[] = {
    FLT(CTIClientSignature, 23, STRING, 64, CCX_OPT),
    FLT(reserved, 5, STRING, 12, CCX_OPT),
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
    FLT(Duration, 150, UINT, 4, CCX_OPT),
    FLT(NextAgentState, 123, USHORT, 2, CCX_OPT),
    FLTN(CSQID, 62, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 63, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumCSQs),
    FLTN(CSQState, 65, USHORT, 2, CCX_OPT, NumCSQs),
};

/* QUERY_AGENT_STATE_REQ: Tables 58-59 */
static const ccx_field_ref query_agent_state_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, INT, 4, 1),
    FIXD(reserved, INT, 4, 0),
};
static const ccx_field_ref query_agent_state_req_float[] = {
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* QUERY_AGENT_STATE_CONF: Tables 60-61 */
static const ccx_field_ref query_agent_state_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(AgentState, USHORT, 2),
    FIX(NumCSQs, USHORT, 2),        /* spelled "numCSQs" in Table 60 */
    FIXD(reserved, INT, 4, 1),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
};
static const ccx_field_ref query_agent_state_conf_float[] = {
    FLT(reserved, 5, STRING, 12, CCX_OPT),
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
    FLTN(CSQID, 62, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 63, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumCSQs),
    FLTN(CSQState, 65, USHORT, 2, CCX_OPT, NumCSQs),
};

/* SET_AGENT_STATE_REQ: Tables 62-63 */
static const ccx_field_ref set_agent_state_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(AgentState, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIX(EventReasonCode, USHORT, 2),
    FIX(ForcedFlag, UCHAR, 1),
    FIXV(AgentCapacity, UINT, 4, 12),   /* "AgentCapacity[Version 12]" */
};
static const ccx_field_ref set_agent_state_req_float[] = {
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
    /* AgentPassword ("optional") and AgentID (unmarked) are required only for
     * some AgentState values; the table cannot express that: CCX_OPT. */
    FLT(AgentPassword, 49, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* SET_AGENT_STATE_CONF: Table 64 */
static const ccx_field_ref set_agent_state_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* ================= Call-event messages ================= */

/* BEGIN_CALL_EVENT: Tables 65-66 */
static const ccx_field_ref begin_call_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(NumCTIClients, USHORT, 2),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
    FIX(CallType, USHORT, 2),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(CalledPartyDisposition, USHORT, 2),
};
static const ccx_field_ref begin_call_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ANI, 8, STRING, 40, CCX_OPT),
    FLT(UserToUserInfo, 9, UNSPEC, 131, CCX_OPT),
    FLT(DNIS, 10, STRING, 32, CCX_OPT),
    FLT(DialedNumber, 11, STRING, 40, CCX_OPT),
    FLT(CallerEnteredDigits, 12, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),
    /* Not rows of Table 66: NumCTIClients says signatures and timestamps are
     * present; tags from Table 188, types as CTIClientSignature in Table 57
     * and TIME for the timestamp (no table gives its type). */
    FLTN(CTIClientSignature, 23, STRING, 64, CCX_OPT, NumCTIClients),
    FLTN(CTIClientTimeStamp, 24, TIME, 4, CCX_OPT, NumCTIClients),
};

/* END_CALL_EVENT: Tables 67-68 */
static const ccx_field_ref end_call_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
};
static const ccx_field_ref end_call_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
};

/* CALL_DATA_UPDATE_EVENT: Tables 69-70 */
static const ccx_field_ref call_data_update_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(NumCTIClients, USHORT, 2),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
    FIX(CallType, USHORT, 2),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(NewConnectionDeviceType, USHORT, 2),
    FIX(NewCallID, UINT, 4),
    FIX(CalledPartyDisposition, USHORT, 2),
    FIX(CampaignID, UINT, 4),
    FIXD(reserved, UINT, 4, 0),
};
static const ccx_field_ref call_data_update_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(NewConnectionDeviceID, 47, STRING, 64, CCX_REQ),
    FLT(ANI, 8, STRING, 40, CCX_OPT),
    FLT(CallerEnteredDigits, 12, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),   /* "NAMEDARR" */
    FLT(CustomerPhoneNumber, 95, STRING, 20, CCX_OPT),   /* tag not printed in Table 70; 95 from Table 188 */
    FLT(CustomerAccountNumber, 96, STRING, 32, CCX_OPT),
    /* Not rows of Table 70: implied by NumCTIClients (see BEGIN_CALL_EVENT). */
    FLTN(CTIClientSignature, 23, STRING, 64, CCX_OPT, NumCTIClients),
    FLTN(CTIClientTimeStamp, 24, TIME, 4, CCX_OPT, NumCTIClients),
};

/* CALL_DELIVERED_EVENT: Tables 71-72 */
static const ccx_field_ref call_delivered_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
    FIX(ApplicationID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(CSQID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(AlertingDeviceType, USHORT, 2),
    FIX(CallingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LastRedirectDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
};
static const ccx_field_ref call_delivered_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AlertingDeviceID, 26, STRING, 64, CCX_REQ),
    FLT(CallingDeviceID, 27, STRING, 64, CCX_OPT),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_REQ),
    FLT(LastRedirectDeviceID, 29, STRING, 64, CCX_OPT),
    FLT(SecondaryCallID, 202, UINT, 4, CCX_OPT),   /* Table 188 names tag 202 SecondaryConnectionCallID */
    FLT(ANI, 8, STRING, 40, CCX_OPT),
    FLT(UserToUserInfo, 9, UNSPEC, 131, CCX_OPT),
    FLT(DNIS, 10, STRING, 32, CCX_OPT),
    FLT(DialedNumber, 11, STRING, 40, CCX_OPT),
    FLT(CallerEnteredDigits, 12, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),   /* "NAMEDARR" */
};

/* CALL_ESTABLISHED_EVENT: Tables 73-74 */
static const ccx_field_ref call_established_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
    FIX(ApplicationID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(CSQID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(AnsweringDeviceType, USHORT, 2),
    FIX(CallingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LastRedirectDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_established_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AnsweringDeviceID, 30, STRING, 64, CCX_REQ),
    FLT(CallingDeviceID, 27, STRING, 64, CCX_OPT),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_REQ),
    FLT(LastRedirectDeviceID, 29, STRING, 64, CCX_OPT),
};

/* CALL_HELD_EVENT: Tables 75-76 */
static const ccx_field_ref call_held_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(HoldingDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_held_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(HoldingDeviceID, 31, STRING, 64, CCX_REQ),
};

/* CALL_RETRIEVED_EVENT: Tables 77-78 */
static const ccx_field_ref call_retrieved_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(RetrievingDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_retrieved_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(RetrievingDeviceID, 32, STRING, 64, CCX_OPT),
};

/* CALL_CLEARED_EVENT: Tables 79-80 */
static const ccx_field_ref call_cleared_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIXD(reserved, USHORT, 2, 0),
    FIX(CallID, UINT, 4),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_cleared_event_float[] = {
    /* Table 80: "reserved ... left blank, STRING 64" with no tag; the
     * chapter-11 flows show ConnectionDeviceID (tag 25 in Table 188, STRING
     * 64) in every CALL_CLEARED_EVENT, so it is decoded as that. */
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_OPT),
};

/* CALL_CONNECTION_CLEARED_EVENT: Tables 81-82 */
static const ccx_field_ref call_connection_cleared_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(ReleasingDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_connection_cleared_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ReleasingDeviceID, 33, STRING, 64, CCX_REQ),
};

/* CALL_ORIGINATED_EVENT: Tables 83-84 */
static const ccx_field_ref call_originated_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 7),
    FIX(ApplicationID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(CSQID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(CallingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_originated_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(CallingDeviceID, 27, STRING, 64, CCX_REQ),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_REQ),
};

/* CALL_FAILED_EVENT: Tables 85-86 */
static const ccx_field_ref call_failed_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(FailingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_failed_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(FailingDeviceID, 34, STRING, 64, CCX_OPT),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_OPT),
};

/* CALL_CONFERENCED_EVENT: Tables 87-88 (its prose says "TypeParties" for NumParties) */
static const ccx_field_ref call_conferenced_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(PrimaryDeviceType, USHORT, 2),
    FIX(PrimaryCallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(NumParties, USHORT, 2),
    FIX(SecondaryDeviceType, USHORT, 2),
    FIX(SecondaryCallID, UINT, 4),
    FIX(ControllerDeviceType, USHORT, 2),
    FIX(AddedPartyDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_conferenced_event_float[] = {
    FLT(PrimaryDeviceID, 35, STRING, 64, CCX_REQ),
    FLT(SecondaryDeviceID, 36, STRING, 64, CCX_REQ),
    FLT(ControllerDeviceID, 37, STRING, 64, CCX_REQ),
    FLT(AddedPartyDeviceID, 38, STRING, 64, CCX_OPT),
    FLTN(ConnectedPartyCallID, 39, UINT, 4, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceType, 40, USHORT, 2, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceID, 41, STRING, 64, CCX_OPT, NumParties),
};

/* CALL_TRANSFERRED_EVENT: Tables 89-90 */
static const ccx_field_ref call_transferred_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(PrimaryDeviceType, USHORT, 2),
    FIX(PrimaryCallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(NumParties, USHORT, 2),
    FIX(SecondaryDeviceType, USHORT, 2),
    FIX(SecondaryCallID, UINT, 4),
    FIX(TransferringDeviceType, USHORT, 2),
    FIX(TransferredDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_transferred_event_float[] = {
    FLT(PrimaryDeviceID, 35, STRING, 64, CCX_REQ),
    FLT(SecondaryDeviceID, 36, STRING, 64, CCX_REQ),
    FLT(TransferringDeviceID, 42, STRING, 64, CCX_REQ),
    FLT(TransferredDeviceID, 43, STRING, 64, CCX_REQ),
    FLTN(ConnectedPartyCallID, 39, UINT, 4, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceType, 40, USHORT, 2, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceID, 41, STRING, 64, CCX_OPT, NumParties),
};

/* CALL_DIVERTED_EVENT: Tables 91-92 */
static const ccx_field_ref call_diverted_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(ApplicationID, UINT, 4),            /* printed "Application ID", type "UNIT" */
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),    /* type printed "UNIT" */
    FIX(DivertingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_diverted_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(DivertingDeviceID, 44, STRING, 64, CCX_REQ),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_REQ),
};

/* CALL_SERVICE_INITIATED_EVENT: Tables 93-94 */
static const ccx_field_ref call_service_initiated_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
    FIX(ApplicationID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(CSQID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIXD(reserved, USHORT, 2, 0),
    FIX(CallingDeviceType, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_service_initiated_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(CallingDeviceID, 27, STRING, 64, CCX_REQ),
};

/* CALL_QUEUED_EVENT: Tables 95-96 */
static const ccx_field_ref call_queued_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(ApplicationID, UINT, 4),            /* printed "ApplicationID _[77]": a tag on a fixed field */
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(QueueDeviceType, USHORT, 2),
    FIX(CallingDeviceType, USHORT, 2),
    FIX(CalledDeviceType, USHORT, 2),
    FIX(LastRedirectDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIX(NumCSQs, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_queued_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(QueueDeviceID, 45, STRING, 64, CCX_REQ),     /* printed "QueuedDeviceID"; Table 188: QueueDeviceID */
    FLT(CallingDeviceID, 27, STRING, 64, CCX_OPT),
    FLT(CalledDeviceID, 28, STRING, 64, CCX_REQ),
    FLT(LastRedirectDeviceID, 29, STRING, 64, CCX_OPT),
    FLTN(CSQID, 62, UINT, 4, CCX_REQ, NumCSQs),
    FLTN(reserved, 63, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumCSQs),
};

/* CALL_DEQUEUED_EVENT: Tables 97-98 */
static const ccx_field_ref call_dequeued_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 21),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(ApplicationID, UINT, 4),
    FIXD(reserved, UINT, 4, 0xFFFFFFFF),
    FIX(QueueDeviceType, USHORT, 2),
    FIX(NumQueued, USHORT, 2),
    FIX(NumCSQs, USHORT, 2),
    FIX(LocalConnectionState, USHORT, 2),
    FIX(EventCause, USHORT, 2),
};
static const ccx_field_ref call_dequeued_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(QueueDeviceID, 45, STRING, 64, CCX_REQ),
    FLTN(CSQID, 62, UINT, 4, CCX_REQ, NumCSQs),
    FLTN(reserved, 63, UINT, 4, CCX_OPT, NumCSQs),
    FLTN(reserved, 64, USHORT, 2, CCX_OPT, NumCSQs),
};

/* RTP_STARTED_EVENT: Tables 99-100 (Table 100 is titled "RTP_STOPPED_EVENT
 * (OPTIONAL) Floating Part" but sits under RTP_STARTED_EVENT: PDF error) */
static const ccx_field_ref rtp_started_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIX(clientPort, UINT, 4),
    FIX(Direction, USHORT, 2),
    FIX(RTPType, USHORT, 2),
    FIX(BitRate, UINT, 4),
    FIX(EchoCancellation, USHORT, 2),
    FIX(PacketSize, UINT, 4),
    FIX(PayloadType, USHORT, 2),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
};
static const ccx_field_ref rtp_started_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ClientAddress, 81, STRING, 16, CCX_REQ),        /* printed "clientAddress" here */
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(SendingAddress, 125, STRING, 16, CCX_OPT),      /* Table 188 lists 125 as reserved */
    FLT(SendingPort, 126, UINT, 4, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* RTP_STOPPED_EVENT: Tables 101-102 */
static const ccx_field_ref rtp_stopped_event_fixed[] = {
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
    FIX(clientPort, UINT, 4),
    FIX(Direction, USHORT, 2),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
};
static const ccx_field_ref rtp_stopped_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ClientAddress, 81, STRING, 16, CCX_REQ),
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(SendingAddress, 125, STRING, 16, CCX_OPT),
    FLT(SendingPort, 126, UINT, 4, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* ================= Call-control (client-control) messages ================= */

/* CONTROL_FAILURE_CONF: Tables 103-104 */
static const ccx_field_ref control_failure_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(FailureCode, USHORT, 2),
    FIX(UnifiedCCXErrorCode, UINT, 4),
};
static const ccx_field_ref control_failure_conf_float[] = {
    FLT(Text, 7, STRING, 255, CCX_OPT),
};

/* ALTERNATE_CALL_REQ: Tables 105-106 */
static const ccx_field_ref alternate_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ActiveCallID, UINT, 4),
    FIX(OtherCallID, UINT, 4),
    FIX(ActiveConnectionDeviceType, USHORT, 2),
    FIX(OtherConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref alternate_call_req_float[] = {
    FLT(ActiveConnectionDeviceID, 50, STRING, 64, CCX_REQ),
    FLT(OtherConnectionDeviceID, 52, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* ALTERNATE_CALL_CONF: Table 107 */
static const ccx_field_ref alternate_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* ANSWER_CALL_REQ: Tables 108-109 */
static const ccx_field_ref answer_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref answer_call_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* ANSWER_CALL_CONF: Table 110 */
static const ccx_field_ref answer_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* CLEAR_CALL_REQ: Tables 111-112 */
static const ccx_field_ref clear_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref clear_call_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* CLEAR_CALL_CONF: Table 113 */
static const ccx_field_ref clear_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* CLEAR_CONNECTION_REQ: Tables 114-115 */
static const ccx_field_ref clear_connection_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref clear_connection_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* CLEAR_CONNECTION_CONF: Table 116 */
static const ccx_field_ref clear_connection_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* CONFERENCE_CALL_REQ: Tables 117-118 */
static const ccx_field_ref conference_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(HeldCallID, UINT, 4),
    FIX(ActiveCallID, UINT, 4),
    FIX(HeldConnectionDeviceType, USHORT, 2),
    FIX(ActiveConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
};
static const ccx_field_ref conference_call_req_float[] = {
    FLT(ActiveConnectionDeviceID, 50, STRING, 64, CCX_REQ),
    FLT(HeldConnectionDeviceID, 53, STRING, 64, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
    FLT(DialedNumber, 11, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),
    FLT(AccountCode, 78, STRING, 40, CCX_OPT),
};

/* CONFERENCE_CALL_CONF: Tables 119-120 */
static const ccx_field_ref conference_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NewCallID, UINT, 4),
    FIX(NewConnectionDeviceType, USHORT, 2),
    FIX(NumParties, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
};
static const ccx_field_ref conference_call_conf_float[] = {
    FLT(NewConnectionDeviceID, 47, STRING, 64, CCX_REQ),
    FLTN(ConnectedPartyCallID, 39, UINT, 4, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceType, 40, USHORT, 2, CCX_OPT, NumParties),
    FLTN(ConnectedPartyDeviceID, 41, STRING, 64, CCX_OPT, NumParties),
};

/* CONSULT_CALL_REQ: Tables 121-122 */
static const ccx_field_ref consult_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ActiveCallID, UINT, 4),
    FIX(ActiveConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIX(ConsultType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
};
static const ccx_field_ref consult_call_req_float[] = {
    FLT(ActiveConnectionDeviceID, 50, STRING, 64, CCX_REQ),
    FLT(DialedNumber, 11, STRING, 40, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),
    FLT(AccountCode, 78, STRING, 40, CCX_OPT),
};

/* CONSULT_CALL_CONF: Tables 123-124 */
static const ccx_field_ref consult_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NewCallID, UINT, 4),
    FIX(NewConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
};
static const ccx_field_ref consult_call_conf_float[] = {
    FLT(NewConnectionDeviceID, 47, STRING, 64, CCX_REQ),
};

/* HOLD_CALL_REQ: Tables 125-126 */
static const ccx_field_ref hold_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIXD(reserved, BOOL, 2, 0),
};
static const ccx_field_ref hold_call_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* HOLD_CALL_CONF: Table 127 */
static const ccx_field_ref hold_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* MAKE_CALL_REQ: Tables 128-129 */
static const ccx_field_ref make_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
    FIXVD(reserved, UINT, 4, 14, 0xFFFFFFFF),   /* NULL_CSQ */
};
static const ccx_field_ref make_call_req_float[] = {
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
    FLT(DialedNumber, 11, STRING, 40, CCX_REQ),
    /* Table 129 prints "CallVariable _[13]" for CallVariable1 */
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),   /* "NAMEDARR" */
    FLT(AccountCode, 78, STRING, 40, CCX_OPT),
};

/* MAKE_CALL_CONF: Tables 130-131 */
static const ccx_field_ref make_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NewCallID, UINT, 4),
    FIX(NewConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
};
static const ccx_field_ref make_call_conf_float[] = {
    FLT(NewConnectionDeviceID, 47, STRING, 64, CCX_REQ),
};

/* RECONNECT_CALL_REQ: Tables 132-133 */
static const ccx_field_ref reconnect_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ActiveCallID, UINT, 4),
    FIX(HeldCallID, UINT, 4),
    FIX(ActiveConnectionDeviceType, USHORT, 2),
    FIX(HeldConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref reconnect_call_req_float[] = {
    FLT(ActiveConnectionDeviceID, 50, STRING, 64, CCX_REQ),
    FLT(HeldConnectionDeviceID, 53, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* RECONNECT_CALL_CONF: Table 134 */
static const ccx_field_ref reconnect_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* RETRIEVE_CALL_REQ: Tables 135-136 */
static const ccx_field_ref retrieve_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(HeldCallID, UINT, 4),
    FIX(HeldConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref retrieve_call_req_float[] = {
    FLT(HeldConnectionDeviceID, 53, STRING, 64, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* RETRIEVE_CALL_CONF: Table 137 */
static const ccx_field_ref retrieve_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* TRANSFER_CALL_REQ: Tables 138-139 */
static const ccx_field_ref transfer_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ActiveCallID, UINT, 4),
    FIX(HeldCallID, UINT, 4),
    FIX(ActiveConnectionDeviceType, USHORT, 2),
    FIX(HeldConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIXD(reserved, BOOL, 2, 0),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
};
static const ccx_field_ref transfer_call_req_float[] = {
    FLT(ActiveConnectionDeviceID, 50, STRING, 64, CCX_REQ),
    FLT(HeldConnectionDeviceID, 53, STRING, 64, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
    FLT(DialedNumber, 11, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),
    FLT(AccountCode, 78, STRING, 40, CCX_OPT),
};

/* TRANSFER_CALL_CONF: Tables 140-141 (NumParties, but Table 141 has no ConnectedParty fields) */
static const ccx_field_ref transfer_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NewCallID, UINT, 4),
    FIX(NewConnectionDeviceType, USHORT, 2),
    FIX(NumParties, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 3),
};
static const ccx_field_ref transfer_call_conf_float[] = {
    FLT(NewConnectionDeviceID, 47, STRING, 64, CCX_REQ),
};

/* SEND_DTMF_SIGNAL_REQ: Tables 142-143 */
static const ccx_field_ref send_dtmf_signal_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(ToneDuration, USHORT, 2),
    FIX(PauseDuration, UINT, 4),
};
static const ccx_field_ref send_dtmf_signal_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(DTMFString, 67, STRING, 32, CCX_REQ),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
};

/* SEND_DTMF_SIGNAL_CONF: Table 144 */
static const ccx_field_ref send_dtmf_signal_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* SET_CALL_DATA_REQ: Tables 145-146 */
static const ccx_field_ref set_call_data_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
    FIX(CallType, USHORT, 2),
    FIX(CalledPartyDisposition, USHORT, 2),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 1),
};
static const ccx_field_ref set_call_data_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ANI, 8, STRING, 40, CCX_OPT),
    FLT(CallerEnteredDigits, 12, STRING, 40, CCX_OPT),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),
    FLT(CustomerAccountNumber, 96, STRING, 32, CCX_OPT),
};

/* SET_CALL_DATA_CONF: Table 147 */
static const ccx_field_ref set_call_data_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* SUPERVISE_CALL_REQ: Tables 148-149 (SupervisoryAction values: Table 150) */
static const ccx_field_ref supervise_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(AgentCallID, UINT, 4),
    FIX(SupervisorCallID, UINT, 4),
    FIX(AgentConnectionDeviceType, USHORT, 2),
    FIX(SupervisorConnectionDeviceType, USHORT, 2),
    FIX(SupervisoryAction, USHORT, 2),    /* its row points at "Table 3"; values are Table 150 */
};
static const ccx_field_ref supervise_call_req_float[] = {
    FLT(AgentConnectionDeviceID, 90, STRING, 64, CCX_OPT),
    FLT(SupervisorConnectionDeviceID, 91, STRING, 64, CCX_OPT),
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(SupervisorInstrument, 85, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* SUPERVISE_CALL_CONF: Tables 151-152 */
static const ccx_field_ref supervise_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref supervise_call_conf_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
};

/* SUPERVISOR_ASSIST_REQ: Tables 153-154 */
static const ccx_field_ref supervisor_assist_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref supervisor_assist_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AgentExtension, 4, STRING, 16, CCX_OPT),
    FLT(AgentInstrument, 6, STRING, 64, CCX_OPT),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* SUPERVISOR_ASSIST_CONF: Tables 155-156 */
static const ccx_field_ref supervisor_assist_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0xFFFF),
    FIXD(reserved, USHORT, 2, 0),
};
static const ccx_field_ref supervisor_assist_conf_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
};

/* SUPERVISOR_ASSIST_EVENT: Tables 157-158 */
static const ccx_field_ref supervisor_assist_event_fixed[] = {
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIXD(reserved, UINT, 4, 0),
};
static const ccx_field_ref supervisor_assist_event_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(ClientID, 1, STRING, 64, CCX_REQ),
    FLT(Text, 7, STRING, 255, CCX_OPT),
};

/* BAD_CALL_REQ: Tables 159-160 */
static const ccx_field_ref bad_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(ConnectionDeviceType, USHORT, 2),
    FIX(CallID, UINT, 4),
};
static const ccx_field_ref bad_call_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
    FLT(AgentID, 194, STRING, 32, CCX_OPT),
};

/* BAD_CALL_CONF: Table 161 */
static const ccx_field_ref bad_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* ================= Miscellaneous messages ================= */

/* QUERY_QUEUE_STATISTICS_REQ: Tables 162-163 */
static const ccx_field_ref query_queue_statistics_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
};
static const ccx_field_ref query_queue_statistics_req_float[] = {
    FLT(CSQID, 62, INT, 4, CCX_OPT),      /* INT here, UINT elsewhere */
};

/* QUERY_QUEUE_STATISTICS_CONF: Tables 164-165 ("Real-Time Statistics" and
 * "Today ..." rows are section headings, not fields) */
static const ccx_field_ref query_queue_statistics_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(LoggedInAgents, USHORT, 2),
    FIX(InSessionAgents, USHORT, 2),
    FIX(AvailableAgents, USHORT, 2),
    FIX(UnAvailableAgents, USHORT, 2),
    FIX(InWorkAgents, USHORT, 2),
    FIX(SelectedAgents, USHORT, 2),
    FIX(CallsInPriorityQueue1, UINT, 4),
    FIX(CallsInPriorityQueue2, UINT, 4),
    FIX(CallsInPriorityQueue3, UINT, 4),
    FIX(CallsInPriorityQueue4, UINT, 4),
    FIX(CallsInPriorityQueue5, UINT, 4),
    FIX(CallsInPriorityQueue6, UINT, 4),
    FIX(CallsInPriorityQueue7, UINT, 4),
    FIX(CallsInPriorityQueue8, UINT, 4),
    FIX(CallsInPriorityQueue9, UINT, 4),
    FIX(CallsInPriorityQueue10, UINT, 4),
    FIX(StartTime, TIME, 4),
    FIX(EndTime, TIME, 4),
    FIX(TotalCalls, UINT, 4),
    FIX(OldestCallInQueue, UINT, 4),
    FIX(HandledCallsToday, UINT, 4),
    FIX(CallsAbandoned, UINT, 4),
    FIX(CallsDequeued, UINT, 4),
    FIX(AverageTalkDuration, UINT, 4),
    FIX(AverageWaitDuration, UINT, 4),
    FIX(LongestTalkDuration, UINT, 4),
    FIX(LongestWaitDuration, UINT, 4),
};
static const ccx_field_ref query_queue_statistics_conf_float[] = {
    FLT(CSQID, 62, INT, 4, CCX_OPT),      /* INT here, UINT elsewhere */
};

/* QUERY_AGENT_QUEUE_STATISTICS_REQ: Tables 166-167 */
static const ccx_field_ref query_agent_queue_statistics_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
};
static const ccx_field_ref query_agent_queue_statistics_req_float[] = {
    FLT(AgentID, 194, STRING, 32, CCX_REQ),
};

/* QUERY_AGENT_QUEUE_STATISTICS_CONF: Tables 168-169 */
static const ccx_field_ref query_agent_queue_statistics_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(CallsInQueue, UINT, 4),
    FIX(OldestCallInQueue, UINT, 4),
};
static const ccx_field_ref query_agent_queue_statistics_conf_float[] = {
    FLT(AgentID, 194, STRING, 32, CCX_REQ),   /* Table 169 gives no size; 32 as in Table 167 */
};

/* QUERY_DEVICE_INFO_REQ: Tables 170-171 */
static const ccx_field_ref query_device_info_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIXD(reserved, USHORT, 2, 0),
};
static const ccx_field_ref query_device_info_req_float[] = {
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
};

/* QUERY_DEVICE_INFO_CONF: Tables 172-173 */
static const ccx_field_ref query_device_info_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, USHORT, 2, 21),
    FIXD(reserved, USHORT, 2, 0xFFFF),     /* "set to -1" on a USHORT */
    FIXD(reserved, USHORT, 2, 0xFFFF),     /* "set to -1" on a USHORT */
    FIXD(reserved, USHORT, 2, 0),
    FIXD(reserved, USHORT, 2, 0),
    FIX(MaxActiveCalls, USHORT, 2),
    FIX(MaxHeldCalls, USHORT, 2),
    FIX(MaxDevicesInConference, USHORT, 2),
    FIX(MakeCallSetup, UINT, 4),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
    FIXD(reserved, UINT, 4, 0),
};
static const ccx_field_ref query_device_info_conf_float[] = {
    FLT(reserved, 70, USHORT, 2, CCX_OPT),
    FLT(reserved, 71, USHORT, 2, CCX_OPT),
};

/* QUERY_SUMMARY_STATISTICS_REQ: Table 174 */
static const ccx_field_ref query_summary_statistics_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
};

/* QUERY_SUMMARY_STATISTICS_CONF: Table 175 (section-heading rows skipped) */
static const ccx_field_ref query_summary_statistics_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NumQueues, USHORT, 2),
    FIX(LoggedInAgents, USHORT, 2),
    FIX(InSessionAgents, USHORT, 2),
    FIX(AvailableAgents, USHORT, 2),
    FIX(UnAvailableAgents, USHORT, 2),
    FIX(InWorkAgents, USHORT, 2),
    FIX(SelectedAgents, USHORT, 2),
    FIX(CallsInPriorityQueue1, UINT, 4),
    FIX(CallsInPriorityQueue2, UINT, 4),
    FIX(CallsInPriorityQueue3, UINT, 4),
    FIX(CallsInPriorityQueue4, UINT, 4),
    FIX(CallsInPriorityQueue5, UINT, 4),
    FIX(CallsInPriorityQueue6, UINT, 4),
    FIX(CallsInPriorityQueue7, UINT, 4),
    FIX(CallsInPriorityQueue8, UINT, 4),
    FIX(CallsInPriorityQueue9, UINT, 4),
    FIX(CallsInPriorityQueue10, UINT, 4),
    FIX(StartTime, TIME, 4),
    FIX(EndTime, TIME, 4),
    FIX(TotalCalls, UINT, 4),
    FIX(OldestCallInQueue, UINT, 4),
    FIX(HandledCallsToday, UINT, 4),
    FIX(CallsAbandoned, UINT, 4),
    FIX(AverageTalkDuration, UINT, 4),
    FIX(AverageWaitDuration, UINT, 4),
    FIX(LongestTalkDuration, UINT, 4),
    FIX(LongestWaitDuration, UINT, 4),
};

/* SNAPSHOT_CALL_REQ: Tables 176-177 */
static const ccx_field_ref snapshot_call_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(CallID, UINT, 4),
    FIX(ConnectionDeviceType, USHORT, 2),
};
static const ccx_field_ref snapshot_call_req_float[] = {
    FLT(ConnectionDeviceID, 25, STRING, 64, CCX_REQ),
};

/* SNAPSHOT_CALL_CONF: Tables 178-179 (prose says "CallCallID" for CallConnectionCallID) */
static const ccx_field_ref snapshot_call_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(CallType, USHORT, 2, 0),          /* "This value is set to 0." */
    FIXD(reserved, USHORT, 2, 0),
    FIX(NumCallDevices, USHORT, 2),
    FIX(NumNamedVariables, USHORT, 2),
    FIX(NumNamedArrays, USHORT, 2),
    FIXD(reserved, USHORT, 2, 0),
    FIXVD(reserved, INT, 4, 11, 0),
};
static const ccx_field_ref snapshot_call_conf_float[] = {
    FLT(ANI, 8, STRING, 40, CCX_OPT),
    FLT(DNIS, 10, STRING, 32, CCX_OPT),
    FLT(DialedNumber, 11, STRING, 40, CCX_OPT),
    FLT(CallerEnteredDigits, 12, STRING, 40, CCX_OPT),
    FLT(reserved, 72, UINT, 4, CCX_REQ),
    FLT(reserved, 73, UINT, 4, CCX_REQ),
    FLT(CallVariable1, 13, STRING, 40, CCX_OPT),
    FLT(CallVariable2, 14, STRING, 40, CCX_OPT),   /* CallVariable2..9: one row in the spec */
    FLT(CallVariable3, 15, STRING, 40, CCX_OPT),
    FLT(CallVariable4, 16, STRING, 40, CCX_OPT),
    FLT(CallVariable5, 17, STRING, 40, CCX_OPT),
    FLT(CallVariable6, 18, STRING, 40, CCX_OPT),
    FLT(CallVariable7, 19, STRING, 40, CCX_OPT),
    FLT(CallVariable8, 20, STRING, 40, CCX_OPT),
    FLT(CallVariable9, 21, STRING, 40, CCX_OPT),
    FLT(CallVariable10, 22, STRING, 40, CCX_OPT),
    FLT(CallWrapupData, 46, STRING, 40, CCX_OPT),
    FLTN(NamedVariable, 82, NAMEDVAR, 251, CCX_OPT, NumNamedVariables),
    FLTN(NamedArray, 83, NAMEDARRAY, 252, CCX_OPT, NumNamedArrays),   /* "NAMEDARR" */
    FLTN(CallConnectionCallID, 56, UINT, 4, CCX_OPT, NumCallDevices),
    FLTN(CallConnectionDeviceType, 57, USHORT, 2, CCX_OPT, NumCallDevices),
    FLTN(CallConnectionDeviceID, 58, STRING, 64, CCX_OPT, NumCallDevices),
    FLTN(CallDeviceType, 59, USHORT, 2, CCX_OPT, NumCallDevices),
    FLTN(CallDeviceID, 60, STRING, 64, CCX_OPT, NumCallDevices),
    FLTN(CallDeviceConnectionState, 61, USHORT, 2, CCX_OPT, NumCallDevices),
};

/* SNAPSHOT_DEVICE_REQ: Tables 180-181 */
static const ccx_field_ref snapshot_device_req_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIXD(reserved, UINT, 4, 1),
    FIX(SnapshotDeviceType, USHORT, 2),
};
static const ccx_field_ref snapshot_device_req_float[] = {
    FLT(AgentInstrument, 6, STRING, 64, CCX_REQ),
};

/* SNAPSHOT_DEVICE_CONF: Tables 182-183 (NumCalls prose says "CallState" for CallDeviceConnectionState) */
static const ccx_field_ref snapshot_device_conf_fixed[] = {
    FIX(InvokeID, UINT, 4),
    FIX(NumCalls, USHORT, 2),
};
static const ccx_field_ref snapshot_device_conf_float[] = {
    FLTN(CallConnectionCallID, 56, UINT, 4, CCX_OPT, NumCalls),
    FLTN(CallConnectionDeviceType, 57, USHORT, 2, CCX_OPT, NumCalls),
    FLTN(CallConnectionDeviceID, 58, STRING, 64, CCX_OPT, NumCalls),
    FLTN(CallDeviceConnectionState, 61, USHORT, 2, CCX_OPT, NumCalls),
};

/* ================= The message table (Table 11 order) ================= */

const ccx_msg_def ccx_messages[] = {
#include "ccx_messages.def"
};
const size_t ccx_n_messages = CCX_N(ccx_messages);

/* Table 11: ids listed as "reserved". */
const uint32_t ccx_reserved_msg_ids[] = {
    68, 69, 112, 113, 114, 115, 126, 127, 128, 134, 211, 212, 213, 214, 215,
};
const size_t ccx_n_reserved_msg_ids = CCX_N(ccx_reserved_msg_ids);
