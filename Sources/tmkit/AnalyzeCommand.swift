import ArgumentParser
import Foundation
import Pretranslation

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Report how much of a batch the translation memory covers, without writing anything.",
        discussion: """
        The same analysis as `tmkit pretranslate` (segments, words and characters per band: \
        repetitions, 101, 100, 95-99, 85-94, 75-84, 50-74, no match; glossary terms found), \
        per file and in total, for the same inputs; no output files are written.

        Examples:
          tmkit analyze docs/
          tmkit analyze strings.po --tm project.sqlite --report analysis.json
        """
    )

    @Argument(help: "Files and folders to analyse.")
    var inputs: [String]

    @OptionGroup var batch: BatchOptions

    func validate() throws { try batch.validate() }

    func run() throws {
        let report = batch.execute(inputs, outputDirectory: nil)
        try batch.finish(report)
    }
}
