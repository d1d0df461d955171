import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// Inline codes kept in the text fields (`CodedText`): stored and read back as they were,
/// matched as placeholders, and a tagged unit is never a duplicate of an untagged one.
@Suite struct InlineCodeStoreTests {
    static let tagged = CodedText.encode([.code(InlineCode(.open, id: "1", native: "{\\b ")), .text("Warning"),
                                          .code(InlineCode(.close, id: "1", native: "}")), .text(": disk full")])
    static let taggedTarget = CodedText.encode([.code(InlineCode(.open, id: "1", native: "{\\b ")), .text("경고"),
                                                .code(InlineCode(.close, id: "1", native: "}")), .text(": 디스크 가득 참")])

    @Test func taggedAndUntaggedUnitsAreTwoEntriesAndCodesComeBack() throws {
        let tm = try store([unit(Self.tagged, Self.taggedTarget), unit("Warning: disk full", "경고: 디스크 가득 참")])
        var sources: [String] = []
        try tm.forEachEntry { sources.append($0.source) }
        #expect(sources.sorted() == [Self.tagged, "Warning: disk full"].sorted())
        // The text alone finds the untagged entry at 100 and the tagged one below it; the
        // tagged query finds the tagged one at 100.
        let plain = try tm.lookup("Warning: disk full", options: LookupOptions(minScore: 50))
        #expect(plain.first?.source == "Warning: disk full" && plain.first?.score == 100)
        #expect(plain.allSatisfy { $0.source != Self.tagged || $0.score < 100 })
        let coded = try tm.lookup(Self.tagged, options: LookupOptions(minScore: 50))
        #expect(coded.first?.source == Self.tagged && coded.first?.score == 100)
        #expect(CodedText.codes(coded.first!.target).map(\.native) == ["{\\b ", "}"])
        // Other native content at the same places matches as well (codes are keyed by kind).
        let other = CodedText.encode([.code(InlineCode(.open, id: "5")), .text("Warning"), .code(InlineCode(.close, id: "5")), .text(": disk full")])
        #expect(try tm.lookup(other, options: LookupOptions(minScore: 50)).first?.source == Self.tagged)
    }
}
