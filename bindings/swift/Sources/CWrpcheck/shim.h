/* The one header of module CWrpcheck (module.modulemap). */
#include <wrpcheck.h>
