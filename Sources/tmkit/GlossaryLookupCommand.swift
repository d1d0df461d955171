import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import Terminology

struct GlossaryLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look a term up in both directions; inflected forms find their entry; fuzzy suggestions when nothing matches.",
        discussion: """
        Text output: one match a line, `term<TAB>translation<TAB>score[<TAB>status]`, best first: preferred and admitted terms, then candidates (machine-built, unreviewed), then DEPRECATED and SUPERSEDED ones (fuzzy suggestions marked `~`). JSON: [{"source": "...", "target": "...", "score": 0.93, "status": "candidate"}], where \
        source is the term that matched and target its translation (direction says whether the \
        query matched the entry's source term, "source-target", or its target, "target-source"). With TERM `-`, terms are \
        read from standard input, one a line, and each gets one line of output (JSON: one array \
        a line). Exits 1 when nothing is found (for a single TERM).

        Examples:
          tmkit glossary lookup 안보의
          tmkit glossary lookup Negotiations --format json
          tmkit glossary lookup 유럽 --glossary Glossary/seeds.tbx
          tmkit glossary lookup 안보 --database postgres://tmkit@db/tmkit
          tmkit glossary lookup 안보 --server http://127.0.0.1:8080 --name user
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The term (or - to read terms from standard input).")
    var term: String

    @OptionGroup var sources: GlossarySources
    @OptionGroup var database: GlossaryDatabaseOptions
    @OptionGroup var server: ServerOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .customLong("no-fuzzy"), help: "Do not suggest near matches.")
    var noFuzzy = false

    @Option(help: "Most matches to show per term.")
    var limit = 10

    func validate() throws {
        if server.server != nil && (database.database != nil || !sources.glossaries.isEmpty) {
            throw ValidationError("Give --server, or --database and --glossary, not both.")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if server.server == nil { try database.checkName() }
    }

    func run() throws {
        let (fuzzy, limit) = (!noFuzzy, self.limit)
        let look: (String) throws -> [GlossaryMatch]
        let notFound: (String) -> String
        do {
            if let client = try server.client() {
                let name = try Self.serverGlossary(client, database.names)
                look = { term in
                    let query = [URLQueryItem(name: "q", value: term), URLQueryItem(name: "limit", value: String(limit)),
                                 URLQueryItem(name: "fuzzy", value: fuzzy ? "true" : "false")]
                    return try client.get("/api/v1/glossaries/\(ServerClient.segment(name))/lookup", query, as: GlossaryLookupAnswer.self).matches
                }
                notFound = { "no entry for '\($0)' in glossary '\(name)' of \(client.base)" }
            } else {
                let index = try sources.lookup(database)
                look = { try index.lookup($0, fuzzy: fuzzy, limit: limit) }
                notFound = { "no entry for '\($0)' in \(index.termCount()) glossary terms" }
            }
        } catch { fail(error) }
        var out = OutputBuffer()
        do {
            if term == "-" {
                while let line = readLine() {
                    let matches = line.trimmingCharacters(in: .whitespaces).isEmpty ? [] : try look(line)
                    out.write(format == .json ? Self.json(matches) + "\n" : matches.map(Self.text).joined(separator: " | ") + "\n")
                }
                out.flush()
                return
            }
        } catch { fail(error) }
        let matches: [GlossaryMatch]
        do { matches = try look(term) } catch { fail(error) }
        switch format {
        case .json: out.write(Self.json(matches) + "\n")
        case .text: for m in matches { out.write(Self.text(m) + "\n") }
        }
        out.flush()
        if matches.isEmpty {
            notice(notFound(term))
            throw ExitCode(1)
        }
    }

    /// The glossary a `--server` look-up asks: `--name`, else the server's only glossary.
    static func serverGlossary(_ client: ServerClient, _ names: [String]) throws -> String {
        if names.count == 1 { return names[0] }
        guard names.isEmpty else { throw ValidationError("--server: name one glossary with --name") }
        struct Names: Decodable { var glossaries: [String] }
        let served = try client.get("/api/v1/glossaries", as: Names.self).glossaries
        guard served.count == 1 else {
            throw CLIError("\(client.base): \(served.isEmpty ? "serves no glossary" : "serves \(served.count) glossaries (\(served.joined(separator: ", "))); name one with --name")")
        }
        return served[0]
    }

    /// `term<TAB>translation<TAB>score`, then the status when it is not a plain approved one
    /// (`candidate`, `DEPRECATED`, `SUPERSEDED`; `preferred` is shown too).
    static func text(_ m: GlossaryMatch) -> String {
        var line = (m.kind == .fuzzy ? "~" : "") + "\(m.source)\t\(m.target)\t\(String(format: "%.3f", m.score))"
        let shown = [m.termStatus, m.status].max() ?? m.status
        switch shown {
        case .admitted: break
        case .deprecated, .superseded: line += "\t" + shown.rawValue.uppercased()
        case .preferred, .candidate: line += "\t" + shown.rawValue
        }
        return line
    }

    static func json(_ matches: [GlossaryMatch]) -> String {
        "[" + matches.map { m in
            var fields = ["\"source\": \(jsonString(m.source))", "\"target\": \(jsonString(m.target))", "\"score\": \(m.score)", "\"match\": \"\(m.kind.rawValue)\"",
                          "\"status\": \"\(m.status.rawValue)\"", "\"termStatus\": \"\(m.termStatus.rawValue)\"", "\"frequency\": \(m.frequency)"]
            if let note = m.note { fields.append("\"note\": \(jsonString(note))") }
            fields.append("\"glossary\": \(jsonString(m.glossary))")
            fields.append("\"direction\": \"\(m.fromSource ? "source-target" : "target-source")\"")
            return "{" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ", ") + "]"
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}

/// The server's glossary look-up answer (`GlossaryMatchPayload`).
struct GlossaryLookupAnswer: Decodable {
    var matches: [GlossaryMatch]
}
