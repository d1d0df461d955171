import ArgumentParser
import Foundation
import TMServer

struct ServeTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the API tokens of `tmkit serve`.",
        discussion: """
        Tokens are stored hashed (SHA-256): a new token is shown once, on the last line of standard output. Scopes: read (lookups, concordance, export, stats, glossaries), write (also import and entry edits), admin (also tokens). With --memory the token sees that memory only.

        Examples:
          tmkit serve token create --scope read --memory default
          tmkit serve token list --database postgres://tmkit@localhost/tmkit
          tmkit serve token revoke 3fa9c2d1
        """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; prints it alone on the last line.")

        @Option(help: "read, write or admin.")
        var scope: String

        @Option(help: "The one memory this token may see (default: all).")
        var memory: String?

        @Option(help: "A note on who or what the token is for.")
        var label: String?

        @OptionGroup var backend: ServeBackendOptions

        func validate() throws {
            if TokenScope(rawValue: scope) == nil { throw ValidationError("--scope must be read, write or admin.") }
        }

        func run() throws {
            let (scope, memory, label, backend) = (TokenScope(rawValue: scope)!, memory, label, backend)
            runBlocking {
                let opened = try await backend.open()
                defer { opened.stop() }
                let (token, secret) = APIToken.generate(scope: scope, memory: memory, label: label)
                try await opened.tokens.add(token)
                let line = "created token \(token.id) (scope \(scope.rawValue)\(memory.map { ", memory \($0)" } ?? "")); it is shown once:\n\(secret)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (ids, scopes, memories; never the secrets).")

        @OptionGroup var backend: ServeBackendOptions

        func run() throws {
            let backend = backend
            runBlocking {
                let opened = try await backend.open()
                defer { opened.stop() }
                var out = ""
                for t in try await opened.tokens.all() {
                    out += "\(t.id)\t\(t.scope.rawValue)\t\(t.memory ?? "*")\t\(t.revoked == nil ? "active" : "revoked")\t\(t.label ?? "")\n"
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id; it is refused from then on.")

        @Argument(help: "The token's id (the 8 hex digits after tmk_).")
        var id: String

        @OptionGroup var backend: ServeBackendOptions

        func run() throws {
            let (id, backend) = (id, backend)
            runBlocking {
                let opened = try await backend.open()
                defer { opened.stop() }
                guard try await opened.tokens.revoke(id) else { throw CLIError("no token with id '\(id)'") }
                FileHandle.standardOutput.write(Data("revoked token \(id)\n".utf8))
            }
        }
    }
}
