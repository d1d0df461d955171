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
        notes and context (as a `x-context` property). The filters of `tm list` choose which \
        entries are written.

        Examples:
          tmkit tm export -o memory.tmx
          tmkit tm export --origin strings.po --since 2024-01-01 -o recent.tmx
        """
    )

    @Option(name: .shortAndLong, help: "The TMX file to write.")
    var output: String

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var filters: TMFilterOptions

    @Option(help: "Output format of the summary: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let tm = store.open(create: false)
        do {
            let n = try TMXExport.write(tm, to: output, matching: filters.filter)
            if format == .json {
                print("{\"file\": \(JSONOutput.encode(output)), \"exported\": \(n)}")
            } else {
                print("\(output): exported \(n) entries")
            }
        } catch {
            fail(error)
        }
    }
}
