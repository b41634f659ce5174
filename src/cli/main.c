#include "config.h"
#include "dlg-core.h"
int main (int argc, char *argv[]) { return 0; }
