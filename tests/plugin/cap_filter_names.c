/* cap_filter_names - the display-filter field every element and attribute
 * of the CAP tables must have in the plugin, straight from the tables
 * (cap_element_filter / cap_attribute_filter).  One line per table entry,
 * in table order:
 *     bwcap.<field> TAB <spec name> TAB element|attribute|alias TAB <where> TAB <content>
 * e.g. "bwcap.call_id\tcallId\tattribute\tcall@callId\t-"; <content> is an
 * element's DTD content, elements|pcdata|empty|undeclared, "flag" for an
 * EMPTY element without attributes (cap_element_is_flag), "-" for an
 * attribute.  An alias line gives
 * another spelling of an element (prose, samples) and, as its <where>, the
 * element's DTD name: "bwcap.call_center\tcallcenter\talias\t<callCenter>".  Several entries
 * may share a field (user@id and <id>: bwcap.user_id).  The plugin tests
 * compare the first column with `tshark -G fields`. */
#include <stdio.h>
#include "cap_table.h"

static const char *content(const cap_element *e)
{
    if (cap_element_is_flag(e))
        return "flag";
    switch (e->content) {
    case CAP_CONTENT_ELEMENTS: return "elements";
    case CAP_CONTENT_PCDATA: return "pcdata";
    case CAP_CONTENT_EMPTY: return "empty";
    default: return "undeclared";
    }
}

int main(void)
{
    char f[128];
    for (size_t i = 0; i < cap_n_elements; i++)
        printf("%s\t%s\telement\t<%s>\t%s\n", cap_element_filter(&cap_elements[i], f, sizeof f),
               cap_elements[i].name, cap_elements[i].name, content(&cap_elements[i]));
    for (size_t i = 0; i < cap_n_elements; i++)   /* other spellings of the prose and samples */
        for (const char *const *al = cap_elements[i].aliases; al && *al; al++)
            printf("%s\t%s\talias\t<%s>\t%s\n", cap_element_filter(&cap_elements[i], f, sizeof f), *al,
                   cap_elements[i].name, content(&cap_elements[i]));
    for (size_t i = 0; i < cap_n_attributes; i++)
        printf("%s\t%s\tattribute\t%s@%s\t-\n", cap_attribute_filter(&cap_attributes[i], f, sizeof f),
               cap_attributes[i].name, cap_attributes[i].element, cap_attributes[i].name);
    return 0;
}
