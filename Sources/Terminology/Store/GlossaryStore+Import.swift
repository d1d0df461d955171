import Foundation
import TMCore

extension GlossaryStore {
    /// Adds every concept of `base` in one transaction (the store is unchanged when it fails).
    /// Concepts without a transaction get an origination by `user` (when given). The store
    /// takes the base's languages when it has none yet.
    @discardableResult
    public func importTermBase(_ base: TermBase, user: String?) throws -> Int {
        try bulkLoad {
            if languages == nil { try setLanguages(base.sourceLanguage, base.targetLanguage) }
            if try meta("title") == nil { try setMeta("title", base.title) }
            for var c in base.concepts {
                if let user, c.transactions.isEmpty { c.transactions.append(.now(.origination, user: user)) }
                try insert(c)
            }
            return base.concepts.count
        }
    }

    /// Compiles a glossary file into this (empty) store, streamed concept by concept (TBX, each
    /// concept as the file has it) or row by row (TSV/CSV, rows with the same source term joined
    /// into one concept), so memory does not grow with the file. Runs in one transaction
    /// (`bulkLoad`: keys and indexes made at the end; a TBX needs no text index meanwhile, as
    /// nothing is merged). Returns one-line notes on how the file was read (a CP949 decode).
    @discardableResult
    public func compile(file: String, fallbackSource: LanguageTag = .korean, fallbackTarget: LanguageTag = .english) throws -> [String] {
        guard let format = GlossaryFile.format(of: file) else { throw TerminologyError.unknownFormat(file: file) }
        return try bulkLoad(withTextIndex: format != .tbx) {
            let (s, t, title, notes) = try streamFile(file, format: format, fallback: (fallbackSource, fallbackTarget)) {
                if format == .tbx { try insert($0) } else { try insertMerging($0) }
            }
            try setLanguages(s, t)
            try setMeta("title", title)
            return notes
        }
    }

    /// Streams the concepts of `file` to `body`; returns its languages, title and notes. The
    /// file is read and parsed on a second thread, ahead of `body` (which stores), so the two
    /// halves of an import run side by side (`Pipeline`).
    func streamFile(_ file: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                    fallback: (LanguageTag, LanguageTag), _ body: (Concept) throws -> Void) throws -> (LanguageTag, LanguageTag, String, [String]) {
        try Pipeline.run(produce: { emit in
            try Self.read(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, fallback: fallback, emit)
        }, consume: body)
    }

    /// The concepts of `file`, in order, to `body`, on the calling thread.
    static func read(_ file: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?,
                     fallback: (LanguageTag, LanguageTag), _ body: (Concept) throws -> Void) throws -> (LanguageTag, LanguageTag, String, [String]) {
        switch format {
        case .tbx:
            let header = try TBXReader.stream(file, body)
            let (s, t) = try TBXReader.languages(header, file: file, sourceLanguage, targetLanguage)
            return (s, t, header.title ?? (file as NSString).lastPathComponent, [])
        case .tsv, .csv:
            let summary = try DelimitedGlossary.stream(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                       fallback: fallback, body)
            return (summary.sourceLanguage ?? fallback.0, summary.targetLanguage ?? fallback.1, (file as NSString).lastPathComponent, summary.notes)
        }
    }

    /// Inserts `concept`, or, when a concept whose first term has the same language and text
    /// is stored, adds the terms it lacks to that one (a delimited file's rows for one term).
    /// Returns the concept's id.
    @discardableResult
    public func insertMerging(_ concept: Concept) throws -> Int64 {
        guard let first = concept.terms.first else { return try insert(concept) }
        let s = try db.statement("SELECT concept, lang FROM terms WHERE text = ? AND position = 0")
        s.bind(1, first.text)
        var found: Int64?
        while try s.step() {
            if LanguageTag(s.string(1) ?? "")?.sameLanguage(as: first.language) == true { found = s.int64(0); break }
        }
        s.reset()
        guard let id = found, var existing = try self.concept(id) else { return try insert(concept) }
        existing.merge(concept)
        try replace(id, with: existing)
        return id
    }
}
