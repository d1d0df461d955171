import ArgumentParser
import Foundation
import TranslationMemory

struct TMDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete entries by id, by a filter, or undo the import of a file.",
        discussion: """
        Give ids, or filters (the same as `tm list`), not both. With --origin FILE, the import \
        of that file is undone: entries that other files also brought only lose that file's \
        count; the others are deleted. Everything happens in one transaction, and the index \
        changes with the entries. An id that does not exist is an error, and nothing is deleted.

        Examples:
          tmkit tm delete 17 18
          tmkit tm delete --origin old-strings.po
          tmkit tm delete --text 'Lorem ipsum' --dry-run
        """
    )

    @Argument(help: "Entry ids (17 or #17).")
    var ids: [EntryID] = []

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var filters: TMFilterOptions

    @Flag(name: .customLong("dry-run"), help: "Only say how many entries would be deleted.")
    var dryRun = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        let filtered = !filters.filter.isEmpty
        if ids.isEmpty && !filtered { throw ValidationError("Give entry ids or at least one filter (--origin, --text, ...).") }
        if !ids.isEmpty && filtered { throw ValidationError("Give either entry ids or filters, not both.") }
    }

    func run() throws {
        let tm = store.open(create: false)
        var summary = DeleteSummary()
        do {
            if !ids.isEmpty {
                if dryRun {
                    for id in ids { _ = try tm.requireEntry(id: id.value) }
                    summary.deleted = Set(ids.map(\.value)).count
                } else {
                    summary.deleted = try tm.delete(ids: ids.map(\.value))
                }
            } else if dryRun {
                summary.deleted = try tm.count(matching: filters.filter)
            } else {
                summary = try tm.delete(matching: filters.filter)
            }
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        switch format {
        case .json:
            out.write("{\"deleted\": \(summary.deleted), \"unlinked\": \(summary.unlinked), \"dry_run\": \(dryRun)}\n")
        case .text:
            let verb = dryRun ? "would delete" : "deleted"
            var line = "\(verb) \(summary.deleted) \(summary.deleted == 1 ? "entry" : "entries")"
            if summary.unlinked > 0 { line += "; \(summary.unlinked) kept (other files also have them)" }
            out.write(line + "\n")
        }
        out.flush()
        if summary.deleted == 0 && summary.unlinked == 0 && !filters.filter.isEmpty {
            notice("no entry matched the filters")
            throw ExitCode(1)
        }
    }
}
