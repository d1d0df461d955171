import ArgumentParser
import Foundation
import TranslationMemory

struct TMListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Browse the entries, oldest first, optionally filtered.",
        discussion: """
        Filters combine: an entry is listed when it passes all of them. JSON output is an \
        array of entries with every field and the files each came from.

        Examples:
          tmkit tm list --limit 20
          tmkit tm list --origin strings.po --text 'trash'
          tmkit tm list --since 2024-01-01 --user kim --format json
          tmkit tm list --property x-package=gimp
        """
    )

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var filters: TMFilterOptions

    @Option(help: "Most entries shown (0 for all).")
    var limit = 100

    @Option(help: "Entries skipped before the first shown.")
    var offset = 0

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more.") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more.") }
    }

    func run() throws {
        let tm = store.open(create: false)
        var out = OutputBuffer()
        var n = 0
        if format == .json { out.write("[") }
        do {
            try tm.entries(matching: filters.filter, limit: limit == 0 ? nil : limit, offset: offset, withOrigins: format == .json) { e in
                switch format {
                case .json: out.write((n > 0 ? ",\n" : "") + EntryOutput.json(e, origins: true))
                case .text: out.write(EntryOutput.brief(e))
                }
                n += 1
            }
        } catch {
            out.flush()
            fail(error)
        }
        if format == .json { out.write("]\n") }
        if format == .text && n == 0 { out.write("no entries\n") }
        out.flush()
    }
}
