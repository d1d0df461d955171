import ArgumentParser
import Foundation
import TranslationMemory

struct TMShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show entries by id, with their dates, users, notes, properties and the files they came from.",
        discussion: """
        The id is the number lookups print after #.

        Examples:
          tmkit tm show 17
          tmkit tm show --format json 17 18
        """
    )

    @Argument(help: "Entry ids (17 or #17).")
    var ids: [EntryID]

    @OptionGroup var store: TMStoreOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let tm = store.open(create: false)
        var entries: [TMEntry] = []
        do {
            for id in ids { entries.append(try tm.requireEntry(id: id.value)) }
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        out.write(EntryOutput.full(entries, format: format))
        out.flush()
    }
}

/// An entry id argument: `17` or `#17`.
struct EntryID: ExpressibleByArgument {
    var value: Int64

    init?(argument: String) {
        let digits = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        guard let v = Int64(digits), v > 0 else { return nil }
        value = v
    }
}
