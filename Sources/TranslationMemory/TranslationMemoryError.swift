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
        }
    }
}
