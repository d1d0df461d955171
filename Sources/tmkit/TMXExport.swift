import Formats
import Foundation
import TMCore
import TranslationMemory

/// Streams a memory into a TMX 1.4b file.
enum TMXExport {
    /// Writes every entry of `tm` to `path`; returns the number written.
    static func write(_ tm: TranslationMemory, to path: String) throws -> Int {
        let stats = try tm.statistics()
        let source = stats.languagePairs.first.flatMap { LanguageTag($0.source) } ?? .english
        var writer = try TMXWriter(path: path, sourceLanguage: source)
        try tm.forEachEntry { try writer.write($0) }
        try writer.finish()
        return writer.count
    }
}
