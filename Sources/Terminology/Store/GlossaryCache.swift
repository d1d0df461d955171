import Foundation
import TMCore

/// Compiled indexes of glossary files. A TBX/TSV/CSV is compiled into a store on first use
/// and kept in `directory`; the store remembers the file's size, modification time and
/// content hash, and is rebuilt when the file changes (a changed size or time with the same
/// content only refreshes the record). A compile writes a temporary file renamed into place,
/// so concurrent runs never see half a store.
public enum GlossaryCache {
    /// `$TMKIT_HOME/cache/glossaries` when TMKIT_HOME is set, else
    /// `$XDG_CACHE_HOME/tmkit/glossaries`, else `~/.cache/tmkit/glossaries`.
    public static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["TMKIT_HOME"], !home.isEmpty { return home + "/cache/glossaries" }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tmkit/glossaries" }
        return NSHomeDirectory() + "/.cache/tmkit/glossaries"
    }

    /// Where the compiled index of `file` lives.
    public static func storePath(for file: String) -> String {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let name = (absolute as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
        var hash = FNV64()
        hash.add(absolute)
        return directory + "/" + name + "-" + String(hash.value, radix: 16) + ".sqlite"
    }

    /// The compiled store of `file`, compiled now when missing or out of date. `compiled` is
    /// set when a compile ran.
    public static func store(for file: String, fallbackSource: LanguageTag = .korean, fallbackTarget: LanguageTag = .english,
                             compiled: UnsafeMutablePointer<Bool>? = nil, notes: ((String) -> Void)? = nil) throws -> GlossaryStore {
        var st = stat()
        guard stat(file, &st) == 0 else {
            throw TerminologyError.unreadable(file: file, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw TerminologyError.unreadable(file: file, reason: "is a directory") }
        let stamp = "\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        let path = storePath(for: file)
        if FileManager.default.fileExists(atPath: path), let store = try? GlossaryStore(path: path, create: false, readOnly: true),
           (try? store.meta("keys")) == TermKeyer.version {
            if (try? store.meta("file.stamp")) == stamp { return store }
            // Touched but maybe not changed: compare the content.
            let hash = try contentHash(file)
            if (try? store.meta("file.hash")) == hash {
                if let rw = try? GlossaryStore(path: path, create: false) { try? rw.setMeta("file.stamp", stamp) }
                return store
            }
        }
        let hash = try contentHash(file)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let store = try GlossaryStore(path: temporary, journal: "OFF")
            let remarks = try store.compile(file: file, fallbackSource: fallbackSource, fallbackTarget: fallbackTarget)
            remarks.forEach { notes?($0) }
            try store.setMeta("file.path", URL(fileURLWithPath: file).standardizedFileURL.path)
            try store.setMeta("file.stamp", stamp)
            try store.setMeta("file.hash", hash)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw TerminologyError.unwritable(file: path, reason: reason)
        }
        compiled?.pointee = true
        return try GlossaryStore(path: path, create: false, readOnly: true)
    }

    /// FNV-1a over the file's bytes, read in 1 MB blocks.
    static func contentHash(_ file: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw TerminologyError.unreadable(file: file, reason: "cannot open") }
        defer { try? handle.close() }
        var h = FNV64()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            block.withUnsafeBytes { h.add(bytes: $0) }
        }
        return String(h.value, radix: 16)
    }
}
