import Foundation
import SQLiteKit
import Testing
import TMCore
@testable import TranslationMemory

@Suite struct StoreTests {
    @Test func newStoreHasSchemaAndApplicationID() throws {
        let path = temporaryStorePath()
        let tm = try TranslationMemory(path: path)
        #expect(try tm.schemaVersion == TMSchema.currentVersion)
        #expect(try tm.db.integer("PRAGMA application_id") == TMSchema.applicationID)
        #expect(try tm.db.integer("SELECT count(*) FROM entry") == 0)
        #expect(try tm.db.statement("PRAGMA journal_mode").step())
    }

    @Test func reopeningKeepsEntriesAndDoesNotMigrateAgain() throws {
        let path = temporaryStorePath()
        do {
            let tm = try TranslationMemory(path: path)
            try tm.importUnits([unit("Open file", "파일 열기")])
        }
        let again = try TranslationMemory(path: path)
        #expect(try again.count() == 1)
        #expect(try again.schemaVersion == TMSchema.currentVersion)
    }

    @Test func newerSchemaIsRefused() throws {
        let path = temporaryStorePath()
        do {
            let tm = try TranslationMemory(path: path)
            try tm.db.execute("PRAGMA user_version = 99")
        }
        #expect(throws: TranslationMemoryError.self) { try TranslationMemory(path: path) }
    }

    @Test func foreignSQLiteFileIsRefusedUnchanged() throws {
        let path = temporaryStorePath()
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA journal_mode=DELETE; CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES('mine')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try TranslationMemory(path: path)
        } throws: { error in
            "\(error)".contains("not a tmkit translation memory")
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after)
    }

    @Test func otherApplicationIDIsRefused() throws {
        let path = temporaryStorePath()
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA application_id = 42")
        }
        #expect(throws: TranslationMemoryError.self) { try TranslationMemory(path: path) }
    }

    @Test func textFileIsRefusedUnchanged() throws {
        let path = temporaryStorePath()
        let text = Data("this is not a database, just some notes\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        #expect(throws: TranslationMemoryError.self) { try TranslationMemory(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func missingStoreIsAnErrorWithoutCreate() throws {
        let path = temporaryStorePath()
        #expect(throws: TranslationMemoryError.self) { try TranslationMemory(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
