import Foundation
import Testing
import TMCore
@testable import Segmentation

/// Golden files beside this test: every sentence of both seed documents as tmkit splits them,
/// and the tokens and keys of the Korean lines. Run with `TMKIT_UPDATE_GOLDEN=1` to rewrite
/// them after a deliberate change, then review the diff.
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let seeds = ["000_4c23fdcbcb8a8f20", "002_19ba1f540136ba9f"]

    func seed(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent("seeds/\(name).txt"), encoding: .utf8)
    }

    func check(_ actual: String, against file: String) throws {
        let url = Self.golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["TMKIT_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if let i = (0..<min(a.count, e.count)).first(where: { a[$0] != e[$0] }) {
            Issue.record("\(file):\(i + 1): expected \(e[i]) but got \(a[i])")
        } else {
            #expect(a.count == e.count, "\(file): \(a.count) lines, golden has \(e.count)")
        }
    }

    static func tokenTable(_ segments: [Segment]) -> String {
        var s = ""
        for segment in segments {
            s += segment.text + "\n"
            for t in segment.tokens {
                s += "\t\(t.text)\t\(t.kind.rawValue)\t\(t.script.rawValue)\t\(t.key)\n"
            }
        }
        return s
    }

    @Test(arguments: seeds)
    func sentencesOfTheSeeds(name: String) throws {
        let sentences = SentenceSplitter().sentences(in: try seed(name))
        try check(sentences.joined(separator: "\n") + "\n", against: "\(name).sentences.txt")
    }

    /// Without the system dictionary: what the text itself teaches.
    @Test func koreanTokensOfTheSeedLearnedFromTheTextAlone() throws {
        let segments = Segmenter(lexicon: KoreanLexicon()).analyzeDocument(try seed(Self.seeds[1]))
        let korean = segments.filter { $0.tokens.contains { $0.script == .hangul } }
        try check(Self.tokenTable(korean), against: "\(Self.seeds[1]).korean-tokens.txt")
    }

    /// With Debian's hunspell-ko dictionary, as `.ci/run` installs it.
    @Test(.enabled(if: KoreanLexicon.hunspellPaths.contains { FileManager.default.fileExists(atPath: $0) }))
    func koreanTokensOfTheSeedWithTheSystemDictionary() throws {
        var lexicon = KoreanLexicon()
        #expect(KoreanLexicon.hunspellPaths.contains { lexicon.addHunspellNouns(at: $0) })
        let segments = Segmenter(lexicon: lexicon).analyzeDocument(try seed(Self.seeds[1]))
        let korean = segments.filter { $0.tokens.contains { $0.script == .hangul } }
        try check(Self.tokenTable(korean), against: "\(Self.seeds[1]).korean-tokens.hunspell.txt")
        let keys = korean.flatMap(\.tokens).map(\.key)
        for expected in ["극우", "배제", "유럽", "안보", "트럼프", "스위스화", "협상", "장기화"] {
            #expect(keys.contains(expected), "\(expected) is not a key")
        }
    }
}
