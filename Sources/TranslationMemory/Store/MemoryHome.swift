import Foundation
import SQLiteKit
import TMCore

/// The named memories of one home folder: `default` is `HOME/memory.sqlite`, any other name
/// `HOME/memories/NAME.sqlite`.
public struct MemoryHome: Sendable {
    public let folder: String
    public static let defaultName = "default"

    /// The memories of `folder` (default: `$TMKIT_HOME`).
    public init(folder: String = TMKitHome.path) { self.folder = folder }

    /// One memory of the home, with its entry count.
    public struct Memory: Sendable, Hashable {
        public var name: String
        public var path: String
        public var entries: Int
        public var bytes: Int64
    }

    /// The file of memory `name` (it may not exist yet); refuses names that cannot be file names.
    public func path(of name: String) throws -> String {
        try Self.validate(name)
        return name == Self.defaultName ? folder + "/memory.sqlite" : folder + "/memories/\(name).sqlite"
    }

    /// The file of an existing memory `name`, or `noSuchMemory`.
    public func existingPath(of name: String) throws -> String {
        let p = try path(of: name)
        guard FileManager.default.fileExists(atPath: p) else { throw TranslationMemoryError.noSuchMemory(name: name, home: folder) }
        return p
    }

    static func validate(_ name: String) throws {
        let ok = !name.isEmpty && name.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0) }
        if !ok { throw TranslationMemoryError.invalidMemoryName(name) }
    }

    /// The memories that exist, `default` first, then by name.
    public func list() throws -> [Memory] {
        var names: [String] = []
        if FileManager.default.fileExists(atPath: folder + "/memory.sqlite") { names.append(Self.defaultName) }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/memories")) ?? []
        names += files.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(7)) }.filter { $0 != Self.defaultName }.sorted()
        return try names.map { name in
            let p = try path(of: name)
            let tm = try TranslationMemory(path: p, create: false)
            let s = try tm.statistics()
            return Memory(name: name, path: p, entries: s.entries, bytes: s.bytes)
        }
    }

    /// Creates an empty memory `name`; an existing one is an error.
    @discardableResult
    public func create(_ name: String) throws -> String {
        let p = try path(of: name)
        if FileManager.default.fileExists(atPath: p) { throw TranslationMemoryError.memoryExists(name: name, home: folder) }
        _ = try TranslationMemory(path: p, create: true)
        return p
    }

    /// Renames memory `old` to `new` (the file moves; nothing else changes).
    public func rename(_ old: String, to new: String) throws {
        let from = try existingPath(of: old)
        let to = try path(of: new)
        if FileManager.default.fileExists(atPath: to) { throw TranslationMemoryError.memoryExists(name: new, home: folder) }
        try Self.settle(from)
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            try fm.moveItem(atPath: from, toPath: to)
        } catch {
            throw TranslationMemoryError.store(path: from, reason: "cannot move to \(to): \(error.localizedDescription)")
        }
    }

    /// Deletes memory `name` and its files.
    public func remove(_ name: String) throws {
        let p = try existingPath(of: name)
        _ = try TranslationMemory(path: p, create: false)  // refuses a file that is no memory
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: p + suffix) {
            do {
                try FileManager.default.removeItem(atPath: p + suffix)
            } catch {
                throw TranslationMemoryError.store(path: p + suffix, reason: "cannot remove: \(error.localizedDescription)")
            }
        }
    }

    /// Folds the write-ahead log into the file, so the file alone is the memory.
    static func settle(_ path: String) throws {
        let tm = try TranslationMemory(path: path, create: false)
        try tm.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}

extension TranslationMemory {
    /// Adds the entries of `other` that `filter` covers to this memory, in one transaction,
    /// keeping their provenance: each entry is linked to the files it came from with their counts
    /// (an entry both memories have from the same file is counted once). Returns one summary per file.
    public func merge(from other: TranslationMemory, matching filter: TMFilter = TMFilter()) throws -> [ImportSummary] {
        guard other.path != path else { throw TranslationMemoryError.invalidRequest("\(path): cannot merge a memory into itself") }
        var origins: [String] = []
        let s = try other.db.uncachedStatement("SELECT file FROM origin WHERE id IN (SELECT origin FROM entry_origin) ORDER BY id")
        while try s.step() { origins.append(s.string(0) ?? "") }
        var summaries: [ImportSummary] = []
        try db.transaction {
            for origin in origins {
                let links = try other.db.uncachedStatement("""
                    SELECT eo.entry, eo.count FROM entry_origin eo JOIN origin o ON o.id = eo.origin WHERE o.file = ?
                    """)
                links.bind(1, origin)
                var counts: [Int64: Int] = [:]
                while try links.step() { counts[links.int64(0)] = links.int(1) }
                var byOrigin = filter
                byOrigin.origin = nil
                summaries.append(try importCounted(file: origin, origin: origin) { emit in
                    try withoutActuallyEscaping(emit) { emit in
                        try other.entries(matching: byOrigin) { e in
                            if let n = counts[e.id] { try emit(e.unit, n) }
                        }
                    }
                    return [:]
                })
            }
        }
        return summaries
    }
}
