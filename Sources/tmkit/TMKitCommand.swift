import ArgumentParser
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
        """,
        version: "tmkit 0.1.0 (ICU \(icuVersion))",
        subcommands: [SegmentCommand.self, TMCommand.self, GlossaryCommand.self, AlignCommand.self, PretranslateCommand.self, AnalyzeCommand.self, ServeCommand.self]
    )
}
