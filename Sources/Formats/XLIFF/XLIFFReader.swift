import Foundation
import TMCore

/// Reads XLIFF 1.2 (`file`/`trans-unit`/`source`/`target`, inline `g` `x` `bx` `ex` `ph` `bpt`
/// `ept` `it` `mrk`) and XLIFF 2.x (`unit`/`segment`/`source`/`target`, inline `ph` `pc` `sc` `ec`
/// with `originalData`), streaming. Also SDLXLIFF (XLIFF 1.2; segment markers are transparent).
///
/// Languages come from `source-language`/`target-language` (1.2) or `srcLang`/`trgLang` (2.x),
/// else the options. Inline codes with native data keep it in the text (`<ph>%s</ph>` gives `%s`;
/// a 2.x `ph` with `dataRef` gives its `data`); codes without native data are written as their
/// own tag (`<x id="1"/>`, `<g id="2">`...`</g>`). Units without a target are skipped as
/// "untranslated"; targets in a needs-review state (1.2 `needs-*`/`new`, 2.x `initial`) as "fuzzy"
/// unless `includeFuzzy`; `translate="no"` units as "not translatable". `alt-trans`, `seg-source`
/// and match modules are not read; a PO header unit (`restype="x-gettext-domain-header"`) is ignored.
public struct XLIFFReader: TranslationUnitReader {
    public init() {}

    public func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary {
        try withoutActuallyEscaping(body) { body in
            let handler = XLIFFHandler(file: path, options: options, body: body)
            try XMLEvents.parse(path, handler: handler)
            if !handler.sawRoot {
                throw FormatError.malformedXML(file: path, line: 1, column: 1, reason: "not an XLIFF file (no <xliff> element)")
            }
            return handler.summary
        }
    }
}
