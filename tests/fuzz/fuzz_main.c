/* fuzz_main.c - a main() for the fuzz targets where the compiler has no
 * libFuzzer (gcc): it runs LLVMFuzzerTestOneInput once on every file
 * named, and on every file in every directory named (options, "-..." as
 * libFuzzer takes them, are ignored), each in a heap block of its exact
 * size.  This is how ctest replays the corpora and the regression inputs
 * in every build; with clang the same tests run libFuzzer's own main with
 * -runs=0.  Exit status 0, or the abort of the input that failed (its
 * name is printed first). */
#include <glib.h>

#include "fuzz_common.h"

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path)
{
    gchar *data;
    gsize len;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "fuzz_main: %s\n", err->message);
        g_error_free(err);
        return 1;
    }
    uint8_t *copy = malloc(len ? len : 1);   /* exact size: ASan sees overreads */
    if (!copy)
        abort();
    memcpy(copy, data, len);
    g_free(data);
    fprintf(stderr, "Running: %s\n", path);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    return 0;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            bad |= run_file(argv[i]);
            n++;
            continue;
        }
        GDir *d = g_dir_open(argv[i], 0, NULL);
        if (!d) {
            fprintf(stderr, "fuzz_main: cannot read %s\n", argv[i]);
            bad = 1;
            continue;
        }
        /* in name order, so that a failure is reproducible run to run */
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        const char *name;
        while ((name = g_dir_read_name(d)) != NULL)
            g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
        g_dir_close(d);
        g_ptr_array_sort(names, by_name);
        for (guint k = 0; k < names->len; k++) {
            const char *path = g_ptr_array_index(names, k);
            if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
                bad |= run_file(path);
                n++;
            }
        }
        g_ptr_array_unref(names);
    }
    fprintf(stderr, "fuzz_main: %d inputs run\n", n);
    return bad;
}
