import Foundation
import SQLiteKit
import Testing
import TMCore
@testable import TranslationMemory

/// Open and read failures that must say what they are, without changing the file.
@Suite struct StoreErrorTests {
    @Test func aStoreFromANewerTmkitIsRefusedWithoutAnyChangeToTheFile() throws {
        let path = temporaryStorePath()
        do {
            let tm = try TranslationMemory(path: path)
            try tm.importUnits([unit("Open file", "파일 열기")])
        }
        do {
            // As a newer tmkit might leave it: rollback journal, a higher schema version.
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA journal_mode=DELETE; PRAGMA user_version = 99")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try TranslationMemory(path: path)
        } throws: { error in
            "\(error)".contains("schema version 99 is newer")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test(arguments: [
        [0xFF, 0x00, 0x01, 0x00] as [UInt8],  // a kind byte past the last kind
        [0x00, 0x00, 0x03, 0x7F, 0x41],  // a key longer than the blob
        [0x00, 0xFF, 0xFF, 0xFF],  // a varint that never ends
        [0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],  // a huge key length
    ])
    func aCorruptTokenBlobIsAnErrorNotACrash(blob: [UInt8]) throws {
        let tm = try store([unit("Open the file", "파일 열기"), unit("Save the file", "파일 저장")])
        let s = try tm.db.statement("UPDATE entry SET source_tokens = ? WHERE source = 'Open the file'")
        s.bind(1, blob: blob)
        try s.step()
        #expect {
            _ = try tm.lookup("Open the file", options: LookupOptions(minScore: 50, limit: 5))
        } throws: { error in
            "\(error)".contains("damaged") && "\(error)".contains("entry 1")
        }
    }

    @Test func aValidBlobDecodesAsBefore() throws {
        let side = AnalyzedSide(tokens: [StoredToken(kind: .word, key: "파일", start: 0, end: 2), StoredToken(kind: .particle, key: "을", start: 2, end: 3)])
        let bytes = side.encoded
        let decoded = try bytes.withUnsafeBytes { raw throws(AnalyzedSide.Damaged) in try AnalyzedSide(decoding: raw) }
        #expect(decoded.tokens == side.tokens)
    }

    @Test func aTextFileIsStillNotADatabaseAndAGarbledStoreIsDamaged() throws {
        let path = temporaryStorePath()
        do {
            let tm = try TranslationMemory(path: path)
            try tm.importUnits((0..<500).map { unit("Sentence \($0) of many", "문장 \($0)") })
        }
        // Overwrite everything after the header page with noise.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        var noise = [UInt8](repeating: 0, count: Int(size) - 4096)
        for i in noise.indices { noise[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        try handle.write(contentsOf: Data(noise))
        try handle.close()
        #expect {
            let tm = try TranslationMemory(path: path)
            _ = try tm.lookup("Sentence 7 of many", options: LookupOptions(minScore: 50, limit: 5))
        } throws: { error in
            "\(error)".contains("damaged") && !"\(error)".contains("not a tmkit")
        }
    }
}
