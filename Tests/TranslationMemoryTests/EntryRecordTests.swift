import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// One entry value and one import summary value serve the CLI (snake_case) and the API
/// (camelCase); each spelling keeps its keys, and either decodes back.
@Suite struct EntryRecordTests {
    static func object(_ value: some Encodable) throws -> [String: Any] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try JSONSerialization.jsonObject(with: e.encode(value)) as! [String: Any]
    }

    static let unit = TranslationUnit(
        source: "Open", target: "열기", sourceLanguage: .english, targetLanguage: .korean, id: "tu1", context: "menu",
        created: Date(timeIntervalSince1970: 1_700_000_000), creator: "kim",
        properties: [.init(type: "x-package", value: "gedit")], notes: ["checked"])

    @Test func entryKeysForTheCLIAndTheAPI() throws {
        let entry = TMEntry(id: 17, unit: Self.unit, seen: 3, imported: Date(timeIntervalSince1970: 1_700_000_100),
                            origins: [EntryOrigin(file: "/a.tmx", count: 3)])
        let cli = try Self.object(EntryRecord(entry, origins: true))
        #expect(Set(cli.keys) == ["id", "source", "target", "source_lang", "target_lang", "context", "tuid", "created", "creator",
                                  "imported", "seen", "notes", "properties", "origins"])
        #expect(cli["id"] as? String == "17")
        #expect(cli["created"] as? String == "2023-11-14T22:13:20Z")
        #expect(try Self.object(EntryRecord(entry, origins: false))["origins"] == nil)
        let api = try Self.object(EntryRecord(id: 17, unit: Self.unit))
        #expect(Set(api.keys) == ["id", "source", "target", "sourceLanguage", "targetLanguage", "context", "tuid", "created",
                                  "creator", "notes", "properties"])
        #expect(api["id"] as? Int == 17)
        #expect((api["properties"] as? [[String: String]])?.first == ["type": "x-package", "value": "gedit"])
        for record in [EntryRecord(entry, origins: true), EntryRecord(id: 17, unit: Self.unit)] {
            #expect(try JSONDecoder().decode(EntryRecord.self, from: JSONEncoder().encode(record)) == record)
        }
    }

    @Test func importSummaryKeysForTheCLIAndTheAPI() throws {
        var s = ImportSummary(file: "a.tsv")
        s.read = 5
        s.added = 3
        s.duplicates = 1
        s.skipped = ["empty target": 1]
        s.seconds = 0.123456
        let cli = try Self.object(ImportRecord(s, keys: .snakeCase))
        #expect(Set(cli.keys) == ["file", "read", "added", "duplicates", "skipped", "skipped_by_reason", "reimport", "seconds"])
        #expect(cli["skipped"] as? Int == 1)
        #expect(cli["seconds"] as? Double == 0.123)
        let api = try Self.object(ImportRecord(s, memory: "team", keys: .camelCase))
        #expect(Set(api.keys) == ["file", "memory", "read", "added", "duplicates", "skipped"])
        #expect(api["skipped"] as? [String: Int] == ["empty target": 1])
        let back = try JSONDecoder().decode(ImportRecord.self, from: JSONEncoder().encode(ImportRecord(s, memory: "team", keys: .camelCase)))
        #expect(back.summary.skipped == s.skipped && back.memory == "team" && back.keys == .camelCase)
    }
}
