/* cf_out_queues.c - queues (--queues): per queue (CSQ), how many calls
 * were queued, answered, abandoned, went elsewhere or are still open, and
 * the waits (average and longest: all, before an answer, before
 * abandoning); a text table or one JSON object per queue.  A wait with no
 * sample is no value: "-" in text, null in JSON, its average and its
 * maximum alike.
 */
#include "cf_out_internal.h"

#include <string.h>

/* "<key>_avg":seconds,"<key>_max":seconds; both null without samples. */
static void json_avg_max(GString *s, const char *key, int64_t sum, uint32_t n, int64_t max)
{
    g_string_append_printf(s, "\"%s_avg\":", key);
    if (n)
        json_secs(s, sum / n);
    else
        fa_s(s, "null");
    g_string_append_printf(s, ",\"%s_max\":", key);
    if (n)
        json_secs(s, max);
    else
        fa_s(s, "null");
}

/* A wait's cell: seconds, or "-" without samples. */
static void secs_cell(char *b, size_t n, int have, int64_t us)
{
    if (have)
        cf_secs_text(b, n, us);
    else
        g_strlcpy(b, "-", n);
}

/* Display width (characters) of wire text as cf_put_text writes it. */
static size_t text_width(const char *z, GString *tmp)
{
    g_string_truncate(tmp, 0);
    cf_put_text(tmp, z);
    return g_utf8_strlen(tmp->str, -1);
}

static void pad_left(GString *s, const char *z, size_t w)
{
    for (size_t n = g_utf8_strlen(z, -1); n < w; n++)
        fa_c(s, ' ');
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
                                      "\"open\":%u,\"queued_before\":%u,",
                                   x->queued, x->answered, x->abandoned, x->other, x->open,
                                   x->queued_before);
            json_avg_max(s, "wait", x->wait_sum, x->n_wait, x->wait_max);
            g_string_append_c(s, ',');
            json_avg_max(s, "answer_wait", x->ans_sum, x->answered, x->ans_max);
            g_string_append_c(s, ',');
            json_avg_max(s, "abandon_wait", x->ab_sum, x->abandoned, x->ab_max);
            g_string_append(s, ",\"first_frame\":");
            out_frame_json(s, e, x->f_first, "first_file");
            g_string_append(s, ",\"last_frame\":");
            out_frame_json(s, e, x->f_last, "last_file");
            g_string_append(s, "}\n");
        }
        flush(o);
        return;
    }
    if (!n) {
        g_string_append(s, "No queued calls.\n");
        flush(o);
        return;
    }
    /* the columns: each as wide as its header or its widest cell */
    enum { C_SERVER, C_QUEUE, C_QUEUED, C_ANS, C_AB, C_OTHER, C_OPEN, C_WAVG, C_WMAX, C_AAVG, C_AMAX,
           C_BAVG, C_BMAX, C_N };
    static const char *const head[C_N] = { "server", "queue", "queued", "answered", "abandoned",
                                           "other", "open", "wait-avg", "wait-max", "answer-avg",
                                           "answer-max", "abandon-avg", "abandon-max" };
    typedef char row_cells[C_N][CF_SECS_TEXT];
    row_cells *cell = g_new(row_cells, n);
    size_t w[C_N];
    GString *tmp = g_string_new(NULL);
    for (int c = 0; c < C_N; c++)
        w[c] = strlen(head[c]);
    for (unsigned i = 0; i < n; i++) {
        const cf_queue *x = q[i];
        size_t sw = text_width(cf_engine_server_name(e, x->server), tmp);
        size_t qw = text_width(x->id, tmp);
        if (sw > w[C_SERVER])
            w[C_SERVER] = sw;
        if (qw > w[C_QUEUE])
            w[C_QUEUE] = qw;
        const uint32_t counts[5] = { x->queued, x->answered, x->abandoned, x->other, x->open };
        for (int c = 0; c < 5; c++)
            snprintf(cell[i][C_QUEUED + c], CF_SECS_TEXT, "%u", counts[c]);
        secs_cell(cell[i][C_WAVG], CF_SECS_TEXT, x->n_wait != 0, x->n_wait ? x->wait_sum / x->n_wait : 0);
        secs_cell(cell[i][C_WMAX], CF_SECS_TEXT, x->n_wait != 0, x->wait_max);
        secs_cell(cell[i][C_AAVG], CF_SECS_TEXT, x->answered != 0, x->answered ? x->ans_sum / x->answered : 0);
        secs_cell(cell[i][C_AMAX], CF_SECS_TEXT, x->answered != 0, x->ans_max);
        secs_cell(cell[i][C_BAVG], CF_SECS_TEXT, x->abandoned != 0, x->abandoned ? x->ab_sum / x->abandoned : 0);
        secs_cell(cell[i][C_BMAX], CF_SECS_TEXT, x->abandoned != 0, x->ab_max);
        for (int c = C_QUEUED; c < C_N; c++)
            if (strlen(cell[i][c]) > w[c])
                w[c] = strlen(cell[i][c]);
    }
    g_string_append(s, "Queues (waits in seconds; a wait ends at the answer, or when the call "
                       "left the queue; -: no such wait)\n");
    for (int c = 0; c < C_N; c++) {
        if (c)
            fa_c(s, ' ');
        if (c > C_QUEUE)
            pad_left(s, head[c], w[c]);
        fa_s(s, head[c]);
        if (c <= C_QUEUE && c + 1 < C_N)
            pad_left(s, head[c], w[c]);
    }
    fa_c(s, '\n');
    for (unsigned i = 0; i < n; i++) {
        const cf_queue *x = q[i];
        size_t at = s->len;
        cf_put_text(s, cf_engine_server_name(e, x->server));
        pad_left(s, s->str + at, w[C_SERVER]);
        fa_c(s, ' ');
        at = s->len;
        cf_put_text(s, x->id);
        pad_left(s, s->str + at, w[C_QUEUE]);
        for (int c = C_QUEUED; c < C_N; c++) {
            fa_c(s, ' ');
            pad_left(s, cell[i][c], w[c]);
            fa_s(s, cell[i][c]);
        }
        fa_c(s, '\n');
    }
    for (unsigned i = 0; i < n; i++)
        if (q[i]->queued_before) {
            fa_s(s, "  ");
            cf_put_text(s, q[i]->id);
            g_string_append_printf(s, ": %u of its %u calls were already in it when first seen "
                                      "(Initial, Refresh): their waits are at least what is counted\n",
                                   q[i]->queued_before, q[i]->queued);
        }
    g_string_free(tmp, TRUE);
    g_free(cell);
    flush(o);
}
