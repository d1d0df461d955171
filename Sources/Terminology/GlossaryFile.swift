import Foundation
import TMCore

/// Reading and writing glossary files by extension: `.tbx` (TBX-Basic 2019 written; 2019 and
/// 2008 `martif` read) and `.tsv`/`.txt`/`.utf8`/`.csv` (OmegaT's glossary layout: source,
/// target, comment). Writes are atomic: a temporary file renamed over the old one.
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
        case .tsv: text = DelimitedGlossary.write(base.pairs(), separator: "\t")
        case .csv: text = DelimitedGlossary.write(base.pairs(), separator: ",")
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Writes pairs (one concept per source term).
    public static func write(_ glossary: Glossary, to path: String, format: Format? = nil, dialect: TBXWriter.Dialect = .tbx2019) throws {
        try write(TermBase(pairs: glossary), to: path, format: format, dialect: dialect)
    }

    /// Reads a term base. For TSV/CSV files, which may carry no languages, give them (or
    /// they come from a header row or the script of the columns).
    public static func read(_ path: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> TermBase {
        guard let format = format(of: path) else { throw TerminologyError.unknownFormat(file: path) }
        switch format {
        case .tbx:
            return try TBXReader.read(path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .tsv, .csv:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TerminologyError.unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or a directory" : "no such file")
            }
            guard let s = sourceLanguage, let t = targetLanguage else { throw TerminologyError.noLanguages(file: path) }
            return TermBase(pairs: try DelimitedGlossary.read(data: data, file: path, separator: format == .csv ? "," : "\t", sourceLanguage: s, targetLanguage: t),
                            origin: (path as NSString).lastPathComponent)
        }
    }

    /// Reads a term base in the languages it declares; for TSV/CSV, which declare none,
    /// `fallbackSource` and `fallbackTarget` are assumed.
    public static func read(_ path: String, fallbackSource: LanguageTag, fallbackTarget: LanguageTag) throws -> TermBase {
        if format(of: path) == .tbx { return try read(path) }
        return try read(path, sourceLanguage: fallbackSource, targetLanguage: fallbackTarget)
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
