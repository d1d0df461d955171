// The only file in tmkit that includes ICU. See include/tm_icu.h.
#if !__has_include(<unicode/ubrk.h>)
#error "tmkit needs ICU's development files: install them with `apt-get install libicu-dev`"
#endif

#include "tm_icu.h"
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <string.h>

struct tm_break { UBreakIterator *it; };
struct tm_translit { UTransliterator *tr; };

static void put_error(UErrorCode code, char *error, int32_t cap) {
    if (error && cap > 0) {
        strncpy(error, u_errorName(code), (size_t)cap - 1);
        error[cap - 1] = 0;
    }
}

tm_break *tm_break_open(int32_t kind, const char *locale, char *error, int32_t error_cap) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type = kind == TM_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
    UBreakIterator *it = ubrk_open(type, locale, NULL, 0, &status);
    if (U_FAILURE(status) || !it) { put_error(status, error, error_cap); return NULL; }
    tm_break *brk = malloc(sizeof *brk);
    if (!brk) { ubrk_close(it); put_error(U_MEMORY_ALLOCATION_ERROR, error, error_cap); return NULL; }
    brk->it = it;
    return brk;
}

int32_t tm_break_set_text(tm_break *brk, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(brk->it, (const UChar *)text, length, &status);
    return U_FAILURE(status) ? -1 : 0;
}

int32_t tm_break_all(tm_break *brk, int32_t *boundaries, int32_t *statuses, int32_t cap) {
    int32_t n = 0;
    ubrk_first(brk->it);
    for (int32_t b = ubrk_next(brk->it); b != UBRK_DONE && n < cap; b = ubrk_next(brk->it)) {
        boundaries[n] = b;
        if (statuses) statuses[n] = ubrk_getRuleStatus(brk->it);
        n++;
    }
    return n;
}

void tm_break_close(tm_break *brk) {
    if (!brk) return;
    ubrk_close(brk->it);
    free(brk);
}

tm_translit *tm_translit_open(const char *id, char *error, int32_t error_cap) {
    UErrorCode status = U_ZERO_ERROR;
    UChar uid[128];
    u_uastrncpy(uid, id, 127);
    uid[127] = 0;
    UTransliterator *tr = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status) || !tr) { put_error(status, error, error_cap); return NULL; }
    tm_translit *t = malloc(sizeof *t);
    if (!t) { utrans_close(tr); return NULL; }
    t->tr = tr;
    return t;
}

int32_t tm_translit_apply(tm_translit *tr, const uint16_t *text, int32_t length, uint16_t *out, int32_t cap) {
    if (cap < length) return length * 4 + 16;
    memcpy(out, text, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length, limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(tr->tr, (UChar *)out, &textLength, cap, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return textLength > cap ? textLength : cap * 2;
    if (U_FAILURE(status)) return -1;
    return textLength;
}

void tm_translit_close(tm_translit *tr) {
    if (!tr) return;
    utrans_close(tr->tr);
    free(tr);
}

void tm_icu_version(char *buf, int32_t cap) {
    UVersionInfo v;
    u_getVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    strncpy(buf, tmp, (size_t)cap - 1);
    buf[cap - 1] = 0;
}
