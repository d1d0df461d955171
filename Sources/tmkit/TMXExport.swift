import Formats
import Foundation
import TMCore
import TranslationMemory

/// Streams a memory into a TMX 1.4b file.
enum TMXExport {
    /// Writes the entries of `tm` that `filter` covers to `path`; returns the number written, and
    /// how many entries lost characters XML 1.0 cannot carry (control characters), and how many in all.
    static func write(_ tm: TranslationMemory, to path: String, matching filter: TMFilter = TMFilter(),
                      level: TMXWriter.CodeLevel = .two) throws -> (entries: Int, lossy: Int, dropped: Int) {
        InterruptCleanup.install()  // Ctrl-C leaves no half-written TMX
        let stats = try tm.statistics()
        let source = filter.sourceLanguage ?? stats.languagePairs.first.flatMap { LanguageTag($0.source) } ?? .english
        var writer = try TMXWriter(path: path, sourceLanguage: source, codeLevel: level)
        if filter.isEmpty {
            try tm.forEachEntry { try writer.write($0) }
        } else {
            try tm.entries(matching: filter) { try writer.write($0.unit) }
        }
        try writer.finish()
        return (writer.count, writer.unitsWithDroppedCharacters, writer.droppedCharacters)
    }
}
