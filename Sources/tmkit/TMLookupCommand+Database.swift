import Formats
import Foundation
import TMCore
import TranslationMemory

extension TMLookupCommand {
    /// `tm lookup --database URL`: the same queries and output as on a SQLite memory, the
    /// matches found by the PostgreSQL memory (one batch for `--queries`).
    func runOnDatabase(_ url: String, _ options: LookupOptions) {
        let texts: [String]
        do {
            if let queries {
                let content = try TextFileReader.read(queries)
                let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
                texts = lines.prefix(content.hasSuffix("\n") ? lines.count - 1 : lines.count)
                    .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            } else {
                var query = text ?? ""
                if query == "-" { query = try TextFileReader.read("-").trimmingCharacters(in: .newlines) }
                texts = [query]
            }
        } catch {
            fail(error)
        }
        var options = options
        options.withDiff = format == .text
        let (asked, wanted) = (texts, options)
        let results: [[TMMatch]]
        do {
            results = try TMDatabase.run(url, memory: store.memory) { db in
                // A memory that is not there is an error, as a missing SQLite store is.
                guard try await db.backend.memories().contains(db.memory) else {
                    throw CLIError("\(url): no memory named '\(db.memory)' in the database (import one with `tmkit tm import --database`)")
                }
                return try await db.backend.lookup(asked, memory: db.memory, options: wanted)
            }
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        for (query, matches) in zip(texts, results) {
            switch format {
            case .json: out.write(MatchJSON.array(matches) + "\n")
            case .text:
                if queries != nil { out.write("== \(EntryOutput.indented(query, by: 3))\n") }
                out.write(EntryOutput.matches(matches, minScore: minScore))
            }
        }
        out.flush()
    }
}
