import Foundation
import TMCore

extension GlossaryStore {
    /// Adds every concept of `base` in one transaction (the store is unchanged when it fails).
    /// Concepts without a transaction get an origination by `user` (when given). The store
    /// takes the base's languages when it has none yet.
    @discardableResult
    public func importTermBase(_ base: TermBase, user: String?) throws -> Int {
        try transaction {
            if languages == nil { try setLanguages(base.sourceLanguage, base.targetLanguage) }
            if try meta("title") == nil { try setMeta("title", base.title) }
            for var c in base.concepts {
                if let user, c.transactions.isEmpty { c.transactions.append(.now(.origination, user: user)) }
                try insert(c)
            }
            return base.concepts.count
        }
    }

    /// Compiles a glossary file into this (empty) store: TBX streamed concept by concept,
    /// TSV/CSV read whole. Runs in one transaction.
    public func compile(file: String, fallbackSource: LanguageTag = .korean, fallbackTarget: LanguageTag = .english) throws {
        guard let format = GlossaryFile.format(of: file) else { throw TerminologyError.unknownFormat(file: file) }
        try transaction {
            switch format {
            case .tbx:
                let header = try TBXReader.stream(file) { try insert($0) }
                let (s, t) = try TBXReader.languages(header, file: file, nil, nil)
                try setLanguages(s, t)
                try setMeta("title", header.title ?? (file as NSString).lastPathComponent)
            case .tsv, .csv:
                let base = try GlossaryFile.read(file, fallbackSource: fallbackSource, fallbackTarget: fallbackTarget)
                try setLanguages(base.sourceLanguage, base.targetLanguage)
                try setMeta("title", base.title)
                for c in base.concepts { try insert(c) }
            }
        }
    }
}
