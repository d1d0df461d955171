import ArgumentParser
import Formats
import Foundation
import TMCore
import TranslationMemory

struct TMLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find the closest translations of a text in the memory, best first.",
        discussion: """
        Scores run 0-100: 100 is an identical source, 101 an identical source with the same \
        --context; 99 identical words differing only in case, width or spacing. Below that, \
        the score is word-level edit distance over match keys (one word of ten differing scores \
        about 90; Korean particles and endings weigh 0.3 of a word; 바탕 화면 / 바탕화면 align), \
        minus 1 each when punctuation, numbers or placeholders/tags differ.

        Text output: one block per match, `SCORE  #ID`, then the stored source with what differs \
        from the query marked ([-only in the memory-] {+only in the query+}), then the target. \
        JSON: [{"score": 92, "source": "...", "target": "...", "id": "17", ...}]. \
        With --queries FILE: one query per line, in order; with --format json, JSON Lines (one \
        array per query), else each query's matches under a `== QUERY` line.

        Examples:
          tmkit tm lookup 'Open the file in a new window'
          tmkit tm lookup --source-lang ko --target-lang en '바탕화면 설정'
          tmkit tm lookup --queries sentences.txt > matches.jsonl
          tmkit tm lookup --database postgres://tmkit@db/tmkit '파일 저장'
          tmkit tm lookup --server http://127.0.0.1:8080 '파일 저장'
        """
    )

    @Argument(help: "The text to look up (- reads it from standard input).")
    var text: String?

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions
    @OptionGroup var server: ServerOptions

    @Option(name: .customLong("min-score"), help: "Lowest score shown (0-101).")
    var minScore = 75

    @Option(help: "Most matches shown per query.")
    var limit = 5

    @Option(name: .customLong("format"), help: "Output format: text or json (with --queries, json unless text is asked for).")
    var formatOption: OutputFormat?

    var format: OutputFormat { formatOption ?? (queries == nil ? .text : .json) }

    @OptionGroup var languages: TMLanguageOptions

    @Option(help: "Context of the query (such as a PO msgctxt): an exact match with this context scores 101.")
    var context: String?

    @Option(help: "A file with one query per line.")
    var queries: String?

    @Flag(help: "Score every entry instead of using the index (slow; for checking).")
    var exhaustive = false

    @Option(help: ArgumentHelp("Write each query's lookup time in microseconds to this file, one per line.", visibility: .hidden))
    var timings: String?

    @Flag(name: .customLong("narrow-index"), help: ArgumentHelp("Read only the narrow index pass, as lookups did before the wide pass below 75 (for Benchmarks/tm_recall.py).", visibility: .hidden))
    var narrowIndex = false

    @Option(name: .customLong("wide-candidates"), help: ArgumentHelp("Candidates the wide index pass scores (for Benchmarks/tm_recall.py).", visibility: .hidden))
    var wideCandidates = LookupOptions().wideCandidates

    @Option(name: .customLong("wide-floor"), help: ArgumentHelp("Least share of the best candidate's index weight the wide pass keeps (for Benchmarks/tm_recall.py).", visibility: .hidden))
    var wideFloor = LookupOptions().wideFloor

    @Option(name: .customLong("wide-by-overlap"), help: ArgumentHelp("How many of the wide pass's candidates are chosen by the share of terms they share with the query (for Benchmarks/tm_recall.py).", visibility: .hidden))
    var wideByOverlap = LookupOptions().wideByOverlap

    func validate() throws {
        if text == nil && queries == nil { throw ValidationError("Give a TEXT to look up, or --queries FILE.") }
        if text != nil && queries != nil { throw ValidationError("Give either a TEXT or --queries FILE, not both.") }
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if !(0...101).contains(minScore) { throw ValidationError("--min-score must be between 0 and 101.") }
        if wideCandidates < 1 { throw ValidationError("--wide-candidates must be at least 1.") }
        if !(0...1).contains(wideFloor) { throw ValidationError("--wide-floor must be between 0 and 1.") }
        if wideByOverlap < 0 { throw ValidationError("--wide-by-overlap must be 0 or more.") }
        try database.check(store)
        if database.database != nil && (exhaustive || timings != nil || narrowIndex) {
            throw ValidationError("--exhaustive, --timings and --narrow-index are for SQLite memories, not --database.")
        }
        if server.server != nil {
            if database.database != nil || store.path != nil { throw ValidationError("Give --server, or --tm/--database, not both.") }
            if exhaustive || timings != nil || narrowIndex {
                throw ValidationError("--exhaustive, --timings and --narrow-index are for SQLite memories, not --server.")
            }
        }
    }

    func run() throws {
        var options = LookupOptions(
            minScore: minScore, limit: limit, sourceLanguage: languages.source, targetLanguage: languages.target,
            context: context, exhaustive: exhaustive)
        options.widePass = !narrowIndex
        options.wideCandidates = wideCandidates
        options.wideFloor = wideFloor
        options.wideByOverlap = wideByOverlap
        if let url = database.database { return runOnDatabase(url, options) }
        do {
            if let client = try server.client() { return runOnServer(client, options) }
        } catch {
            fail(error)
        }
        let tm = store.open(create: false)
        var out = OutputBuffer()
        if let queries {
            options.withDiff = format == .text
            let lines: [Substring]
            let content: String
            do {
                content = try TextFileReader.read(queries)
            } catch {
                fail(error)
            }
            lines = content.split(separator: "\n", omittingEmptySubsequences: false)
            var times: [UInt64] = []
            let count = content.hasSuffix("\n") ? lines.count - 1 : lines.count
            for line in lines.prefix(count) {
                let query = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    let matches = try tm.lookup(query, options: options)
                    switch format {
                    case .json: out.write(MatchJSON.array(matches) + "\n")
                    case .text: out.write("== \(EntryOutput.indented(query, by: 3))\n" + EntryOutput.matches(matches, minScore: minScore))
                    }
                } catch {
                    out.flush()
                    fail(error)
                }
                times.append((DispatchTime.now().uptimeNanoseconds - start) / 1000)
            }
            out.flush()
            if let timings {
                try? (times.map(String.init).joined(separator: "\n") + "\n").write(toFile: timings, atomically: true, encoding: .utf8)
            }
            return
        }
        var query = text ?? ""
        if query == "-" {
            do { query = try TextFileReader.read("-") } catch { fail(error) }
            query = query.trimmingCharacters(in: .newlines)
        }
        options.withDiff = format == .text
        let matches: [TMMatch]
        do {
            matches = try tm.lookup(query, options: options)
        } catch {
            fail(error)
        }
        switch format {
        case .json:
            out.write(MatchJSON.array(matches) + "\n")
        case .text:
            out.write(EntryOutput.matches(matches, minScore: minScore))
        }
        out.flush()
    }
}

/// The JSON layout of lookup results.
enum MatchJSON {
    static func array(_ matches: [TMMatch]) -> String {
        var s = "["
        for (i, m) in matches.enumerated() {
            if i > 0 { s += ", " }
            s += "{\"score\": \(m.score), \"source\": "
            JSONText.append(m.source, to: &s)
            s += ", \"target\": "
            JSONText.append(m.target, to: &s)
            s += ", \"id\": \"\(m.id)\", \"source_lang\": "
            JSONText.append(m.sourceLanguage, to: &s)
            s += ", \"target_lang\": "
            JSONText.append(m.targetLanguage, to: &s)
            if let t = m.tuid { s += ", \"tuid\": "; JSONText.append(t, to: &s) }
            if let c = m.context { s += ", \"context\": "; JSONText.append(c, to: &s) }
            s += "}"
        }
        return s + "]"
    }
}
