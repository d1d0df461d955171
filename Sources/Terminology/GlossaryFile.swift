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

    /// Writes `glossary` to `path` atomically.
    public static func write(_ glossary: Glossary, to path: String, format: Format? = nil) throws {
        guard let format = format ?? Self.format(of: path) else { throw TerminologyError.unknownFormat(file: path) }
        let text: String
        switch format {
        case .tbx: text = TBXWriter.document(glossary)
        case .tsv: text = DelimitedGlossary.write(glossary, separator: "\t")
        case .csv: text = DelimitedGlossary.write(glossary, separator: ",")
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Reads a glossary. For TSV/CSV files, which carry no languages, give them.
    public static func read(_ path: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> Glossary {
        guard let format = format(of: path) else { throw TerminologyError.unknownFormat(file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TerminologyError.unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or a directory" : "no such file")
        }
        switch format {
        case .tbx:
            return try TBXReader.read(data: data, file: path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        case .tsv, .csv:
            guard let s = sourceLanguage, let t = targetLanguage else { throw TerminologyError.noLanguages(file: path) }
            return try DelimitedGlossary.read(data: data, file: path, separator: format == .csv ? "," : "\t", sourceLanguage: s, targetLanguage: t)
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
