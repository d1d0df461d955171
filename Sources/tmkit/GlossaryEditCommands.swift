import ArgumentParser
import Foundation
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
        """
    )

    @Argument(help: "The term.") var source: String
    @Argument(help: "Its translation.") var target: String
    @Option(help: "A note for the entry.") var note: String?
    @Option(name: .customLong("source-lang"), help: "Source language of a new user glossary.") var sourceLang: String?
    @Option(name: .customLong("target-lang"), help: "Target language of a new user glossary.") var targetLang: String?
    @Option(help: "Output format of the summary (on standard output with json): text or json.") var format: OutputFormat = .text

    func run() throws {
        do {
            let s = source.trimmingCharacters(in: .whitespaces), t = target.trimmingCharacters(in: .whitespaces)
            guard !s.isEmpty, !t.isEmpty else { throw ValidationError("the term and its translation must not be empty") }
            let user = UserGlossary()
            let g = try user.add(source: s, target: t, note: note, sourceLanguage: try sourceLang.map(parseLanguage), targetLanguage: try targetLang.map(parseLanguage))
            if format == .json {
                print("{\"glossary\": \(JSONOutput.encode(user.path)), \"added\": {\"source\": \(JSONOutput.encode(s)), \"target\": \(JSONOutput.encode(t))}, \"concepts\": \(g)}")
            } else {
                notice("\(user.path): \(g) concepts")
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

    func run() throws {
        do {
            let user = UserGlossary()
            let n = try user.remove(term: term, translation: translation)
            if format == .json {
                print("{\"glossary\": \(JSONOutput.encode(user.path)), \"removed\": \(n)}")
            } else {
                notice("\(user.path): removed \(n) \(n == 1 ? "entry" : "entries")")
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
        """
    )

    @Argument(help: "The glossary file to import.") var file: String
    @Option(name: .customLong("source-lang")) var sourceLang: String?
    @Option(name: .customLong("target-lang")) var targetLang: String?

    func run() throws {
        do {
            let user = UserGlossary()
            let added = try user.importFile(file, sourceLanguage: try sourceLang.map(parseLanguage), targetLanguage: try targetLang.map(parseLanguage),
                                            notes: { notice($0) })
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
        """
    )

    @Argument(help: "The file to write.") var file: String
    @Option(help: "TBX dialect: tbx2019 (TBX-Basic, ISO 30042:2019) or tbx2008 (martif, read by translate-toolkit and OmegaT).")
    var dialect: TBXWriter.Dialect = .tbx2019
    @Option(name: .customLong("glossary"), help: "Glossaries to export instead of the user's (repeatable; merged).")
    var glossaries: [String] = []

    func run() throws {
        do {
            var merged: TermBase
            if glossaries.isEmpty {
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
