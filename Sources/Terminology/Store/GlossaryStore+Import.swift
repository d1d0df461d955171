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
}
