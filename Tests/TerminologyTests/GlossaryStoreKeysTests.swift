import Foundation
import Segmentation
import TMCore
import Testing
@testable import Terminology

/// Match keys do not depend on the order concepts are added in: a key is made with the
/// glossary's whole lexicon, in bulk loads and single additions alike.
@Suite struct GlossaryStoreKeysTests {
    static func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-gsk-\(UUID().uuidString)/g.sqlite").path
    }

    static func keys(_ store: GlossaryStore) throws -> [String] {
        var out: [String] = []
        try store.terms(keyLength: 0...Int.max) { out.append("\($0.language.code)\t\($0.text)\t\($0.key)") }
        return out.sorted()
    }

    static let concepts = [
        Concept(terms: [Term(language: .korean, text: "안보의"), Term(language: .english, text: "of security")]),
        Concept(terms: [Term(language: .korean, text: "유럽안보"), Term(language: .english, text: "European security")]),
        Concept(terms: [Term(language: .korean, text: "안보"), Term(language: .english, text: "security")]),
        Concept(terms: [Term(language: .korean, text: "유럽"), Term(language: .english, text: "Europe")]),
    ]

    @Test func aBulkLoadKeysTheSameInAnyOrder() throws {
        var results: [[String]] = []
        for order in [Self.concepts, Self.concepts.reversed(), [Self.concepts[2], Self.concepts[0], Self.concepts[3], Self.concepts[1]]] {
            let store = try GlossaryStore(path: Self.storePath())
            try store.importTermBase(TermBase(sourceLanguage: .korean, targetLanguage: .english, concepts: order), user: nil)
            results.append(try Self.keys(store))
        }
        #expect(results[0] == results[1] && results[1] == results[2])
        #expect(results[0].contains("ko\t유럽안보\t유럽안보") && results[0].contains("en\tEuropean security\teuropeansecurity"))
    }

    @Test func singleAdditionsKeyAgainWhatANewWordChanges() throws {
        let bulk = try GlossaryStore(path: Self.storePath())
        try bulk.importTermBase(TermBase(sourceLanguage: .korean, targetLanguage: .english, concepts: Self.concepts), user: nil)
        for order in [Self.concepts, Self.concepts.reversed()] {
            let store = try GlossaryStore(path: Self.storePath())
            for c in order { try store.insert(c) }
            #expect(try Self.keys(store) == Self.keys(bulk))
        }
    }

    @Test func aCompiledFileKeysTheSameWhateverTheOrderOfItsConcepts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-gsk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let rows = ["유럽 안보\tEuropean security", "안보의\tof security", "안보\tsecurity", "협상에서\tin negotiations", "협상\tnegotiation", "유럽\tEurope"]
        var results: [[String]] = []
        for (n, lines) in [rows, rows.reversed()].enumerated() {
            let file = dir.appendingPathComponent("g\(n).tsv").path
            try ("ko\ten\n" + lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let store = try GlossaryStore(path: Self.storePath())
            try store.compile(file: file)
            results.append(try Self.keys(store))
        }
        #expect(results[0] == results[1])
        #expect(results[0].contains("ko\t협상에서\t협상"))
    }

    @Test func anOlderStoreIsKeyedAgainWhenOpenedForWriting() throws {
        let path = Self.storePath()
        let store = try GlossaryStore(path: path)
        try store.importTermBase(TermBase(sourceLanguage: .korean, targetLanguage: .english, concepts: Self.concepts), user: nil)
        let expected = try Self.keys(store)
        try store.db.execute("UPDATE terms SET key = text; DELETE FROM meta WHERE key = 'keys'")
        #expect(try Self.keys(GlossaryStore(path: path, create: false, readOnly: true)) != expected)
        #expect(try Self.keys(GlossaryStore(path: path, create: false)) == expected)
    }
}
