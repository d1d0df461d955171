/// The store's schema: an `application_id` that marks a tmkit file, and numbered migrations
/// (`PRAGMA user_version` holds the last one applied).
enum TMSchema {
    /// 'TMKT' in ASCII.
    static let applicationID: Int64 = 0x544D_4B54

    /// Migrations in order; migration `i` brings the store to version `i + 1`.
    static let migrations: [String] = [
        // 1: entries, their analysed sides, postings and metadata.
        """
        CREATE TABLE entry (
            id INTEGER PRIMARY KEY,
            source_lang TEXT NOT NULL,
            target_lang TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            context TEXT,
            tuid TEXT,
            created INTEGER,
            changed INTEGER,
            creator TEXT,
            changer TEXT,
            properties TEXT,
            notes TEXT,
            origin TEXT,
            pair_hash INTEGER NOT NULL,
            source_khash INTEGER NOT NULL,
            target_khash INTEGER NOT NULL,
            source_tokens BLOB NOT NULL,
            target_tokens BLOB NOT NULL
        );
        CREATE INDEX entry_pair ON entry(pair_hash);
        CREATE INDEX entry_source_khash ON entry(source_khash);
        CREATE INDEX entry_target_khash ON entry(target_khash);
        CREATE TABLE posting (
            term INTEGER NOT NULL,
            block INTEGER NOT NULL,
            count INTEGER NOT NULL,
            ids BLOB NOT NULL,
            PRIMARY KEY (term, block)
        ) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """,
        // 2: provenance and frequency. Each entry links to the files it was imported from, with
        // how many times each file had it; `seen` is their sum, `imported` the time it was first
        // stored. Existing entries get one link to the file they came from.
        """
        ALTER TABLE entry ADD COLUMN seen INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE entry ADD COLUMN imported INTEGER;
        CREATE TABLE origin (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL UNIQUE,
            first_imported INTEGER,
            last_imported INTEGER
        );
        CREATE TABLE entry_origin (
            entry INTEGER NOT NULL,
            origin INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (entry, origin)
        ) WITHOUT ROWID;
        CREATE INDEX entry_origin_by_origin ON entry_origin(origin, entry);
        INSERT INTO origin(file) SELECT DISTINCT coalesce(origin, '<unknown>') FROM entry;
        INSERT INTO entry_origin(entry, origin, count)
            SELECT e.id, o.id, 1 FROM entry e JOIN origin o ON o.file = coalesce(e.origin, '<unknown>');
        """,
    ]

    static var currentVersion: Int { migrations.count }

    /// The entry indexes that only lookups read (an import does not): an import into an empty
    /// store drops them and builds them at its end, by one sort instead of a random insert
    /// per entry (name, then definition).
    static let lookupIndexes: [(name: String, on: String)] = [
        ("entry_source_khash", "entry(source_khash)"), ("entry_target_khash", "entry(target_khash)"),
    ]
}
