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
        }
    }
}
