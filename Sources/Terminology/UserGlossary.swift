import Foundation
import TMCore

/// The user's own glossary: a glossary store, `$TMKIT_HOME/glossary.sqlite`. An older
/// `$TMKIT_HOME/glossary.tbx` beside it is imported on first use (and left where it is). Every
/// change is a transaction, so a failed edit or import leaves the store as it was.
public struct UserGlossary: Sendable {
    public let path: String

    public init(path: String = TMKitHome.path + "/glossary.sqlite") {
        self.path = path
    }

    /// The TBX file older tmkit versions kept the user's glossary in.
    public var legacyPath: String { (path as NSString).deletingPathExtension + ".tbx" }

    public var exists: Bool {
        FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: legacyPath)
    }

    /// Who is making changes: `$TMKIT_USER`, else `$USER`, else "tmkit".
    public static var currentUser: String {
        let env = ProcessInfo.processInfo.environment
        return env["TMKIT_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "tmkit"
    }

    /// Opens the store (creating it, and importing the legacy TBX, when missing).
    public func open(readOnly: Bool = false, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> GlossaryStore {
        if !FileManager.default.fileExists(atPath: path) {
            let store = try GlossaryStore(path: path)
            if FileManager.default.fileExists(atPath: legacyPath) {
                try store.importTermBase(try GlossaryFile.read(legacyPath), user: nil)
            }
            if store.languages == nil, let s = sourceLanguage, let t = targetLanguage { try store.setLanguages(s, t) }
            if readOnly { return try GlossaryStore(path: path, create: false, readOnly: true) }
            return store
        }
        return try GlossaryStore(path: path, create: false, readOnly: readOnly)
    }

    /// The glossary as pairs, or an empty one in the given languages when there is none yet.
    public func load(sourceLanguage: LanguageTag = .korean, targetLanguage: LanguageTag = .english) throws -> Glossary {
        guard exists else { return Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, title: "tmkit user glossary") }
        return try open().termBase().pairs(includeUnusable: true)
    }

    /// Adds a term pair (or, when the pair is there, updates its note). Terms are oriented to
    /// the glossary's languages by script: a Hangul term goes to the Korean side. The new
    /// concept's terms are admitted, made by the current user. Returns the number of concepts.
    @discardableResult
    public func add(source: String, target: String, note: String?, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                    status: TermStatus? = nil) throws -> Int {
        let (sl, tl) = Self.languages(source: source, target: target, sourceLanguage, targetLanguage)
        return try open(sourceLanguage: sl, targetLanguage: tl).addPair(source: source, target: target, note: note, languages: (sl, tl),
                                                                         user: Self.currentUser, status: status)
    }

    /// Removes the concepts with `term` (either language), or only the `translation` term of
    /// them. Returns how many terms or concepts were removed; throws `notFound` when none.
    @discardableResult
    public func remove(term: String, translation: String? = nil) throws -> Int {
        guard exists else { throw TerminologyError.notFound(source: term, target: translation) }
        return try open().remove(term: term, translation: translation)
    }

    /// Adds the concepts of `file` (TBX, TSV, CSV) to the user's glossary, streamed into the
    /// store in one transaction: if the file is bad, nothing changes, and memory does not grow
    /// with the file. Concepts already there (same terms) are skipped; a delimited row for a
    /// term the glossary has joins that term's concept. Returns concepts added or extended;
    /// `notes` hears remarks on how the file was read (a CP949 decode).
    @discardableResult
    public func importFile(_ file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                           notes: ((String) -> Void)? = nil) throws -> Int {
        guard GlossaryFile.format(of: file) != nil else { throw TerminologyError.unknownFormat(file: file) }
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            return try open().merge(file: file, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, notes: notes)
        } catch {
            // A first import that failed leaves no empty store behind.
            if !existed { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
            throw error
        }
    }

    /// The languages of a new glossary for the pair `source` -> `target`: `s`/`t` when given,
    /// else the Hangul side Korean.
    public static func languages(source: String, target: String, _ s: LanguageTag?, _ t: LanguageTag?) -> (LanguageTag, LanguageTag) {
        if let s, let t { return (s, t) }
        let hangul = { (x: String) in x.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }
        if hangul(source) && !hangul(target) { return (.korean, .english) }
        if hangul(target) && !hangul(source) { return (.english, .korean) }
        return (s ?? .korean, t ?? .english)
    }
}

extension GlossaryStore {
    /// The sorted language:text pairs of a concept's terms.
    static func signature(_ terms: [(LanguageTag, String)]) -> [String] {
        terms.map { $0.0.language + ":" + $0.1 }.sorted()
    }
}
