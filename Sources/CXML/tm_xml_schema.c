// tm_xml_schema.c — W3C XML Schema validation (libxml2's xmlschemas) that reads nothing but
// the schema's own folder.
#include "tm_xml.h"
#include "tm_xml_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The folder (real path, ending in '/') a validation on this thread may read; NULL otherwise.
static __thread const char *schema_root = NULL;

xmlParserInputPtr tm_xml_schema_input(const char *url, xmlParserCtxtPtr ctxt) {
    if (schema_root == NULL || url == NULL) return NULL;
    char path[PATH_MAX];
    if (strcmp(url, "http://www.w3.org/2001/xml.xsd") == 0 || strcmp(url, "http://www.w3.org/2009/01/xml.xsd") == 0) {
        if (snprintf(path, sizeof path, "%sxml.xsd", schema_root) >= (int)sizeof path) return NULL;
    } else {
        const char *p = url;
        if (strncmp(p, "file://", 7) == 0) p += 7;
        if (strstr(p, "://") != NULL) return NULL;
        if (realpath(p, path) == NULL) return NULL;
        if (strncmp(path, schema_root, strlen(schema_root)) != 0) return NULL;
    }
    return xmlNewInputFromFile(ctxt, path);
}

typedef struct {
    char *message;
    int32_t cap;
    int32_t count;
} report;

static void put(report *r, const char *file, int line, const char *text) {
    r->count++;
    if (r->count > 1 || r->cap <= 0) return;
    int n = snprintf(r->message, (size_t)r->cap, "%s:%d: %s", file ? file : "", line, text ? text : "");
    // One line: newlines become spaces, the trailing one is dropped.
    for (int i = 0; i < n && i < r->cap - 1; i++) {
        if (r->message[i] == '\n' || r->message[i] == '\r') r->message[i] = ' ';
    }
    size_t len = strlen(r->message);
    while (len > 0 && r->message[len - 1] == ' ') r->message[--len] = 0;
}

static void on_error(void *ctx, xmlErrorPtr error) {
    if (error == NULL || error->level == XML_ERR_WARNING) return;
    put((report *)ctx, error->file, error->line, error->message);
}

static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// The whole file, or NULL (with `*length` unset).
static char *slurp(const char *path, long *length) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    char *data = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && n < INT_MAX && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) != NULL) {
            if (fread(data, 1, (size_t)n, f) == (size_t)n) {
                *length = n;
            } else {
                free(data);
                data = NULL;
            }
        }
    }
    fclose(f);
    return data;
}

int32_t tm_xml_validate(const char *schema, const char *document, char *message, int32_t cap, int32_t *errors) {
    tm_xml_setup();
    xmlSetGenericErrorFunc(NULL, quiet);
    report r = {message, cap, 0};
    if (cap > 0) message[0] = 0;
    int32_t rc = 2;
    char root[PATH_MAX];
    if (realpath(schema, root) == NULL) {
        put(&r, schema, 0, "cannot read the schema");
        *errors = r.count;
        return 2;
    }
    char *slash = strrchr(root, '/');
    if (slash) slash[1] = 0;
    schema_root = root;

    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema);
    xmlSchemaPtr parsed = NULL;
    if (pc) {
        xmlSchemaSetParserStructuredErrors(pc, on_error, &r);
        parsed = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
    }
    if (parsed == NULL) {
        if (r.count == 0) put(&r, schema, 0, "not a usable schema");
    } else {
        long length = 0;
        char *bytes = slurp(document, &length);
        xmlDocPtr doc = NULL;
        if (bytes == NULL) {
            put(&r, document, 0, "cannot read the document");
        } else {
            xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
            if (ctxt) {
                doc = xmlCtxtReadMemory(ctxt, bytes, (int)length, document, NULL, XML_PARSE_NONET);
                xmlErrorPtr e = doc == NULL ? xmlCtxtGetLastError(ctxt) : NULL;
                if (e) put(&r, document, e->line, e->message);
                xmlFreeParserCtxt(ctxt);
            }
            free(bytes);
            if (doc == NULL && r.count == 0) put(&r, document, 0, "not well-formed");
        }
        if (doc) {
            xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(parsed);
            if (vc) {
                xmlSchemaSetValidStructuredErrors(vc, on_error, &r);
                int v = xmlSchemaValidateDoc(vc, doc);
                rc = v == 0 && r.count == 0 ? 0 : (v > 0 || r.count > 0 ? 1 : 2);
                xmlSchemaFreeValidCtxt(vc);
            }
            xmlFreeDoc(doc);
        }
        xmlSchemaFree(parsed);
    }
    schema_root = NULL;
    *errors = r.count;
    return rc;
}
