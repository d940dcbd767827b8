/* test_flow_ccx.c - the call-flow engine on the chapter-11 flows of the
 * CCX CTI Protocol Developer Guide, message for message (the flow files the
 * sample captures were recorded from): the whole reconstruction of each
 * call is asserted -- every event with its ThisDN / OtherDN and cause, every
 * party with its device, roles, final state and agent, merges, attached
 * data, queue and durations.
 *
 * Time model of flow_test_util.h: each message 1 ms after the previous one
 * ("S+" messages at the same time), plus the flow file's "sleep" lines. */
#include "flow_test_util.h"

#define MS 1000

static ft *play(const char *flow)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_play(t, flow, &s, 1, 0);
    cf_engine_finish(t->e);
    return t;
}

/* Queued and answered: 2005 -> route point 7000 -> CTI port 9019 -> queued
 * at CSQ 1 -> rings and is answered at 2006 by agt2006; 9019, 2005 and 2006
 * release; the call is cleared and ended. */
static void test_queued_answered(void)
{
    ft *t = play("../captures/flows/ccx-queued-answered.flow");
    g_assert_cmpuint(ft_n_calls(t), ==, 1);
    const cf_call *c = ft_call(t, "16777507", 0);
    g_assert_nonnull(c);
    ft_assert_str(ft_timeline(c),
                  "EventCallCreated@2005 | EventOffHook@2005 | EventDialing@2005>7000 | "
                  "EventRinging@9019>2005(CEC_NEW_CALL) | EventEstablished@9019>2005(CEC_NEW_CALL) | "
                  "EventQueued@1>2005 | EventRinging@2006>2005(CEC_NEW_CALL) | EventCallDataChanged@2005 | "
                  "EventEstablished@2006>2005(CEC_NEW_CALL) | EventDiverted@1 | "
                  "EventReleased@9019(CEC_REDIRECTED) | EventReleased@2005 | EventReleased@2006 | "
                  "EventCallDeleted(CECX_DROP_HANDLED_OTHER) | EventCallDeleted");
    ft_assert_str(ft_parties(c),
                  "2005/agent-device/caller/released | 7000/route-point/called/unknown | "
                  "9019/cti-port//released | 1/queue/queue/diverted | "
                  "2006/agent-device/answerer/released/agt2006");
    /* the wire messages behind the events */
    static const char *const msgs[] = {
        "BEGIN_CALL_EVENT", "CALL_SERVICE_INITIATED_EVENT", "CALL_ORIGINATED_EVENT",
        "CALL_DELIVERED_EVENT", "CALL_ESTABLISHED_EVENT", "CALL_QUEUED_EVENT",
        "CALL_DELIVERED_EVENT", "CALL_DATA_UPDATE_EVENT", "CALL_ESTABLISHED_EVENT",
        "CALL_DEQUEUED_EVENT", "CALL_CONNECTION_CLEARED_EVENT", "CALL_CONNECTION_CLEARED_EVENT",
        "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT",
    };
    g_assert_cmpuint(c->n_ev, ==, G_N_ELEMENTS(msgs));
    for (unsigned i = 0; i < c->n_ev; i++) {
        g_assert_cmpstr(c->ev[i].msg, ==, msgs[i]);
        if (i)
            g_assert_cmpint(c->ev[i].ts, >=, c->ev[i - 1].ts);
    }
    g_assert_cmpint(c->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpint(c->end, ==, CF_END_DELETED);
    g_assert_cmpstr(c->end_msg, ==, "CALL_CLEARED_EVENT");
    g_assert_cmpint(c->end_cause, ==, 1014);
    g_assert_true(c->begin_seen);
    g_assert_cmpstr(c->party[c->caller].dn, ==, "2005");
    g_assert_cmpstr(c->party[c->answerer].dn, ==, "2006");
    g_assert_cmpstr(c->party[c->released_by].dn, ==, "2005");
    g_assert_cmpuint(c->n_agents, ==, 1);
    g_assert_cmpstr(c->agents[0], ==, "agt2006");
    /* attached data and call type (CALLTYPE_OUT, then CALLTYPE_AGENT_INSIDE) */
    g_assert_cmpstr(ft_field(c, "ANI"), ==, "2005");
    g_assert_cmpstr(ft_field(c, "DNIS"), ==, "7000");
    g_assert_cmpstr(ft_field(c, "DialedNumber"), ==, "7000");
    g_assert_cmpint(c->call_type, ==, 10);
    g_assert_cmpstr(c->call_type_name, ==, "CALLTYPE_AGENT_INSIDE");
    g_assert_cmpuint(c->n_secondary, ==, 1);   /* SecondaryCallID 0 at 9019 is none */
    g_assert_cmpstr(c->secondary[0], ==, "16777508");
    /* queue: queued, then 700 + 900 + 300 + 250 + 1800 ms of sleeps and
     * 6 messages later the agent answers */
    g_assert_cmpstr(c->queue, ==, "1");
    g_assert_cmpint(c->t_answered - c->t_queued, ==, 3956 * MS);
    /* ringing: 9019 for 120 + 1 ms, 2006 for 1800 + 1 ms */
    g_assert_cmpint(c->ring_us, ==, 1922 * MS);
    g_assert_cmpint(c->party[cf_call_party(c, "9019")].ring_us, ==, 121 * MS);
    g_assert_cmpint(c->party[cf_call_party(c, "2006")].ring_us, ==, 1801 * MS);
    /* talking: 2006 answers, 2005 hangs up 1 + 150 + 1 + 2000 + 1 ms later
     * (9019 connected with 2005 is IVR time, not talk) */
    g_assert_cmpint(c->talk_us, ==, 2153 * MS);
    g_assert_cmpint(c->held_us, ==, 0);
    /* duration: BEGIN_CALL_EVENT to CALL_CLEARED_EVENT */
    g_assert_cmpint(c->t_end - c->t_first, ==, c->ev[13].ts - c->ev[0].ts);
    g_assert_cmpint(c->t_end - c->t_first, ==, (7430 + 15) * MS);   /* sleeps + 15 messages */
    /* the queue statistics */
    unsigned nq;
    const cf_queue *const *q = cf_engine_queues(t->e, &nq);
    g_assert_cmpuint(nq, ==, 1);
    g_assert_cmpstr(q[0]->id, ==, "1");
    g_assert_cmpuint(q[0]->queued, ==, 1);
    g_assert_cmpuint(q[0]->answered, ==, 1);
    g_assert_cmpuint(q[0]->abandoned, ==, 0);
    g_assert_cmpint(q[0]->ans_max, ==, 3956 * MS);
    /* the agent: Ready, Ready again (steps 3 and 4 are the same message:
     * repeated on one session, so not merged), Talking, Ready */
    unsigned na;
    const cf_agent *const *a = cf_engine_agents(t->e, &na);
    g_assert_cmpuint(na, ==, 1);
    g_assert_cmpstr(a[0]->id, ==, "agt2006");
    g_assert_cmpstr(a[0]->ext, ==, "2006");
    g_assert_cmpuint(a[0]->n_steps, ==, 4);
    g_assert_cmpint(a[0]->steps[0].state, ==, CF_AS_READY);
    g_assert_cmpint(a[0]->steps[1].state, ==, CF_AS_READY);
    g_assert_cmpint(a[0]->steps[2].state, ==, CF_AS_TALKING);
    g_assert_cmpint(a[0]->steps[3].state, ==, CF_AS_READY);
    g_assert_cmpuint(a[0]->n_calls, ==, 1);
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_ANSWERED), ==, 1);
    ft_free(t);
}

/* Transfer: consult call 16777535 (2006 -> 2007) merges into 16777533 with
 * 2005 and 2007 on it.  As in the spec, the call held is 16777507 and no
 * message links it to 16777533: it stays open, honestly. */
static void test_transferred(void)
{
    ft *t = play("../captures/flows/ccx-transferred.flow");
    g_assert_cmpuint(ft_n_calls(t), ==, 3);
    const cf_call *k = ft_call(t, "16777535", 0);
    ft_assert_str(ft_timeline(k),
                  "EventCallCreated@2006 | EventOffHook@2006 | EventDialing@2006>2007 | "
                  "EventRinging@2007>2006(CEC_NEW_CALL) | EventEstablished@2007>2006(CEC_NEW_CALL) | "
                  "EventPartyChanged@2006>2007(CEC_TRANSFER)[merged:2007] | EventReleased@2006 | "
                  "EventReleased@2007 | EventCallDeleted(CECX_DROP_HANDLED_OTHER) | EventCallDeleted");
    ft_assert_str(ft_parties(k), "2006/agent-device/caller+transferrer/transferred/agt2006 | "
                                 "2007/agent-device/called+answerer/moved/agt2007");
    g_assert_cmpstr(k->merged_into, ==, "16777533");
    g_assert_cmpint(k->end, ==, CF_END_MERGED);
    g_assert_cmpint(k->outcome, ==, CF_OUT_MERGED);
    g_assert_cmpstr(k->party[cf_call_party(k, "2007")].moved_to, ==, "16777533");
    g_assert_cmpint(k->call_type, ==, 12);   /* CALLTYPE_CONSULT */
    /* the consult call ended at the transfer, not at its CALL_CLEARED_EVENT */
    g_assert_cmpint(k->t_end, ==, k->ev[5].ts);

    const cf_call *c = ft_call(t, "16777533", 0);
    ft_assert_str(ft_timeline(c),
                  "EventCallDataChanged@2005 | EventPartyChanged@2006>2007(CEC_TRANSFER)[survivor:2005,2007] | "
                  "EventEstablished@2007>2005(CEC_NEW_CALL) | EventReleased@2005 | EventReleased@2007 | "
                  "EventCallDeleted(CECX_DROP_HANDLED_OTHER) | EventCallDeleted");
    ft_assert_str(ft_parties(c), "2005/agent-device/caller/released | "
                                 "2007/agent-device/answerer+transfer-target/released/agt2007 | "
                                 "2006/agent-device/transferrer/transferred/agt2006");
    g_assert_cmpuint(c->n_merged_from, ==, 1);
    g_assert_cmpstr(c->merged_from[0], ==, "16777535");
    g_assert_null(c->merged_into);
    g_assert_false(c->begin_seen);          /* the spec never begins 16777533 */
    g_assert_cmpint(c->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpint(c->call_type, ==, 4);   /* CALLTYPE_TRANSFER_IN */
    /* right after the merge, exactly 2005 and 2007 are connected */
    const cf_event *m = &c->ev[1];
    g_assert_cmpint(m->merge_role, ==, CF_MR_SURVIVOR);
    g_assert_cmpuint(m->n_list, ==, 2);
    g_assert_cmpstr(c->party[m->list[0]].dn, ==, "2005");
    g_assert_cmpstr(c->party[m->list[1]].dn, ==, "2007");
    g_assert_nonnull(strstr(m->note, "16777535 merged into this call"));
    g_assert_cmpuint(c->n_agents, ==, 1);
    g_assert_cmpstr(c->agents[0], ==, "agt2007");

    /* 16777507: held at 2006, never cleared nor ended in the capture */
    const cf_call *o = ft_call(t, "16777507", 0);
    ft_assert_str(ft_timeline(o), "EventCallCreated@2005 | EventRinging@2006>2005(CEC_NEW_CALL) | "
                                  "EventEstablished@2006>2005(CEC_NEW_CALL) | EventHeld@2006");
    ft_assert_str(ft_parties(o), "2005/agent-device/caller/connected | "
                                 "2006/agent-device/answerer/held/agt2006");
    g_assert_cmpint(o->end, ==, CF_END_NONE);
    g_assert_cmpint(o->outcome, ==, CF_OUT_OPEN);
    g_assert_cmpint(o->talk_us, ==, (1500 + 1) * MS);
    /* the summary lists it (and only it) as never ended */
    unsigned n;
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(t->e, CF_NOTE_OPEN_CALL, &n, &tot);
    g_assert_cmpuint(tot, ==, 1);
    g_assert_nonnull(strstr(nt[0].text, "call 16777507: no end in the capture"));
    g_assert_nonnull(strstr(nt[0].text, "EventHeld at 2006"));
    /* agents: agt2007 reserved, talking, talking, not ready (AGT_CALL_ENDED) */
    unsigned na;
    const cf_agent *const *a = cf_engine_agents(t->e, &na);
    g_assert_cmpuint(na, ==, 2);
    g_assert_cmpstr(a[1]->id, ==, "agt2007");
    g_assert_cmpuint(a[1]->n_steps, ==, 4);
    g_assert_cmpint(a[1]->steps[0].state, ==, CF_AS_RESERVED);
    g_assert_cmpint(a[1]->steps[3].state, ==, CF_AS_NOT_READY);
    g_assert_cmpint(a[1]->steps[3].reason, ==, 32755);
    g_assert_cmpstr(a[1]->steps[3].reason_name, ==, "AGT_CALL_ENDED");
    ft_free(t);
}

/* Conference: three parties end on one call.  The conferenced event's
 * PrimaryCallID says 16777507 while its ConnectedParty entries say
 * 16777539: the parties' call is the surviving one, and no call 16777507 is
 * made up. */
static void test_conferenced(void)
{
    ft *t = play("../captures/flows/ccx-conferenced.flow");
    g_assert_cmpuint(ft_n_calls(t), ==, 2);
    g_assert_null(ft_call(t, "16777507", 0));
    const cf_call *c = ft_call(t, "16777539", 0);
    ft_assert_str(ft_timeline(c),
                  "EventCallCreated@2005 | EventRinging@2006>2005(CEC_NEW_CALL) | "
                  "EventEstablished@2006>2005(CEC_NEW_CALL) | EventHeld@2006 | EventCallDataChanged@2005 | "
                  "EventPartyAdded@2006>2007(CEC_KEY_CONFERENCE)[survivor:2005,2006,2007] | "
                  "EventEstablished@2005(CEC_NEW_CALL) | EventPartyDeleted@2005 | EventReleased@2006 | "
                  "EventReleased@2007 | EventCallDeleted(CECX_DROP_HANDLED_OTHER) | EventCallDeleted");
    ft_assert_str(ft_parties(c), "2005/agent-device/caller/released | "
                                 "2006/agent-device/answerer+conference-controller/released/agt2006 | "
                                 "2007/agent-device/conference-added/released");
    g_assert_cmpuint(c->n_party, ==, 3);
    for (unsigned i = 0; i < 3; i++)
        g_assert_cmpuint(c->party[i].t_released, >, c->ev[5].ts - 1);
    g_assert_cmpint(c->call_type, ==, 15);   /* CALLTYPE_CONFERENCE */
    g_assert_cmpstr(c->merged_from[0], ==, "16777541");
    g_assert_nonnull(strstr(c->ev[5].note, "the event names call 16777507, its parties are on call 16777539"));
    /* the id the event named it by finds it (--call 16777507) */
    g_assert_true(cf_call_has_id(c, "16777507"));
    g_assert_cmpuint(c->n_aliases, ==, 1);
    /* held from the hold to the conference, talk with 2 or 3 parties */
    g_assert_cmpint(c->held_us, ==, c->ev[5].ts - c->ev[3].ts);
    g_assert_cmpint(c->outcome, ==, CF_OUT_ANSWERED);

    const cf_call *k = ft_call(t, "16777541", 0);
    ft_assert_str(ft_timeline(k),
                  "EventCallCreated@2006 | EventRinging@2007>2006(CEC_NEW_CALL) | "
                  "EventEstablished@2007>2006(CEC_NEW_CALL) | "
                  "EventPartyAdded@2006>2007(CEC_KEY_CONFERENCE)[merged:2006,2007] | EventReleased@2006 | "
                  "EventReleased@2007 | EventCallDeleted(CECX_DROP_HANDLED_OTHER) | EventCallDeleted");
    ft_assert_str(ft_parties(k), "2006/agent-device/caller/moved | 2007/agent-device/answerer/moved");
    g_assert_cmpstr(k->merged_into, ==, "16777539");
    g_assert_cmpint(k->outcome, ==, CF_OUT_MERGED);
    ft_free(t);
}

/* Outbound: the reservation and preview calls carry the BA* variables. */
static void test_outbound(void)
{
    ft *t = play("../captures/flows/ccx-outbound.flow");
    g_assert_cmpuint(ft_n_calls(t), ==, 7);
    /* A: reservation call 16800097, accepted by the client */
    const cf_call *r = ft_call(t, "16800097", 0);
    ft_assert_str(ft_timeline(r), "EventCallCreated@420 | EventRinging@4020(CEC_NEW_CALL) | "
                                  "EventAttachedDataChanged | EventReleased@4020 | EventCallDeleted | "
                                  "EventCallDeleted");
    ft_assert_str(ft_parties(r), "420/unknown//unknown | 4020/agent-device//released/chli4020");
    g_assert_cmpint(r->call_type, ==, 18);   /* CALLTYPE_RESERVATION */
    g_assert_cmpstr(ft_var(r, "BACampaign"), ==, "LoadCamp");
    g_assert_cmpstr(ft_var(r, "BACampaignID"), ==, "");
    g_assert_cmpstr(ft_var(r, "BAStatus"), ==, "DO");
    g_assert_cmpstr(ft_var(r, "BAResponse"), ==, "Accept");   /* set by SET_CALL_DATA_REQ */
    g_assert_cmpstr(ft_var(r, "user.layout"), ==, "OODefault");
    g_assert_cmpstr(ft_var(r, "BAAccountNumber"), ==, "AC111");
    g_assert_cmpstr(ft_var(r, "BADialedListID"), ==, "20779");
    g_assert_cmpstr(ft_var(r, "BABuddyName"), ==, "John,Doe");
    g_assert_cmpint(r->outcome, ==, CF_OUT_NOT_ANSWERED);
    /* the preview call 16800096: its first event (the spec's step 4 update)
     * comes before its BEGIN_CALL_EVENT; the customer 4022 answers */
    const cf_call *p = ft_call(t, "16800096", 0);
    ft_assert_str(ft_timeline(p),
                  "EventCallDataChanged@4020 | EventCallCreated@4020 | EventCallDataChanged@4020 | "
                  "EventCallDataChanged@4020 | EventCallDataChanged@4020 | EventCallDataChanged@4020 | "
                  "EventOffHook@4020 | EventDialing@4020>4022 | EventEstablished@4020(CEC_NEW_CALL) | "
                  "EventReleased@4020 | EventCallDeleted(CECX_DROP_HANDLED_OTHER)");
    ft_assert_str(ft_parties(p), "4020/agent-device/caller/released/chli4020 | "
                                 "4022/extension/called+answerer/released");
    g_assert_true(p->begin_seen);
    g_assert_cmpint(p->call_type, ==, 17);   /* CALLTYPE_PREVIEW */
    g_assert_cmpstr(ft_var(p, "BAStatus"), ==, "CO");
    g_assert_cmpstr(ft_var(p, "BACustomerNumber"), ==, "4022");
    g_assert_cmpstr(ft_var(p, "BATimeZone"), ==, "-00360");
    g_assert_cmpstr(ft_var(p, "BACampaignID"), ==, "2");
    g_assert_cmpstr(ft_var(p, "BAResponse"), ==, "Accept");
    g_assert_cmpstr(ft_var(p, "BResponse"), ==, "Accept");   /* the spec's spelling, kept */
    g_assert_cmpstr(ft_field(p, "DialedNumber"), ==, "4022");
    g_assert_cmpint(p->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpstr(p->agents[0], ==, "chli4020");
    g_assert_cmpint(p->end, ==, CF_END_DELETED);   /* CALL_CLEARED_EVENT, no END_CALL_EVENT */
    /* B and C: skipped and rejected reservations */
    const cf_call *b = ft_call(t, "16800099", 0), *cc = ft_call(t, "16800101", 0);
    g_assert_cmpstr(ft_var(b, "BAResponse"), ==, "Skip");
    g_assert_cmpstr(ft_var(b, "BAAccountNumber"), ==, "AC112");
    g_assert_cmpstr(ft_var(cc, "BAResponse"), ==, "Reject");
    g_assert_cmpstr(ft_var(cc, "BABuddyName"), ==, "Max,Mustermann");
    /* the spec's stray ids: what the capture says of them */
    const cf_call *x = ft_call(t, "16800095", 0);
    ft_assert_str(ft_timeline(x), "EventCallDeleted");
    g_assert_cmpint(x->end, ==, CF_END_ASSOC);
    g_assert_cmpint(x->outcome, ==, CF_OUT_ENDED);
    g_assert_cmpint(ft_call(t, "16800098", 0)->outcome, ==, CF_OUT_OPEN);
    g_assert_cmpstr(ft_var(ft_call(t, "16800098", 0), "BAResponse"), ==, "Skip");
    g_assert_cmpint(ft_call(t, "16800100", 0)->outcome, ==, CF_OUT_OPEN);
    /* their CALL_DATA_UPDATE_EVENT names 4020 as the connection: a party,
     * in a state no event gave (issue 13, item 9) */
    ft_assert_str(ft_parties(ft_call(t, "16800098", 0)), "4020/unknown//unknown/chli4020");
    ft_assert_str(ft_parties(ft_call(t, "16800100", 0)), "4020/unknown//unknown/chli4020");
    /* the agent: reserved ... talking, work, reserved, ready, ready, reserved */
    unsigned na;
    const cf_agent *const *a = cf_engine_agents(t->e, &na);
    g_assert_cmpuint(na, ==, 1);
    g_assert_cmpstr(a[0]->id, ==, "chli4020");
    static const cf_agent_state want[] = { CF_AS_RESERVED, CF_AS_TALKING, CF_AS_WORK, CF_AS_RESERVED,
                                           CF_AS_READY, CF_AS_READY, CF_AS_RESERVED };
    g_assert_cmpuint(a[0]->n_steps, ==, G_N_ELEMENTS(want));
    for (unsigned i = 0; i < G_N_ELEMENTS(want); i++)
        g_assert_cmpint(a[0]->steps[i].state, ==, want[i]);
    ft_free(t);
}

/* The low-level trace: one BEGIN_CALL_EVENT, a call that stays open. */
static void test_hex_trace(void)
{
    ft *t = play("../captures/flows/ccx-hex-trace.flow");
    g_assert_cmpuint(ft_n_calls(t), ==, 1);
    const cf_call *c = ft_call(t, "16777488", 0);
    ft_assert_str(ft_timeline(c), "EventCallCreated@9026");
    g_assert_cmpstr(ft_field(c, "ANI"), ==, "2006");
    g_assert_cmpstr(ft_field(c, "DNIS"), ==, "7000");
    g_assert_cmpint(c->outcome, ==, CF_OUT_OPEN);
    ft_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/ccx/queued-answered", test_queued_answered);
    g_test_add_func("/flow/ccx/transferred", test_transferred);
    g_test_add_func("/flow/ccx/conferenced", test_conferenced);
    g_test_add_func("/flow/ccx/outbound", test_outbound);
    g_test_add_func("/flow/ccx/hex-trace", test_hex_trace);
    return g_test_run();
}
