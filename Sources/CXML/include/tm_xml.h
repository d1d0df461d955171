// tm_xml.h — tmkit's own small C API over system libxml2 (SAX2 push parser).
// This header uses <stdint.h> types and opaque handles only: Swift never sees libxml2's
// declarations, and no libxml2 pointer outlives a callback.
#ifndef TM_XML_H
#define TM_XML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Deepest element nesting read; deeper is an error (TM_XML_LIMIT), never a truncation.
#define TM_XML_MAX_DEPTH 10000
/// Most bytes of internal entity text a document may expand to; more is an error (TM_XML_LIMIT).
#define TM_XML_MAX_ENTITY_EXPANSION (16 * 1024 * 1024)

/// Kinds of failure `tm_xml_error` reports.
enum {
    TM_XML_OK = 0,
    TM_XML_MALFORMED = 1,   ///< not well-formed (libxml2's message, line and column)
    TM_XML_REFUSED = 2,     ///< refused for safety (external entity or resource)
    TM_XML_LIMIT = 3,       ///< a depth or entity-expansion bound was passed
    TM_XML_STOPPED = 4,     ///< a callback returned non-zero
};

/// Callbacks; each returns 0 to go on, non-zero to stop the parse (TM_XML_STOPPED).
/// Strings are UTF-8 and valid only during the call.
typedef struct tm_xml_callbacks {
    /// An element starts. `ns` holds `n_ns` pairs (prefix or NULL, URI) declared on it.
    /// `attrs` holds `n_attrs` groups of five: local name, prefix or NULL, URI or NULL,
    /// value start, value end (the value is not NUL-terminated).
    /// `line`/`column` are where the parser is (just after the start tag).
    int32_t (*start)(void *ctx, const char *local, const char *prefix,
                     int32_t n_ns, const char *const *ns,
                     int32_t n_attrs, const char *const *attrs,
                     int32_t line, int32_t column);
    int32_t (*end)(void *ctx, const char *local, const char *prefix);
    /// Character data, `length` bytes; `cdata` is 1 inside a CDATA section.
    int32_t (*text)(void *ctx, const char *chars, int32_t length, int32_t cdata);
    int32_t (*comment)(void *ctx, const char *text);
    /// A processing instruction; `data` may be NULL (`<?x?>`).
    int32_t (*pi)(void *ctx, const char *target, const char *data);
    /// The document type declaration, serialized (`<!DOCTYPE x SYSTEM "y" [...]>`).
    int32_t (*doctype)(void *ctx, const char *text);
} tm_xml_callbacks;

typedef struct tm_xml tm_xml;

/// Opens a parser. `encoding` (may be NULL) overrides what the document says or implies;
/// `file` names the document in libxml2's messages. No network access, no external
/// entity, DTD or other resource is ever loaded. NULL when out of memory.
tm_xml *tm_xml_open(const tm_xml_callbacks *callbacks, void *ctx, const char *encoding, const char *file);
/// Feeds `length` bytes; `last` is 1 with the final chunk (which may be empty).
/// Returns TM_XML_OK, or the kind of failure (then see `tm_xml_error`).
int32_t tm_xml_push(tm_xml *parser, const char *bytes, int32_t length, int32_t last);
/// The first failure: its kind, one-line message (at most `cap` bytes), line and column (1-based).
int32_t tm_xml_error(tm_xml *parser, char *message, int32_t cap, int32_t *line, int32_t *column);
void tm_xml_close(tm_xml *parser);

/// Validates the document at `document` against the W3C XML Schema at `schema`. The schema and
/// what it includes or imports are read from the schema's folder (and below) only; the W3C URL
/// `http://www.w3.org/2001/xml.xsd` (or `2009/01/xml.xsd`) is read as `xml.xsd` in that folder.
/// Nothing else is loaded, never from the network. Returns 0 when valid, 1 when not valid and 2
/// when the schema or the document cannot be read or parsed; then `message` (at most `cap`
/// bytes) holds the first error as `file:line: text` and `*errors` the number of errors.
int32_t tm_xml_validate(const char *schema, const char *document, char *message, int32_t cap, int32_t *errors);

#ifdef __cplusplus
}
#endif
#endif
