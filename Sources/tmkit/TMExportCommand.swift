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
        notes and context (as a `x-context` property).

        Example:
          tmkit tm export -o memory.tmx
        """
    )

    @Option(name: .shortAndLong, help: "The TMX file to write.")
    var output: String

    @OptionGroup var store: TMStoreOptions

    func run() throws {
        let tm = store.open(create: false)
        do {
            let (n, lossy, dropped) = try TMXExport.write(tm, to: output)
            print("\(output): exported \(n) entries")
            if dropped > 0 {
                FileHandle.standardError.write(Data("\(output): warning: \(lossy) entries held \(dropped) control characters XML cannot carry; they were left out\n".utf8))
            }
        } catch {
            fail(error)
        }
    }
}
