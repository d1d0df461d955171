import Foundation
import TMCore

/// Reads TMX 1.1–1.4b, streaming (tmkit's libxml2 layer, `XMLEvents`).
///
/// Forgiving on input: UTF-16 with a BOM, `lang` instead of `xml:lang`, a missing `srclang` or
/// `srclang="*all*"` (the source language then comes from the options or the first `tuv`), and
/// language variants (`en-US` matches `en`). Inline elements (`bpt`, `ept`, `it`, `ph`, `ut`)
/// keep the native code they carry in the text (`<bpt i="1">&lt;b&gt;</bpt>` gives `<b>`);
/// `hi` and `sub` keep their text. A `tu` with several languages gives the requested pair; one
/// lacking a side is skipped and counted with the reason. Strict on safety: see `XMLEvents`.
public struct TMXReader: TranslationUnitReader {
    public init() {}

    public func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary {
        try withoutActuallyEscaping(body) { body in
            let handler = TMXHandler(file: path, options: options, body: body)
            try XMLEvents.parse(path, handler: handler)
            if !handler.sawRoot {
                throw FormatError.malformedXML(file: path, line: 1, column: 1, reason: "not a TMX file (no <tmx> element)")
            }
            return handler.summary
        }
    }
}
