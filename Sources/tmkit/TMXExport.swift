import Formats
import Foundation
import TMCore
import TranslationMemory

/// Streams a memory into a TMX 1.4b file.
enum TMXExport {
    /// Writes every entry of `tm` to `path`; returns the number written, and how many entries
    /// lost characters XML 1.0 cannot carry (control characters) and how many characters in all.
    static func write(_ tm: TranslationMemory, to path: String) throws -> (entries: Int, lossy: Int, dropped: Int) {
        let stats = try tm.statistics()
        let source = stats.languagePairs.first.flatMap { LanguageTag($0.source) } ?? .english
        var writer = try TMXWriter(path: path, sourceLanguage: source)
        try tm.forEachEntry { try writer.write($0) }
        try writer.finish()
        return (writer.count, writer.unitsWithDroppedCharacters, writer.droppedCharacters)
    }
}
