/* request_kinds - which messages are requests and which answer them,
 * straight from the tables, for the response-time oracle of
 * calls_agree.py (it pairs the CLI's --json messages itself).  One line
 * per message or command:
 *     ccx TAB <NAME> TAB request|response|other
 *     cap TAB <commandType> TAB <the command answering it, or -> TAB c2s|s2c|both
 * e.g. "ccx\tOPEN_REQ\trequest", "cap\tregisterRequest\tregisterResponse\tc2s". */
#include <stdio.h>
#include "cap_table.h"
#include "ccx_table.h"

int main(void)
{
    for (size_t i = 0; i < ccx_n_messages; i++)
        printf("ccx\t%s\t%s\n", ccx_messages[i].name,
               ccx_messages[i].kind == CCX_KIND_REQUEST    ? "request"
               : ccx_messages[i].kind == CCX_KIND_RESPONSE ? "response"
                                                           : "other");
    for (size_t i = 0; i < cap_n_commands; i++)
        printf("cap\t%s\t%s\t%s\n", cap_commands[i].name, cap_commands[i].response ? cap_commands[i].response : "-",
               cap_commands[i].dir == CAP_DIR_C2S ? "c2s" : cap_commands[i].dir == CAP_DIR_S2C ? "s2c" : "both");
    return 0;
}
