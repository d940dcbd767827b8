/* ccx_enums_extra.h - the enums of ccx_enums.c that ccx_table.h does not
 * declare: the smaller value lists of the spec (tables inside chapter 9 and
 * "0: x 1: y" lists in message-table Value cells).  See the list at the top
 * of ccx_enums.c for the field each one decodes.
 */
#ifndef CCX_ENUMS_EXTRA_H
#define CCX_ENUMS_EXTRA_H

#include "ccx_table.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const ccx_enum ccx_enum_config_key_status;    /* Table 34: CONFIG_KEY_EVENT Status (fixed) */
extern const ccx_enum ccx_enum_config_end_status;    /* Table 41: CONFIG_END_EVENT Status (fixed) */
extern const ccx_enum ccx_enum_supervisory_action;   /* Table 150: SUPERVISE_CALL_REQ SupervisoryAction (fixed) */
extern const ccx_enum ccx_enum_ecc_variable;         /* Table 8: names of NamedVariable_[82] (outbound ECC variables) */
extern const ccx_enum ccx_enum_ba_response;          /* Table 9: value of the NamedVariable_[82] "BAResponse" */
extern const ccx_enum ccx_enum_config_device_type;   /* Table 50: CONFIG_DEVICE_EVENT DeviceType_[195] */
extern const ccx_enum ccx_enum_ba_status;            /* Table 8 BAStatus: value of the NamedVariable_[82] "BAStatus" */
extern const ccx_enum ccx_enum_ccx_online;           /* Table 14 Unified CCX Online: OPEN_CONF "Unified CCX Online" (fixed, BOOL) */
extern const ccx_enum ccx_enum_config_request_mask;  /* Table 35 ConfigurationMask: CONFIG_REQUEST_EVENT ConfigurationMask (fixed) */
extern const ccx_enum ccx_enum_config_type;          /* Table 37 ConfigType: CONFIG_BEGIN_EVENT ConfigType (fixed) */
extern const ccx_enum ccx_enum_config_begin_mask;    /* Table 37 ConfigurationMask: CONFIG_BEGIN_EVENT ConfigurationMask (fixed) */
extern const ccx_enum ccx_enum_record_type;          /* Table 43 RecordType: RecordType_[183], CONFIG_*_EVENT and TEAM_CONFIG_EVENT */
extern const ccx_enum ccx_enum_mr_domain;            /* Table 43 MR Domain ID: CONFIG_CSQ_EVENT "MR Domain ID"_[216] */
extern const ccx_enum ccx_enum_agent_type;           /* Table 47 AgentType: CONFIG_AGENT_EVENT AgentType_[189] */
extern const ccx_enum ccx_enum_team_operation;       /* Table 51 Operation: TEAM_CONFIG_EVENT Operation (fixed) */
extern const ccx_enum ccx_enum_agent_flags;          /* Table 52 AgentFlags: TEAM_CONFIG_EVENT AgentFlags_[87] */
extern const ccx_enum ccx_enum_member_type;          /* Table 52 MemberType: TEAM_CONFIG_EVENT MemberType_[205] */
extern const ccx_enum ccx_enum_team_config_param;    /* Table 53 ConfigParam: TEAM_CONFIG_REQ ConfigParam (fixed) */
extern const ccx_enum ccx_enum_team_config_status;   /* Table 54 Status: TEAM_CONFIG_CONF Status (fixed) */
extern const ccx_enum ccx_enum_forced_flag;          /* Table 62 ForcedFlag: SET_AGENT_STATE_REQ ForcedFlag (fixed, UCHAR) */
extern const ccx_enum ccx_enum_agent_capacity;       /* Table 62 AgentCapacity: SET_AGENT_STATE_REQ AgentCapacity (fixed) */
extern const ccx_enum ccx_enum_rtp_direction;        /* Table 99 Direction: RTP_STARTED_EVENT / RTP_STOPPED_EVENT Direction (fixed) */
extern const ccx_enum ccx_enum_rtp_type;             /* Table 99 RTPType: RTP_STARTED_EVENT RTPType (fixed) */
extern const ccx_enum ccx_enum_rtp_bitrate;          /* Table 99 BitRate: RTP_STARTED_EVENT BitRate (fixed) */
extern const ccx_enum ccx_enum_echo_cancellation;    /* Table 99 EchoCancellation: RTP_STARTED_EVENT EchoCancellation (fixed) */
extern const ccx_enum ccx_enum_consult_type;         /* Table 121 ConsultType: CONSULT_CALL_REQ ConsultType (fixed) */

#ifdef __cplusplus
}
#endif
#endif
