import ArgumentParser
import Foundation
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
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The term (or - to read terms from standard input).")
    var term: String

    @OptionGroup var sources: GlossarySources

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .customLong("no-fuzzy"), help: "Do not suggest near matches.")
    var noFuzzy = false

    @Option(help: "Most matches to show per term.")
    var limit = 10

    func run() throws {
        let index: GlossaryLookup
        do { index = try sources.lookup() } catch { fail(error) }
        var out = OutputBuffer()
        do {
            if term == "-" {
                while let line = readLine() {
                    let matches = try index.lookup(line, fuzzy: !noFuzzy, limit: limit)
                    out.write(format == .json ? Self.json(matches) + "\n" : matches.map(Self.text).joined(separator: " | ") + "\n")
                }
                out.flush()
                return
            }
        } catch { fail(error) }
        let matches: [GlossaryMatch]
        do { matches = try index.lookup(term, fuzzy: !noFuzzy, limit: limit) } catch { fail(error) }
        switch format {
        case .json: out.write(Self.json(matches) + "\n")
        case .text: for m in matches { out.write(Self.text(m) + "\n") }
        }
        out.flush()
        if matches.isEmpty {
            notice("no entry for '\(term)' in \(index.termCount()) glossary terms")
            throw ExitCode(1)
        }
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
