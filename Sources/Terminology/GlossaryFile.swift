import Foundation
import TMCore

/// Reading and writing glossary files by extension: `.tbx` (TBX-Basic 2019 or 2008 written;
/// 2019 and 2008 `martif` read) and `.tsv`/`.txt`/`.utf8`/`.tab`/`.csv` (OmegaT's glossary
/// layout: source, target, comment; see `DelimitedGlossary`). Writes are atomic: a temporary
/// file renamed over the old one.
public enum GlossaryFile {
    public enum Format: String, Sendable { case tbx, tsv, csv }

    public static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tbx", "xml": return .tbx
        case "tsv", "txt", "utf8", "tab": return .tsv
        case "csv": return .csv
        default: return nil
        }
    }

    /// Writes `base` to `path` atomically: .tbx as TBX-Basic (`dialect`, 2019 unless told),
    /// .tsv/.txt/.csv in OmegaT's layout (usable pairs, best first).
    public static func write(_ base: TermBase, to path: String, format: Format? = nil, dialect: TBXWriter.Dialect = .tbx2019) throws {
        guard let format = format ?? Self.format(of: path) else { throw TerminologyError.unknownFormat(file: path) }
        let text: String
        switch format {
        case .tbx: text = TBXWriter.document(base, dialect: dialect)
        case .tsv: text = DelimitedGlossary.write(base.pairs(), separator: "\t")  // OmegaT's .txt/.utf8 layout
        case .csv: text = DelimitedGlossary.write(base.pairs(), separator: ",")
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Writes pairs (one concept per source term).
    public static func write(_ glossary: Glossary, to path: String, format: Format? = nil, dialect: TBXWriter.Dialect = .tbx2019) throws {
        try write(TermBase(pairs: glossary), to: path, format: format, dialect: dialect)
    }

    /// Reads a term base. `sourceLanguage`/`targetLanguage` turn it to that direction (a TBX or
    /// a TSV/CSV header naming both languages) or name the columns of a delimited file that
    /// names none; without them such a file's languages come from its script, the Hangul side
    /// Korean and the other `fallbackSource`/`fallbackTarget`'s other language. `notes` hears
    /// one-line remarks on how the file was read (a CP949 decode).
    public static func read(_ path: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                            fallbackSource: LanguageTag = .korean, fallbackTarget: LanguageTag = .english,
                            notes: ((String) -> Void)? = nil) throws -> TermBase {
        guard let format = format(of: path) else { throw TerminologyError.unknownFormat(file: path) }
        switch format {
        case .tbx:
            return try TBXReader.read(path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .tsv, .csv:
            let (base, remarks) = try DelimitedGlossary.read(path, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                             fallback: (fallbackSource, fallbackTarget))
            remarks.forEach { notes?($0) }
            return base
        }
    }

    /// Writes `data` to a temporary file beside `path`, flushes it, and renames it over `path`.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TerminologyError.unwritable(file: path, reason: "cannot create directory \(directory)")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw TerminologyError.unwritable(file: path, reason: "cannot create \(temporary)")
        }
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw TerminologyError.unwritable(file: path, reason: reason)
        }
    }
}
