import Foundation

/// An input file of a batch, with the path its output keeps under the output folder.
struct InputFile: Sendable, Hashable {
    var path: String
    /// Relative to the folder argument it was found in (for a file argument: its name).
    var relative: String
    var kind: DocumentKind
}

/// Expands the command-line inputs: folders are walked (sorted, hidden entries and the output
/// folder left out), files of a kind pre-translation does not read are listed as skipped.
enum InputFiles {
    static func expand(_ arguments: [String], excluding output: String? = nil) -> (files: [InputFile], skipped: [SkippedFile]) {
        let excluded = output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var files: [InputFile] = []
        var skipped: [SkippedFile] = []
        let fm = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                skipped.append(SkippedFile(file: argument, reason: "\(argument): no such file or folder", isError: true))
                continue
            }
            if !isDirectory.boolValue {
                let name = (argument as NSString).lastPathComponent
                if let kind = DocumentKind(path: argument) {
                    files.append(InputFile(path: argument, relative: name, kind: kind))
                } else {
                    skipped.append(SkippedFile(file: argument, reason: "\(argument): not a kind of file tmkit pre-translates (XLIFF, PO, text, Markdown)", isError: false))
                }
                continue
            }
            var found: [String] = []
            walk(argument, "", excluding: excluded, into: &found)
            for relative in found.sorted() {
                let path = (argument as NSString).appendingPathComponent(relative)
                if let kind = DocumentKind(path: relative) {
                    files.append(InputFile(path: path, relative: relative, kind: kind))
                } else {
                    skipped.append(SkippedFile(file: path, reason: "\(path): not a kind of file tmkit pre-translates (XLIFF, PO, text, Markdown)", isError: false))
                }
            }
        }
        return (files, skipped)
    }

    /// Refuses an output folder that is (after symbolic links) the folder an input is read
    /// from: the outputs would replace the originals.
    static func refuseOverwriting(_ files: [InputFile], output: String) throws {
        let out = resolved(output)
        for f in files {
            let inputFolder = resolved(String(f.path.dropLast(f.relative.count)).isEmpty ? "." : String(f.path.dropLast(f.relative.count)))
            let folder = resolved((f.path as NSString).deletingLastPathComponent.isEmpty ? "." : (f.path as NSString).deletingLastPathComponent)
            if out == inputFolder || out == folder {
                throw PretranslationError.unwritable(file: output, reason: "it is the folder \(f.path) is read from; the outputs would replace the originals (choose another -o)")
            }
        }
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func walk(_ root: String, _ relative: String, excluding: String?, into found: inout [String]) {
        let fm = FileManager.default
        let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: (root as NSString).appendingPathComponent(rel), isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let full = URL(fileURLWithPath: (root as NSString).appendingPathComponent(rel)).standardizedFileURL.path
                if full != excluding { walk(root, rel, excluding: excluding, into: &found) }
            } else {
                found.append(rel)
            }
        }
    }
}
