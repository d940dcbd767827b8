/* main.c - the ctiscope program (ctiscope.c is all of it but the locale). */
#include <locale.h>

#include "ctiscope_main.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    return ctiscope_main(argc, argv);
}
