import Foundation

/// The files entries came from.
enum Origin {
    /// How a file is recorded: its absolute, standardized path; a name that is no path
    /// (`<stdin>`, `<memory>`) as given.
    static func key(for file: String) -> String {
        if file.hasPrefix("<") || file.isEmpty { return file.isEmpty ? "<unknown>" : file }
        if file == "-" { return "<stdin>" }
        return URL(fileURLWithPath: file).standardizedFileURL.path
    }
}

/// One file entries came from, with what the store holds of it.
public struct OriginSummary: Sendable, Hashable, Codable {
    /// The file's absolute path (or `<stdin>`, `<memory>`, `<unknown>` for entries of older stores).
    public var file: String
    /// Entries linked to this file.
    public var entries: Int
    /// Units of this file counted for those entries (a unit the file had twice counts 2).
    public var units: Int
    /// When it was last imported.
    public var lastImported: Date?
}

/// A file an entry came from, and how many times that file had it.
public struct EntryOrigin: Sendable, Hashable, Codable {
    public var file: String
    public var count: Int
}
