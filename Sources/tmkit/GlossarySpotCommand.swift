import ArgumentParser
import Formats
import Foundation
import PostgresStore
import Terminology
import TMServer

struct GlossarySpotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spot",
        abstract: "Mark the glossary terms found in text (inflected Korean forms included) with their translations.",
        discussion: """
        INPUT is text or a file name (standard input when absent or -). Text output: each \
        sentence with the terms marked [term => translation], then nothing else. JSON: one array \
        of {"text", "sentence", "start", "end", "term", "translations", "score"} (start and end \
        count code points in the sentence). Machine-built translations scoring below \
        --min-score (the aligner's estimate that they are right) are left out; \
        --min-score 0 shows every candidate.

        Examples:
          tmkit glossary spot '유럽안보를 위한 협상 장기화'
          tmkit glossary spot article.txt --format json
          tmkit glossary spot article.txt --database postgres:///tmkit
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Text, or a file to read.") var input: String?
    @OptionGroup var sources: GlossarySources
    @OptionGroup var database: GlossaryDatabaseOptions
    @OptionGroup var server: ServerOptions
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Lowest score (0-1) of a translation shown; entries a person made score 1.") var minScore = 0.5

    func validate() throws {
        if server.server != nil && (database.database != nil || !sources.glossaries.isEmpty) {
            throw ValidationError("Give --server, or --database and --glossary, not both.")
        }
        if server.server == nil { try database.checkName() }
        guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 1, not \(minScore)") }
    }

    func run() throws {
        let text: String
        let sentences: [String], spots: [TermSpotter.Spot]
        do {
            if let input, input != "-", !FileManager.default.fileExists(atPath: input) {
                text = input
            } else {
                text = try TextFileReader.read(input ?? "-")
            }
            if let client = try server.client() {
                let name = try GlossaryLookupCommand.serverGlossary(client, database.names)
                let request = SpotRequest(text: text, minScore: minScore, maxTranslations: sources.maxTranslations)
                let answer = try client.post("/api/v1/glossaries/\(ServerClient.segment(name))/spot", json: request, as: SpotPayload.self)
                (sentences, spots) = (answer.sentences, answer.spots)
            } else {
                let index = try sources.textIndex(database).index(for: [text])
                (sentences, spots) = TermSpotter(index: index, maxTranslations: sources.maxTranslations, minScore: minScore).spot(text)
            }
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        switch format {
        case .json:
            out.write("[" + spots.map { s in
                "{\"text\": \(jsonString(s.text)), \"sentence\": \(s.sentence), \"start\": \(s.start), \"end\": \(s.end), \"term\": \(jsonString(s.term)), "
                    + "\"translations\": [\(s.translations.map(jsonString).joined(separator: ", "))], \"score\": \(s.score)}"
            }.joined(separator: ",\n ") + "]\n")
        case .text:
            for (n, sentence) in sentences.enumerated() {
                var scalars = Array(sentence.unicodeScalars)
                for s in spots.filter({ $0.sentence == n }).sorted(by: { $0.start > $1.start }) {
                    let mark = "[" + s.text + " => " + s.translations.joined(separator: "; ") + "]"
                    scalars.replaceSubrange(s.start..<s.end, with: Array(mark.unicodeScalars))
                }
                out.write(String(String.UnicodeScalarView(scalars)) + "\n")
            }
        }
        out.flush()
    }
}
