import ArgumentParser
import Foundation
import TMCore
import TranslationMemory

struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "The translation memory: import, look up, browse, edit, export; named memories.",
        discussion: """
        The memory is one SQLite file: $TMKIT_HOME/memory.sqlite by default (TMKIT_HOME defaults \
        to $XDG_DATA_HOME/tmkit or ~/.local/share/tmkit); --tm PATH picks another.

        Examples:
          tmkit tm import memory.tmx strings.po pairs.tsv
          tmkit tm lookup 'Open the file in a new window'
          tmkit tm lookup --format json --min-score 60 '바탕화면 설정을 바꾸기'
          tmkit tm concordance 'keyboard shortcut'
          tmkit tm show 17
          tmkit tm list --origin strings.po
          tmkit tm export -o memory.tmx
        """,
        subcommands: [
            TMImportCommand.self, TMLookupCommand.self, TMConcordanceCommand.self, TMShowCommand.self, TMListCommand.self,
            TMEditCommand.self, TMDeleteCommand.self, TMExportCommand.self, TMStatsCommand.self, TMReindexCommand.self,
            TMMemoryCommand.self,
        ]
    )
}

/// The `--tm PATH` / `--memory NAME` options every `tm` subcommand takes.
struct TMStoreOptions: ParsableArguments {
    @Option(name: .customLong("tm"), help: "The translation memory file (default: $TMKIT_HOME/memory.sqlite).")
    var path: String?

    @Option(name: .customLong("memory"), help: "A named memory of $TMKIT_HOME (see `tmkit tm memory list`).")
    var memory: String?

    func validate() throws {
        if path != nil && memory != nil { throw ValidationError("Give either --tm PATH or --memory NAME, not both.") }
    }

    /// The store's file: `--tm`, else the named memory (which must exist unless it is `default`), else the default.
    var resolvedPath: String {
        if let path { return path }
        guard let memory else { return TranslationMemory.defaultPath }
        do {
            let home = MemoryHome()
            return memory == MemoryHome.defaultName ? try home.path(of: memory) : try home.existingPath(of: memory)
        } catch {
            fail(error)
        }
    }

    /// Opens the store; `create` for commands that write. Warnings (a stale index) go to stderr once.
    func open(create: Bool) -> TranslationMemory {
        do {
            let tm = try TranslationMemory(path: resolvedPath, create: create)
            tm.warningHandler = { notice("warning: \($0)") }
            return tm
        } catch {
            fail(error)
        }
    }
}
