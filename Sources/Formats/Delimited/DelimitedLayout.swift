import Foundation
import TMCore

/// Which columns of a delimited file hold what, decided from its first record.
struct DelimitedLayout {
    var sourceColumn = 0
    var targetColumn = 1
    var sourceLanguage: LanguageTag?
    var targetLanguage: LanguageTag?
    var idColumn: Int?
    var contextColumn: Int?
    var noteColumns: [Int] = []
    /// Other named columns, kept as unit properties.
    var propertyColumns: [(index: Int, name: String)] = []
    /// Whether the first record is a header (and so not data).
    var hasHeader = false

    static let sourceNames: Set<String> = ["source", "src", "source text", "original", "source_text", "term", "source term"]
    static let targetNames: Set<String> = ["target", "tgt", "trg", "translation", "target text", "target_text", "target term"]
    static let rolePrefixes: [(String, Bool)] = [("source", true), ("src", true), ("target", false), ("tgt", false), ("trg", false)]

    /// Reads the layout from the first record's cells. `columns` are the cells' 1-based columns.
    static func detect(_ cells: [String], columns: [Int], file: String, options: ReadOptions) throws -> DelimitedLayout {
        var layout = DelimitedLayout()
        let names = cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var source: Int?, target: Int?
        var roleSeen = false
        for (i, name) in names.enumerated() {
            if sourceNames.contains(name) { source = source ?? i; roleSeen = true; continue }
            if targetNames.contains(name) { target = target ?? i; roleSeen = true; continue }
            for (prefix, isSource) in rolePrefixes {
                guard name.hasPrefix(prefix), name.count > prefix.count + 1 else { continue }
                let sep = name[name.index(name.startIndex, offsetBy: prefix.count)]
                guard sep == "_" || sep == "-" || sep == ":" || sep == " " else { continue }
                let code = String(cells[i].trimmingCharacters(in: .whitespaces).dropFirst(prefix.count + 1))
                let tag = try LanguageCheck.tag(code, file: file, line: 1, column: columns[i] + prefix.count + 1)
                roleSeen = true
                if isSource, source == nil { source = i; layout.sourceLanguage = tag }
                if !isSource, target == nil { target = i; layout.targetLanguage = tag }
                break
            }
        }
        if roleSeen {
            guard let s = source else {
                throw FormatError.malformed(file: file, line: 1, column: 1, reason: "the header names no source column")
            }
            guard let t = target else {
                throw FormatError.malformed(file: file, line: 1, column: 1, reason: "the header names no target column")
            }
            layout.hasHeader = true
            layout.sourceColumn = s
            layout.targetColumn = t
            if let sl = layout.sourceLanguage, let tl = layout.targetLanguage,
               try LanguageCheck.mustSwap(file: file, line: 1, column: columns[s], declared: (sl, tl), options: options) {
                layout.swap()
            }
        } else {
            // Bare language codes as column names: `en<TAB>ko`.
            // Bare language codes (`en`, `ko-KR`) or English language names (`English`, `Korean`).
            let langColumns = names.indices.compactMap { i -> (Int, LanguageTag)? in
                if let tag = languageNames[names[i]] { return (i, tag) }
                guard !reserved.contains(names[i]), names[i].count <= 8, let tag = LanguageTag(names[i]), tag.isKnownLanguage else { return nil }
                return (i, tag)
            }
            if langColumns.count >= 2 {
                layout.hasHeader = true
                let pick: (LanguageTag?, Int?) -> (Int, LanguageTag)? = { want, not in
                    if let want { return langColumns.first { $0.1.sameLanguage(as: want) && $0.0 != not } }
                    return langColumns.first { $0.0 != not }
                }
                guard let s = pick(options.sourceLanguage, nil) else {
                    throw FormatError.language(file: file, line: 1, column: 1, code: options.sourceLanguage!.code, reason: "no column for this source language")
                }
                guard let t = pick(options.targetLanguage, s.0) else {
                    throw FormatError.language(file: file, line: 1, column: 1, code: options.targetLanguage!.code, reason: "no column for this target language")
                }
                (layout.sourceColumn, layout.sourceLanguage) = s
                (layout.targetColumn, layout.targetLanguage) = t
            }
        }
        layout.sourceLanguage = options.sourceLanguage ?? layout.sourceLanguage
        layout.targetLanguage = options.targetLanguage ?? layout.targetLanguage
        if layout.hasHeader {
            for (i, name) in names.enumerated() where i != layout.sourceColumn && i != layout.targetColumn {
                switch name {
                case "id", "key": layout.idColumn = layout.idColumn ?? i
                case "context", "msgctxt": layout.contextColumn = layout.contextColumn ?? i
                case "note", "notes", "comment", "comments": layout.noteColumns.append(i)
                default: layout.propertyColumns.append((i, cells[i].trimmingCharacters(in: .whitespaces)))
                }
            }
        }
        return layout
    }

    static let reserved: Set<String> = ["id", "no", "key"]

    /// Lower-cased English language names to tags (`korean` -> `ko`), for headers that name languages.
    static let languageNames: [String: LanguageTag] = {
        let english = Locale(identifier: "en")
        var names: [String: LanguageTag] = [:]
        for code in Locale.LanguageCode.isoLanguageCodes.map(\.identifier) where code.count == 2 {
            guard let name = english.localizedString(forLanguageCode: code)?.lowercased(), let tag = LanguageTag(code) else { continue }
            if names[name] == nil { names[name] = tag }
        }
        return names
    }()

    mutating func swap() {
        (sourceColumn, targetColumn) = (targetColumn, sourceColumn)
        (sourceLanguage, targetLanguage) = (targetLanguage, sourceLanguage)
    }
}

