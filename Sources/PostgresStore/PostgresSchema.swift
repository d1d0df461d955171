import Foundation
import Logging
import PostgresNIO

/// The tables tmkit keeps in a PostgreSQL database, all prefixed `tmkit_`: numbered migrations,
/// applied under an advisory lock so several servers starting at once migrate once.
enum PostgresSchema {
    static let lockKey: Int64 = 0x544D_4B54

    static let migrations: [String] = [
        // 1: memories, entries (unique by content hash), posting blocks, tokens.
        """
        CREATE TABLE tmkit_memory (
            id serial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            max_entry bigint NOT NULL DEFAULT 0,
            languages text NOT NULL DEFAULT ''
        );
        CREATE TABLE tmkit_entry (
            id bigserial PRIMARY KEY,
            memory integer NOT NULL REFERENCES tmkit_memory(id),
            source_lang text NOT NULL,
            target_lang text NOT NULL,
            source text NOT NULL,
            target text NOT NULL,
            context text,
            tuid text,
            created bigint,
            changed bigint,
            creator text,
            changer text,
            properties text,
            notes text,
            origin text,
            content_hash bytea NOT NULL,
            source_khash bigint NOT NULL,
            target_khash bigint NOT NULL,
            source_tokens bytea NOT NULL,
            target_tokens bytea NOT NULL,
            seen integer NOT NULL DEFAULT 1,
            imported bigint,
            UNIQUE (memory, content_hash)
        );
        CREATE INDEX tmkit_entry_source_khash ON tmkit_entry(memory, source_khash);
        CREATE INDEX tmkit_entry_target_khash ON tmkit_entry(memory, target_khash);
        CREATE TABLE tmkit_posting (
            memory integer NOT NULL,
            term bigint NOT NULL,
            block bigint NOT NULL,
            count integer NOT NULL,
            ids bytea NOT NULL,
            PRIMARY KEY (memory, term, block)
        );
        CREATE SEQUENCE tmkit_posting_block;
        CREATE TABLE tmkit_token (
            id text PRIMARY KEY,
            hash text NOT NULL UNIQUE,
            scope text NOT NULL,
            memory text,
            label text,
            created timestamptz NOT NULL DEFAULT now(),
            revoked timestamptz
        );
        """,
        // 2: glossaries: concepts as `ConceptCodec` records, their terms by match key (and key
        // length, for fuzzy look-ups), and each glossary's Korean words (the analyser's lexicon).
        """
        CREATE TABLE tmkit_glossary (
            id serial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            source_lang text,
            target_lang text,
            title text,
            longest_word integer NOT NULL DEFAULT 0,
            keys text,
            version bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE tmkit_glossary_concept (
            glossary integer NOT NULL REFERENCES tmkit_glossary(id) ON DELETE CASCADE,
            id bigint NOT NULL,
            data bytea NOT NULL,
            modified text,
            PRIMARY KEY (glossary, id)
        );
        CREATE TABLE tmkit_glossary_term (
            glossary integer NOT NULL REFERENCES tmkit_glossary(id) ON DELETE CASCADE,
            concept bigint NOT NULL,
            position integer NOT NULL,
            lang text NOT NULL,
            text text NOT NULL,
            key text NOT NULL,
            klen integer NOT NULL,
            tokens integer NOT NULL,
            status text NOT NULL,
            score double precision NOT NULL,
            freq integer NOT NULL,
            note text,
            PRIMARY KEY (glossary, concept, position)
        );
        CREATE INDEX tmkit_glossary_term_key ON tmkit_glossary_term(glossary, key);
        CREATE INDEX tmkit_glossary_term_klen ON tmkit_glossary_term(glossary, klen);
        CREATE INDEX tmkit_glossary_term_text ON tmkit_glossary_term(glossary, text);
        CREATE TABLE tmkit_glossary_word (
            glossary integer NOT NULL REFERENCES tmkit_glossary(id) ON DELETE CASCADE,
            word text NOT NULL,
            PRIMARY KEY (glossary, word)
        );
        """,
    ]

    static var currentVersion: Int { migrations.count }

    /// Creates or upgrades the `tmkit_*` tables on `c` (once, under an advisory lock, so several
    /// servers starting at once migrate once).
    static func migrate(_ c: PostgresConnection, database: String, logger: Logger) async throws {
        try await c.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        do {
            try await c.query("CREATE TABLE IF NOT EXISTS tmkit_schema (version integer NOT NULL)", logger: logger)
            var version = 0
            for try await v in try await c.query("SELECT version FROM tmkit_schema", logger: logger).decode(Int.self) {
                version = v
            }
            if version > currentVersion {
                throw PostgresStoreError.newerSchema(database: database, found: version, supported: currentVersion)
            }
            if version < currentVersion {
                try await c.withTransaction(logger: logger) { t in
                    for i in version..<currentVersion {
                        // One statement per query: the extended protocol takes no more.
                        for statement in migrations[i].components(separatedBy: ";\n") {
                            let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                            if !sql.isEmpty { try await t.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                        }
                    }
                    try await t.query("DELETE FROM tmkit_schema", logger: logger)
                    try await t.query("INSERT INTO tmkit_schema VALUES (\(currentVersion))", logger: logger)
                }
            }
        } catch {
            _ = try? await c.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
        try await c.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
    }
}
