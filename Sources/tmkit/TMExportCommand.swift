import ArgumentParser
import Formats
import Foundation
import TranslationMemory

struct TMExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the memory as TMX 1.4b, streaming.",
        discussion: """
        Writes every entry, oldest first, with its languages, dates, users, tuid, properties, \
        notes and context (as a `x-context` property). Inline codes imported from TMX are written \
        back as `bpt`/`ept`/`ph`/`it` (level 2); `--tmx-level 1` leaves them out. The filters of `tm list` choose which \
        entries are written.

        Examples:
          tmkit tm export -o memory.tmx
          tmkit tm export --origin strings.po --since 2024-01-01 -o recent.tmx
        """
    )

    @Option(name: .shortAndLong, help: "The TMX file to write.")
    var output: String

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions

    @OptionGroup var server: ServerOptions

    @OptionGroup var filters: TMFilterOptions

    @Option(name: .customLong("tmx-level"), help: "2 writes inline codes as bpt/ept/ph/it with their native content; 1 leaves them out (text only).")
    var tmxLevel: Int = 2

    @Option(help: "Output format of the summary: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if TMXWriter.CodeLevel(rawValue: tmxLevel) == nil { throw ValidationError("--tmx-level must be 1 or 2.") }
        try database.check(store)
        try server.check(store, database)
        if database.database != nil && (!filters.filter.isEmpty || tmxLevel != 2) {
            throw ValidationError("With --database the whole memory is exported at level 2: the filters and --tmx-level 1 are for SQLite memories.")
        }
        if server.server != nil && (!filters.filter.isEmpty || tmxLevel != 2) {
            throw ValidationError("With --server the whole memory is exported at level 2: the filters and --tmx-level 1 are for SQLite memories.")
        }
    }

    func run() throws {
        do {
            let result: (entries: Int, lossy: Int, dropped: Int)
            if let client = try server.client() {
                let memory = store.memory ?? "default"
                let answer = try client.download("/api/v1/memories/\(ServerClient.segment(memory))/export", to: output)
                result = (answer.value(forHTTPHeaderField: "X-Tmkit-Entries").flatMap { Int($0) } ?? 0, 0, 0)
            } else if let url = database.database {
                let path = output
                result = (try TMDatabase.run(url, memory: store.memory) { try await $0.backend.exportTMX(memory: $0.memory, to: path) }, 0, 0)
            } else {
                result = try TMXExport.write(store.open(create: false), to: output, matching: filters.filter,
                                             level: TMXWriter.CodeLevel(rawValue: tmxLevel) ?? .two)
            }
            let (n, lossy, dropped) = result
            if format == .json {
                print("{\"file\": \(JSONOutput.encode(output)), \"exported\": \(n), \"controlCharactersLeftOut\": \(dropped)}")
            } else {
                print("\(output): exported \(n) entries")
            }
            if dropped > 0 {
                FileHandle.standardError.write(Data("\(output): warning: \(lossy) entries held \(dropped) control characters XML cannot carry; they were left out\n".utf8))
            }
        } catch {
            fail(error)
        }
    }
}
