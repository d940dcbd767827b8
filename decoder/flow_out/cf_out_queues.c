/* cf_out_queues.c - queues (--queues): per queue (CSQ), how many calls
 * were queued, answered, abandoned, went elsewhere or are still open, and
 * the waits (average and longest: all, before an answer, before
 * abandoning); a text table or one JSON object per queue.
 */
#include "cf_out_internal.h"

/* "<key>_avg":seconds (null without samples),"<key>_max":seconds */
static void json_avg_max(GString *s, const char *key, int64_t sum, uint32_t n, int64_t max)
{
    g_string_append_printf(s, "\"%s_avg\":", key);
    if (n)
        json_secs(s, sum / n);
    else
        g_string_append(s, "null");
    g_string_append_printf(s, ",\"%s_max\":", key);
    json_secs(s, max);
}

static void avg_text(GString *s, int64_t sum, uint32_t n, int width_)
{
    char t[CF_SECS_TEXT];
    g_string_append_printf(s, "%*s", width_, n ? cf_secs_text(t, sizeof t, sum / n) : "-");
}

static void max_text(GString *s, int64_t max, int width_)
{
    char t[CF_SECS_TEXT];
    g_string_append_printf(s, "%*s", width_, cf_secs_text(t, sizeof t, max));
}

void cf_out_queues(cf_out *o, const cf_engine *e)
{
    unsigned n;
    const cf_queue *const *q = cf_engine_queues(e, &n);
    GString *s = o->s;
    if (o->fmt == CF_FMT_JSON) {
        for (unsigned i = 0; i < n; i++) {
            const cf_queue *x = q[i];
            g_string_append(s, "{\"type\":\"queue\",\"id\":");
            json_str(s, x->id);
            g_string_append(s, ",\"protocol\":");
            json_str(s, x->protocol);
            g_string_append(s, ",\"server\":");
            json_str(s, cf_engine_server_name(e, x->server));
            g_string_append_printf(s, ",\"queued\":%u,\"answered\":%u,\"abandoned\":%u,\"other\":%u,"
                                      "\"open\":%u,",
                                   x->queued, x->answered, x->abandoned, x->other, x->open);
            json_avg_max(s, "wait", x->wait_sum, x->n_wait, x->wait_max);
            g_string_append_c(s, ',');
            json_avg_max(s, "answer_wait", x->ans_sum, x->answered, x->ans_max);
            g_string_append_c(s, ',');
            json_avg_max(s, "abandon_wait", x->ab_sum, x->abandoned, x->ab_max);
            g_string_append_printf(s, ",\"first_frame\":%llu,\"last_frame\":%llu}\n",
                                   (unsigned long long)x->f_first, (unsigned long long)x->f_last);
        }
        flush(o);
        return;
    }
    if (!n) {
        g_string_append(s, "No queued calls.\n");
        flush(o);
        return;
    }
    g_string_append(s, "Queues (waits in seconds; a wait ends at the answer, or when the call "
                       "left the queue)\n");
    g_string_append_printf(s, "%-22s %-8s %7s %9s %10s %6s %6s %9s %9s %11s %11s %12s\n", "server",
                           "queue", "queued", "answered", "abandoned", "other", "open", "wait-avg",
                           "wait-max", "answer-avg", "answer-max", "abandon-avg");
    for (unsigned i = 0; i < n; i++) {
        const cf_queue *x = q[i];
        GString *id = g_string_new(NULL);
        cf_put_text(id, x->id);
        g_string_append_printf(s, "%-22s %-8s %7u %9u %10u %6u %6u ",
                               cf_engine_server_name(e, x->server), id->str, x->queued, x->answered,
                               x->abandoned, x->other, x->open);
        g_string_free(id, TRUE);
        avg_text(s, x->wait_sum, x->n_wait, 9);
        fa_c(s, ' ');
        max_text(s, x->wait_max, 9);
        fa_c(s, ' ');
        avg_text(s, x->ans_sum, x->answered, 11);
        fa_c(s, ' ');
        max_text(s, x->ans_max, 11);
        fa_c(s, ' ');
        avg_text(s, x->ab_sum, x->abandoned, 12);
        g_string_append_c(s, '\n');
    }
    flush(o);
}
