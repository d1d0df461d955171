import ArgumentParser
import Foundation

/// `tmkit glossary ...`: build, look up, edit, spot, import and export glossaries.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Build a glossary from parallel text, look terms up, spot them in text, exchange TBX and TSV.",
        discussion: """
        Glossaries read by default: the .tbx files in Glossary/ (next to the current directory or \
        the tmkit executable's package) and the user's glossary $TMKIT_HOME/glossary.tbx.

        Examples:
          tmkit glossary build seeds/titles.ko-en.tsv -o Glossary/seeds.tbx
          tmkit glossary lookup 안보의
          tmkit glossary lookup Negotiations --format json
          tmkit glossary add 휴전 ceasefire --note "news usage"
          tmkit glossary spot '유럽안보를 위한 협상 장기화'
          tmkit glossary export my.tsv
        """,
        subcommands: [
            GlossaryBuildCommand.self, GlossaryLookupCommand.self, GlossaryAddCommand.self, GlossaryRemoveCommand.self,
            GlossarySpotCommand.self, GlossaryImportCommand.self, GlossaryExportCommand.self, GlossaryReviewCommand.self, GlossaryPathsCommand.self,

        ]
    )
}

/// Writes progress to stderr only when stderr is a terminal.
enum Progress {
    static let enabled = isatty(2) == 1

    static func report(_ message: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("tmkit: \(message)\n".utf8))
    }
}

/// A one-line note on stderr (counts of skipped input and the like).
func notice(_ message: String) {
    FileHandle.standardError.write(Data("tmkit: \(oneLine(message))\n".utf8))
}
