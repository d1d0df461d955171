import Foundation
import TMCore

/// Where tmkit finds glossaries when none is named with `--glossary`, in order:
///
/// 1. the user's glossary store, `$TMKIT_HOME/glossary.sqlite`;
/// 2. `TMKIT_GLOSSARY_PATH`: folders or files separated by `:`;
/// 3. the shipped glossaries: `./Glossary`, `share/tmkit/Glossary` beside the binary's
///    folder (an installed tmkit), and the `Glossary/` folder of the package the binary was
///    built from (so `swift run --package-path …` works from any folder).
///
/// Files in folders are the `.tbx`, `.tsv` and `.csv` ones, sorted by name.
public struct GlossaryCatalog: Sendable {
    public enum Kind: String, Sendable { case user, named, path, shipped }
    public struct Location: Sendable, Hashable {
        public var kind: Kind
        /// The exchange file (or, for the user's glossary, the store).
        public var path: String
        public var name: String { (path as NSString).lastPathComponent }
    }

    public var locations: [Location] = []
    /// Folders looked in for shipped glossaries that held none (for the warning).
    public var searched: [String] = []

    /// The glossaries named on the command line, or the search path when none is.
    public init(named: [String], includeUser: Bool = true, executable: String = CommandLine.arguments.first ?? "tmkit",
                packageRoot: String? = GlossaryCatalog.packageRoot) {
        if !named.isEmpty {
            locations = named.map { Location(kind: .named, path: $0) }
            return
        }
        let env = ProcessInfo.processInfo.environment
        if includeUser {
            let user = UserGlossary()
            if user.exists { locations.append(Location(kind: .user, path: user.path)) }
        }
        var seen = Set<String>()
        func add(_ path: String, _ kind: Kind) {
            let std = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard seen.insert(std).inserted else { return }
            locations.append(Location(kind: kind, path: path))
        }
        func addFolderOrFile(_ path: String, _ kind: Kind) -> Bool {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return false }
            if !isDir.boolValue { add(path, kind); return true }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { ["tbx", "tsv", "csv"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            for f in files { add(path + "/" + f, kind) }
            return !files.isEmpty
        }
        for part in (env["TMKIT_GLOSSARY_PATH"] ?? "").split(separator: ":") where !part.isEmpty {
            _ = addFolderOrFile(String(part), .path)
        }
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var folders = [FileManager.default.currentDirectoryPath + "/Glossary",
                       exe.deletingLastPathComponent().appendingPathComponent("share/tmkit/Glossary").path]
        if let packageRoot { folders.append(packageRoot + "/Glossary") }
        var found = false
        for folder in folders {
            if addFolderOrFile(folder, .shipped) { found = true } else { searched.append(folder) }
        }
        if found { searched = [] }
    }

    /// The folder of the package tmkit was built from (this source file's repository), when it
    /// still exists.
    public static let packageRoot: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: root + "/Package.swift") ? root : nil
    }()

    /// Whether `path` is a glossary store (a SQLite file, such as the user's glossary or one
    /// `glossary review --store` names) rather than an exchange file to compile.
    public static func isStore(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
    }

    /// A warning when no shipped glossary was found, else nil.
    public var warning: String? {
        searched.isEmpty ? nil : "no shipped glossary found (looked in \(searched.joined(separator: ", "))); set TMKIT_GLOSSARY_PATH"
    }

    /// Opens every location: stores (the user's, or one named) as they are, files through their
    /// compiled index.
    public func openStores(fallbackSource: LanguageTag = .korean, fallbackTarget: LanguageTag = .english,
                           onCompile: ((Location) -> Void)? = nil, notes: ((String) -> Void)? = nil) throws -> [(name: String, store: any GlossaryStoring)] {
        try locations.map { loc -> (name: String, store: any GlossaryStoring) in
            if loc.kind == .user { return ("user", try UserGlossary(path: loc.path).open(readOnly: true)) }
            if Self.isStore(loc.path) { return (loc.name, try GlossaryStore(path: loc.path, create: false, readOnly: true)) }
            var compiled = false
            let store = try GlossaryCache.store(for: loc.path, fallbackSource: fallbackSource, fallbackTarget: fallbackTarget, compiled: &compiled, notes: notes)
            if compiled { onCompile?(loc) }
            return (loc.name, store)
        }
    }
}
