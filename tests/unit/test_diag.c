/* test_diag.c - the retention rule both decoders use when a message has
 * more diagnostics than it keeps (decoder/diag/cti_diag.c): errors first,
 * then warnings, then notes; the others keep their order; every drop is
 * counted. */
#include "cti_diag.h"
#include "ccx_decode.h"
#include "cap_decode.h"

#include <stddef.h>
#include <glib.h>

typedef struct d { int sev; int id; } d;

/* Add a diagnostic of severity sev with id to list[0, *n) of room max. */
static void add(d *list, unsigned *n, unsigned max, int sev, int id, unsigned *dropped)
{
    if (cti_diag_make_room(list, sizeof list[0], offsetof(d, sev), n, max, sev, dropped))
        list[(*n)++] = (d){ sev, id };
}

static void test_room_while_not_full(void)
{
    d list[3];
    unsigned n = 0, dropped = 0;
    add(list, &n, 3, 0, 1, &dropped);
    add(list, &n, 3, 2, 2, &dropped);
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpuint(dropped, ==, 0);
}

static void test_error_replaces_last_note(void)
{
    d list[4];
    unsigned n = 0, dropped = 0;
    add(list, &n, 4, 0, 1, &dropped);   /* note */
    add(list, &n, 4, 1, 2, &dropped);   /* warning */
    add(list, &n, 4, 0, 3, &dropped);   /* note: the last of the lowest */
    add(list, &n, 4, 1, 4, &dropped);   /* warning */
    add(list, &n, 4, 2, 5, &dropped);   /* error: note 3 goes */
    g_assert_cmpuint(n, ==, 4);
    g_assert_cmpuint(dropped, ==, 1);
    int want[] = { 1, 2, 4, 5 };
    for (unsigned i = 0; i < 4; i++)
        g_assert_cmpint(list[i].id, ==, want[i]);
    add(list, &n, 4, 2, 6, &dropped);   /* error: note 1 goes */
    add(list, &n, 4, 2, 7, &dropped);   /* error: warning 4 goes (the last warning) */
    int want2[] = { 2, 5, 6, 7 };
    for (unsigned i = 0; i < 4; i++)
        g_assert_cmpint(list[i].id, ==, want2[i]);
    g_assert_cmpuint(dropped, ==, 3);
}

static void test_new_one_dropped_when_nothing_is_lower(void)
{
    d list[2];
    unsigned n = 0, dropped = 0;
    add(list, &n, 2, 1, 1, &dropped);
    add(list, &n, 2, 1, 2, &dropped);
    add(list, &n, 2, 1, 3, &dropped);   /* a warning among warnings: itself dropped */
    add(list, &n, 2, 0, 4, &dropped);   /* a note: dropped */
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpint(list[0].id, ==, 1);
    g_assert_cmpint(list[1].id, ==, 2);
    g_assert_cmpuint(dropped, ==, 2);
}

/* The real decoders' lists go through the same rule: the severity enums
 * must be int-sized for the offset-based read. */
static void test_decoder_types_fit(void)
{
    g_assert_cmpuint(sizeof(ccx_severity), ==, sizeof(int));
    g_assert_cmpuint(sizeof(cap_severity), ==, sizeof(int));
    g_assert_cmpint(CCX_SEV_NOTE, <, CCX_SEV_WARN);
    g_assert_cmpint(CCX_SEV_WARN, <, CCX_SEV_ERROR);
    g_assert_cmpint(CAP_SEV_NOTE, <, CAP_SEV_WARN);
    g_assert_cmpint(CAP_SEV_WARN, <, CAP_SEV_ERROR);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/diag/room-while-not-full", test_room_while_not_full);
    g_test_add_func("/diag/error-replaces-last-note", test_error_replaces_last_note);
    g_test_add_func("/diag/new-one-dropped", test_new_one_dropped_when_nothing_is_lower);
    g_test_add_func("/diag/decoder-types-fit", test_decoder_types_fit);
    return g_test_run();
}
