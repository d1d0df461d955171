import Foundation
import TMCore
import Testing
@testable import Terminology

/// The store's concept records: every field kept, schema 2's JSON still read, damage an error.
@Suite struct ConceptCodecTests {
    /// A concept with every field of the model set, optional ones included.
    static func everyField() -> Concept {
        let t = Transaction(kind: .modification, user: "kim", date: "2024-05-01T10:00:00Z", note: "status")
        let p = Property(element: "xref", type: "externalCrossReference", value: "ISO", target: "https://iso.org", language: .english)
        return Concept(id: "c7", subjectField: "law", definitions: [Definition(language: .korean, text: "정의", source: "사전")],
                       notes: ["n1", "둘째 메모"], transactions: [Transaction(kind: .origination, user: nil, date: "2024-01-01")],
                       properties: [p, Property(element: "note", type: "", value: "x")],
                       terms: [
                           Term(language: .korean, text: "안보", status: .preferred, partOfSpeech: .noun, termType: "fullForm",
                                notes: ["a"], source: "corpus", contexts: [Context(text: "안보 회의", source: "s", parallel: "security talks")],
                                transactions: [t], properties: [p], evidence: Evidence(score: 0.875, count: 12, sourceCount: 14, targetCount: 300_000)),
                           Term(language: LanguageTag("en-US")!, text: "security", status: .candidate),
                           Term(language: .english, text: "", status: nil, evidence: Evidence(score: -0.5, count: -3)),
                       ])
    }

    @Test func aRecordKeepsEveryField() throws {
        for c in [Self.everyField(), Concept()] + (try readTBX(fullTBXBasic)).concepts {
            let bytes = ConceptCodec.encode(c)
            #expect(bytes.first == ConceptCodec.version)
            #expect(try bytes.withUnsafeBytes { try ConceptCodec.decode($0) } == c)
        }
    }

    /// Every cut of a record and a flipped version byte are errors, not crashes or garbage.
    @Test func aDamagedRecordIsAnError() throws {
        let bytes = ConceptCodec.encode(Self.everyField())
        for n in 0..<bytes.count {
            #expect(throws: ConceptCodec.Damaged.self) { try Array(bytes.prefix(n)).withUnsafeBytes { try ConceptCodec.decode($0) } }
        }
        #expect(throws: ConceptCodec.Damaged.self) { try (bytes + [0]).withUnsafeBytes { try ConceptCodec.decode($0) } }
        var other = bytes
        other[0] = 9
        #expect(throws: ConceptCodec.Damaged.self) { try other.withUnsafeBytes { try ConceptCodec.decode($0) } }
    }

    /// A schema 2 store (concepts as JSON) is read as it is, and marked 3 when opened to write.
    @Test func aSchemaTwoStoreIsStillRead() throws {
        let path = GlossaryStoreTests.storePath()
        let concept = Self.everyField()
        do {
            let store = try GlossaryStore(path: path)
            let id = try store.insert(concept)
            let json = try JSONEncoder().encode(concept)
            let s = try store.db.statement("UPDATE concepts SET data = ? WHERE id = ?")
            s.bind(1, blob: Array(json))
            s.bind(2, id)
            try s.step()
            s.reset()
            try store.setMeta("schema", "2")
        }
        let reader = try GlossaryStore(path: path, create: false, readOnly: true)
        #expect(try reader.meta("schema") == "2")
        #expect(try reader.termBase().concepts == [concept])
        let writer = try GlossaryStore(path: path, create: false)
        #expect(try writer.meta("schema") == GlossaryStore.schemaVersion)
        #expect(try writer.termBase().concepts == [concept])
    }

    @Test func aDamagedBlobInAStoreIsAStoreError() throws {
        let store = try GlossaryStore(path: GlossaryStoreTests.storePath())
        let id = try store.insert(Self.everyField())
        let s = try store.db.statement("UPDATE concepts SET data = substr(data, 1, 20) WHERE id = ?")
        s.bind(1, id)
        try s.step()
        s.reset()
        #expect { try store.concept(id) } throws: { error in
            guard case .store = error as? TerminologyError else { return false }
            return "\(error)".contains("damaged concept record")
        }
    }

    /// A second import of the same file adds nothing (duplicates are found through the store).
    @Test func importingAFileTwiceAddsNothing() throws {
        let user = UserGlossary(path: UserGlossaryTests.temporaryPath())
        let tsv = FileManager.default.temporaryDirectory.appendingPathComponent("twice-\(UUID().uuidString).tsv")
        try Data("ceasefire\t휴전\nsecurity\t안보\nceasefire\t휴전\n".utf8).write(to: tsv)
        #expect(try user.importFile(tsv.path, sourceLanguage: .english, targetLanguage: .korean) == 2)
        #expect(try user.importFile(tsv.path, sourceLanguage: .english, targetLanguage: .korean) == 0)
        let tbx = try temporaryFile("twice.tbx", fullTBXBasic)
        #expect(try user.importFile(tbx) == 1)
        #expect(try user.importFile(tbx) == 0)
        #expect(try user.open().conceptCount() == 3)
    }
}
