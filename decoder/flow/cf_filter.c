/* cf_filter.c - which calls, agents and times the output keeps: the
 * --call / --dn / --agent / --from / --to filter (see cf_filter in
 * cf_engine.h) and the parsing of its times.
 *
 * A time of day (--from 10:15:00) is resolved against the day of the
 * earliest time the engine has seen, once, when the filter is first used.
 */
#include "cf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cf_filter_init(cf_filter *f)
{
    memset(f, 0, sizeof *f);
    f->from = f->to = f->from_tod = f->to_tod = CF_NO_VALUE;
}

static void resolve_filter(cf_engine *e)
{
    if (e->filter_resolved)
        return;
    e->filter_resolved = 1;
    int64_t day = e->have_ts ? e->first_ts - ((e->first_ts % 86400000000ll) + 86400000000ll) % 86400000000ll : 0;
    e->from = e->filter.from != CF_NO_VALUE ? e->filter.from
              : e->filter.from_tod != CF_NO_VALUE ? day + e->filter.from_tod : CF_NO_VALUE;
    e->to = e->filter.to != CF_NO_VALUE ? e->filter.to
            : e->filter.to_tod != CF_NO_VALUE ? day + e->filter.to_tod : CF_NO_VALUE;
}

static int in_range(cf_engine *e, int64_t a, int64_t b)
{
    resolve_filter(e);
    if (e->from != CF_NO_VALUE && b < e->from)
        return 0;
    if (e->to != CF_NO_VALUE && a > e->to)
        return 0;
    return 1;
}

int cf_call_selected(cf_engine *e, const cf_call *c)
{
    const cf_filter *f = &e->filter;
    if (f->call_id && !cf_call_has_id(c, f->call_id))
        return 0;
    if (f->dn) {
        int hit = cf_call_party(c, f->dn) >= 0;
        static const char *const keys[] = { "ANI", "DNIS", "DialedNumber" };
        for (unsigned i = 0; !hit && i < 3; i++) {
            const cf_kv_ent *k = cf_call_kv(c, CF_KV_FIELD, keys[i]);
            hit = k && strcmp(k->value, f->dn) == 0;
        }
        if (!hit)
            return 0;
    }
    if (f->agent) {
        int hit = 0;
        for (unsigned i = 0; i < c->n_agents; i++)
            hit |= strcmp(c->agents[i], f->agent) == 0;
        if (!hit)
            return 0;
    }
    return in_range(e, c->t_first, c->end != CF_END_NONE ? c->t_end : c->t_last);
}

int cf_engine_time_selected(const cf_engine *ce, int64_t a, int64_t b)
{
    return in_range((cf_engine *)ce, a, b);
}

int cf_filter_agent(const cf_engine *ce, const cf_agent *a)
{
    cf_engine *e = (cf_engine *)ce;
    if (e->filter.agent && strcmp(e->filter.agent, a->id) != 0)
        return 0;
    return in_range(e, a->t_first, e->last_ts);
}

/* ---- time parsing ---- */

int cf_parse_time(const char *s, int64_t *abs, int64_t *tod)
{
    *abs = *tod = CF_NO_VALUE;
    int Y, M, D, h, m, sec, n = 0;
    char sep;
    double frac = 0;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &Y, &M, &D, &sep, &h, &m, &sec, &n) == 7 &&
        (sep == 'T' || sep == 't' || sep == ' ')) {
        const char *p = s + n;
        if (*p == '.') {
            char *end;
            frac = strtod(p, &end);
            p = end;
        }
        int off = 0;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om;
            if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2)
                return -1;
            off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
            p += 6;
        }
        if (*p || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60)
            return -1;
        /* days from civil (Howard Hinnant) */
        int y = Y - (M <= 2);
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (M + (M > 2 ? -3 : 9)) + 2) / 5 + D - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        int64_t days = (int64_t)era * 146097 + doe - 719468;
        int64_t t = days * 86400 + h * 3600 + m * 60 + sec - off;
        *abs = t * 1000000 + (int64_t)(frac * 1e6 + 0.5);
        return 0;
    }
    n = 0;
    if (sscanf(s, "%2d:%2d:%2d%n", &h, &m, &sec, &n) == 3) {
        const char *p = s + n;
        if (*p == '.') {
            char *end;
            frac = strtod(p, &end);
            p = end;
        }
        if (*p || h > 23 || m > 59 || sec > 60 || h < 0 || m < 0 || sec < 0)
            return -1;
        *tod = ((int64_t)h * 3600 + m * 60 + sec) * 1000000 + (int64_t)(frac * 1e6 + 0.5);
        return 0;
    }
    return -1;
}
