// tm_xml_internal.h — shared between tm_xml.c and tm_xml_schema.c; not part of the API.
#ifndef TM_XML_INTERNAL_H
#define TM_XML_INTERNAL_H

#include <libxml/parser.h>

/// Initializes libxml2 once and installs the loader that refuses every external resource.
void tm_xml_setup(void);
/// The input for `url` when a schema validation on this thread may read it (a file under the
/// schema's folder, or the W3C xml.xsd mapped there); NULL otherwise (then it is refused).
xmlParserInputPtr tm_xml_schema_input(const char *url, xmlParserCtxtPtr ctxt);

#endif
