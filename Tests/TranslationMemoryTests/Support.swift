import Foundation
import TMCore
@testable import TranslationMemory

/// A new store in a fresh temporary folder.
func temporaryStorePath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-tm-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("memory.sqlite").path
}

func unit(_ source: String, _ target: String, from: LanguageTag = .english, to: LanguageTag = .korean,
          context: String? = nil, id: String? = nil) -> TranslationUnit {
    TranslationUnit(source: source, target: target, sourceLanguage: from, targetLanguage: to, id: id, context: context)
}

/// A store holding `units`.
func store(_ units: [TranslationUnit]) throws -> TranslationMemory {
    let tm = try TranslationMemory(path: temporaryStorePath())
    try tm.importUnits(units)
    return tm
}

/// All rows of the entry table, for comparing a store before and after.
func snapshot(_ tm: TranslationMemory) throws -> [String] {
    var rows: [String] = []
    try tm.forEachEntry { rows.append("\($0.sourceLanguage)|\($0.targetLanguage)|\($0.source)|\($0.target)|\($0.context ?? "")") }
    return rows
}
