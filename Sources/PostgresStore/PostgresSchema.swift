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
    ]

    static var currentVersion: Int { migrations.count }
}
