// tm_icu.h — tmkit's own small C API over system ICU.
// This header uses <stdint.h> types and opaque handles only, so Swift files that
// import Foundation can import it without seeing ICU's declarations.
#ifndef TM_ICU_H
#define TM_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kinds of break iterator.
enum { TM_BREAK_SENTENCE = 0, TM_BREAK_WORD = 1 };

/// Word rule-status ranges, as ICU's UWordBreak defines them.
enum {
    TM_WORD_NONE = 0, TM_WORD_NUMBER = 100, TM_WORD_LETTER = 200,
    TM_WORD_KANA = 300, TM_WORD_IDEO = 400
};

typedef struct tm_break tm_break;
typedef struct tm_translit tm_translit;

/// Opens a break iterator (`kind` is TM_BREAK_*) for `locale` (for example "en@ss=standard").
/// Returns NULL on failure and writes ICU's error name into `error` (at most `error_cap` bytes).
tm_break *tm_break_open(int32_t kind, const char *locale, char *error, int32_t error_cap);
/// Points the iterator at UTF-16 `text` of `length` units. The text must outlive the use.
int32_t tm_break_set_text(tm_break *brk, const uint16_t *text, int32_t length);
/// Fills `boundaries` with every boundary after 0 (at most `cap`), and `statuses` (may be NULL)
/// with the rule status of the boundary. Returns the count written.
int32_t tm_break_all(tm_break *brk, int32_t *boundaries, int32_t *statuses, int32_t cap);
void tm_break_close(tm_break *brk);

/// Opens an ICU transliterator by id (for example "Hangul-Latin"). NULL on failure.
tm_translit *tm_translit_open(const char *id, char *error, int32_t error_cap);
/// Transliterates `length` UTF-16 units of `text` into `out` (capacity `cap`).
/// Returns the needed length (which may exceed `cap`), or -1 on error.
int32_t tm_translit_apply(tm_translit *tr, const uint16_t *text, int32_t length, uint16_t *out, int32_t cap);
void tm_translit_close(tm_translit *tr);

/// ICU's version as "major.minor".
void tm_icu_version(char *buf, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif
