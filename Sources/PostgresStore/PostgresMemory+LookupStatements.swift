import NIOCore
import PostgresNIO
import TranslationMemory

/// The statements of a lookup, prepared once per connection: PostgreSQL parses and plans them
/// once instead of on every lookup.
enum LookupStatements {
    /// One round trip for what a lookup needs before it reads postings: the entries with the
    /// query's keys (kind 0 source sides, kind 1 target sides, as side ids), the document
    /// frequency of each query term (kind 2: term, frequency) and the memory's highest entry id
    /// (kind 3).
    struct Start: PostgresPreparedStatement {
        static let sql = """
            (SELECT 0::int2, id * 2, 0::int8 FROM tmkit_entry WHERE memory = $1 AND source_khash = $2 ORDER BY id LIMIT \(LookupQuery.exactLimit))
            UNION ALL
            (SELECT 1::int2, id * 2 + 1, 0::int8 FROM tmkit_entry WHERE memory = $1 AND target_khash = $2 ORDER BY id LIMIT \(LookupQuery.exactLimit))
            UNION ALL
            (SELECT 2::int2, term, sum(count)::int8 FROM tmkit_posting WHERE memory = $1 AND term = ANY($3::int8[]) GROUP BY term)
            UNION ALL
            (SELECT 3::int2, max_entry, 0::int8 FROM tmkit_memory WHERE id = $1)
            """
        typealias Row = (Int16, Int64, Int64)
        var memory: Int32
        var keysHash: Int64
        var terms: [Int64]

        func makeBindings() throws -> PostgresBindings {
            var b = PostgresBindings()
            b.append(memory)
            b.append(keysHash)
            b.append(terms)
            return b
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The posting blocks of some terms.
    struct Postings: ByMemoryAndIDs {
        static let sql = "SELECT term, ids FROM tmkit_posting WHERE memory = $1 AND term = ANY($2::int8[])"
        typealias Row = (Int64, ByteBuffer)
        var memory: Int32
        var ids: [Int64]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The stored columns a match is made of, for some entries.
    struct Entries: ByMemoryAndIDs {
        static let sql = """
            SELECT id, source_lang, target_lang, source, target, source_tokens, target_tokens, tuid, context, seen,
                coalesce(changed, created, imported)
            FROM tmkit_entry WHERE memory = $1 AND id = ANY($2::int8[])
            """
        typealias Row = (Int64, String, String, String, String, ByteBuffer, ByteBuffer, String?, String?, Int32, Int64?)
        var memory: Int32
        var ids: [Int64]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// A statement whose parameters are a memory and an array of ids (terms or entries).
protocol ByMemoryAndIDs: PostgresPreparedStatement {
    var memory: Int32 { get }
    var ids: [Int64] { get }
}

extension ByMemoryAndIDs {
    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(memory)
        b.append(ids)
        return b
    }
}
