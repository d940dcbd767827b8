/* ccx_enums.c - every enum and mask table of the Cisco Unified CCX CTI
 * Protocol Developer Guide 11.0(1), chapters 3-10.
 *
 * One ccx_enum per value list of the spec, names spelled exactly as printed
 * (reserved rows and ranges included, as "reserved"), values as printed
 * (0xffff stays 0xffff: it is a USHORT value), rows in spec order; a row
 * that means "no value" (CEC_NONE, DEVID_NONE, NULL_CALL_ID, ...) is
 * VNONE, so that no reader restates its number (ccx_facts.h).  Masks
 * (is_mask = 1) have one entry per bit; a "0 = ..." meaning of a mask is
 * not an entry (it is noted in the comment).  The comment above each table
 * names its spec table and lines and every anomaly of the PDF text.
 *
 * tests/spec/ccx_enums.tsv holds the same rows copied mechanically from
 * the spec (tests/spec/extract_spec_lists.py); ccx_all_enums[] is in the
 * order of that file, and each enum's spec_ref is its "table" column.
 *
 * The 19 enums declared in ccx_table.h come first.  The other value lists
 * of the spec (smaller tables of chapter 9 and "0: x 1: y" lists inside
 * message-table Value cells) are exported too and declared in
 * ccx_enums_extra.h:
 *
 *   object                        "spec_ref"
 *                                 field it decodes
 *   ccx_enum_config_key_status    "Table 34"
 *                                 CONFIG_KEY_EVENT Status (fixed)
 *   ccx_enum_config_end_status    "Table 41"
 *                                 CONFIG_END_EVENT Status (fixed)
 *   ccx_enum_supervisory_action   "Table 150"
 *                                 SUPERVISE_CALL_REQ SupervisoryAction (fixed)
 *   ccx_enum_ecc_variable         "Table 8"
 *                                 names of NamedVariable_[82] (outbound ECC variables)
 *   ccx_enum_ba_response          "Table 9"
 *                                 value of the NamedVariable_[82] "BAResponse"
 *   ccx_enum_config_device_type   "Table 50"
 *                                 CONFIG_DEVICE_EVENT DeviceType_[195]
 *   ccx_enum_ba_status            "Table 8 BAStatus"
 *                                 value of the NamedVariable_[82] "BAStatus"
 *   ccx_enum_ccx_online           "Table 14 Unified CCX Online"
 *                                 OPEN_CONF "Unified CCX Online" (fixed, BOOL)
 *   ccx_enum_config_request_mask  "Table 35 ConfigurationMask" (mask)
 *                                 CONFIG_REQUEST_EVENT ConfigurationMask (fixed)
 *   ccx_enum_config_type          "Table 37 ConfigType"
 *                                 CONFIG_BEGIN_EVENT ConfigType (fixed)
 *   ccx_enum_config_begin_mask    "Table 37 ConfigurationMask" (mask)
 *                                 CONFIG_BEGIN_EVENT ConfigurationMask (fixed)
 *   ccx_enum_record_type          "Table 43 RecordType"
 *                                 RecordType_[183], CONFIG_*_EVENT and TEAM_CONFIG_EVENT
 *   ccx_enum_mr_domain            "Table 43 MR Domain ID"
 *                                 CONFIG_CSQ_EVENT "MR Domain ID"_[216]
 *   ccx_enum_agent_type           "Table 47 AgentType"
 *                                 CONFIG_AGENT_EVENT AgentType_[189]
 *   ccx_enum_team_operation       "Table 51 Operation"
 *                                 TEAM_CONFIG_EVENT Operation (fixed)
 *   ccx_enum_agent_flags          "Table 52 AgentFlags" (mask)
 *                                 TEAM_CONFIG_EVENT AgentFlags_[87]
 *   ccx_enum_member_type          "Table 52 MemberType"
 *                                 TEAM_CONFIG_EVENT MemberType_[205]
 *   ccx_enum_team_config_param    "Table 53 ConfigParam" (mask)
 *                                 TEAM_CONFIG_REQ ConfigParam (fixed)
 *   ccx_enum_team_config_status   "Table 54 Status"
 *                                 TEAM_CONFIG_CONF Status (fixed)
 *   ccx_enum_forced_flag          "Table 62 ForcedFlag"
 *                                 SET_AGENT_STATE_REQ ForcedFlag (fixed, UCHAR)
 *   ccx_enum_agent_capacity       "Table 62 AgentCapacity" (mask)
 *                                 SET_AGENT_STATE_REQ AgentCapacity (fixed)
 *   ccx_enum_rtp_direction        "Table 99 Direction"
 *                                 RTP_STARTED_EVENT / RTP_STOPPED_EVENT Direction (fixed)
 *   ccx_enum_rtp_type             "Table 99 RTPType"
 *                                 RTP_STARTED_EVENT RTPType (fixed)
 *   ccx_enum_rtp_bitrate          "Table 99 BitRate"
 *                                 RTP_STARTED_EVENT BitRate (fixed)
 *   ccx_enum_echo_cancellation    "Table 99 EchoCancellation"
 *                                 RTP_STARTED_EVENT EchoCancellation (fixed)
 *   ccx_enum_consult_type         "Table 121 ConsultType"
 *                                 CONSULT_CALL_REQ ConsultType (fixed)
 *
 * Value lists that are strings (Table 8 ECC variable names, Table 9
 * BAResponse values, BAStatus codes) have value = position in the list;
 * they are there for names and descriptions, there is no wire value.
 */
#include "ccx_table_macros.h"
#include "ccx_enums_extra.h"

/* Table 22: CTI Service Masks (spec lines 1928-1937).
 * ServicesRequested (OPEN_REQ) and ServicesGranted (OPEN_CONF).
 * The spec heads the value column "Bytes".  CTI_AGENT_STATE_CONTROL_ONLY is
 * printed "CTI_AGENT_STATE_CONTROL_ONLY (Version 12)"; the annotation is
 * dropped from the name.  The CTI_SERVICE_CLIENT_EVENTS description says
 * "CTI_SERVICE_ALL_EVENT" (sic).  Chapter 3 calls this mask "Service Masque". */
static const ccx_enum_val service_mask_vals[] = {
    V(0x00000001, CTI_SERVICE_CLIENT_EVENTS,
      "Client receives call and agent state change events associated with a "
      "specific phone. This bit is used to indicate the client is in agent "
      "mode. This bit cannot be set if CTI_SERVICE_ALL_EVENT is set."),
    V(0x00000002, CTI_SERVICE_CALL_DATA_UPDATE, "Client can modify call context data."),
    V(0x00000004, CTI_SERVICE_CLIENT_CONTROL,
      "Client can control calls and agent states associated with a specific "
      "phone."),
    V(0x00000010, CTI_SERVICE_ALL_EVENTS,
      "Client receives all call and agent-state change events (associated "
      "with any phone). This is the bit to indicate that the client is in "
      "bridge mode. This bit cannot be set when CTI_SERVICE_CLIENT_EVENTS is "
      "set."),
    V(0x00000080, CTI_SERVICE_SUPERVISOR, "Client can perform agent supervisory functions."),
    V(0x00002000, CTI_AGENT_STATE_CONTROL_ONLY,
      "Client can perform agent state control functions."),
    V(0x00040000, CTI_SERVICE_CONFIG_EVENTS,
      "Requests that this client receive configuration events."),
};
CCX_ENUM(ccx_enum_service_mask, "CTI Service Mask", "Table 22", 1, service_mask_vals);

/* Table 23: Unsolicited Call Event Message Masks (spec lines 1943-1968).
 * CallMsgMask (OPEN_REQ).  0x1000, 0x20000, 0x80000 and 0x100000 are
 * not assigned by the table. */
static const ccx_enum_val call_msg_mask_vals[] = {
    V(0x00000001, CALL_DELIVERED_MASK,
      "Set when client wishes to receive CALL_DELIVERED_EVENT messages."),
    V(0x00000002, CALL_QUEUED_MASK,
      "Set when client wishes to receive CALL_QUEUED_EVENT messages."),
    V(0x00000004, CALL_ESTABLISHED_MASK,
      "Set when client wishes to receive CALL_ESTABLISHED_EVENT messages."),
    V(0x00000008, CALL_HELD_MASK, "Set when client wishes to receive CALL_HELD_EVENT messages."),
    V(0x00000010, CALL_RETRIEVED_MASK,
      "Set when client wishes to receive CALL_RETRIEVED_EVENT messages."),
    V(0x00000020, CALL_CLEARED_MASK,
      "Set when client wishes to receive CALL_CLEARED_EVENT messages."),
    V(0x00000040, CALL_CONNECTION_CLEARED_MASK,
      "Set when client wishes to receive CALL_CONNECTION_CLEARED_EVENT "
      "messages."),
    V(0x00000080, CALL_ORIGINATED_MASK,
      "Set when client wishes to receive CALL_ORIGINATED_EVENT messages."),
    V(0x00000100, CALL_CONFERENCED_MASK,
      "Set when client wishes to receive CALL_CONFERENCED_EVENT messages."),
    V(0x00000200, CALL_TRANSFERRED_MASK,
      "Set when client wishes to receive CALL_TRANSFERRED_EVENT."),
    V(0x00000400, CALL_DIVERTED_MASK,
      "Set when client wishes to receive CALL_DIVERTED_EVENT messages."),
    V(0x00000800, CALL_SERVICE_INITIATED_MASK,
      "Set when client wishes to receive CALL_SERVICE_INITIATED_EVENT "
      "messages."),
    V(0x00002000, BEGIN_CALL_MASK, "Set when client wishes to receive BEGIN_CALL_EVENT messages."),
    V(0x00004000, END_CALL_MASK, "Set when client wishes to receive END_CALL_EVENT messages."),
    V(0x00008000, CALL_DATA_UPDATE_MASK,
      "Set when client wishes to receive CALL_DATA_UPDATE_EVENT messages."),
    V(0x00010000, CALL_FAILED_MASK,
      "Set when client wishes to receive CALL_FAILED_EVENT messages."),
    V(0x00040000, CALL_DEQUEUED_MASK,
      "Set when client wishes to receive CALL_DEQUEUED_EVENT messages."),
    V(0x00200000, RTP_STARTED_MASK,
      "Set when client wishes to receive RTP_STARTED_EVENT messages."),
    V(0x00400000, RTP_STOPPED_MASK,
      "Set when client wishes to receive RTP_STOPPED_EVENT messages."),
};
CCX_ENUM(ccx_enum_call_msg_mask, "Unsolicited Call Event Message Mask", "Table 23", 1, call_msg_mask_vals);

/* Table 24: Agent State Masks (spec lines 1974-1985).
 * AgentStateMask (OPEN_REQ); also MakeCallSetup (QUERY_DEVICE_INFO_CONF,
 * "a bitwise combination of Agent State masks").  Chapter 3 says 0x3FFF
 * means "all AgentStateEvents" although only nine bits (0x1FF) are defined. */
static const ccx_enum_val agent_state_mask_vals[] = {
    V(0x00000001, AGENT_LOGIN_MASK,
      "Set when client wishes to receive \"login\" AGENT_STATE_EVENT "
      "messages."),
    V(0x00000002, AGENT_LOGOUT_MASK,
      "Set when client wishes to receive \"logout\" AGENT_STATE_EVENT "
      "messages."),
    V(0x00000004, AGENT_NOT_READY_MASK,
      "Set when client wishes to receive \"not ready\" AGENT_STATE_EVENT "
      "messages."),
    V(0x00000008, AGENT_AVAILABLE_MASK,
      "Set when client wishes to receive \"available\" AGENT_STATE_EVENT "
      "messages."),
    V(0x00000010, AGENT_TALKING_MASK,
      "Set when client wishes to receive \"talking\" AGENT_STATE_EVENT "
      "messages."),
    V(0x00000020, AGENT_WORK_MASK,
      "Set when client wishes to receive \"work\" AGENT_STATE_EVENT messages."),
    V(0x00000040, AGENT_TALKING_PENDING_WORK_MASK,
      "Set when client wishes to receive \"talking pending work\" "
      "AGENT_STATE_EVENT messages."),
    V(0x00000080, AGENT_TALKING_PENDING_NOT_READY_MASK,
      "Set when client wishes to receive \"talking pending not ready\" "
      "AGENT_STATE_EVENT messages."),
    V(0x00000100, AGENT_RESERVED_MASK,
      "Set when client wishes to receive \"reserved\" AGENT_STATE_EVENT "
      "messages."),
};
CCX_ENUM(ccx_enum_agent_state_mask, "Agent State Mask", "Table 24", 1, agent_state_mask_vals);

/* Table 25: Configuration Information Masks (spec lines 1991-1997).
 * ConfigMsgMask (OPEN_REQ).  Chapter 3 says 0x0000001F means "all type
 * configuration update messages" although only four bits are defined.
 * Table 35 (CONFIG_REQUEST_EVENT) uses the same bits; Table 2 and Table 37
 * (CONFIG_BEGIN_EVENT) swap Agent and Application, see
 * ccx_enum_config_begin_mask. */
static const ccx_enum_val config_mask_vals[] = {
    V(0x00000001, CONFIG_AGENT_MASK,
      "Set when client wishes to receive agent configuration update messages."),
    V(0x00000002, CONFIG_CSQ_MASK,
      "Set when client wishes to receive skill group configuration update "
      "messages."),
    V(0x00000004, CONFIG_APPLICATION_MASK,
      "Set when client wishes to receive service configuration update "
      "messages."),
    V(0x00000008, CONFIG_DEVICE_MASK,
      "Set when client wishes to receive device configuration update "
      "messages."),
};
CCX_ENUM(ccx_enum_config_mask, "Configuration Information Mask", "Table 25", 1, config_mask_vals);

/* Table 189: DeviceType Values (spec lines 4466-4479).
 * Every ...DeviceType field (AlertingDeviceType, CallingDeviceType,
 * EventDeviceType, CallDeviceType_[59], SnapshotDeviceType, ...) except
 * DeviceType_[195] of CONFIG_DEVICE_EVENT, which takes the Table 50 values
 * (ccx_enum_config_device_type).  Spec order kept (0xffff first, a USHORT
 * value); 1-69 are not listed.  The Primary.Actual section (chapter 9) calls
 * 78 "DEVID_NON_ACD_DEVICE"; the chapter 11 traces print
 * "DEVID_AGENT_DEVICE_IDENTIFIER" for 76. */
static const ccx_enum_val device_type_vals[] = {
    VNONE(0xffff, DEVID_NONE, "No device ID is provided."),
    V(0, DEVID_DEVICE_IDENTIFIER, "The provided device ID identifies an IP phone (extension)."),
    V(70, reserved, NULL),
    V(71, reserved, NULL),
    V(72, reserved, NULL),
    V(73, DEVID_CTI_PORT, "The provided device ID identifies a CTI PORT"),
    V(74, DEVID_ROUTE_POINT, "The provided device ID identifies a ROUTE POINT"),
    V(75, reserved, NULL),
    V(76, DEVID_AGENT_DEVICE, "The provided device ID is the ID of an AGENT Device (phone)"),
    V(77, DEVID_QUEUE, "The provided device ID is the ID of a QUEUE"),
    V(78, DEVID_NON_ACD_DEVICE_IDENTIFIER,
      "The provided device ID is the ID belonging to Agent's non-ACD "
      "extension."),
};
CCX_ENUM(ccx_enum_device_type, "DeviceType", "Table 189", 0, device_type_vals);

/* Table 190: LocalConnectionState Values (spec lines 4487-4497).
 * LocalConnectionState fields and CallDeviceConnectionState_[61].
 * 0xffff is a USHORT value. */
static const ccx_enum_val lcs_vals[] = {
    VNONE(0xffff, LCS_NONE, "Not applicable"),
    V(0, LCS_NULL, "No relationship between call and device."),
    V(1, LCS_INITIATE, "Device requesting service (\"dialing\")."),
    V(2, LCS_ALERTING, "Device is alerting (\"ringing\")."),
    V(3, LCS_CONNECT, "Device is actively participating in the call."),
    V(4, LCS_HOLD, "Device is inactively participating in the call."),
    V(5, LCS_QUEUED,
      "Device is stalled attempting to connect to a call, or a call is "
      "stalled attempting to connect to a device."),
    V(6, LCS_FAIL,
      "A device-to-call or call-to-device connection attempt has been "
      "aborted."),
};
CCX_ENUM(ccx_enum_lcs, "LocalConnectionState", "Table 190", 0, lcs_vals);

/* Table 191: EventCause Values (spec lines 4503-4546).
 * EventCause fields.  The caption row "Extended Call Cleared Event
 * Causes" before 1001 is not a value.  51-1000 and values above 1056 are not
 * listed. */
static const ccx_enum_val event_cause_vals[] = {
    VNONE(0xffff, CEC_NONE, NULL),
    V(1, reserved, NULL),
    V(2, CEC_ALTERNATE, NULL),
    V(3, CEC_BUSY, NULL),
    V(4, reserved, NULL),
    V(5, CEC_CALL_CANCELLED, NULL),
    VR(6, 8, reserved, NULL),
    V(9, CEC_CALL_FORWARD, NULL),
    V(10, CEC_CALL_NOT_ANSWERED, NULL),
    VR(11, 12, reserved, NULL),
    V(13, CEC_DEST_NOT_OBTAINABLE, NULL),
    V(14, reserved, NULL),
    V(15, CEC_INCOMPATIBLE_DESTINATION, NULL),
    V(16, reserved, NULL),
    V(17, CEC_KEY_CONFERENCE, NULL),
    VR(18, 21, reserved, NULL),
    V(22, CEC_NEW_CALL, NULL),
    V(23, CEC_NO_AVAILABLE_AGENTS, NULL),
    VR(24, 27, reserved, NULL),
    V(28, CEC_REDIRECTED, NULL),
    VR(29, 31, reserved, NULL),
    V(32, CEC_TRANSFER, NULL),
    VR(33, 34, reserved, NULL),
    V(35, CEC_TIME_OUT, NULL),
    VR(36, 42, reserved, NULL),
    V(43, CEC_SUPERVISOR_ASSIST, NULL),
    V(44, CEC_EMERGENCY_CALL, NULL),
    V(45, CEC_SUPERVISOR_CLEAR, NULL),
    V(46, CEC_SUPERVISOR_MONITOR, NULL),
    V(47, CEC_SUPERVISOR_WHISPER, NULL),
    V(48, CEC_SUPERVISOR_BARGE_IN, NULL),
    V(49, CEC_SUPERVISOR_INTERCEPT, NULL),
    V(50, CEC_CALL_PARTY_UPDATE_IND, NULL),
    VR(1001, 1013, reserved, NULL),
    V(1014, CECX_DROP_HANDLED_OTHER, NULL),
    VR(1015, 1056, reserved, NULL),
};
CCX_ENUM(ccx_enum_event_cause, "EventCause", "Table 191", 0, event_cause_vals);

/* Table 192: System Event ID Values (spec lines 4552-4567).
 * SystemEventID (SYSTEM_EVENT).  The EventDeviceID_[206] description
 * (Table 19) names SYS_DEVICE_IN_SERVICE and SYS_DEVICE_OUT_OF_SERVICE,
 * which this table calls SYS_INSTRUMENT_BACK_IN_SERVICE (11) and
 * SYS_INSTRUMENT_OUT_OF_SERVICE (10).  SYS_INSTRUMENT_BACK_IN_SERVICE says
 * "EnterpriseAgent or IPCC" where 10 says "Agent or Unified CCX". */
static const ccx_enum_val system_event_id_vals[] = {
    V(1, reserved, NULL),
    V(2, reserved, NULL),
    V(3, SYS_CCX_ONLINE, "Unified CCX has gone online."),
    V(4, SYS_CCX_OFFLINE, "Unified CCX has gone offline."),
    V(5, reserved, NULL),
    V(6, reserved, NULL),
    V(7, reserved, NULL),
    V(8, reserved, NULL),
    V(9, reserved, NULL),
    V(10, SYS_INSTRUMENT_OUT_OF_SERVICE,
      "An Agent or Unified CCX device target has been removed from service."),
    V(11, SYS_INSTRUMENT_BACK_IN_SERVICE,
      "An EnterpriseAgent or IPCC device target has been returned to service."),
};
CCX_ENUM(ccx_enum_system_event_id, "SystemEventID", "Table 192", 0, system_event_id_vals);

/* Table 193: ConnectionDevice Type Values (spec lines 4573-4578).
 * ConnectionDeviceType and every ...ConnectionDeviceType field
 * (Active..., Held..., Other..., New..., Agent..., Supervisor...,
 * CallConnectionDeviceType_[57]); PrimaryDeviceType / SecondaryDeviceType
 * and ConnectedPartyDeviceType_[40] refer to this table too (the
 * ConnectedPartyDeviceID_[41] description points at Table 189 instead).
 * 0xffff is a USHORT value. */
static const ccx_enum_val conn_device_type_vals[] = {
    VNONE(0xffff, CONNECTION_ID_NONE, "No ConnectionDevice type is provided."),
    V(0, CONNECTION_ID_STATIC,
      "The ConnectionDevice type value is stable over time between calls."),
    V(1, CONNECTION_ID_DYNAMIC,
      "The ConnectionDevice type value is dynamic and may change between "
      "calls."),
};
CCX_ENUM(ccx_enum_conn_device_type, "ConnectionDeviceType", "Table 193", 0, conn_device_type_vals);

/* Table 194: Code Values for Audio Codec Types (spec lines 4582-4605).
 * PayloadType (RTP_STARTED_EVENT), "Audio Codec Type Values". */
static const ccx_enum_val codec_vals[] = {
    V(0, NONSTANDARD, NULL),
    V(1, G711ALAW64K, NULL),
    V(2, G711ALAW56K, NULL),
    V(3, G711ULAW64K, NULL),
    V(4, G711ULAW56K, NULL),
    V(5, G722_64K, NULL),
    V(6, G722_56K, NULL),
    V(7, G722_48K, NULL),
    V(8, G7231, NULL),
    V(9, G728, NULL),
    V(10, G729, NULL),
    V(11, G729ANNEXA, NULL),
    V(12, IS11172AUDIOCAP, NULL),
    V(13, IS13818AUDIOCAP, NULL),
    V(14, ACY_G729AASSN, NULL),
    V(15, DATA64, NULL),
    V(16, DATA56, NULL),
    V(17, GSM, NULL),
    V(18, ACTIVEVOICE, NULL),
};
CCX_ENUM(ccx_enum_codec, "Audio Codec Type", "Table 194", 0, codec_vals);

/* Table 195: CallType Values (spec lines 4613-4640).
 * CallType fields.  This table is the reference for the names: chapter 6
 * ("CallType Fields") spells CALLTYPE_ACD_IN (here CALLTYPE_CCX_IN) and
 * CALLTYPE_TRANSFERRED_IN (here CALLTYPE_TRANSFER_IN); the
 * SUPERVISOR_ASSIST_REQ prose says "calltype SUPERVISOR_ASSIST" (here
 * CALLTYPE_ASSIST); the chapter 11 traces print CALLTYPE_PREVIEW. */
static const ccx_enum_val call_type_vals[] = {
    V(0, CALLTYPE_INVALID, "The call type is not valid."),
    V(1, CALLTYPE_CCX_IN, "Inbound Unified CCX call."),
    VR(2, 3, reserved, NULL),
    V(4, CALLTYPE_TRANSFER_IN, "Transferred inbound call."),
    V(5, reserved, NULL),
    V(6, CALLTYPE_OTHER_IN, "Inbound call."),
    VR(7, 8, reserved, NULL),
    V(9, CALLTYPE_OUT, "Outbound call."),
    V(10, CALLTYPE_AGENT_INSIDE, "Agent inside call."),
    V(11, reserved, NULL),
    V(12, CALLTYPE_CONSULT, "Consult call."),
    VR(13, 14, reserved, NULL),
    V(15, CALLTYPE_CONFERENCE, "Conference call."),
    V(16, reserved, NULL),
    V(17, CALLTYPE_PREVIEW, "Call is an outbound preview call."),
    V(18, CALLTYPE_RESERVATION, "Call is an outbound reservation call."),
    V(19, CALLTYPE_ASSIST, "Call to supervisor for assistance."),
    V(20, CALLTYPE_EMERGENCY, "Emergency call."),
    V(21, CALLTYPE_SUPERVISOR_MONITOR, "Supervisor silently monitoring call."),
    V(22, reserved, NULL),
    V(23, CALLTYPE_SUPERVISOR_BARGE_IN, "Supervisor conferenced into call."),
    V(24, CALLTYPE_SUPERVISOR_INTERCEPT, "Supervisor replaces agent on call."),
    VR(25, 26, reserved, NULL),
};
CCX_ENUM(ccx_enum_call_type, "CallType", "Table 195", 0, call_type_vals);

/* Table 196: Control Failure Code Values (spec lines 4646-4760).
 * FailureCode (CONTROL_FAILURE_CONF).  Not listed at all (not even as
 * reserved): 20, 30, 39-40, 45-50, 53-60, 65-69, 80-255, 289-290, 294-1000.
 * The caption row "Extended Control failure codes" before 256 is not a
 * value.  CF_NETWORK_TRANSFER_OR_CONSULT(_FAILED) have no description.
 * CF_SOFTWARE_REV_NO_SUPPORTED is kept as printed. */
static const ccx_enum_val control_failure_vals[] = {
    V(0, CF_GENERIC_UNSPECIFIED,
      "An error has occurred that is not one of the following error types."),
    V(1, CF_GENERIC_OPERATION, "An operation error occurred (no specific details available)."),
    V(2, CF_REQUEST_INCOMPATIBLE_WITH_OBJECT, "The request is not compatible with the object."),
    V(3, CF_VALUE_OUT_OF_RANGE,
      "The parameter has a value that is not in the range defined for the "
      "server."),
    V(4, CF_OBJECT_NOT_KNOWN, "The parameter has a value that is not known to the server."),
    V(5, CF_INVALID_CALLING_DEVICE, "The calling device is not valid."),
    V(6, CF_INVALID_CALLED_DEVICE, "The called device is not valid."),
    V(7, CF_INVALID_FORWARDING_DESTINATION, "The forwarding destination device is not valid."),
    V(8, CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
      "The specified device is not authorized for the service."),
    V(9, CF_PRIVILEGE_VIOLATION_ON_CALLED_DEVICE,
      "The called device is not authorized for the service."),
    V(10, CF_PRIVILEGE_VIOLATION_ON_CALLING_DEVICE,
      "The calling device is not authorized for the service."),
    V(11, CF_INVALID_CSTA_CALL_ID, "The call ID is not valid."),
    V(12, CF_INVALID_CSTA_DEVICE_ID, "The device ID is not valid."),
    V(13, CF_INVALID_CSTA_CONNECTION_ID, "The connection ID is not valid."),
    V(14, CF_INVALID_DESTINATION, "The request specified a destination that is not valid."),
    V(15, CF_INVALID_FEATURE, "The request specified a feature that is not valid."),
    V(16, CF_INVALID_ALLOCATION_STATE,
      "The request specified an allocation state that is not valid."),
    V(17, CF_INVALID_CROSS_REF_ID,
      "The request specified a cross-reference ID that is not in use at this "
      "time."),
    V(18, CF_INVALID_OBJECT_TYPE, "The request specified an invalid object type."),
    V(19, CF_SECURITY_VIOLATION, "Security error (no specific details available)."),
    V(21, CF_GENERIC_STATE_INCOMPATIBILITY,
      "The request is not compatible with the condition of a related device."),
    V(22, CF_INVALID_OBJECT_STATE, "The object is in the incorrect state for the request."),
    V(23, CF_INVALID_CONNECTION_ID_FOR_ACTIVE_CALL,
      "The active connection ID in the request is invalid."),
    V(24, CF_NO_ACTIVE_CALL, "There is no active call for the request."),
    V(25, CF_NO_HELD_CALL, "There is no held call for the request."),
    V(26, CF_NO_CALL_TO_CLEAR, "There is no call associated with the given connection ID."),
    V(27, CF_NO_CONNECTION_TO_CLEAR, "There is no call connection for the given connection ID."),
    V(28, CF_NO_CALL_TO_ANSWER, "There is no alerting call to be answered."),
    V(29, CF_NO_CALL_TO_COMPLETE, "There is no active call to be completed."),
    V(31, CF_GENERIC_SYSTEM_RESOURCE_AVAILABILITY,
      "The request failed due to lack of system resources (no specific "
      "details available)."),
    V(32, CF_SERVICE_BUSY, "The service is temporarily unavailable."),
    V(33, CF_RESOURCE_BUSY, "An internal resource is busy."),
    V(34, CF_RESOURCE_OUT_OF_SERVICE, "The service requires a resource that is out of service."),
    V(35, CF_NETWORK_BUSY, "The server sub-domain is busy."),
    V(36, CF_NETWORK_OUT_OF_SERVICE, "The server sub-domain is out of service."),
    V(37, CF_OVERALL_MONITOR_LIMIT_EXCEEDED,
      "The request would exceed the server's overall resource limits."),
    V(38, CF_CONFERENCE_MEMBER_LIMIT_EXCEEDED,
      "The request would exceed the server's limit on the number of "
      "conference members."),
    V(41, CF_GENERIC_SUBSCRIBED_RESOURCE_AVAILABILITY,
      "The request failed due to lack of purchased or contracted resources "
      "(no specific details available)."),
    V(42, CF_OBJECT_MONITOR_LIMIT_EXCEEDED,
      "The request would exceed the server's specific resource limits."),
    V(43, CF_EXTERNAL_TRUNK_LIMIT_EXCEEDED,
      "The request would exceed the limit of external trunks."),
    V(44, CF_OUTSTANDING_REQUEST_LIMIT_EXCEEDED,
      "The request would exceed the limit of outstanding requests."),
    V(51, CF_GENERIC_PERFORMANCE_MANAGEMENT,
      "The request failed as a performance management mechanism (no specific "
      "details available)."),
    V(52, CF_PERFORMANCE_LIMIT_EXCEEDED,
      "The request failed because a performance management limit was "
      "exceeded."),
    V(61, CF_SEQUENCE_NUMBER_VIOLATED,
      "The server has detected an error in the sequence number of the "
      "operation."),
    V(62, CF_TIME_STAMP_VIOLATED,
      "The server has detected an error in the time stamp of the operation."),
    V(63, CF_PAC_VIOLATED, "The server has detected an error in the PAC of the operation."),
    V(64, CF_SEAL_VIOLATED, "The server has detected an error in the Seal of the operation."),
    V(70, CF_GENERIC_UNSPECIFIED_REJECTION,
      "The request has been rejected (no specific details available)."),
    V(71, CF_GENERIC_OPERATION_REJECTION,
      "The requested operation has been rejected (no specific details "
      "available)."),
    V(72, CF_DUPLICATE_INVOCATION_REJECTION,
      "The request duplicated another request for the same service."),
    V(73, CF_UNRECOGNIZED_OPERATION_REJECTION, "The request specified an unrecognized operation."),
    V(74, CF_MISTYPED_ARGUMENT_REJECTION,
      "The request contained a parameter of the wrong type for the requested "
      "operation."),
    V(75, CF_RESOURCE_LIMITATION_REJECTION,
      "The request would have exceeded a resource limitation."),
    V(76, CF_ACS_HANDLE_TERMINATION_REJECTION,
      "The request specified an ACS handle that is no longer in use."),
    V(77, CF_SERVICE_TERMINATION_REJECTION,
      "The request failed because the required service has been terminated."),
    V(78, CF_REQUEST_TIMEOUT_REJECTION, "The request failed because a timeout limit was exceeded."),
    V(79, CF_REQUESTS_ON_DEVICE_EXCEEDED_REJECTION,
      "The request would have exceeded the limits of the device."),
    V(256, CF_INVALID_AGENT_ID_SPECIFIED, "The request specified an invalid AgentID."),
    V(257, CF_INVALID_PASSWORD_SPECIFIED, "The request specified an invalid agent password."),
    V(258, CF_INVALID_AGENT_ID_OR_PASSWORD_SPECIFIED,
      "The request specified an invalid AgentID and/or invalid agent "
      "password."),
    V(259, CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON,
      "The request failed because the specified agent is already logged in."),
    V(260, CF_INVALID_LOGON_DEVICE_SPECIFIED, "The request specified an invalid logon device."),
    V(261, CF_INVALID_ANSWERING_DEVICE_SPECIFIED,
      "The request specified an invalid answering device."),
    V(262, CF_INVALID_SKILL_GROUP_SPECIFIED, "The request specified an invalid agent skill group."),
    V(263, CF_INVALID_CLASS_OF_SERVICE_SPECIFIED,
      "The request specified an invalid class of service."),
    V(264, CF_INVALID_TEAM_SPECIFIED, "The request specified an invalid team"),
    V(265, CF_INVALID_AGENT_WORKMODE, "The request specified an invalid agent work mode."),
    V(266, CF_INVALID_AGENT_REASON_CODE, "The request specified an invalid agent reason code."),
    V(267, CF_ADJUNCT_SWITCH_COMM_ERROR,
      "A communication error occurred on the datalink between the Unified "
      "ICME system and the Unified CCX system."),
    V(268, CF_AGENT_NOT_PARTY_ON_CALL, "The specified agent is not a party on the indicated call."),
    V(269, CF_INTERNAL_PROCESSING_ERROR,
      "An internal error occurred in the Unified CCX system while processing "
      "the request."),
    V(270, CF_TAKE_CALL_CONTROL_REJECTION,
      "The Unified CCX system refused a Unified ICME request to take control "
      "of a call."),
    V(271, CF_TAKE_DOMAIN_CONTROL_REJECTION,
      "The Unified CCX system refused an Unified ICME request to take control "
      "of a domain."),
    V(272, CF_REQUESTED_SERVICE_NOT_REGISTERED,
      "The Unified ICME system is not registered on the Unified CCX system "
      "for the requested service."),
    VR(273, 282, reserved, NULL),
    V(283, CF_SPECIFIED_EXTENSION_ALREADY_IN_USE,
      "Specified extension is already in use. Use a different extension."),
    V(284, CF_ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED,
      "Arbitrary conference or transfer is currently not supported."),
    V(285, CF_NETWORK_TRANSFER_OR_CONSULT, NULL),
    V(286, CF_NETWORK_TRANSFER_OR_CONSULT_FAILED, NULL),
    V(287, CF_DEVICE_RESTRICTED, "Device is restricted, not under CTI control."),
    V(288, CF_LINE_RESTRICTED, "Line is restricted, not under CTI control."),
    V(291, CF_MAXIMUM_LINE_EXCEEDED,
      "The number of configured extensions for the agent device exceeds the "
      "maximum allowed."),
    V(292, CF_SHARED_LINES_NOT_SUPPORTED,
      "An extension on the agent device is shared with one or more other "
      "devices."),
    V(293, CF_EXTENSION_NOT_UNIQUE,
      "An extension on the agent device is not unique and is configured on "
      "multiple partitions."),
    V(1001, CF_UNKNOWN_INTERFACE_CTRLR_ID, "The Interface Controller ID is unknown."),
    V(1002, CF_INVALID_INTERFACE_CTRLR_TYPE, "The Interface Controller type is not valid."),
    V(1003, CF_SOFTWARE_REV_NO_SUPPORTED, "The current software revision is not supported."),
    V(1004, CF_UNKNOWN_PID,
      "One of the reserved fields in the fixed part of the message is "
      "incorrect."),
    V(1005, CF_INVALID_TABLE_SPECIFIED, "An invalid table was specified."),
    V(1006, reserved, NULL),
    V(1007, CF_UNKNOWN_ROUTING_CLIENT_ID, "The RoutingClientID is unknown."),
    V(1008, CF_RC_SERVICE_INACTIVATE, "The routing client service is not active."),
    V(1009, CF_INVALID_DIALED_NUMBER, "The dialed number is invalid."),
    V(1010, CF_INVALID_PARAMETER, "A parameter supplied in the request is invalid."),
    V(1011, CF_UNKNOWN_ROUTING_PROBLEM, "An unspecified error occurred during routing."),
    V(1012, reserved, NULL),
    V(1013, CF_UNSUPPORTED_RC_MESSAGE_REVISION,
      "The requested routing client service protocol version is not "
      "supported."),
    V(1014, CF_UNSUPPORTED_IC_MESSAGE_REVISION,
      "The requested interface controller service protocol version is not "
      "supported."),
    V(1015, reserved, NULL),
};
CCX_ENUM(ccx_enum_control_failure, "FailureCode", "Table 196", 0, control_failure_vals);

/* Table 197: Unified CCX Error Code Values (spec lines 4764-4832).
 * "Unified CCX ErrorCode" (CONTROL_FAILURE_CONF, UINT).  1-88000 are not
 * listed. */
static const ccx_enum_val ccx_error_vals[] = {
    V(0, CCX_DEFAULT_ERROR_CODE, "Unknown problem."),
    V(88001, CCX_JTAPI_CCM_PROBLEM, "JTAPI Cisco Unified Communications Manager problem."),
    V(88002, CCX_LOOKUP_FAILURE, "Unified CCX lookup failure."),
    V(88003, CCX_AGENT_DN_NOT_ASSIGNED,
      "The Unified CCX agent dialed number has not been assigned."),
    V(88004, CCX_AGENT_DEVICE_OFF, "The Unified CCX agent device is off."),
    V(88005, CCX_AGENT_DEVICE_BUSY, "The Unified CCX agent device is busy."),
    V(88006, CCX_RMCM_CONTACT_NULL, "There is no Unified CCX RmCm contact."),
    V(88007, CCX_RMCM_CONTACT_INVALID, "The Unified CCX RmCm contact is invalid."),
    V(88008, CCX_AGENT_NULL, "There is no Unified CCX agent."),
    V(88009, CCX_AGENT_INVALID, "The Unified CCX agent is invalid."),
    V(88010, CCX_INVALID_ARGUMENT, "There is an invalid Unified CCX command argument."),
    V(88011, CCX_NO_CALLBACK_FROM_AGENT, "There is no callback from a Unified CCX agent"),
    V(88012, CCX_CALL_ID_NULL, "There is no Unified CCX call ID."),
    V(88013, CCX_CALL_OBJECT_NULL, "There is no Unified CCX call object."),
    V(88014, CCX_JTAPI_PROVIDER_NULL, "There is no Unified CCX JTAPI provider."),
    V(88015, CCX_DIALED_NUMBER_NULL, "There is no Unified CCX dialed number."),
    V(88016, CCX_DEVICE_ID_NULL, "There is no Unified CCX device ID."),
    V(88017, CCX_TERMINAL_CONNECTION_NULL, "There is no Unified CCX terminal connection."),
    V(88018, CCX_CALL_CONTROL_MASK_NOT_ON, "The Unified CCX call control mask is not on."),
    V(88019, CCX_AGENT_QUEUE_STATUS, "The status of the Unified CCX agent queue."),
    V(88020, CCX_ICD_RTDM_NULL, "The Unified CCX Real Time Data Manager does not exist."),
    V(88021, CCX_CSQ_ICD_STATUS, "The status of the Unified CCX CSQ."),
    V(88022, CCX_OVERALL_ICD_STATUS, "The overall Unified CCX system status."),
    V(88023, CCX_INVALID_SUPERVISORY_ACTION, "The Unified CCX supervisory action is invalid."),
    V(88024, CCX_CALL_DATA_UPDATE_MASK_NOT_ON, "The Unified CCX call data update mask is not on."),
    V(88025, CCX_OVERALL_LIMIT_EXCEEDED, "The Unified CCX overall limit is exceeded."),
    V(88026, CCX_CALL_ID_INVALID, "The Unified CCX call ID is invalid."),
    V(88027, CCX_SUPERVISOR_UNAVAILABLE, "The Unified CCX supervisor is unavailable."),
    V(88028, CCX_UNSUPPORTED_OPERATION, "The Unified CCX operation is unsupported."),
    V(88029, CCX_CALL_ID_NOT_IN_PROVIDER,
      "The specified Unified CCX call ID is currently not in the RmCm JTAPI "
      "provider."),
    V(88030, CCX_DEVICE_RESTRICTED,
      "The Unified CCX device is restricted on the Cisco Unified "
      "Communications Manager."),
    V(88031, CCX_LINE_RESTRICTED,
      "The Unified CCX line is restricted on the Cisco Unified Communications "
      "Manager."),
    V(88032, CCX_AGENT_LINE_ON_MULTIPLE_DEVICES,
      "The Unified CCX agent line is on multiple devices."),
    V(88033, CCX_USER_OPERATION_FAILED, "The Unified CCX user operation failed."),
    V(88034, CCX_PROVIDER_OPERATION_FAILED, "The Unified CCX provider operation failed."),
    V(88035, CCX_PASSWORD_LOCKED, "The Unified CCX password is locked."),
    V(88036, CCX_PASSWORD_EXPIRED, "The Unified CCX password has expired."),
    V(88037, CCX_PASSWORD_EXPIRED_SUCCESS, "The Unified CCX password has successfully expired."),
    V(88038, CCX_PASSWORD_HACKED_LOCKED, "The Unified CCX password has been hacked and is locked."),
    V(88039, CCX_PASSWORD_INACTIVE_LOCKED, "The Unified CCX password is inactive and is locked."),
    V(88040, CCX_PASSWORD_MUST_CHANGE, "The Unified CCX password must be changed."),
    V(88041, CCX_AGENT_DEVICE_IPv6, "Agent login is not supported for IPv6-enabled devices."),
    V(88042, CCX_TRANSFER_FAILED_DUE_TO_CCM_PROBLEM,
      "External transfer is restricted due to logical partitioning policy."),
    V(88043, CCX_CONFERENCE_FAILED_DUE_TO_CCM_PROBLEM,
      "Conference is unavailable due to logical partitioning policy."),
    V(88044, CCX_AGENT_LOGIN_NOTSUPPORTED_JALENABLEDPHONE,
      "Agent login is not supported for JAL-enabled phones. This field is not "
      "applicable from Unified CCX 8.0(1) release onward."),
    V(88045, CCX_AGENT_LOGIN_NOTSUPPORTED_DTALENABLEDPHONE,
      "Agent login is not supported for DTAL-enabled phones. This field is "
      "not applicable from Unified CCX 8.0(1) release onward."),
    V(88046, CCX_BIB_NOT_CONFIGURED, "Built-In Bridge is not turned on in the agent phone."),
    V(88047, CCX_AGENT_DEVICE_NOT_SUPPORTED,
      "Agent phone is earlier than Cisco IP Phone 7960 series, hence it does "
      "not support Silent Monitoring call."),
    V(88048, CCX_SILENT_MONITOR_OR_RECORDING_SETTINGS_NOT_CONFIGURED,
      "Silent Monitoring or Recording capability of the Unified CCX RmCm "
      "Application User is removed in Cisco Unified Communications Manager."),
    V(88049, CCX_SILENT_MONITOR_OR_RECORDING_AGENT_CALL_STATE_NOT_TALKING,
      "Agent phone ICD line to be monitored or recorded is not in the Talking "
      "state (on hold, ringing, and other states)."),
    V(88050, CCX_AGENT_NOT_ASSOCIATED, "Agent is not associated with the supervisor."),
    V(88051, CCX_RECORDING_ALREADY_INPROGRESS,
      "Agent phone ICD line to be recorded is already participating in "
      "another recording session."),
    V(88052, CCX_RECORDING_CONFIG_NOT_MATCHING,
      "Agent phone ICD line to be recorded does not have correct recording "
      "configuration in Cisco Unified Communications Manager."),
    V(88053, CCX_BIB_RESOURCE_NOT_AVAILABLE,
      "Agent phone Built-In Bridge resource is not available."),
    V(88054, CCX_ILLEGAL_CALL_STATE,
      "Call at the agent phone ICD line cannot perform the operation in its "
      "current state."),
    V(88055, CCX_CALLMANAGER_OPERATION_TIMEOUT,
      "Cisco Unified Communications Manager operation timed out (failed)."),
    V(88056, CCX_MONITORING_ALREADY_INPROGRESS,
      "Agent phone line to be monitored is already participating in another "
      "monitoring session."),
    V(88057, CCX_RECORDING_LICENSE_LIMIT_EXCEEDED,
      "Number of concurrent recordings exceeds the value of recording count "
      "available in the Recording License."),
};
CCX_ENUM(ccx_enum_ccx_error, "Unified CCX Error Code", "Table 197", 0, ccx_error_vals);

/* Table 198: Special Values (spec lines 4838-4847).
 * Constants, not the values of one field.  NULL_CALL_ID, NULL_APPLICATION
 * and NULL_CSQ share 0xFFFFFFFF (a lookup returns the first); NULL_LINEHANDLE
 * is 0xFFFF.  MAX_AGENTS mentions an "AGENT_TEAM_CONFIG message", which does
 * not exist (TEAM_CONFIG_EVENT allows 64 records). */
static const ccx_enum_val special_vals[] = {
    V(16, MAX_NUM_DEVICES, "The maximum number of call devices that can be in a message list."),
    V(99, MAX_CSQ_COUNT, "In AGENT_STATE_EVENT message"),
    V(64, MAX_AGENTS, "In AGENT_TEAM_CONFIG message"),
    VNONE(0xFFFFFFFF, NULL_CALL_ID, "Indicates that no call ID is supplied."),
    VNONE(0xFFFFFFFF, NULL_APPLICATION, "Indicates that no Service is supplied."),
    VNONE(0xFFFFFFFF, NULL_CSQ, "Indicates that no CSQ is supplied."),
    VNONE(0xFFFF, NULL_LINEHANDLE, "In message constants"),
};
CCX_ENUM(ccx_enum_special, "Special Values", "Table 198", 0, special_vals);

/* Table 199: Unified CCX Status Values (spec lines 4853-4863).
 * CCXStatus (SYSTEM_EVENT).  The spec heads the column "Mask value", but
 * the codes are not bits (0x300 = 0x100 | 0x200), so this is a plain enum
 * (is_mask = 0). */
static const ccx_enum_val ccx_status_vals[] = {
    V(0x00000100, CCX_INITIALIZING, "The server is initializing"),
    V(0x00000200, CCX_SHUTTING_DOWN, "The server is shutting down"),
    V(0x00000300, CCX_SHUTDOWN, "The server is shut down"),
    V(0x00000400, CCX_IN_SERVICE, "The server is in service"),
    V(0x00000500, CCX_PARTIAL_SERVICE, "The server is in Partial Service"),
    V(0x00000600, CCX_OUT_OF_SERVICE, "The server failed to initialize"),
};
CCX_ENUM(ccx_enum_ccx_status, "Unified CCX status", "Table 199", 0, ccx_status_vals);

/* Table 200: Call-Party Disposition Values (spec lines 4869-4878).
 * CalledPartyDisposition (BEGIN_CALL_EVENT, CALL_DATA_UPDATE_EVENT,
 * SET_CALL_DATA_REQ).  The table prints the value first and has no
 * description column.  28 is listed as reserved on its own after 16-27.  The
 * chapter 11 traces print CD_INVALID, which is not in this table. */
static const ccx_enum_val disposition_vals[] = {
    VR(1, 14, reserved, NULL),
    V(15, Redirected, NULL),
    VR(16, 27, reserved, NULL),
    V(28, reserved, NULL),
    V(29, Announced Transfer, NULL),
    V(30, Conferenced, NULL),
    VR(31, 52, reserved, NULL),
};
CCX_ENUM(ccx_enum_disposition, "Disposition Code", "Table 200", 0, disposition_vals);

/* Table 201: Error Status Codes (spec lines 4884-4915).
 * Status of FAILURE_CONF, FAILURE_EVENT and CLOSE_REQ.  Chapter 3
 * ("Reasons for a Connection to Fail") names E_CTI_INCONSISTENT_AGENT_DATA,
 * which is not in this table (8 is E_CTI_INVALID_AGENT_DATA). */
static const ccx_enum_val error_status_vals[] = {
    V(0, E_CTI_NO_ERROR, "No error occurred."),
    V(1, E_CTI_INVALID_VERSION,
      "The server does not support the protocol version number requested by "
      "the client."),
    V(2, E_CTI_INVALID_MESSAGE_TYPE, "A message with an invalid message type field was received."),
    V(3, E_CTI_INVALID_FIELD, "A message with an invalid floating field tag was received."),
    V(4, E_CTI_SESSION_NOT_OPEN, "No session is currently open on the connection."),
    V(5, E_CTI_SESSION_ALREADY_OPEN, "A session is already open on the connection."),
    V(6, E_CTI_REQUIRED_DATA_MISSING,
      "The request did not include one or more floating items that are "
      "required."),
    V(7, E_CTI_INVALID_PERIPHERAL_ID,
      "One of the reserved fields in the fixed part of the message is "
      "incorrect."),
    V(8, E_CTI_INVALID_AGENT_DATA, "The provided agent data item(s) are not valid."),
    V(9, E_CTI_AGENT_NOT_LOGGED_ON, "The indicated agent is not currently logged on."),
    V(10, E_CTI_DEVICE_IN_USE,
      "The indicated agent IP phone is already associated with a different "
      "client."),
    V(11, E_CTI_NEW_SESSION_OPENED,
      "This session is being terminated due to a new session open request "
      "from the client."),
    V(12, reserved, NULL),
    V(13, E_CTI_INVALID_CALLID, "A request message was received with an invalid CallID value."),
    VR(14, 16, reserved, NULL),
    V(17, E_CTI_UNSPECIFIED_FAILURE, "An unspecified error occurred."),
    V(18, E_CTI_INVALID_TIMEOUT,
      "The IdleTimeout field contains a value that less than 20 seconds (4 "
      "times the minimum heartbeat interval of 5 seconds)."),
    VR(19, 22, reserved, NULL),
    V(23, E_CTI_INVALID_FIELD_LENGTH,
      "A floating field exceeds the allowable length for that field type."),
    VR(24, 91, reserved, NULL),
    V(92, E_CTI_SERVER_NOT_MASTER, "The server is a standby server."),
    V(93, E_CTI_INVALID_CSQ, "The specified CSQ is invalid."),
    V(94, E_CTI_JTAPI_CCM_PROBLEM,
      "Indicates a JTAPI or Cisco Unified Communications Manager problem."),
    V(95, reserved, NULL),
    V(96, E_CTI_AUTO_CONFIG_RESET,
      "The client needs to resend the CONFIG_REQUEST_KEY_EVENT and the "
      "CONFIG_REQUEST_EVENT message."),
};
CCX_ENUM(ccx_enum_error_status, "Error Status Code", "Table 201", 0, error_status_vals);

/* Table 202: Reason Codes for Agent State Change (spec lines 4921-4947).
 * EventReasonCode (AGENT_STATE_EVENT, SET_AGENT_STATE_REQ).  Spec order
 * kept: 32746 is printed before 32747 and 32743 before 32744; 32745, 32748
 * and 32749 are not listed; ACCX_MASTERSHIP_CHANGE has no description.  The
 * text before the table says "Table 1 lists the reason codes", Table 56
 * says "(see Table 1)" and Table 62 says "see Table 3": all mean Table 202. */
static const ccx_enum_val agent_reason_vals[] = {
    V(32767, AGT_RELOGON, "The Agent logs in again."),
    V(32766, AGT_CLOSE_CAD, "The Agent closes the CAD"),
    V(32765, AGT_CONN_DOWN, "Connection between the Unified CCX and CAD is down."),
    V(32764, CCX_FAILURE, "Unified CCX failure."),
    V(32763, AGT_RNA, "The Agent did not answer the call."),
    V(32762, AGT_OFFHOOK, "The Agent goes off-hook."),
    V(32761, AGT_NON_ICD, "The Agent receives a direct non-business call."),
    V(32760, AGT_LOGON, "The Agent logs in."),
    V(32759, AGT_PHONE_DOWN, "The Agent's phone is down."),
    V(32758, AGT_WORK_TIMER_EXP, "The Agent's work timer expired."),
    V(32757, CM_FAILOVER, "Call Manager failover."),
    V(32756, AGT_PHONE_UP, "The Agent's phone is up."),
    V(32755, AGT_CALL_ENDED, "The Agent's Call ended."),
    V(32754, AGT_DEVICE_RESTRICTED, "The Agent's device is restricted."),
    V(32753, AGT_LINE_RESTRICTED, "The Agent's line is restricted."),
    V(32752, AGT_CANCEL_RESERVATION, "The Agent cancels reservation for preview outbound call."),
    V(32751, AGT_SKIPS, "The Agent skips the preview outbound call."),
    V(32750, AGT_ICD_EXTENSION_CHANGED, "The Agent's ICD extension has changed."),
    V(32746, AGT_RESERVED_OUTBOUND_DIRECT_PREVIEW,
      "The Agent is reserved for a preview outbound call."),
    V(32747, AGT_RESERVED_OUTBOUND,
      "The Agent is reserved for a progressive or predictive outbound call."),
    V(32743, EMAIL_CONTACT_NOT_ACCEPTED, "Auto accept of email failed."),
    V(32744, ACCX_MASTERSHIP_CHANGE, NULL),
};
CCX_ENUM(ccx_enum_agent_reason, "Reason code for agent state change", "Table 202", 0, agent_reason_vals);

/* Table 3: Agent States and Their Message Values (spec lines 1089-1102).
 * AgentState, CSQState, CSQState_[65], NextAgentState_[123] and OPEN_CONF
 * AgentState.  6 is not listed.  BUSY_OTHER has no AGENT_STATE_ prefix and is
 * only used in CSQState.  Table 62 (ForcedFlag) says AGENT_STATE_LOGOFF, which
 * is AGENT_STATE_LOGOUT here.  Chapter 5 says the messages use "the values
 * listed in Table 5" (an example table): Table 3 is meant.  The chapter 11
 * traces print TALKING, WORK_NOT_READY. */
static const ccx_enum_val agent_state_vals[] = {
    V(0, AGENT_STATE_LOGIN,
      "There is no specific Agent Login state in Unified CCX. However, this "
      "is a request value specified while trying to login an agent."),
    V(1, AGENT_STATE_LOGOUT,
      "The agent has logged out of the ACD and cannot accept any additional "
      "calls."),
    V(2, AGENT_STATE_NOT_READY, "The agent is not available to accept a routed call."),
    V(3, AGENT_STATE_READY, "The agent is available to accept a routed call."),
    V(4, AGENT_STATE_TALKING,
      "The agent is currently talking on a call with a customer or another "
      "agent (inbound, outbound, or inside). This state is automatically set "
      "for the agent by the ACD."),
    V(5, AGENT_STATE_WORK,
      "The agent is completing work from a previous call and is unavailable "
      "to receive routed calls. There are two (mutually exclusive) ways to "
      "put an agent into AGENT_STATE_WORK: Automatically, through CSQ "
      "configuration settings selected in the Unified CCX Administration web "
      "page. Through the SET_AGENT_STATE_REQ message. In this case, when the "
      "agent is in the AGENT_STATE_TALKING state, the client can select the "
      "work state (by setting the AgentState field to AGENT_STATE_WORK). Then "
      "when the call ends, the agent will be moved by the Unified CCX server "
      "to the Work state."),
    V(7, BUSY_OTHER,
      "This state signifies the agent state for a particular CSQ. This state "
      "is notified in the CSQ State field of QUERY_AGENT_STATE_CONF message "
      "only. The state of an agent for a CSQ will be BUSY_OTHER if that agent "
      "is handling calls from other CSQs."),
    V(8, AGENT_STATE_RESERVED,
      "The agent is reserved for a call that will arrive at the ACD shortly. "
      "The agent is temporarily set aside to receive a specific call. The "
      "agent's state is changed to the Talking state when the agent answers "
      "the call. If the agent fails to answer the call within a time limit "
      "specified by the system administrator, the ACD places the agent in a "
      "Not Ready state. The Reserved state is automatically set for the agent "
      "by the ACD. The agent can be in this state without the phone ringing "
      "(if the agent is waiting for it to ring)."),
    V(9, AGENT_STATE_UNKNOWN, "The associated agent state is unknown."),
};
CCX_ENUM(ccx_enum_agent_state, "AgentState", "Table 3", 0, agent_state_vals);

/* Table 34: CONFIG_KEY_EVENT Status Values (spec lines 2089-2095).
 * Status (CONFIG_KEY_EVENT).  CONFIG_UNKNOWN_DATA is 3 here but 2 in
 * Table 41; CONFIG_NO_KEY_SUPPORT exists only here. */
static const ccx_enum_val config_key_status_vals[] = {
    V(0, CONFIG_SUCCESS, "Successful upload of configuration data."),
    V(1, CONFIG_SERVICE_PROVIDER,
      "No data was sent because the configuration service is not requested in "
      "the service request of the OPEN_REQ message."),
    V(2, CONFIG_NO_KEY_SUPPORT,
      "Unified CCX is unable to provide configuration key support due to an "
      "internal error."),
    V(3, CONFIG_UNKNOWN_DATA, "Invalid reserved _[131] field."),
};
CCX_ENUM(ccx_enum_config_key_status, "CONFIG_KEY_EVENT Status", "Table 34", 0, config_key_status_vals);

/* Table 41: CONFIG_END_EVENT Status Values (spec lines 2148-2156).
 * Status (CONFIG_END_EVENT).  Chapter 4 ("What to Do Next") confirms 5
 * for a partial upload and 0 for the last block. */
static const ccx_enum_val config_end_status_vals[] = {
    V(0, CONFIG_SUCCESS, "Successful upload of configuration data."),
    V(1, CONFIG_SERVICE_PROVIDER,
      "No data was sent because the configuration service is not requested in "
      "the service request of the OPEN_REQ message."),
    V(2, CONFIG_UNKNOWN_DATA,
      "An invalid reserved _[131] field is in the CONFIG_REQUEST_EVENT "
      "message."),
    V(3, CONFIG_ERROR, "An error occurred and an invalid or partial configuration was sent."),
    V(4, CONFIG_EMPTY, "No configuration data exists on Unified CCX."),
    V(5, CONFIG_PARTIAL, "Partial configuration data."),
};
CCX_ENUM(ccx_enum_config_end_status, "CONFIG_END_EVENT Status", "Table 41", 0, config_end_status_vals);

/* Table 150: Supervisory Action Values (spec lines 3809-3814).
 * SupervisoryAction (SUPERVISE_CALL_REQ).  Table 148 says "One of the
 * values from Table 3" (Table 150 is meant).  The SUPERVISE_CALL_REQ prose
 * names a SUPERVISOR_CLEAR "SupervisorAction" value that is not in this table
 * (CEC_SUPERVISOR_CLEAR is EventCause 45); 2 is not listed. */
static const ccx_enum_val supervisory_action_vals[] = {
    V(1, SUPERVISOR_MONITOR,
      "The supervisor device is to be connected to the call for silent "
      "monitoring. This allows the supervisor to hear all parties "
      "participating in the ICD call."),
    V(3, SUPERVISOR_BARGE_IN,
      "The supervisor device is to be connected to the call as an active "
      "participant. This allows the supervisor to speak to all parties "
      "participating in the call, as in a conference."),
    V(4, SUPERVISOR_INTERCEPT,
      "The supervisor device is to be connected to the call as an active "
      "participant and the agent connection will be dropped."),
};
CCX_ENUM(ccx_enum_supervisory_action, "SupervisoryAction", "Table 150", 0, supervisory_action_vals);

/* Table 8: Outbound Expanded Call Context (ECC) Variables (spec lines 1426-1436).
 * The outbound ECC variable names: the names of NamedVariable_[82]
 * fields, not a wire value.  value = position in the table.  The chapter 11
 * traces also show BACampaignID, which this table does not list. */
static const ccx_enum_val ecc_variable_vals[] = {
    V(0, BACampaign,
      "Indicates the name of the Outbound Dialer campaign to which the call "
      "belongs."),
    V(1, BAAccountNumber,
      "Identifies a customer account number and can be used by CTI clients to "
      "perform a database lookup to obtain additional customer data. This ECC "
      "variable displays only if the data was available in the customer "
      "import file. Note The maximum character length of this ECC variable is "
      "30 characters."),
    V(2, BAResponse,
      "Multi-purpose placeholder that sends data from CTI client to the "
      "Outbound Dialer. This variable is used when the CTI client responds to "
      "the server's agent reservation request (for example: Accept, Reject, "
      "Skip, and so on). It is also used to schedule and cancel callbacks and "
      "make changes to the callback number."),
    V(3, BAStatus,
      "Contains two characters indicating the mode and direction of the "
      "Outbound Dialer initiated call: The first character identifies the "
      "call mode (\"D\" = Direct Preview reservation for Unified CCX, \"C\" = "
      "Connected to Customer, \"Z\" = Transferred/Conferenced) The second "
      "character identifies the direction (always \"O\" = Outbound for "
      "Unified CCX). So a BASTatus of DO would indicate a Direct Preview "
      "Reservation call and a BASTatus of CO would indicate that this is an "
      "Outbound call that is connected to a customer. If an outbound call is "
      "transferred or conferenced, the BASTatus is set to ZO."),
    V(4, BADialedListID, "A unique key identifying a specific customer record."),
    V(5, BATimeZone,
      "Indicates the GMT offset, in minutes, for the customer's time zone and "
      "obtains the customer's local time."),
    V(6, BABuddyName,
      "Contains the customer's first and last name separated by a comma, if "
      "provided in the contacts list imported for the campaign."),
    V(7, BACustomerNumber, "Contains dialed customer phone number"),
};
CCX_ENUM(ccx_enum_ecc_variable, "Outbound ECC variable", "Table 8", 0, ecc_variable_vals);

/* Table 9: The BResponse ECC Variable Values (spec lines 1462-1489).
 * The BAResponse ECC variable values: strings carried in the
 * NamedVariable_[82] named "BAResponse"; value = position in the table (no
 * wire value).  The table title and the chapter 8 prose say "BResponse";
 * Table 8 and the chapter's topic list say "BAResponse".  "SKIP NOT_HOME" is
 * kept as printed (probably SKIP_NOT_HOME with a lost underscore).  The row
 * "P#<phone number> For example:P#5551212" has its example merged into the
 * name cell; the example is moved to the description.  The caption rows
 * "Values used to respond to the reservation call" and "Values used during
 * a preview call" are not values. */
static const ccx_enum_val ba_response_vals[] = {
    V(0, Accept,
      "To accept the current customer contact. This will initiate the "
      "outbound call to the customer from the agent's phone. Once the agent "
      "responds with Accept, the call becomes a preview call."),
    V(1, Reject,
      "To reject the current customer contact. This will cancel the agent "
      "reservation and change her state to Ready. She can now handle either "
      "inbound or outbound calls."),
    V(2, Reject-Close,
      "To reject the current customer contact and close the record so it will "
      "not be called again for this particular campaign. This will cancel the "
      "agent reservation and change her state to Ready. She can now handle "
      "either inbound or outbound calls."),
    V(3, Skip,
      "To skip the current customer contact. The agent remains reserved to "
      "handle another outbound contact."),
    V(4, Skip-Close,
      "To skip the current preview call and close the record so it will not "
      "be called again for this particular campaign. The agent remains "
      "reserved to handle another outbound contact."),
    V(5, Cancel Reservation,
      "To cancel the agent reservation and to set the agent to Not Ready "
      "state. The record remains open in the database. Clicking Cancel "
      "Reservation has a similar effect to clicking Reject except that the "
      "agent goes to Not Ready instead of Ready."),
    V(6, Reclassify, "Indicates the preview call is reclassified."),
    V(7, REX_VOICE, "Indicates the preview call is reclassified as VOICE."),
    V(8, REX_ANS_MACHINE, "Indicates the preview call is reclassified as ANSWERING MACHINE."),
    V(9, REX_FAX, "Indicates the preview call is reclassified as FAX."),
    V(10, REX_INVALID, "Indicates the preview call is reclassified as INVALID PHONE NUMBER."),
    V(11, DO_NOT_CALL,
      "Indicates the preview call is reclassified as a phone number to be "
      "added on the DO NOT CALL list."),
    V(12, BUSY, "Indicates the preview call is reclassified as BUSY."),
    V(13, Callback mmddyyyy hh:mm,
      "Indicates the customer wants a call back at the specified time"),
    V(14, P#<phone number>,
      "For example:P#5551212 - Indicates the phone number that the customer "
      "wants to be called back with. This value may be sent to Unified CCX "
      "after the Callback is sent."),
    V(15, Callback Cancel, "Indicates the customer wants to cancel a previous callback request."),
    V(16, SkipNext,
      "Indicates an agent request to call the next available customer phone "
      "number."),
    V(17, SKIP_WRONG_NUMBER,
      "Informs the agent that the number called is a wrong number. After the "
      "call terminates, the system calls the next phone number for this "
      "customer."),
    V(18, SKIP NOT_HOME,
      "Informs the agent that the customer is not at home. After the call "
      "terminates, the system calls the next phone number for this customer."),
};
CCX_ENUM(ccx_enum_ba_response, "BAResponse", "Table 9", 0, ba_response_vals);

/* Table 50: Message Floating Field Data for Each Type of Data (spec lines 2283-2294).
 * DeviceType_[195] of CONFIG_DEVICE_EVENT (Table 49 points here), NOT the
 * Table 189 values.  Table 50 is a matrix: one column per DeviceType value,
 * one row per floating field saying what DeviceField0..4 and MaxQueued
 * carry; that mapping is the description.  Names are the column headings
 * without "For ".  Table 50 lists a DeviceField3 that Table 49 does not (its
 * "reserved [10]" row sits where DeviceField3 would be). */
static const ccx_enum_val config_device_type_vals[] = {
    V(3, agent data,
      "DeviceField0=AgentRecordID (Unified CCX internal ID for this agent "
      "record.), DeviceField2=LoginID, DeviceField4=AgentExtension"),
    V(5, route point data,
      "DeviceField0=CallControlGroupID, DeviceField1=ApplicationID, "
      "DeviceField2=RoutePoint, MaxQueued=SessionLimit"),
    V(6, CTI port data, "DeviceField0=CallControlGroupID, DeviceField2=CTIPortID"),
    V(7, call control group data, "DeviceField0=CallControlGroupID, MaxQueued=CTIPortCount"),
};
CCX_ENUM(ccx_enum_config_device_type, "CONFIG_DEVICE_EVENT DeviceType", "Table 50", 0, config_device_type_vals);

/* Table 8, BAStatus row (value list in the Description cell) (spec line 1432).
 * The BAStatus ECC variable values (NamedVariable_[82] named
 * "BAStatus"), from the Description cell of the BAStatus row of Table 8:
 * first character D / C / Z (mode), second character always O (Outbound).
 * value = position (no wire value).  The prose spells it "BASTatus". */
static const ccx_enum_val ba_status_vals[] = {
    V(0, DO, "Direct Preview reservation for Unified CCX, Outbound"),
    V(1, CO, "Connected to Customer, Outbound"),
    V(2, ZO, "Transferred/Conferenced, Outbound"),
};
CCX_ENUM(ccx_enum_ba_status, "BAStatus", "Table 8 BAStatus", 0, ba_status_vals);

/* Table 14: OPEN_CONF fixed part, "Unified CCX Online" Value cell (spec line 1834).
 * "Unified CCX Online" (OPEN_CONF, BOOL).  Printed "1: online 0:
 * offline"; spec order kept. */
static const ccx_enum_val ccx_online_vals[] = {
    V(1, online, NULL),
    V(0, offline, NULL),
};
CCX_ENUM(ccx_enum_ccx_online, "Unified CCX Online", "Table 14 Unified CCX Online", 0, ccx_online_vals);

/* Table 35: CONFIG_REQUEST_EVENT fixed part, ConfigurationMask Value cell (spec line 2106).
 * ConfigurationMask (CONFIG_REQUEST_EVENT).  Same bits as Table 25.  The
 * cell also gives "0: the client is not requesting an initial configuration
 * upload" (updates only); 0 is no bit, so it is not an entry. */
static const ccx_enum_val config_request_mask_vals[] = {
    V(1, Agent Information, NULL),
    V(2, CSQ Information, NULL),
    V(4, Application Information, NULL),
    V(8, Device Information, NULL),
};
CCX_ENUM(ccx_enum_config_request_mask, "CONFIG_REQUEST_EVENT ConfigurationMask", "Table 35 ConfigurationMask", 1, config_request_mask_vals);

/* Table 37: CONFIG_BEGIN_EVENT fixed part, ConfigType Value cell (spec line 2121).
 * ConfigType (CONFIG_BEGIN_EVENT). */
static const ccx_enum_val config_type_vals[] = {
    V(1, Initial Configuration, NULL),
    V(2, Update, NULL),
};
CCX_ENUM(ccx_enum_config_type, "ConfigType", "Table 37 ConfigType", 0, config_type_vals);

/* Table 37: CONFIG_BEGIN_EVENT fixed part, ConfigurationMask Value cell (spec line 2124).
 * ConfigurationMask (CONFIG_BEGIN_EVENT).  1 = Application and 4 = Agent:
 * the opposite of Table 25 and Table 35 (1 = Agent, 4 = Application).
 * Table 2 (ConfigInfoMask of the chapter 4 summary) agrees with this one.
 * Kept per table; the spec does not say which is right. */
static const ccx_enum_val config_begin_mask_vals[] = {
    V(1, Application Information, NULL),
    V(2, CSQ Information, NULL),
    V(4, Agent Information, NULL),
    V(8, Device Information, NULL),
};
CCX_ENUM(ccx_enum_config_begin_mask, "CONFIG_BEGIN_EVENT ConfigurationMask", "Table 37 ConfigurationMask", 1, config_begin_mask_vals);

/* Table 43: CONFIG_CSQ_EVENT floating part, RecordType_[183] Value cell (spec line 2170).
 * RecordType_[183] of CONFIG_CSQ_EVENT, CONFIG_APPLICATION_EVENT,
 * CONFIG_AGENT_EVENT, CONFIG_DEVICE_EVENT (Tables 43, 45, 47, 49: "0: Add
 * 1: Change 2: Delete"; Table 49 prints "0: Add1: Change2: Delete") and
 * TEAM_CONFIG_EVENT (Table 52 lists only "0: Add 2: Delete"). */
static const ccx_enum_val record_type_vals[] = {
    V(0, Add, NULL),
    V(1, Change, NULL),
    V(2, Delete, NULL),
};
CCX_ENUM(ccx_enum_record_type, "RecordType", "Table 43 RecordType", 0, record_type_vals);

/* Table 43: CONFIG_CSQ_EVENT floating part, "MR Domain ID"_[216] Value cell (spec line 2180).
 * "MR Domain ID"_[216] (CONFIG_CSQ_EVENT, Version 11).  Table note 2:
 * Email only from UCCX 7.0(1).  Table 188 lists 216 as reserved, and
 * CONFIG_APPLICATION_EVENT has a reserved_[216]. */
static const ccx_enum_val mr_domain_vals[] = {
    V(0, Voice, NULL),
    V(1, Email, "see Table note 2, on page 90"),
};
CCX_ENUM(ccx_enum_mr_domain, "MR Domain ID", "Table 43 MR Domain ID", 0, mr_domain_vals);

/* Table 47: CONFIG_AGENT_EVENT floating part, AgentType_[189] Value cell (spec line 2233).
 * AgentType_[189] (CONFIG_AGENT_EVENT). */
static const ccx_enum_val agent_type_vals[] = {
    V(1, Agent, NULL),
    V(2, Supervisor, NULL),
};
CCX_ENUM(ccx_enum_agent_type, "AgentType", "Table 47 AgentType", 0, agent_type_vals);

/* Table 51: TEAM_CONFIG_EVENT fixed part, Operation Value cell (spec line 2305).
 * Operation (TEAM_CONFIG_EVENT).  The long parenthesised remarks of 2
 * and 3 go to the descriptions. */
static const ccx_enum_val team_operation_vals[] = {
    V(1, Add Team, NULL),
    V(2, Remove Team,
      "No optional floating part is present. The client is responsible for "
      "removing all team related data for this team"),
    V(3, Change Team,
      "includes TeamName change, addition/deletion of team members, "
      "addition/deletion of primary supervisors, addition/deletion of "
      "secondary supervisors"),
};
CCX_ENUM(ccx_enum_team_operation, "TEAM_CONFIG_EVENT Operation", "Table 51 Operation", 0, team_operation_vals);

/* Table 52: TEAM_CONFIG_EVENT floating part, AgentFlags_[87] Value cell (spec line 2313).
 * AgentFlags_[87] (TEAM_CONFIG_EVENT).  "(0 flag is for regular agent)":
 * 0 is no bit, not an entry. */
static const ccx_enum_val agent_flags_vals[] = {
    V(0x0001, Primary Supervisor, NULL),
    V(0x0002, Temporary Agent, NULL),
    V(0x0004, Supervisor, "0 flag is for regular agent"),
};
CCX_ENUM(ccx_enum_agent_flags, "AgentFlags", "Table 52 AgentFlags", 1, agent_flags_vals);

/* Table 52: TEAM_CONFIG_EVENT floating part, MemberType_[205] Value cell (spec line 2315).
 * MemberType_[205] (TEAM_CONFIG_EVENT). */
static const ccx_enum_val member_type_vals[] = {
    V(1, Agent or Supervisor member, NULL),
    V(2, CSQ member, NULL),
};
CCX_ENUM(ccx_enum_member_type, "MemberType", "Table 52 MemberType", 0, member_type_vals);

/* Table 53: TEAM_CONFIG_REQ fixed part, ConfigParam Value cell (spec line 2327).
 * ConfigParam (TEAM_CONFIG_REQ).  "initial bulk upload and/or a team
 * configuration update", values printed in hex: treated as a mask.
 * Chapter 4 (Share Agent Team Configuration Data, Step 2) calls the field
 * "configparam". */
static const ccx_enum_val team_config_param_vals[] = {
    V(0x1, initial configuration requested, NULL),
    V(0x2, updates only, NULL),
};
CCX_ENUM(ccx_enum_team_config_param, "ConfigParam", "Table 53 ConfigParam", 1, team_config_param_vals);

/* Table 54: TEAM_CONFIG_CONF fixed part, Status Value cell (spec line 2338).
 * Status (TEAM_CONFIG_CONF): its own values, not Table 201. */
static const ccx_enum_val team_config_status_vals[] = {
    V(0, Success, NULL),
    V(1, Unified CCX Internal Error, NULL),
};
CCX_ENUM(ccx_enum_team_config_status, "TEAM_CONFIG_CONF Status", "Table 54 Status", 0, team_config_status_vals);

/* Table 62: SET_AGENT_STATE_REQ fixed part, ForcedFlag Value cell (spec line 2468).
 * ForcedFlag (SET_AGENT_STATE_REQ, UCHAR).  2 is Version 12 (chapter 5,
 * "Agent Authentication Without Agent State Change").  The cell says "Used
 * only with AGENT_STATE_LOGIN or AGENT_STATE_LOGOFF" (LOGOUT in Table 3). */
static const ccx_enum_val forced_flag_vals[] = {
    V(0, FALSE, NULL),
    V(1, TRUE, NULL),
    V(2, Agent authentication only,
      "No agent state change. Use with AGENT_STATE_LOGIN (Version 12)"),
};
CCX_ENUM(ccx_enum_forced_flag, "ForcedFlag", "Table 62 ForcedFlag", 0, forced_flag_vals);

/* Table 62: SET_AGENT_STATE_REQ fixed part, AgentCapacity Value cell (spec line 2469).
 * AgentCapacity (SET_AGENT_STATE_REQ, printed "AgentCapacity[Version
 * 12]"). */
static const ccx_enum_val agent_capacity_vals[] = {
    V(0x1, Outbound feature enabled, NULL),
};
CCX_ENUM(ccx_enum_agent_capacity, "AgentCapacity", "Table 62 AgentCapacity", 1, agent_capacity_vals);

/* Table 99: RTP_STARTED_EVENT fixed part, Direction Value cell (spec line 3123).
 * Direction of RTP_STARTED_EVENT and RTP_STOPPED_EVENT (Tables 99 and
 * 101).  The PDF lost the spaces: "0: Input1: Output2: Bi-directional"
 * (Table 101: "0: Input 1: Output2: Bi-directional"). */
static const ccx_enum_val rtp_direction_vals[] = {
    V(0, Input, NULL),
    V(1, Output, NULL),
    V(2, Bi-directional, NULL),
};
CCX_ENUM(ccx_enum_rtp_direction, "Direction", "Table 99 Direction", 0, rtp_direction_vals);

/* Table 99: RTP_STARTED_EVENT fixed part, RTPType Value cell (spec line 3124).
 * RTPType (RTP_STARTED_EVENT).  Printed "0: Audio1: Video2: Data" (lost
 * spaces). */
static const ccx_enum_val rtp_type_vals[] = {
    V(0, Audio, NULL),
    V(1, Video, NULL),
    V(2, Data, NULL),
};
CCX_ENUM(ccx_enum_rtp_type, "RTPType", "Table 99 RTPType", 0, rtp_type_vals);

/* Table 99: RTP_STARTED_EVENT fixed part, BitRate Value cell (spec line 3125).
 * BitRate (RTP_STARTED_EVENT, "used for a G.723 payload only").  Printed
 * name first, "RTPBitRateR5_3: 1RTPBitRateR6_4: 2" (lost space). */
static const ccx_enum_val rtp_bitrate_vals[] = {
    V(1, RTPBitRateR5_3, NULL),
    V(2, RTPBitRateR6_4, NULL),
};
CCX_ENUM(ccx_enum_rtp_bitrate, "BitRate", "Table 99 BitRate", 0, rtp_bitrate_vals);

/* Table 99: RTP_STARTED_EVENT fixed part, EchoCancellation Value cell (spec line 3126).
 * EchoCancellation (RTP_STARTED_EVENT).  Printed "0: off1: on" (lost
 * space). */
static const ccx_enum_val echo_cancellation_vals[] = {
    V(0, off, NULL),
    V(1, on, NULL),
};
CCX_ENUM(ccx_enum_echo_cancellation, "EchoCancellation", "Table 99 EchoCancellation", 0, echo_cancellation_vals);

/* Table 121: CONSULT_CALL_REQ fixed part, ConsultType Value cell (spec line 3444).
 * ConsultType (CONSULT_CALL_REQ). */
static const ccx_enum_val consult_type_vals[] = {
    V(0, Unspecified, NULL),
    V(1, Transfer, NULL),
    V(2, Conference, NULL),
};
CCX_ENUM(ccx_enum_consult_type, "ConsultType", "Table 121 ConsultType", 0, consult_type_vals);

/* ---- every enum, in the order of tests/spec/ccx_enums.tsv ---- */
const ccx_enum *const ccx_all_enums[] = {
    &ccx_enum_service_mask,
    &ccx_enum_call_msg_mask,
    &ccx_enum_agent_state_mask,
    &ccx_enum_config_mask,
    &ccx_enum_device_type,
    &ccx_enum_lcs,
    &ccx_enum_event_cause,
    &ccx_enum_system_event_id,
    &ccx_enum_conn_device_type,
    &ccx_enum_codec,
    &ccx_enum_call_type,
    &ccx_enum_control_failure,
    &ccx_enum_ccx_error,
    &ccx_enum_special,
    &ccx_enum_ccx_status,
    &ccx_enum_disposition,
    &ccx_enum_error_status,
    &ccx_enum_agent_reason,
    &ccx_enum_agent_state,
    &ccx_enum_config_key_status,
    &ccx_enum_config_end_status,
    &ccx_enum_supervisory_action,
    &ccx_enum_ecc_variable,
    &ccx_enum_ba_response,
    &ccx_enum_config_device_type,
    &ccx_enum_ba_status,
    &ccx_enum_ccx_online,
    &ccx_enum_config_request_mask,
    &ccx_enum_config_type,
    &ccx_enum_config_begin_mask,
    &ccx_enum_record_type,
    &ccx_enum_mr_domain,
    &ccx_enum_agent_type,
    &ccx_enum_team_operation,
    &ccx_enum_agent_flags,
    &ccx_enum_member_type,
    &ccx_enum_team_config_param,
    &ccx_enum_team_config_status,
    &ccx_enum_forced_flag,
    &ccx_enum_agent_capacity,
    &ccx_enum_rtp_direction,
    &ccx_enum_rtp_type,
    &ccx_enum_rtp_bitrate,
    &ccx_enum_echo_cancellation,
    &ccx_enum_consult_type,
};
const size_t ccx_n_enums = CCX_N(ccx_all_enums);
