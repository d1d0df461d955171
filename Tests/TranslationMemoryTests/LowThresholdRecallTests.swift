import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// Below 75, the best match often shares only a common word with the query, while long entries
/// share its rare words: the index weighs those far higher, and a pass that keeps only candidates
/// near the best weight never scores the short entry that is the best match. (`Frobnicate the
/// layer` needs the candidates chosen by overlap: `the` is rare here, so even a floor of 0.1 of
/// the best weight cuts `Duplicate layer`.)
@Suite struct LowThresholdRecallTests {
    /// 300 two-word entries `<word> layer`, and a few long sentences with the query's rare word.
    static func memory() throws -> TranslationMemory {
        let words = ["Duplicate", "Merge", "Lock", "Hide", "Show", "Flatten", "Rename", "Delete", "Move", "Select"]
        var units: [TranslationUnit] = []
        for i in 0..<300 {
            units.append(unit("\(words[i % words.count]) layer \(i / words.count == 0 ? "" : "group\(i / words.count)")"
                .trimmingCharacters(in: .whitespaces), "레이어 \(i)"))
        }
        for i in 0..<3 {
            units.append(unit("Frobnicate every layer of the selected items in the current document window \(i)", "문서 \(i)"))
            units.append(unit("Frobnicate the selected items in the current document window before saving \(i)", "저장 \(i)"))
        }
        return try store(units)
    }

    static let queries = ["Frobnicate layer", "Frobnicate layers", "Frobnicate the layer"]

    func best(_ tm: TranslationMemory, _ q: String, _ configure: (inout LookupOptions) -> Void = { _ in }) throws -> Int? {
        var options = LookupOptions(minScore: 50, limit: 1)
        configure(&options)
        return try tm.lookup(q, options: options).first?.score
    }

    @Test func theIndexedLookupFindsTheBestOfEntriesSharingOnlyACommonWord() throws {
        let tm = try Self.memory()
        for q in Self.queries {
            let exhaustive = try best(tm, q) { $0.exhaustive = true }
            #expect((50...74).contains(exhaustive ?? 0), "\(q): the best match shares one word (50, or 57 with the article)")
            #expect(try best(tm, q) == exhaustive, "\(q): indexed lookup")
        }
    }

    /// The same queries with the wide pass as it was (320 candidates, all by weight, those within
    /// 0.3 of the best) and with the narrow pass alone: both miss, so the test above can fail.
    @Test func theNarrowerPassesMissThem() throws {
        let tm = try Self.memory()
        for q in Self.queries {
            let old = try best(tm, q) { $0.wideCandidates = 320; $0.wideFloor = 0.3; $0.wideByOverlap = 0 }
            #expect((old ?? 0) < 50, "\(q): old wide pass")
            let narrow = try best(tm, q) { $0.widePass = false }
            #expect((narrow ?? 0) < 50, "\(q): narrow pass")
        }
    }
}
