// seg_version: the version of the library actually loaded (the headers' is SEG_VERSION_STRING).
#include "CHandles.h"

const char* seg_version(void) {
  return seg::version();
}
