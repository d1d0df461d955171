// System libxml2 (Debian's libxml2-dev), found with pkg-config libxml-2.0.
// Only CXML's C code includes it; Swift code goes through CXML's own functions.
#include <libxml/parser.h>
