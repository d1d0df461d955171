import Alignment
import Formats
import Foundation
import TMCore
import TranslationMemory

/// Writing and importing the result of `tmkit align`.
struct AlignOutput {
    let alignment: SentenceAlignment
    let source: LanguageTag
    let target: LanguageTag
    let minConfidence: Double
    let sourceFile: String

    func isFlagged(_ bead: SentenceBead) -> Bool { !bead.isPair || bead.confidence < minConfidence }

    static func checkDestination(_ path: String) throws {
        let lower = path.lowercased()
        guard lower.hasSuffix(".tsv") || lower.hasSuffix(".tmx") || lower.hasSuffix(".txt") || lower.hasSuffix(".json") || path == "-" else {
            throw CLIError("-o \(path): the output must be a .tsv, .tmx or .json file")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard path == "-" || (FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw FormatError.write(file: path, reason: "no such directory")
        }
    }

    /// Writes TSV (or TMX for a `.tmx` path) to `path`, or TSV to standard output.
    func write(to path: String?) throws {
        if let path, path.lowercased().hasSuffix(".tmx") {
            var writer = try TMXWriter(path: path, sourceLanguage: source)
            for unit in units(includeFlagged: false) { try writer.write(unit) }
            try writer.finish()
            return
        }
        var text = "source-\(source.code)\ttarget-\(target.code)\tbead\tconfidence\tflagged\n"
        var out = OutputBuffer()
        for bead in alignment.beads {
            text += Self.escape(bead.sourceText) + "\t" + Self.escape(bead.targetText) + "\t" + bead.kind + "\t"
                + String(format: "%.3f", bead.confidence) + "\t" + (isFlagged(bead) ? "yes" : "no") + "\n"
            if path == nil || path == "-", text.utf8.count > 1 << 16 { out.write(text); text = "" }
        }
        if let path, path != "-" {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw FormatError.write(file: path, reason: error.localizedDescription)
            }
        } else {
            out.write(text)
            out.flush()
        }
    }

    /// Writes the beads as a JSON array to `path`, or to standard output.
    func writeJSON(to path: String?) throws {
        struct Bead: Encodable {
            var source: String; var target: String; var bead: String; var confidence: Double; var flagged: Bool
        }
        let beads = alignment.beads.map {
            Bead(source: $0.sourceText, target: $0.targetText, bead: $0.kind, confidence: ($0.confidence * 1000).rounded() / 1000,
                 flagged: isFlagged($0))
        }
        struct Report: Encodable { var source_lang: String; var target_lang: String; var beads: [Bead] }
        let text = JSONOutput.encode(Report(source_lang: source.code, target_lang: target.code, beads: beads)) + "\n"
        if let path, path != "-" {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw FormatError.write(file: path, reason: error.localizedDescription)
            }
        } else {
            var out = OutputBuffer()
            out.write(text)
            out.flush()
        }
    }

    /// TSV escaping as the Formats TSV reader undoes it.
    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r", "\r\n": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    /// Imports the pairs into the memory at `path` in one transaction.
    func importIntoTM(path: String, includeFlagged: Bool) throws -> ImportSummary {
        let tm = try TranslationMemory(path: path, create: true)
        return try tm.importUnits(units(includeFlagged: includeFlagged), file: sourceFile)
    }

    /// The beads that become translation units.
    func units(includeFlagged: Bool) -> [TranslationUnit] {
        let now = Date()
        return alignment.beads.compactMap { bead in
            guard bead.isPair, includeFlagged || !isFlagged(bead) else { return nil }
            var unit = TranslationUnit(source: bead.sourceText, target: bead.targetText, sourceLanguage: source, targetLanguage: target)
            unit.created = now
            unit.creator = "tmkit align"
            unit.properties = [
                TranslationUnit.Property(type: "x-alignment-bead", value: bead.kind),
                TranslationUnit.Property(type: "x-alignment-confidence", value: String(format: "%.3f", bead.confidence)),
                TranslationUnit.Property(type: "x-document", value: sourceFile),
                TranslationUnit.Property(type: "x-sentence", value: "\(bead.source.lowerBound + 1)"),
            ]
            return unit
        }
    }
}
