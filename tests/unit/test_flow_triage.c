/* test_flow_triage.c - the facts a support engineer reads first (issue 13):
 * the --summary, --queues, --calls and --agents outputs on real messages
 * (CCX encoded from the tables, CAP documents of the spec's interactions),
 * each fact checked in the printed text or JSON, not only in the model. */
#include "flow_test_util.h"
#include "cap_decode.h"
#include "cf_map_cap.h"

#define MS 1000

static const char *const BEGIN =
    "BEGIN_CALL_EVENT CallType=CALLTYPE_OUT CallID=%u ConnectionDeviceID=2005 ANI=2005 DNIS=7000";
static const char *const QUEUED =
    "CALL_QUEUED_EVENT CallID=%u QueueDeviceType=77 CallingDeviceType=76 CalledDeviceType=74 "
    "LocalConnectionState=LCS_QUEUED EventCause=CEC_NONE ConnectionDeviceID=9019 QueueDeviceID=5 "
    "CallingDeviceID=2005 CalledDeviceID=7000 CSQID=5";
static const char *const DELIVERED =
    "CALL_DELIVERED_EVENT CallID=%u AlertingDeviceType=76 CallingDeviceType=76 "
    "LocalConnectionState=LCS_ALERTING EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 "
    "AlertingDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006";
static const char *const ESTABLISHED =
    "CALL_ESTABLISHED_EVENT CallID=%u AnsweringDeviceType=76 CallingDeviceType=76 "
    "LocalConnectionState=LCS_CONNECT EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 "
    "AnsweringDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006";
static const char *const RELEASED =
    "CALL_CONNECTION_CLEARED_EVENT CallID=%u LocalConnectionState=LCS_NONE EventCause=CEC_NONE "
    "ConnectionDeviceID=%s ReleasingDeviceID=%s";
static const char *const CLEARED =
    "CALL_CLEARED_EVENT CallID=%u LocalConnectionState=LCS_NULL EventCause=1014 ConnectionDeviceID=2005";

static void msgf(ft *t, uint32_t s, int client, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
static void msgf(ft *t, uint32_t s, int client, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ft_msg(t, s, client, line, 0);
    g_free(line);
}

/* What a printer writes, as a string. */
typedef void (*printer_fn)(cf_out *o, const cf_engine *e);

static char *render(const cf_engine *e, printer_fn fn, cf_fmt fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    g_assert_nonnull(f);
    cf_out *o = cf_out_new(f, fmt, 0);
    fn(o, e);
    cf_out_free(o);
    fclose(f);
    return buf;
}

static char *call_text(const cf_engine *e, const cf_call *c)
{
    GString *s = g_string_new(NULL);
    cf_call_text(s, e, c, 0);
    return g_string_free(s, FALSE);
}

#define assert_has(hay, needle)                                                                   \
    do {                                                                                          \
        if (!strstr((hay), (needle)))                                                             \
            g_error("%s:%d: no \"%s\" in:\n%s", __FILE__, __LINE__, (needle), (hay));            \
    } while (0)
#define assert_lacks(hay, needle)                                                                 \
    do {                                                                                          \
        if (strstr((hay), (needle)))                                                              \
            g_error("%s:%d: \"%s\" in:\n%s", __FILE__, __LINE__, (needle), (hay));               \
    } while (0)

/* Item 5: a duration is rounded to the millisecond, the same in every
 * output: a wait of 4.040651 s is 4.041 in --calls and in --queues. */
static void test_duration_rounding(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    msgf(t, s, 0, BEGIN, 500u);
    msgf(t, s, 0, QUEUED, 500u);
    int64_t queued = t->ts;
    msgf(t, s, 0, DELIVERED, 500u);
    t->ts = queued + 4040651 - MS;   /* the next message is 1 ms later */
    msgf(t, s, 0, ESTABLISHED, 500u);
    msgf(t, s, 0, RELEASED, 500u, "2005", "2005");
    msgf(t, s, 0, CLEARED, 500u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "500", 0);
    g_assert_cmpint(c->t_answered - c->t_queued, ==, 4040651);
    char *text = call_text(t->e, c);
    assert_has(text, "answered after 4.041 s");
    char *q = render(t->e, cf_out_queues, CF_FMT_TEXT);
    assert_has(q, " 4.041 ");
    assert_lacks(q, "4.040");
    char tb[CF_SECS_TEXT];
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 4040651), ==, "4.041");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 4040499), ==, "4.040");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 999500), ==, "1.000");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, -5), ==, "0.000");
    g_free(text);
    free(q);
    ft_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/triage/duration-rounding", test_duration_rounding);
    return g_test_run();
}
