import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import Terminology

struct GlossaryAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an entry to the user's glossary ($TMKIT_HOME/glossary.sqlite).",
        discussion: """
        The user's glossary is created on first use (Korean -> English unless --source-lang and \
        --target-lang say otherwise); a Hangul term goes to the Korean side whatever the order.

        Examples:
          tmkit glossary add 휴전 ceasefire
          tmkit glossary add 안보 security --note "not 보안 (IT security)"
          tmkit glossary add 휴전 ceasefire --database postgres:///tmkit
        """
    )

    @Argument(help: "The term.") var source: String
    @Argument(help: "Its translation.") var target: String
    @Option(help: "A note for the entry.") var note: String?
    @Option(name: .customLong("source-lang"), help: "Source language of a new user glossary.") var sourceLang: String?
    @Option(name: .customLong("target-lang"), help: "Target language of a new user glossary.") var targetLang: String?
    @Option(help: "Output format of the summary (on standard output with json): text or json.") var format: OutputFormat = .text
    @OptionGroup var database: GlossaryDatabaseOptions

    func validate() throws { try database.checkName() }

    func run() throws {
        do {
            let s = source.trimmingCharacters(in: .whitespaces), t = target.trimmingCharacters(in: .whitespaces)
            guard !s.isEmpty, !t.isEmpty else { throw ValidationError("the term and its translation must not be empty") }
            let (sl, tl) = (try sourceLang.map(parseLanguage), try targetLang.map(parseLanguage))
            let user = UserGlossary()
            var path = user.path, g: Int
            if let url = database.database {
                let store = try database.writeStore(url, create: true)
                path = store.location
                g = try store.addPair(source: s, target: t, note: note, languages: UserGlossary.languages(source: s, target: t, sl, tl),
                                      user: UserGlossary.currentUser)
            } else {
                g = try user.add(source: s, target: t, note: note, sourceLanguage: sl, targetLanguage: tl)
            }
            if format == .json {
                print("{\"glossary\": \(JSONOutput.encode(path)), \"added\": {\"source\": \(JSONOutput.encode(s)), \"target\": \(JSONOutput.encode(t))}, \"concepts\": \(g)}")
            } else {
                notice("\(path): \(g) concepts")
            }
        } catch {
            fail(error)
        }
    }
}

struct GlossaryRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove entries from the user's glossary.",
        discussion: """
        Removes every entry with TERM on either side, or only the pair TERM -> TRANSLATION. \
        Exits 1 when there is no such entry.

        Examples:
          tmkit glossary remove 휴전
          tmkit glossary remove 안보 security
        """
    )

    @Argument(help: "The term (either side).") var term: String
    @Argument(help: "Only the entry with this translation.") var translation: String?
    @Option(help: "Output format of the summary (on standard output with json): text or json.") var format: OutputFormat = .text
    @OptionGroup var database: GlossaryDatabaseOptions

    func validate() throws { try database.checkName() }

    func run() throws {
        do {
            var path = UserGlossary().path, n: Int
            if let url = database.database {
                let store = try database.writeStore(url, create: false)
                path = store.location
                n = try store.remove(term: term, translation: translation)
            } else {
                n = try UserGlossary().remove(term: term, translation: translation)
            }
            if format == .json {
                print("{\"glossary\": \(JSONOutput.encode(path)), \"removed\": \(n)}")
            } else {
                notice("\(path): removed \(n) \(n == 1 ? "entry" : "entries")")
            }
        } catch {
            fail(error)
        }
    }
}

struct GlossaryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a TBX (2019 or 2008), TSV or CSV glossary into the user's glossary.",
        discussion: """
        TSV/CSV use OmegaT's glossary layout: source, target, comment. They carry no languages: \
        the user glossary's (or --source-lang/--target-lang) are assumed. The file is read \
        completely before anything is written: a malformed file is an error naming file, line and \
        column, and the user's glossary is left as it was.

        Examples:
          tmkit glossary import terms.tbx
          tmkit glossary import omegat/glossary.txt --source-lang en --target-lang ko
          tmkit glossary import t.tbx --database postgres:///tmkit --name team
        """
    )

    @Argument(help: "The glossary file to import.") var file: String
    @Option(name: .customLong("source-lang")) var sourceLang: String?
    @Option(name: .customLong("target-lang")) var targetLang: String?
    @OptionGroup var database: GlossaryDatabaseOptions

    func validate() throws { try database.checkName() }

    func run() throws {
        do {
            let (sl, tl) = (try sourceLang.map(parseLanguage), try targetLang.map(parseLanguage))
            if let url = database.database {
                guard GlossaryFile.format(of: file) != nil else { throw TerminologyError.unknownFormat(file: file) }
                let db = try database.open(url)
                let existed = try db.names().contains(database.name)
                let store = try db.open(database.name, create: true)
                do {
                    let added = try store.merge(file: file, sourceLanguage: sl, targetLanguage: tl, notes: { notice($0) })
                    try store.setTitleIfMissing((file as NSString).lastPathComponent)
                    notice("\(store.location): \(added) concepts added from \(file)")
                } catch {
                    // A first import that failed leaves no empty glossary behind.
                    if !existed { _ = try? db.drop(database.name) }
                    throw error
                }
                return
            }
            let user = UserGlossary()
            let added = try user.importFile(file, sourceLanguage: sl, targetLanguage: tl, notes: { notice($0) })
            notice("\(user.path): \(added) concepts added from \(file)")
        } catch {
            fail(error)
        }
    }
}

struct GlossaryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the user's glossary (or --glossary files) as TBX-Basic (2019 or 2008), TSV or CSV.",
        discussion: """
        The format follows FILE's extension: .tbx (TBX-Basic, ISO 30042:2019), .tsv/.txt \
        (OmegaT's layout), .csv.

        Examples:
          tmkit glossary export my-terms.tbx
          tmkit glossary export omegat/glossary/tmkit.txt
          tmkit glossary export --glossary Glossary/seeds.tbx seeds.tsv
          tmkit glossary export t.tbx --database postgres:///tmkit --name team
        """
    )

    @Argument(help: "The file to write.") var file: String
    @Option(help: "TBX dialect: tbx2019 (TBX-Basic, ISO 30042:2019) or tbx2008 (martif, read by translate-toolkit and OmegaT).")
    var dialect: TBXWriter.Dialect = .tbx2019
    @Option(name: .customLong("glossary"), help: "Glossaries to export instead of the user's (repeatable; merged).")
    var glossaries: [String] = []
    @OptionGroup var database: GlossaryDatabaseOptions

    func validate() throws {
        if database.database != nil && !glossaries.isEmpty { throw ValidationError("Give --glossary files or --database, not both.") }
        try database.checkName()
    }

    func run() throws {
        do {
            var merged: TermBase
            if let url = database.database {
                merged = try database.writeStore(url, create: false).termBase()
            } else if glossaries.isEmpty {
                let user = UserGlossary()
                guard user.exists else { throw TerminologyError.unreadable(file: user.path, reason: "no user glossary yet (use tmkit glossary add or import)") }
                merged = try user.open().termBase()
            } else {
                merged = try GlossaryFile.read(glossaries[0], notes: { notice($0) })
                for path in glossaries.dropFirst() {
                    // Read in the first glossary's direction (a TBX with those languages is turned round).
                    merged.concepts += try GlossaryFile.read(path, sourceLanguage: merged.sourceLanguage, targetLanguage: merged.targetLanguage).concepts
                }
            }
            try GlossaryFile.write(merged, to: file, dialect: dialect)
            notice("\(file): \(merged.concepts.count) concepts, \(merged.termCount) terms")
        } catch {
            fail(error)
        }
    }
}
extension TBXWriter.Dialect: ExpressibleByArgument {}
