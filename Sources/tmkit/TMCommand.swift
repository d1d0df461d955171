import ArgumentParser
import Foundation
import TMCore
import TranslationMemory

struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "The translation memory: import, lookup, concordance, export, stats.",
        discussion: """
        The memory is one SQLite file: $TMKIT_HOME/memory.sqlite by default (TMKIT_HOME defaults \
        to $XDG_DATA_HOME/tmkit or ~/.local/share/tmkit); --tm PATH picks another.

        Examples:
          tmkit tm import memory.tmx strings.po pairs.tsv
          tmkit tm lookup 'Open the file in a new window'
          tmkit tm lookup --format json --min-score 60 '바탕화면 설정을 바꾸기'
          tmkit tm concordance 'keyboard shortcut'
          tmkit tm export -o memory.tmx
        """,
        subcommands: [
            TMImportCommand.self, TMLookupCommand.self, TMConcordanceCommand.self, TMExportCommand.self, TMStatsCommand.self,
        ]
    )
}

/// The `--tm PATH` option every `tm` subcommand takes.
struct TMStoreOptions: ParsableArguments {
    @Option(name: .customLong("tm"), help: "The translation memory file (default: $TMKIT_HOME/memory.sqlite).")
    var path: String?

    var resolvedPath: String { path ?? TranslationMemory.defaultPath }

    /// Opens the store; `create` for commands that write.
    func open(create: Bool) -> TranslationMemory {
        do {
            return try TranslationMemory(path: resolvedPath, create: create)
        } catch {
            fail(error)
        }
    }
}
