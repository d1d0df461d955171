import ArgumentParser
import Foundation
import TMServer
import TranslationMemory

struct TMConcordanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concordance",
        abstract: "Find entries whose source or target contains the words, with the hits marked.",
        discussion: """
        Words are compared by match key, so `negotiations` finds `negotiation` and `안보를` \
        finds `안보는`. Hits are marked [[like this]] (bold on a terminal, unless NO_COLOR is set).

        Examples:
          tmkit tm concordance 'keyboard shortcut'
          tmkit tm concordance --format json 바탕화면
        """
    )

    @Argument(help: "The words to find.")
    var text: String

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions

    @OptionGroup var server: ServerOptions

    @Option(help: "Most entries shown.")
    var limit = 20

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        try database.check(store)
        try server.check(store, database)
    }

    func run() throws {
        let hits: [ConcordanceHit]
        if server.server != nil {
            do {
                guard let client = try server.client() else { return }
                let path = "/api/v1/memories/\(ServerClient.segment(store.memory ?? "default"))/concordance"
                hits = try client.get(path, [URLQueryItem(name: "q", value: text), URLQueryItem(name: "limit", value: String(limit))],
                                      as: ConcordancePayload.self).concordanceHits
            } catch {
                fail(error)
            }
        } else if let url = database.database {
            let (words, most) = (text, limit)
            do {
                hits = try TMDatabase.run(url, memory: store.memory) { try await $0.backend.concordance(words, memory: $0.memory, limit: most) }
            } catch {
                fail(error)
            }
        } else {
            let tm = store.open(create: false)
            do {
                hits = try tm.concordance(text, limit: limit)
            } catch {
                fail(error)
            }
        }
        var out = OutputBuffer()
        let bold = stdoutStyled
        switch format {
        case .json:
            var s = "["
            for (i, h) in hits.enumerated() {
                if i > 0 { s += ", " }
                s += "{\"id\": \"\(h.id)\", \"source\": "
                JSONText.append(h.source, to: &s)
                s += ", \"target\": "
                JSONText.append(h.target, to: &s)
                s += ", \"source_lang\": \"\(h.sourceLanguage)\", \"target_lang\": \"\(h.targetLanguage)\""
                s += ", \"source_hits\": [\(h.sourceHits.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", "))]"
                s += ", \"target_hits\": [\(h.targetHits.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", "))]}"
            }
            out.write(s + "]\n")
        case .text:
            if hits.isEmpty { out.write("no entry contains \(text)\n") }
            for h in hits {
                out.write(EntryOutput.block(
                    EntryOutput.head(id: h.id), (h.sourceLanguage, Self.mark(h.source, h.sourceHits, bold: bold)),
                    (h.targetLanguage, Self.mark(h.target, h.targetHits, bold: bold))))
            }
        }
        out.flush()
    }

    static func mark(_ text: String, _ ranges: [Range<Int>], bold: Bool) -> String {
        guard !ranges.isEmpty else { return text }
        let (open, close) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("[[", "]]")
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= k && r.upperBound <= scalars.count {
            out.append(contentsOf: scalars[k..<r.lowerBound])
            out.append(contentsOf: open.unicodeScalars)
            out.append(contentsOf: scalars[r])
            out.append(contentsOf: close.unicodeScalars)
            k = r.upperBound
        }
        out.append(contentsOf: scalars[k...])
        return String(out)
    }
}
