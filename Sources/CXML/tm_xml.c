// tm_xml.c — the SAX2 push parser behind tmkit's XML layer, with its safety settings.
#include "tm_xml.h"
#include "tm_xml_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tm_xml {
    xmlParserCtxtPtr ctxt;
    xmlSAXHandler sax;
    tm_xml_callbacks cb;
    void *ctx;
    int32_t depth;
    int64_t expanded;          // bytes of internal entity text expanded so far
    int32_t kind;              // TM_XML_* of the first failure
    int32_t line, column;
    char message[512];
    char *encoding;            // forced encoding, or NULL
    char *file;
};

static tm_xml *owner(void *ctx) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    return ctxt ? (tm_xml *)ctxt->_private : NULL;
}

/// Copies `text` into the message as one line (newlines become spaces, trailing space dropped).
static void set_message(tm_xml *p, const char *text) {
    size_t n = 0;
    for (const char *s = text; s && *s && n + 1 < sizeof p->message; s++) {
        char c = *s;
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == ' ' && (n == 0 || p->message[n - 1] == ' ')) continue;
        p->message[n++] = c;
    }
    while (n > 0 && p->message[n - 1] == ' ') n--;
    p->message[n] = 0;
}

/// Records the first failure and stops the parser.
static void fail(tm_xml *p, xmlParserCtxtPtr ctxt, int32_t kind, const char *message) {
    if (p == NULL || p->kind != TM_XML_OK) return;
    p->kind = kind;
    p->line = ctxt && ctxt->input ? ctxt->input->line : 0;
    p->column = ctxt && ctxt->input ? ctxt->input->col : 0;
    set_message(p, message);
    if (ctxt) xmlStopParser(ctxt);
    if (p->ctxt && p->ctxt != ctxt) xmlStopParser(p->ctxt);
}

static int failed(tm_xml *p) { return p == NULL || p->kind != TM_XML_OK; }

static void check(tm_xml *p, void *ctx, int32_t rc) {
    if (rc != 0) fail(p, (xmlParserCtxtPtr)ctx, TM_XML_STOPPED, "stopped by the reader");
}

// MARK: SAX callbacks

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted, const xmlChar **attrs) {
    (void)uri; (void)n_defaulted;
    tm_xml *p = owner(ctx);
    if (failed(p)) return;
    if (++p->depth > TM_XML_MAX_DEPTH) {
        char m[128];
        snprintf(m, sizeof m, "elements nested deeper than %d levels", TM_XML_MAX_DEPTH);
        fail(p, ctx, TM_XML_LIMIT, m);
        return;
    }
    if (p->cb.start == NULL) return;
    xmlParserCtxtPtr c = ctx;
    int32_t line = c->input ? c->input->line : 0, column = c->input ? c->input->col : 0;
    check(p, ctx, p->cb.start(p->ctx, (const char *)local, (const char *)prefix, n_ns, (const char *const *)ns,
                             n_attrs, (const char *const *)attrs, line, column));
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
    (void)uri;
    tm_xml *p = owner(ctx);
    if (failed(p)) return;
    p->depth--;
    if (p->cb.end) check(p, ctx, p->cb.end(p->ctx, (const char *)local, (const char *)prefix));
}

static void on_text(void *ctx, const xmlChar *ch, int len) {
    tm_xml *p = owner(ctx);
    if (failed(p) || p->cb.text == NULL) return;
    check(p, ctx, p->cb.text(p->ctx, (const char *)ch, len, 0));
}

static void on_cdata(void *ctx, const xmlChar *ch, int len) {
    tm_xml *p = owner(ctx);
    if (failed(p) || p->cb.text == NULL) return;
    check(p, ctx, p->cb.text(p->ctx, (const char *)ch, len, 1));
}

static void on_comment(void *ctx, const xmlChar *value) {
    tm_xml *p = owner(ctx);
    if (failed(p) || p->cb.comment == NULL) return;
    check(p, ctx, p->cb.comment(p->ctx, value ? (const char *)value : ""));
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
    tm_xml *p = owner(ctx);
    if (failed(p) || p->cb.pi == NULL) return;
    check(p, ctx, p->cb.pi(p->ctx, target ? (const char *)target : "", (const char *)data));
}

/// After the DOCTYPE (internal subset included): reports it serialized; never loads the external subset.
static void on_external_subset(void *ctx, const xmlChar *name, const xmlChar *public_id, const xmlChar *system_id) {
    (void)name; (void)public_id; (void)system_id;
    tm_xml *p = owner(ctx);
    xmlParserCtxtPtr c = ctx;
    if (failed(p) || p->cb.doctype == NULL || c->myDoc == NULL || c->myDoc->intSubset == NULL) return;
    xmlBufferPtr buf = xmlBufferCreate();
    if (buf == NULL) return;
    xmlNodeDump(buf, c->myDoc, (xmlNodePtr)c->myDoc->intSubset, 0, 0);
    check(p, ctx, p->cb.doctype(p->ctx, (const char *)xmlBufferContent(buf)));
    xmlBufferFree(buf);
}

/// Internal entities are declared; external ones (SYSTEM/PUBLIC, parsed or not) are refused.
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content) {
    tm_xml *p = owner(ctx);
    if (failed(p)) return;
    if (type == XML_EXTERNAL_GENERAL_PARSED_ENTITY || type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
        type == XML_EXTERNAL_PARAMETER_ENTITY || system_id != NULL || public_id != NULL) {
        char m[256];
        int parameter = type == XML_EXTERNAL_PARAMETER_ENTITY || type == XML_INTERNAL_PARAMETER_ENTITY;
        snprintf(m, sizeof m, "external %sentity '%s%.120s' is not allowed (never fetched)",
                 parameter ? "parameter " : "", parameter ? "%" : "", name ? (const char *)name : "");
        fail(p, ctx, TM_XML_REFUSED, m);
        return;
    }
    xmlSAX2EntityDecl(ctx, name, type, public_id, system_id, content);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation) {
    (void)public_id; (void)system_id; (void)notation;
    char m[256];
    snprintf(m, sizeof m, "external entity '%.120s' is not allowed (never fetched)", name ? (const char *)name : "");
    fail(owner(ctx), ctx, TM_XML_REFUSED, m);
}

/// Counts the text each internal entity reference expands to, against TM_XML_MAX_ENTITY_EXPANSION.
static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
    tm_xml *p = owner(ctx);
    if (failed(p)) return NULL;
    xmlEntityPtr e = xmlSAX2GetEntity(ctx, name);
    if (e != NULL && e->etype == XML_INTERNAL_GENERAL_ENTITY) {
        p->expanded += e->length > 0 ? e->length : 1;
        if (p->expanded > TM_XML_MAX_ENTITY_EXPANSION) {
            char m[256];
            snprintf(m, sizeof m, "entity expansion passes %d MB (entity amplification, at '&%.80s;')",
                     TM_XML_MAX_ENTITY_EXPANSION >> 20, (const char *)name);
            fail(p, ctx, TM_XML_LIMIT, m);
            return NULL;
        }
    }
    return e;
}

/// libxml2's errors: the first error or fatal error is kept (namespace and validity
/// problems are not: tmkit is forgiving with those on input).
static void on_error(void *ctx, xmlErrorPtr error) {
    tm_xml *p = owner(ctx);
    if (failed(p) || error == NULL || error->level < XML_ERR_ERROR) return;
    if (error->domain == XML_FROM_NAMESPACE || error->domain == XML_FROM_VALID || error->domain == XML_FROM_DTD) return;
    int32_t kind = TM_XML_MALFORMED;
    const char *message = error->message ? error->message : "not well-formed";
    char m[512];
    switch (error->code) {
    case XML_ERR_ENTITY_LOOP:
        kind = TM_XML_LIMIT;
        message = "entity expansion too large or looping (entity amplification refused)";
        break;
    case XML_ERR_INVALID_CHAR:
        if (strstr(message, "not proper UTF-8")) {
            const char *bytes = strstr(message, "Bytes: ");
            char first[8] = "";
            if (bytes) snprintf(first, sizeof first, "%.4s", bytes + 7);
            snprintf(m, sizeof m, "not UTF-8 (byte %s), and no other encoding is declared; convert the file to UTF-8 or declare its real encoding",
                     first[0] ? first : "?");
            message = m;
        }
        break;
    default:
        break;
    }
    if (p->kind == TM_XML_OK) {
        p->kind = kind;
        p->line = error->line > 0 ? error->line : 1;
        p->column = error->int2 > 0 ? error->int2 : 1;
        if (kind == TM_XML_LIMIT && p->ctxt && p->ctxt->input) {  // where in the document, not in the entity
            p->line = p->ctxt->input->line;
            p->column = p->ctxt->input->col;
        }
        set_message(p, message);
        if (p->ctxt) xmlStopParser(p->ctxt);
    }
}

static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Every external resource (entity, DTD, XInclude) is refused without being opened.
static xmlParserInputPtr refuse_loading(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)id;
    // Only a schema validation under way on this thread may read its own schema files.
    xmlParserInputPtr schema = tm_xml_schema_input(url, ctxt);
    if (schema) return schema;
    char m[256];
    snprintf(m, sizeof m, "external resource '%.160s' is not loaded (refused)", url ? url : "");
    tm_xml *p = ctxt ? (tm_xml *)ctxt->_private : NULL;
    if (p) fail(p, ctxt, TM_XML_REFUSED, m);
    return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void setup(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_loading);
    // Our own bound (TM_XML_MAX_DEPTH) is checked in on_start; libxml2's must not come first.
    xmlParserMaxDepth = TM_XML_MAX_DEPTH + 16;
}

void tm_xml_setup(void) { pthread_once(&once, setup); }

tm_xml *tm_xml_open(const tm_xml_callbacks *callbacks, void *ctx, const char *encoding, const char *file) {
    tm_xml_setup();
    xmlSetGenericErrorFunc(NULL, quiet);
    tm_xml *p = calloc(1, sizeof *p);
    if (p == NULL) return NULL;
    p->cb = *callbacks;
    p->ctx = ctx;
    xmlSAXVersion(&p->sax, 2);
    p->sax.startElementNs = on_start;
    p->sax.endElementNs = on_end;
    p->sax.startElement = NULL;
    p->sax.endElement = NULL;
    p->sax.characters = on_text;
    p->sax.ignorableWhitespace = on_text;
    p->sax.cdataBlock = on_cdata;
    p->sax.comment = on_comment;
    p->sax.processingInstruction = on_pi;
    p->sax.reference = NULL;
    p->sax.externalSubset = on_external_subset;
    p->sax.entityDecl = on_entity_decl;
    p->sax.unparsedEntityDecl = on_unparsed_entity_decl;
    p->sax.getEntity = on_get_entity;
    p->sax.resolveEntity = NULL;
    p->sax.serror = on_error;
    p->sax.warning = NULL;
    p->sax.error = NULL;
    p->sax.fatalError = NULL;
    p->sax.initialized = XML_SAX2_MAGIC;
    p->encoding = encoding ? strdup(encoding) : NULL;
    p->file = file ? strdup(file) : NULL;
    return p;
}

/// Creates the libxml2 context with the first chunk, so that the encoding is detected from it
/// (BOM, UTF-16, UCS-4, EBCDIC) unless one was forced.
static int create(tm_xml *p, const char *bytes, int32_t length) {
    int forced = p->encoding != NULL;
    p->ctxt = xmlCreatePushParserCtxt(&p->sax, NULL, forced ? NULL : bytes, forced ? 0 : length, p->file);
    if (p->ctxt == NULL) return 0;
    p->ctxt->_private = p;
    // Entities are replaced (within TM_XML_MAX_ENTITY_EXPANSION); no network, no DTD loading,
    // no default attributes from a DTD; libxml2's own limits stay on (no XML_PARSE_HUGE).
    xmlCtxtUseOptions(p->ctxt, XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOXINCNODE);
    if (forced) {
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(p->encoding);
        if (h != NULL) xmlSwitchToEncoding(p->ctxt, h);
    }
    return 1;
}

int32_t tm_xml_push(tm_xml *p, const char *bytes, int32_t length, int32_t last) {
    if (p->kind != TM_XML_OK) return p->kind;
    int rc;
    if (p->ctxt == NULL) {
        if (!create(p, bytes, length)) {
            p->kind = TM_XML_MALFORMED;
            set_message(p, "cannot start the XML parser (out of memory?)");
            return p->kind;
        }
        rc = p->encoding ? xmlParseChunk(p->ctxt, bytes, length, last) : xmlParseChunk(p->ctxt, NULL, 0, last);
    } else {
        rc = xmlParseChunk(p->ctxt, bytes, length, last);
    }
    if (p->kind != TM_XML_OK) return p->kind;
    if (rc != 0 || (last && !p->ctxt->wellFormed)) {
        // An error the structured handler did not see (or kept as non-fatal).
        xmlErrorPtr e = xmlCtxtGetLastError(p->ctxt);
        p->kind = TM_XML_MALFORMED;
        p->line = e && e->line > 0 ? e->line : (p->ctxt->input ? p->ctxt->input->line : 1);
        p->column = e && e->int2 > 0 ? e->int2 : (p->ctxt->input ? p->ctxt->input->col : 1);
        if (e && e->message) {
            set_message(p, e->message);
        } else if (rc == XML_ERR_INVALID_ENCODING || rc == XML_ERR_UNSUPPORTED_ENCODING) {
            // libxml2's push parser reports a failed conversion only through its generic channel.
            char m[256];
            const char *name = p->ctxt->input && p->ctxt->input->buf && p->ctxt->input->buf->encoder
                ? p->ctxt->input->buf->encoder->name : (p->ctxt->encoding ? (const char *)p->ctxt->encoding : "its encoding");
            snprintf(m, sizeof m, "cannot decode the document from %.60s (refused; convert it to UTF-8)", name);
            set_message(p, m);
        } else {
            char m[64];
            snprintf(m, sizeof m, "not well-formed (libxml2 error %d)", rc);
            set_message(p, m);
        }
        return p->kind;
    }
    return TM_XML_OK;
}

int32_t tm_xml_error(tm_xml *p, char *message, int32_t cap, int32_t *line, int32_t *column) {
    if (message && cap > 0) snprintf(message, (size_t)cap, "%s", p->message);
    if (line) *line = p->line > 0 ? p->line : 1;
    if (column) *column = p->column > 0 ? p->column : 1;
    return p->kind;
}

void tm_xml_close(tm_xml *p) {
    if (p == NULL) return;
    if (p->ctxt) {
        if (p->ctxt->myDoc) xmlFreeDoc(p->ctxt->myDoc);
        p->ctxt->myDoc = NULL;
        xmlFreeParserCtxt(p->ctxt);
    }
    free(p->encoding);
    free(p->file);
    free(p);
}
