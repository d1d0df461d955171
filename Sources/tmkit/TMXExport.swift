import Formats
import Foundation
import TMCore
import TranslationMemory

/// Streams a memory into a TMX 1.4b file.
enum TMXExport {
    /// Writes the entries of `tm` that `filter` covers to `path`; returns the number written.
    static func write(_ tm: TranslationMemory, to path: String, matching filter: TMFilter = TMFilter()) throws -> Int {
        let stats = try tm.statistics()
        let source = filter.sourceLanguage ?? stats.languagePairs.first.flatMap { LanguageTag($0.source) } ?? .english
        var writer = try TMXWriter(path: path, sourceLanguage: source)
        if filter.isEmpty {
            try tm.forEachEntry { try writer.write($0) }
        } else {
            try tm.entries(matching: filter) { try writer.write($0.unit) }
        }
        try writer.finish()
        return writer.count
    }
}
