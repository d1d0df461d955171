import Foundation
import Testing
@testable import Formats
import TMCore

/// The corpus TSV files (../shared/corpus from the package root) read completely, with the
/// header's languages, ids and extra columns as properties, and their escapes undone.
@Suite struct DevCorpusTSVTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DevCorpusTSVTests.corpus + "/dev_pairs.tsv")),
          arguments: [("dev_pairs.tsv", 90_910, "dp000001"), ("dev_train.tsv", 34_067, "dt000001")])
    func readsEveryRow(name: String, rows: Int, firstID: String) throws {
        var first: TranslationUnit?
        let summary = try DelimitedReader().read(Self.corpus + "/" + name, options: .init()) { unit in
            if first == nil { first = unit }
        }
        #expect(summary.read + summary.skippedTotal == rows)
        #expect(summary.read == rows)
        #expect(summary.sourceLanguage == en && summary.targetLanguage == ko)
        #expect(first?.id == firstID)
        #expect(first?.properties.first?.type == "package")
        #expect(!(first?.source.contains("\\") ?? true))
    }
}
