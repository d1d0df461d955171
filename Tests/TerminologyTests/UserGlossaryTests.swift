import Foundation
import TMCore
import Testing
@testable import Terminology

@Suite struct UserGlossaryTests {
    static func temporaryPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-user-\(UUID().uuidString)")
        return dir.appendingPathComponent("glossary.sqlite").path
    }

    @Test func addAndRemove() throws {
        let user = UserGlossary(path: Self.temporaryPath())
        try user.add(source: "휴전", target: "ceasefire", note: "news")
        try user.add(source: "security", target: "안보", note: nil)  // oriented by script
        var g = try user.load()
        #expect(g.sourceLanguage == .korean)
        #expect(g.entries.map { [$0.source, $0.target] } == [["휴전", "ceasefire"], ["안보", "security"]])
        #expect(g.entries[0].note == "news")
        #expect(try user.remove(term: "ceasefire") == 1)
        g = try user.load()
        #expect(g.entries.map(\.source) == ["안보"])
        #expect(throws: TerminologyError.self) { try user.remove(term: "없는말") }
    }

    @Test func failedImportLeavesTheGlossaryIntact() throws {
        let user = UserGlossary(path: Self.temporaryPath())
        try user.add(source: "안보", target: "security", note: nil)
        let before = try Data(contentsOf: URL(fileURLWithPath: user.path))
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tbx")
        try Data("<tbx><text><body><conceptEntry>".utf8).write(to: bad)
        #expect(throws: (any Error).self) { try user.importFile(bad.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: user.path)) == before)
        let badTSV = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tsv")
        try Data([0x41, 0x09, 0xFF, 0x0A]).write(to: badTSV)
        #expect { try user.importFile(badTSV.path) } throws: { error in
            error is TerminologyError && "\(error)".hasPrefix(badTSV.path + ":1:3:")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: user.path)) == before)
    }

    @Test func importMergesAndReorientsEntries() throws {
        let user = UserGlossary(path: Self.temporaryPath())
        try user.add(source: "안보", target: "security", note: nil)
        let tsv = FileManager.default.temporaryDirectory.appendingPathComponent("in-\(UUID().uuidString).tsv")
        try Data("ceasefire\t휴전\nsecurity\t안보\n".utf8).write(to: tsv)
        let added = try user.importFile(tsv.path, sourceLanguage: .english, targetLanguage: .korean)
        #expect(added == 1)
        #expect(try user.load().entries.map(\.source) == ["안보", "휴전"])
    }
}
