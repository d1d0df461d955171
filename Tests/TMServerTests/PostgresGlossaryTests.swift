import Foundation
import PostgresStore
import Testing
import TMCore
import Terminology

/// The glossary store on PostgreSQL (`PostgresGlossary`) against a SQLite glossary store built
/// from the same files: the same concepts, keys, look-ups (exact, inflected, fuzzy) and
/// scores, the same spots, and the same results after the same review changes; imports are
/// transactions, and concurrent writers both keep their changes.
@Suite(.serialized) struct PostgresGlossaryTests {
    /// Compounds and words inside other terms' words, so the glossary's lexicon decides keys.
    static let compounds = """
        source_ko\ttarget_en
        유럽\tEurope
        안보\tsecurity
        유럽안보\tEuropean security
        바탕 화면\tdesktop
        바탕화면 배경\tdesktop background
        휴전 협상\tceasefire talks
        협상\tnegotiation
        280억\t28 billion

        """

    struct Pair {
        var pg: PostgresCluster
        var database: PostgresGlossaries
        var postgres: PostgresGlossary
        var sqlite: GlossaryStore
        var folder: String
    }

    /// A PostgreSQL glossary and a SQLite store, each with `files` merged in, in order.
    static func pair(_ files: [String]) throws -> Pair? {
        if let why = PostgresCluster.unavailable {
            print("SKIP PostgreSQL tests: \(why)")
            if ProcessInfo.processInfo.environment["TMKIT_REQUIRE_POSTGRES"] == "1" { Issue.record(Comment(rawValue: "PostgreSQL tests did not run: \(why)")) }
            return nil
        }
        let pg = try PostgresCluster.primary()
        let folder = Tool.temporaryDirectory()
        let database = try PostgresGlossaries(url: pg.url)
        try database.migrate()
        let postgres = try database.open("g", create: true)
        let sqlite = try GlossaryStore(path: folder + "/g.sqlite")
        for f in files {
            try postgres.merge(file: f)
            try sqlite.merge(file: f)
        }
        return Pair(pg: pg, database: database, postgres: postgres, sqlite: sqlite, folder: folder)
    }

    static var seeds: String { Tool.root.appendingPathComponent("Glossary/seeds.tbx").path }

    static func compoundsFile(in folder: String = Tool.temporaryDirectory()) throws -> String {
        let path = folder + "/compounds.tsv"
        try compounds.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every term of both stores with its key, by concept and position.
    static func index(_ s: any GlossaryStoring) throws -> [GlossaryStore.IndexedTerm] {
        var out: [GlossaryStore.IndexedTerm] = []
        try s.terms(keyLength: 0...Int.max) { out.append($0) }
        return out.sorted { ($0.concept, $0.position) < ($1.concept, $1.position) }
    }

    /// Queries from the glossary itself: each term, inflected, cut short (fuzzy), and misses.
    static func queries(_ s: any GlossaryStoring) throws -> [String] {
        var out: [String] = []
        for t in try index(s) {
            out.append(t.text)
            if TermKeyerProbe.hasHangul(t.text) {
                out += [t.text + "의", t.text + "를", String(t.text.dropLast())]
            } else {
                out += [t.text.uppercased(), t.text + "s", String(t.text.dropLast(2))]
            }
        }
        return out + ["없는말", "nothing like it", "유럽안보를", "바탕화면", "휴전협상에"]
    }

    static func expectSameLookups(_ p: Pair, _ queries: [String]) throws {
        let a = GlossaryLookup(stores: [("g", p.sqlite)]), b = GlossaryLookup(stores: [("g", p.postgres)])
        var found = 0
        for q in queries {
            for fuzzy in [true, false] {
                let x = try a.lookup(q, fuzzy: fuzzy), y = try b.lookup(q, fuzzy: fuzzy)
                #expect(x == y, "\(q) (fuzzy: \(fuzzy)): SQLite \(x) vs PostgreSQL \(y)")
                if !x.isEmpty { found += 1 }
            }
        }
        #expect(found > queries.count / 2, "most queries find something")
    }

    @Test func theSameFilesGiveTheSameConceptsKeysAndLookups() throws {
        let folder = Tool.temporaryDirectory()
        guard let p = try Self.pair([Self.seeds, try Self.compoundsFile(in: folder)]) else { return }
        defer { p.pg.destroy() }
        #expect(try p.postgres.conceptCount() == p.sqlite.conceptCount() && p.sqlite.conceptCount() > 30)
        #expect(try p.postgres.termCount() == p.sqlite.termCount())
        #expect(try p.postgres.longestTerm() == p.sqlite.longestTerm())
        #expect(try Set(p.postgres.lexiconWords()) == Set(p.sqlite.lexiconWords()))
        #expect(try Self.index(p.postgres) == Self.index(p.sqlite), "the same rows, keys and ids")
        #expect(try p.postgres.termBase().concepts == p.sqlite.termBase().concepts)
        #expect(p.postgres.languages?.source == p.sqlite.languages?.source && p.postgres.languages?.target == p.sqlite.languages?.target)
        let europeanSecurity = try Self.index(p.postgres).first { $0.text == "유럽안보" }
        #expect(europeanSecurity?.key == "유럽안보", "a compound of two glossary words keeps its own key: \(String(describing: europeanSecurity))")
        try Self.expectSameLookups(p, try Self.queries(p.sqlite))

        // Spotting reads the same terms through either store's key index.
        let text = "유럽안보를 위한 휴전 협상이 길어지고, 바탕 화면 배경이 바뀌었다. European security and a ceasefire."
        let x = TermSpotter(index: try GlossaryTextIndex(stores: [("g", p.sqlite)]).index(for: [text])).spot(text)
        let y = TermSpotter(index: try GlossaryTextIndex(stores: [("g", p.postgres)]).index(for: [text])).spot(text)
        #expect(x.spots == y.spots && x.sentences == y.sentences && !x.spots.isEmpty, "\(x.spots) vs \(y.spots)")
    }

    /// The first `units` translation units of the shared corpus (../shared/corpus/dev.tmx) as a
    /// TMX file, or nil when the corpus is absent.
    static func corpusTMX(_ units: Int, in folder: String) throws -> String? {
        let candidates = [Tool.root.deletingLastPathComponent(), Tool.root.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("shared/corpus/dev.tmx").path }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: try handle.read(upToCount: 4 << 20) ?? Data(), as: UTF8.self)
        guard let body = text.range(of: "<body>") else { return nil }
        var end = body.upperBound
        var count = 0
        while count < units, let r = text.range(of: "</tu>", range: end..<text.endIndex) {
            end = r.upperBound
            count += 1
        }
        let out = folder + "/corpus.tmx"
        try (String(text[..<end]) + "\n</body></tmx>\n").write(toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    /// A glossary the term aligner built from 3,000 corpus pairs (~1,400 concepts of candidates
    /// with scores and counts): a sample of its terms and their variants (as they are,
    /// inflected, cut short) looks up the same on both stores, and corpus sentences spot the same.
    @Test func aGlossaryBuiltFromTheCorpusLooksUpTheSame() throws {
        if PostgresCluster.unavailable != nil { _ = try Self.pair([]); return }
        let folder = Tool.temporaryDirectory()
        guard let tmx = try Self.corpusTMX(3000, in: folder) else {
            print("SKIP: the shared corpus (../shared/corpus/dev.tmx) is not there")
            return
        }
        let tbx = folder + "/built.tbx"
        let built = try Tool.run(["glossary", "build", tmx, "-o", tbx])
        #expect(built.status == 0, "\(built.stderr)")
        guard let p = try Self.pair([tbx]) else { return }
        defer { p.pg.destroy() }
        #expect(try p.postgres.conceptCount() == p.sqlite.conceptCount() && p.sqlite.conceptCount() > 500)
        #expect(try Self.index(p.postgres) == Self.index(p.sqlite), "the same rows, keys and ids")
        let all = try Self.queries(p.sqlite)
        try Self.expectSameLookups(p, stride(from: 0, to: all.count, by: 40).map { all[$0] })

        // Spotting in corpus sentences (both languages) finds the same terms.
        let xml = try String(contentsOfFile: tmx, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "<seg>([^<]*)</seg>")
        let segments = regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).prefix(100).compactMap {
            Range($0.range(at: 1), in: xml).map { String(xml[$0]) }
        }
        let x = try GlossaryTextIndex(stores: [("g", p.sqlite)]), y = try GlossaryTextIndex(stores: [("g", p.postgres)])
        var spotted = 0
        for text in segments {
            let a = TermSpotter(index: try x.index(for: [text])).spot(text), b = TermSpotter(index: try y.index(for: [text])).spot(text)
            #expect(a.spots == b.spots, "\(text): \(a.spots) vs \(b.spots)")
            spotted += a.spots.count
        }
        #expect(segments.count == 100 && spotted > 50, "\(segments.count) segments, \(spotted) spots")
    }

    @Test func theSameChangesGiveTheSameResults() throws {
        guard let p = try Self.pair([Self.seeds]) else { return }
        defer { p.pg.destroy() }
        for store in [p.sqlite as any GlossaryStoring, p.postgres as any GlossaryStoring] {
            let candidates = try store.reviewRefs(status: .candidate, minScore: 0.95, minFrequency: nil)
            #expect(!candidates.isEmpty)
            try store.review(.approve(), candidates, user: "kim")
            try store.review(.deprecate(), [TermRef(concept: 2, position: 1)], user: "kim")
            try store.review(.reject, [TermRef(concept: 3)], user: "kim")
            try store.edit(TermRef(concept: 4, position: 1), TermEdit(text: "edited term", note: "checked"), user: "lee")
            // New words join the lexicon and make other terms' keys again.
            try store.addPair(source: "극우배제", target: "excluding the far right", note: "news", languages: (.korean, .english), user: "park")
            try store.addPair(source: "공동", target: "joint", note: nil, languages: (.korean, .english), user: "park")
            #expect(try store.remove(term: "joint") == 1)
        }
        // Transactions carry dates, so compare what the dates do not touch.
        func strip(_ base: TermBase) -> [Concept] {
            base.concepts.map { c in
                var c = c
                c.transactions = c.transactions.map { var t = $0; t.date = nil; return t }
                c.terms = c.terms.map { t in var t = t; t.transactions = t.transactions.map { var x = $0; x.date = nil; return x }; return t }
                return c
            }
        }
        #expect(strip(try p.postgres.termBase()) == strip(try p.sqlite.termBase()))
        #expect(try Self.index(p.postgres) == Self.index(p.sqlite))
        #expect(try p.postgres.concept(3) == nil && p.sqlite.concept(3) == nil)
        try Self.expectSameLookups(p, try Self.queries(p.sqlite) + ["극우배제에", "edited term"])
        let review = try p.postgres.reviewEntries(status: .deprecated)
        #expect(review.count == 1 && review[0].ref == TermRef(concept: 2, position: 1), "\(review)")
    }

    @Test func anImportIsOneTransactionAndWritersDoNotLoseChanges() throws {
        guard let p = try Self.pair([Self.seeds]) else { return }
        defer { p.pg.destroy() }
        let before = try Self.index(p.postgres)
        let bad = p.folder + "/bad.tbx"
        let text = try String(contentsOfFile: Self.seeds, encoding: .utf8)
        // Good concepts first, then the document breaks off.
        try String(text.prefix(text.count * 2 / 3)).write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try p.postgres.merge(file: bad) }
        #expect(try Self.index(p.postgres) == before, "a failed import leaves the glossary as it was")

        // Importing the same file again adds nothing.
        #expect(try p.postgres.merge(file: Self.seeds) == 0)

        // Two writers on their own connections at once: both changes are kept.
        let db = p.database
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            do {
                let g = try db.open("g")
                for n in 0..<5 {
                    try g.addPair(source: "용어\(i)\(n)", target: "term \(i) \(n)", note: nil, languages: (.korean, .english), user: "w\(i)")
                }
            } catch {
                Issue.record(error)
            }
        }
        let fresh = try db.open("g")
        #expect(try fresh.conceptCount() == p.sqlite.conceptCount() + 20)
        #expect(try db.names() == ["g"])
        do {
            _ = try db.open("missing")
            Issue.record("a glossary that is not there is an error")
        } catch {
            #expect("\(error)".contains("no glossary named 'missing'") && "\(error)".contains("127.0.0.1"), "\(error)")
        }
    }
}

/// What the tests ask of the keyer without reaching into Terminology's internals.
enum TermKeyerProbe {
    static func hasHangul(_ s: String) -> Bool { s.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }
}
