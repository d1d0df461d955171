import ArgumentParser
import Foundation
import Segmentation

@main
struct TMKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmkit",
        abstract: "Translation memory, glossary and segmentation toolkit for Korean and English.",
        discussion: """
        Examples:
          tmkit segment seeds/002_19ba1f540136ba9f.txt
          echo '트럼프에 대응했다.' | tmkit segment --tokens
          tmkit help segment

        Shell completion: tmkit --generate-completion-script bash (or zsh, fish).
        """,
        version: "tmkit 0.1.0 (ICU \(icuVersion))",
        subcommands: [SegmentCommand.self, TMCommand.self, GlossaryCommand.self, AlignCommand.self, PretranslateCommand.self, AnalyzeCommand.self, ServeCommand.self]
    )

    /// Runs the command line; `tmkit help TOPIC` for a topic that is no command exits with 1.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let unknown = HelpTopics.unknown(in: Array(arguments.dropFirst())) {
            FileHandle.standardError.write(Data("tmkit: no help topic '\(unknown.topic)'; commands: \(unknown.choices.joined(separator: ", "))\n".utf8))
            Foundation.exit(1)
        }
        Self.main(nil)
    }
}

/// Checks the words after `tmkit help` against the command tree.
enum HelpTopics {
    static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// The first word that names no subcommand, with the names that would have worked.
    static func unknown(in words: [String]) -> (topic: String, choices: [String])? {
        var command: ParsableCommand.Type = TMKitCommand.self
        for word in words where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { name(of: $0) == word || $0.configuration.aliases.contains(word) }) else {
                return (word, subcommands.map(name(of:)))
            }
            command = next
        }
        return nil
    }
}
