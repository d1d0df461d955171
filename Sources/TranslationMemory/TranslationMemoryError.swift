import Foundation
import SQLiteKit
import TMCore

/// Errors of the TranslationMemory module. Each message names the store file or the input position.
public enum TranslationMemoryError: Error, CustomStringConvertible, Sendable {
    /// SQLite failed on the store at `path`.
    case store(path: String, reason: String)
    /// The file at `path` exists but is not a tmkit translation memory; it was not modified.
    case notATranslationMemory(path: String, reason: String)
    /// The store was written by a newer tmkit (schema `found` > `supported`).
    case newerSchema(path: String, found: Int, supported: Int)
    /// No store at `path` yet.
    case missingStore(path: String)
    /// A unit's language code is not a known ISO 639 language.
    case unknownLanguage(code: String, location: SourceLocation?)
    /// An input file could not be imported; nothing from it was stored.
    case importFailed(file: String, reason: String)
    /// No entry with this id in the store at `path`.
    case noSuchEntry(id: Int64, path: String)
    /// No memory of this name in the home folder.
    case noSuchMemory(name: String, home: String)
    /// A memory of this name exists already.
    case memoryExists(name: String, home: String)
    /// A memory name that cannot be a file name.
    case invalidMemoryName(String)
    /// A change that would leave an entry unusable (an empty source or target...).
    case invalidChange(id: Int64, reason: String)
    /// A maintenance request that cannot be done as asked.
    case invalidRequest(String)
    /// The store (or its folder) is read-only: it was opened for reading, and a write was refused.
    case readOnly(path: String)
    /// Another process holds the store's write lock (and did not let go in time).
    case busy(path: String)
    /// The disk filled up while writing; the transaction was rolled back.
    case diskFull(path: String)
    /// The store is truncated or corrupt; `check` is the first line of `PRAGMA integrity_check`.
    case damaged(path: String, check: String)
    /// An entry's stored analysis cannot be decoded.
    case damagedEntry(path: String, id: Int64)

    public var description: String {
        switch self {
        case let .store(path, reason): return "\(path): \(reason)"
        case let .notATranslationMemory(path, reason):
            return "\(path): not a tmkit translation memory (\(reason)); the file was left unchanged"
        case let .newerSchema(path, found, supported):
            return "\(path): store schema version \(found) is newer than this tmkit supports (\(supported))"
        case let .missingStore(path):
            return "\(path): no translation memory here yet (run `tmkit tm import` first)"
        case let .unknownLanguage(code, location):
            return "\(location.map { "\($0): " } ?? "")unknown language code '\(code)'"
        case let .importFailed(file, reason):
            // Format errors already name file:line:column.
            let prefix = reason.hasPrefix(file) ? "" : "\(file): "
            return "\(prefix)\(reason); nothing from this file was imported"
        case let .noSuchEntry(id, path):
            return "\(path): no entry #\(id); nothing was changed"
        case let .noSuchMemory(name, home):
            return "no memory named '\(name)' in \(home) (see `tmkit tm memory list`)"
        case let .memoryExists(name, home):
            return "a memory named '\(name)' already exists in \(home)"
        case let .invalidMemoryName(name):
            return "'\(name)' cannot be a memory name (use letters, digits, '-', '_' or '.', not starting with '.')"
        case let .invalidChange(id, reason):
            return "entry #\(id): \(reason); nothing was changed"
        case let .invalidRequest(reason):
            return reason
        case let .readOnly(path):
            return "\(path): the translation memory is read-only (read-only file or folder): lookups, concordance, stats and export work, but nothing can be written to it"
        case let .busy(path):
            return "\(path): another process is writing to this translation memory; nothing was imported (try again when it has finished)"
        case let .diskFull(path):
            let wal = path + "-wal"
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? nil
            let log = size.map { String(format: "; the write-ahead log %@ (%.1f MB) is left beside it", wal, Double($0) / 1_048_576) } ?? ""
            return "\(path): the disk is full: the write was rolled back and the store holds what it held before\(log). Free some space, then run `tmkit tm stats --tm \(path)`, which folds the log back into the store and removes it"
        case let .damaged(path, check):
            return "\(path): the translation memory is damaged (truncated or corrupt; integrity check: \(check)); restore it from a backup, or export what is readable with `tmkit tm export`"
        case let .damagedEntry(path, id):
            return "\(path): the translation memory is damaged: the stored analysis of entry \(id) cannot be read; restore it from a backup, or re-import its source files"
        }
    }
}

extension TranslationMemoryError {
    /// The translation memory's error for an SQLite failure on its store.
    @Sendable static func sqlite(path: String, failure: SQLiteFailure) -> TranslationMemoryError {
        switch failure {
        case .readOnly: return .readOnly(path: path)
        case .busy: return .busy(path: path)
        case .diskFull: return .diskFull(path: path)
        case let .damaged(check): return .damaged(path: path, check: check)
        case let .other(reason): return .store(path: path, reason: reason)
        }
    }
}
