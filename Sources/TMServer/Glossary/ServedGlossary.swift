import Foundation
import PostgresStore
import TMCore
import Terminology

/// A glossary `tmkit serve` serves, always through a glossary store (`GlossaryStoring`), as the
/// CLI reads it:
///
/// - a glossary in the PostgreSQL database (`--database`) is served from there and may be
///   reviewed: several servers on the database share it, and each sees the others' changes;
/// - a store (the user's `glossary.sqlite`, or any store `glossary review --store` names) is
///   served as it is and may be reviewed: every change is a store transaction with the
///   reviewer and the date, the same change path as `tmkit glossary review`;
/// - an exchange file (TBX, TSV, CSV) is compiled into the compile cache, as `--glossary FILE`
///   is on the CLI (and compiled again when the file changes). It is served read-only: a
///   compiled index is rebuilt from its file, so changes made to it would be lost.
///
/// The store is opened for each request (a store is one connection, used by one thread), so
/// a change made by the CLI, another server or another browser is seen by the next request.
public struct ServedGlossary: Sendable {
    public var name: String
    /// The store a request opens (for a compiled file, its place in the cache).
    public var path: String
    /// The exchange file compiled into `path`, or nil for a store served as it is.
    public var file: String?
    /// The database holding the glossary (named `name` there), or nil for a SQLite store.
    public var database: PostgresGlossaries?

    /// Whether reviewers may change it (a store, not a compiled file).
    public var isWritable: Bool { file == nil }

    /// The glossary `name` of the PostgreSQL database `database`.
    public init(name: String, database: PostgresGlossaries) {
        self.name = name
        self.database = database
        path = database.location.description
    }

    /// `path` is a glossary store or a TBX/TSV/CSV file; which is told by its content.
    public init(name: String, path: String) {
        self.name = name
        if GlossaryCatalog.isStore(path) {
            self.path = path
        } else {
            self.path = GlossaryCache.storePath(for: path)
            file = path
        }
    }

    /// Opens the store once (compiling the file when it must be), so a bad glossary is an
    /// error when the server starts, not at the first request.
    public func prepare(notes: ((String) -> Void)? = nil) throws {
        if let database {
            _ = try database.open(name)
        } else if let file {
            _ = try GlossaryCache.store(for: file, notes: notes)
        } else {
            _ = try GlossaryStore(path: path, create: false, readOnly: true)
        }
    }

    /// The store for one request; `write` for a change (refused with 409 for a compiled file).
    func open(write: Bool = false) throws -> any GlossaryStoring {
        if let database { return try database.open(name) }
        if let file {
            guard !write else {
                throw APIError(.conflict, "glossary '\(name)' is compiled from \(file), which is read-only here: "
                               + "import it into a store (tmkit glossary import \(file)) and serve the store to review it")
            }
            return try GlossaryCache.store(for: file)
        }
        guard FileManager.default.fileExists(atPath: path) else { throw APIError(.notFound, "glossary '\(name)': \(path) is not there") }
        return try GlossaryStore(path: path, create: false, readOnly: !write)
    }

    /// Changes whenever the store changes (a commit touches the store or its write-ahead
    /// log): what the review page polls to see other reviewers' changes.
    func version() -> String {
        if let database { return (try? database.version(of: name)) ?? "-" }
        var parts: [String] = []
        for p in [file, path, path + "-wal"].compactMap({ $0 }) {
            var st = stat()
            if stat(p, &st) == 0 { parts.append("\(st.st_size).\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)") } else { parts.append("-") }
        }
        return parts.joined(separator: ":")
    }

    /// Entries for `term`, best first (as `tmkit glossary lookup`).
    func lookup(_ term: String, fuzzy: Bool, limit: Int) throws -> [GlossaryMatch] {
        try GlossaryLookup(stores: [(name, try open())]).lookup(term, fuzzy: fuzzy, limit: limit)
    }

    /// The glossary's terms in `text` (as `tmkit glossary spot`): read through the store's key
    /// index, only the terms the text can match.
    func spot(_ text: String, minScore: Double = 0, maxTranslations: Int = 3) throws -> (sentences: [String], spots: [TermSpotter.Spot]) {
        let index = try GlossaryTextIndex(stores: [(name, try open())]).index(for: [text])
        return TermSpotter(index: index, maxTranslations: maxTranslations, minScore: minScore).spot(text)
    }
}
