import ArgumentParser
import Foundation
import TMCore
import Terminology

/// Which glossaries lookup and spot read.
struct GlossarySources: ParsableArguments {
    @Option(name: .customLong("glossary"), help: "A glossary to read (.tbx, .tsv, .csv; repeatable). Default: Glossary/*.tbx and the user's glossary.")
    var glossaries: [String] = []

    /// The shipped glossary folders: ./Glossary and the package's Glossary beside the binary.
    static func shippedFolders() -> [String] {
        var folders = [FileManager.default.currentDirectoryPath + "/Glossary"]
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        folders.append(exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Glossary").path)
        var seen = Set<String>()
        return folders.filter { FileManager.default.fileExists(atPath: $0) && seen.insert(URL(fileURLWithPath: $0).standardized.path).inserted }
    }

    func load() throws -> GlossaryIndex {
        var loaded: [(name: String, glossary: Glossary)] = []
        if glossaries.isEmpty {
            let user = UserGlossary()
            if user.exists { loaded.append(("user", try user.load())) }
            for folder in Self.shippedFolders() {
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tbx") }.sorted()
                for f in files { loaded.append((f, try GlossaryFile.read(folder + "/" + f).pairs())) }
            }
        } else {
            for path in glossaries {
                loaded.append(((path as NSString).lastPathComponent, try GlossaryFile.read(path, fallbackSource: .korean, fallbackTarget: .english).pairs()))
            }
        }
        return GlossaryIndex(loaded)
    }
}

struct GlossaryLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look a term up in both directions; inflected forms find their entry; fuzzy suggestions when nothing matches.",
        discussion: """
        Text output: one match a line, `term<TAB>translation<TAB>score`, best first (fuzzy
        suggestions marked `~`). JSON: [{"source": "...", "target": "...", "score": 0.93}], where
        source is the term that matched and target its translation (direction says whether the
        query matched the entry's source term, "source-target", or its target, "target-source"). With TERM `-`, terms are
        read from standard input, one a line, and each gets one line of output (JSON: one array
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
        let index: GlossaryIndex
        do { index = try sources.load() } catch { fail(error) }
        var out = OutputBuffer()
        if term == "-" {
            while let line = readLine() {
                let matches = index.lookup(line, fuzzy: !noFuzzy, limit: limit)
                out.write(format == .json ? Self.json(matches) + "\n" : matches.map(Self.text).joined(separator: " | ") + "\n")
            }
            out.flush()
            return
        }
        let matches = index.lookup(term, fuzzy: !noFuzzy, limit: limit)
        switch format {
        case .json: out.write(Self.json(matches) + "\n")
        case .text: for m in matches { out.write(Self.text(m) + "\n") }
        }
        out.flush()
        if matches.isEmpty {
            notice("no entry for '\(term)' in \(index.count) glossary entries")
            throw ExitCode(1)
        }
    }

    static func text(_ m: GlossaryIndex.Match) -> String {
        (m.kind == .fuzzy ? "~" : "") + "\(m.source)\t\(m.target)\t\(String(format: "%.3f", m.score))"
    }

    static func json(_ matches: [GlossaryIndex.Match]) -> String {
        "[" + matches.map { m in
            var fields = ["\"source\": \(jsonString(m.source))", "\"target\": \(jsonString(m.target))", "\"score\": \(m.score)", "\"match\": \"\(m.kind.rawValue)\""]
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
