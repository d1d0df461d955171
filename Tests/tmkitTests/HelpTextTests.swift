import Foundation
import Testing

/// Every command's help, as a user reads it at 80 columns: examples on lines of their own,
/// whole; no line wider than the terminal; no default printed twice.
@Suite struct HelpTextTests {
    /// Every command path, found from the SUBCOMMANDS sections of the help.
    static func commandPaths() throws -> [[String]] {
        var paths: [[String]] = [[]]
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            let r = try TMKitProcess.run(path + ["--help"], environment: ["COLUMNS": "1000"])
            var inSubcommands = false
            for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("SUBCOMMANDS:") { inSubcommands = true; continue }
                guard inSubcommands else { continue }
                guard line.hasPrefix("  ") else { break }
                if line.hasPrefix("   ") { continue }  // an abstract's second line
                guard let name = line.split(separator: " ").first.map(String.init), name != "help" else { continue }
                paths.append(path + [name])
                queue.append(path + [name])
            }
        }
        return paths
    }

    static func isExample(_ line: Substring) -> Bool {
        let t = line.drop { $0 == " " }
        return ["tmkit ", "echo ", "cat ", "printf "].contains { t.hasPrefix($0) }
    }

    @Test func everyCommandReadsWellAt80Columns() throws {
        let paths = try Self.commandPaths()
        #expect(paths.count >= 20, "found \(paths.count) commands")
        for path in paths {
            let wide = try TMKitProcess.run(path + ["--help"], environment: ["COLUMNS": "1000"]).stdout
            let narrow = try TMKitProcess.run(path + ["--help"], environment: ["COLUMNS": "80"]).stdout
            let name = (["tmkit"] + path).joined(separator: " ")
            let narrowLines = Set(narrow.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for line in wide.split(separator: "\n") where Self.isExample(line) {
                let example = line.trimmingCharacters(in: .whitespaces)
                #expect(narrowLines.contains(example), "\(name): example broken at 80 columns: \(example)")
            }
            // ArgumentParser writes the usage line on one line whatever the width; the rest is ours.
            for line in narrow.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(name): line wider than 80 columns: \(line)")
            }
            for line in wide.split(separator: "\n") {
                let defaults = line.components(separatedBy: "(default").count - 1
                #expect(defaults <= 1, "\(name): default given twice: \(line)")
            }
            // A paragraph wrapped by hand leaves a short line inside a paragraph at full width.
            for paragraph in wide.components(separatedBy: "\n\n") {
                let lines = paragraph.split(separator: "\n")
                guard lines.count > 1, !lines.contains(where: Self.isExample) else { continue }
                let prose = lines.filter { !$0.hasPrefix(" ") && !$0.hasSuffix(":") && !$0.hasPrefix("- ") && !$0.hasPrefix("USAGE:") }
                #expect(prose.count <= 1, "\(name): a hard-wrapped paragraph: \(prose.prefix(2).joined(separator: " / "))")
                // A line ending in a colon introduces an indented block; prose right after it was wrapped by hand.
                for (line, next) in zip(lines, lines.dropFirst()) where line.hasSuffix(":") && !line.hasPrefix(" ") {
                    let nextIsProse = !next.hasPrefix(" ") && !next.hasPrefix("- ") && !Self.isExample(next)
                    #expect(!nextIsProse, "\(name): a hard-wrapped paragraph: \(line) / \(next)")
                }
            }
        }
    }

    @Test func unknownHelpTopicExitsWithOne() throws {
        let bad = try TMKitProcess.run(["help", "nonsense"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no help topic 'nonsense'"), "\(bad.stderr)")
        let badSub = try TMKitProcess.run(["help", "tm", "nonsense"])
        #expect(badSub.status == 1)
        let good = try TMKitProcess.run(["help", "tm", "lookup"])
        #expect(good.status == 0 && good.stdout.contains("--min-score"))
    }

    @Test func completionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try TMKitProcess.run(["--generate-completion-script", shell])
            #expect(r.status == 0 && r.stdout.contains("tmkit"), "\(shell)")
        }
    }

    @Test func scoreOptionsAreValidated() throws {
        for args in [["tm", "lookup", "--min-score", "200", "x"], ["tm", "lookup", "--min-score=-1", "x"]] {
            let r = try TMKitProcess.run(args)
            #expect(r.status != 0 && r.stderr.contains("0 and 101"), "\(args): \(r.stderr)")
        }
    }
}
