/* ccx_filter_names - the display-filter field every entry of
 * ccx_fields.def must have in the plugin, straight from the tables.  One
 * line per field, in table order:
 *     ccxcti.<snake name> TAB <spec name> TAB <wire types the messages use>
 *     TAB <role: call, device or -> TAB <its Table 198 NULL value, or ->
 * e.g. "ccxcti.call_id\tCallID\tUINT\tcall\t4294967295".  The plugin tests compare the first
 * column with `tshark -G fields`, and the cross-check uses the rest to map
 * tshark's fields back to the CLI's JSON keys and values. */
#include <stdio.h>
#include "ccx_facts.h"
#include "ccx_table.h"

int main(void)
{
    unsigned used[CCXF_COUNT] = { 0 };
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *m = &ccx_messages[i];
        for (size_t j = 0; j < m->n_fixed; j++)
            used[m->fixed[j].field] |= 1u << m->fixed[j].type;
        for (size_t j = 0; j < m->n_floating; j++)
            used[m->floating[j].field] |= 1u << m->floating[j].type;
    }
    char snake[128];
    for (int f = 0; f < CCXF_COUNT; f++) {
        ccx_snake_name(ccx_fields[f].name, snake, sizeof snake);
        printf("ccxcti.%s\t%s\t", snake, ccx_fields[f].name);
        const char *sep = "";
        for (int t = 0; t < CCX_DTYPE_COUNT; t++)
            if (used[f] & (1u << t)) {
                printf("%s%s", sep, ccx_dtype_name((ccx_dtype)t));
                sep = "|";
            }
        unsigned roles = ccx_fields[f].roles;
        printf("\t%s", (roles & CCX_ROLE_CALL_ID) ? "call" : (roles & CCX_ROLE_DEVICE_ID) ? "device" : "-");
        const ccx_enum_val *null = ccx_field_null(f);
        if (null)
            printf("\t%u\n", null->lo);
        else
            printf("\t-\n");
    }
    return 0;
}
