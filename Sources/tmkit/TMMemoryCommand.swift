import ArgumentParser
import Foundation
import TranslationMemory

/// `tmkit tm memory ...`: the named memories of $TMKIT_HOME.
struct TMMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "List, create, rename, remove and merge the named memories of $TMKIT_HOME.",
        discussion: """
        The memory named default is $TMKIT_HOME/memory.sqlite; any other name is \
        $TMKIT_HOME/memories/NAME.sqlite. Every tm command takes --memory NAME.

        Examples:
          tmkit tm memory create client-a
          tmkit tm import --memory client-a strings.po
          tmkit tm memory merge client-a --into default
          tmkit tm memory list
        """,
        subcommands: [List.self, Create.self, Rename.self, Remove.self, Merge.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the memories with their entry counts.")

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let memories: [MemoryHome.Memory]
            do { memories = try MemoryHome().list() } catch { fail(error) }
            var out = OutputBuffer()
            switch format {
            case .json:
                struct Row: Encodable { var name: String; var path: String; var entries: Int; var bytes: Int64 }
                out.write(JSONOutput.encode(memories.map { Row(name: $0.name, path: $0.path, entries: $0.entries, bytes: $0.bytes) }) + "\n")
            case .text:
                if memories.isEmpty { out.write("no memories in \(MemoryHome().folder)\n") }
                for m in memories { out.write("\(m.name)\t\(m.entries) entries\t\(m.path)\n") }
            }
            out.flush()
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an empty memory.")

        @Argument(help: "The name (letters, digits, '-', '_', '.').")
        var name: String

        func run() throws {
            do {
                let path = try MemoryHome().create(name)
                print("created memory \(name): \(path)")
            } catch {
                fail(error)
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a memory.")

        @Argument(help: "The memory's name.")
        var name: String

        @Argument(help: "Its new name.")
        var newName: String

        func run() throws {
            do {
                try MemoryHome().rename(name, to: newName)
                print("renamed memory \(name) to \(newName)")
            } catch {
                fail(error)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a memory and its file.")

        @Argument(help: "The memory's name.")
        var name: String

        func run() throws {
            do {
                try MemoryHome().remove(name)
                print("removed memory \(name)")
            } catch {
                fail(error)
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the entries of memories to another, with their provenance.",
            discussion: """
            Entries keep the files they came from and their counts; an entry both memories \
            have from the same file is counted once. The merge is one transaction. The filters \
            of `tm list` choose which entries are merged.

            Example:
              tmkit tm memory merge client-a client-b --into default
            """
        )

        @Argument(help: "The memories to merge from.")
        var names: [String]

        @Option(help: "The memory to merge into (it must exist; default always does once used).")
        var into: String

        @OptionGroup var filters: TMFilterOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let home = MemoryHome()
            var summaries: [ImportSummary] = []
            do {
                let target = try TranslationMemory(
                    path: into == MemoryHome.defaultName ? try home.path(of: into) : try home.existingPath(of: into), create: true)
                let sources = try names.map { try TranslationMemory(path: try home.existingPath(of: $0), create: false) }
                for source in sources { summaries += try target.merge(from: source, matching: filters.filter) }
            } catch {
                fail(error)
            }
            ImportReport.print(summaries, format: format, label: "merged into \(into)")
        }
    }
}
