import Foundation
import TMServer

extension TMStatsCommand {
    /// `tm stats --database URL`: the PostgreSQL memory's entries, language pairs, size, index
    /// terms and schema version (what the server's stats route answers), in the same layout.
    func runOnDatabase(_ url: String) {
        let s: StatsPayload
        do {
            s = try TMDatabase.run(url, memory: store.memory) { try await $0.backend.statistics(memory: $0.memory) }
        } catch {
            fail(error)
        }
        printRemote(s, name: "\(url) (memory \(s.memory))")
    }

    /// `tm stats --server URL`: what the server's stats route answers, in the same layout.
    func runOnServer() {
        let memory = store.memory ?? "default"
        let s: StatsPayload
        do {
            guard let client = try server.client() else { return }
            s = try client.get("/api/v1/memories/\(ServerClient.segment(memory))/stats", as: StatsPayload.self)
            printRemote(s, name: "\(client.base) (memory \(s.memory))")
        } catch {
            fail(error)
        }
    }

    /// The statistics of a memory in PostgreSQL, named `name`.
    func printRemote(_ s: StatsPayload, name: String) {
        var out = OutputBuffer()
        switch format {
        case .json:
            let report = Report(
                memory: name, entries: s.entries,
                language_pairs: s.languagePairs.map { .init(source: $0.source, target: $0.target, entries: $0.entries) },
                origins: [], bytes: s.bytes, index_terms: s.indexTerms, index_stale: false, schema_version: s.schemaVersion)
            out.write(JSONOutput.encode(report) + "\n")
        case .text:
            out.write("memory: \(name)\n")
            out.write("entries: \(s.entries)\n")
            for p in s.languagePairs { out.write("languages: \(p.source) -> \(p.target): \(p.entries)\n") }
            out.write(String(format: "size: %.1f MB (%lld bytes)\n", Double(s.bytes) / 1_048_576, s.bytes))
            out.write("index terms: \(s.indexTerms)\n")
            out.write("schema version: \(s.schemaVersion)\n")
        }
        out.flush()
    }
}
