import Foundation
import Testing

/// Store failures as a user meets them, with real files: each says what it is.
@Suite struct StoreErrorCommandTests {
    /// Runs a shell command, returning its exit status.
    @discardableResult
    static func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Tests run as root here, where chmod stops nothing: `chattr +i` (immutable) does.
    /// Without chattr (or a file system that has no such flag) the read-only cases are off.
    static let canMakeImmutable: Bool = {
        let dir = TMKitProcess.temporaryDirectory().path
        guard sh("chattr +i '\(dir)'") == 0 else { return false }
        let blocked = !FileManager.default.createFile(atPath: dir + "/x", contents: Data())
        sh("chattr -i '\(dir)'")
        return blocked
    }()

    /// A small tmpfs for the disk-full case (needs the right to mount; off otherwise).
    static func smallDisk() -> URL? {
        let dir = TMKitProcess.temporaryDirectory()
        guard sh("mount -t tmpfs -o size=600k tmpfs '\(dir.path)'") == 0 else { return nil }
        return dir
    }

    static let canMount: Bool = {
        guard let dir = smallDisk() else { return false }
        sh("umount '\(dir.path)'")
        return true
    }()

    static func tsv(_ rows: Range<Int>, prefix: String = "g") -> Data {
        var text = "id\tsource_en\ttarget_ko\n"
        for i in rows { text += "\(prefix)\(i)\tGenerated sentence number \(i) for the \(prefix) import\t생성된 문장 \(i)번 \(prefix)\n" }
        return Data(text.utf8)
    }

    @Test(.enabled(if: canMakeImmutable, "needs chattr +i (root ignores chmod)"))
    func aReadOnlyStoreFileServesLookupsAndRefusesImports() throws {
        let (dir, store) = try TMCommandTests.storeWithPairs()
        #expect(Self.sh("chattr +i '\(store)'") == 0)
        defer { Self.sh("chattr -i '\(store)'") }
        try checkReadOnly(dir: dir, store: store)
    }

    @Test(.enabled(if: canMakeImmutable, "needs chattr +i (root ignores chmod)"))
    func aStoreInAReadOnlyFolderServesLookupsAndRefusesImports() throws {
        let (dir, store) = try TMCommandTests.storeWithPairs()
        let folder = (store as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
        #expect(Self.sh("chattr +i '\(folder)'") == 0)
        defer { Self.sh("chattr -i '\(folder)'") }
        let other = TMKitProcess.temporaryDirectory()
        try checkReadOnly(dir: other, store: store)
        _ = dir
    }

    func checkReadOnly(dir: URL, store: String) throws {
        let lookup = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "Save the file"])
        #expect(lookup.status == 0, "\(lookup.stderr)")
        #expect(lookup.stdout.contains("파일 저장"))
        let concordance = try TMKitProcess.run(["tm", "concordance", "--tm", store, "file"])
        #expect(concordance.status == 0 && concordance.stdout.contains("[[file]]"), "\(concordance.stderr)")
        #expect(try TMCommandTests.entries(store) == 4)
        let out = dir.appendingPathComponent("out.tmx").path
        let export = try TMKitProcess.run(["tm", "export", "--tm", store, "-o", out])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
        let more = try TMKitProcess.file("more.tsv", Self.tsv(0..<3))
        let write = try TMKitProcess.run(["tm", "import", "--tm", store, more.path])
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(!write.stderr.contains("not a tmkit translation memory"))
    }

    @Test func aTruncatedStoreIsReportedDamagedWithTheIntegrityCheck() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let store = dir.appendingPathComponent("memory.sqlite").path
        let input = dir.appendingPathComponent("in.tsv")
        try Self.tsv(0..<3000).write(to: input)
        #expect(try TMKitProcess.run(["tm", "import", "--tm", store, input.path]).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as! Int
        #expect(truncate(store, off_t(size / 2)) == 0)
        for command in [["tm", "stats"], ["tm", "lookup", "Generated sentence number 7"], ["tm", "import", input.path]] {
            let r = try TMKitProcess.run(command + ["--tm", store])
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains("damaged") && r.stderr.contains("integrity check:"), "\(command): \(r.stderr)")
            #expect(!r.stderr.contains("not a tmkit translation memory"))
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }

    @Test func aStoreWithACorruptPageRefusesAnImportAndNamesTheProblem() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let store = dir.appendingPathComponent("memory.sqlite").path
        let input = dir.appendingPathComponent("in.tsv")
        try Self.tsv(0..<3000).write(to: input)
        #expect(try TMKitProcess.run(["tm", "import", "--tm", store, input.path]).status == 0)
        // Scribble over the header of a page in the middle; the file keeps its size.
        let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as! Int
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 64))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let more = try TMKitProcess.file("more.tsv", Self.tsv(5000..<5003))
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, more.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("damaged") && r.stderr.contains("integrity check:"), "\(r.stderr)")
        #expect(!r.stderr.contains("*** in database"), "the check's header is not the problem: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "the store changed")
    }

    @Test func aStoreAnotherImportIsWritingSaysSoAndImportsNothing() throws {
        let (dir, store) = try TMCommandTests.storeWithPairs()
        let big = dir.appendingPathComponent("big.tsv")
        try Self.tsv(0..<300_000).write(to: big)
        let long = Process()
        long.executableURL = TMKitProcess.binary
        long.arguments = ["tm", "import", "--tm", store, big.path]
        long.standardOutput = FileHandle.nullDevice
        long.standardError = FileHandle.nullDevice
        try long.run()
        defer { if long.isRunning { kill(long.processIdentifier, SIGKILL) }; long.waitUntilExit() }
        usleep(800_000)
        let small = try TMKitProcess.file("small.tsv", Self.tsv(0..<3, prefix: "s"))
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, small.path], environment: ["TMKIT_LOCK_WAIT": "1"])
        #expect(long.isRunning, "the long import finished too soon for this test")
        #expect(r.status == 1)
        #expect(r.stderr.contains("another process is writing; waiting up to 1 s"), "\(r.stderr)")
        #expect(r.stderr.contains("another process is writing to this translation memory; nothing was imported"), "\(r.stderr)")
        // Reading is not blocked by the writer.
        let lookup = try TMKitProcess.run(["tm", "lookup", "--tm", store, "Save the file"])
        #expect(lookup.status == 0 && lookup.stdout.contains("파일 저장"), "\(lookup.stderr)")
    }

    @Test func twoProcessesCreatingOneNewStoreBothSucceed() throws {
        let a = try TMKitProcess.file("a.tsv", Self.tsv(0..<50, prefix: "a"))
        let b = try TMKitProcess.file("b.tsv", Self.tsv(0..<50, prefix: "b"))
        for _ in 0..<6 {
            let store = TMKitProcess.temporaryDirectory().appendingPathComponent("new/memory.sqlite").path
            let processes = [a, b].map { file -> (Process, Pipe) in
                let p = Process()
                let err = Pipe()
                p.executableURL = TMKitProcess.binary
                p.arguments = ["tm", "import", "--tm", store, file.path]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = err
                return (p, err)
            }
            for (p, _) in processes { try p.run() }
            for (p, err) in processes {
                let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "\(message)")
                #expect(!message.contains("another program"))
            }
            #expect(try TMCommandTests.entries(store) == 100)
        }
    }

    @Test func aFailedImportClosesTheStoreAndLeavesNoLog() throws {
        let (dir, store) = try TMCommandTests.storeWithPairs()
        var data = Self.tsv(0..<20_000)
        data += Data("bad\tA line with a broken byte \u{00}".utf8) + Data([0xC3, 0x28]) + Data("\t깨진\n".utf8)
        let bad = dir.appendingPathComponent("bad.tsv")
        try data.write(to: bad)
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, bad.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nothing from this file was imported"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"), "a write-ahead log was left behind")
        #expect(try TMCommandTests.entries(store) == 4)
    }

    @Test(.enabled(if: canMount, "needs the right to mount a small tmpfs"))
    func aFullDiskSaysSoAndHowToRecover() throws {
        let disk = try #require(Self.smallDisk())
        defer { Self.sh("umount '\(disk.path)'") }
        let store = disk.appendingPathComponent("memory.sqlite").path
        let first = try TMKitProcess.file("first.tsv", Self.tsv(0..<5, prefix: "f"))
        #expect(try TMKitProcess.run(["tm", "import", "--tm", store, first.path]).status == 0)
        let big = try TMKitProcess.file("big.tsv", Self.tsv(0..<20_000))
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, big.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the disk is full"), "\(r.stderr)")
        #expect(r.stderr.contains("tmkit tm stats --tm"), "\(r.stderr)")
        #expect(try TMCommandTests.entries(store) == 5)
    }

    @Test func importReportsEachFileAndASummary() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let a = dir.appendingPathComponent("a.tsv"), b = dir.appendingPathComponent("b.tsv")
        try Self.tsv(0..<3, prefix: "a").write(to: a)
        try Self.tsv(0..<2, prefix: "b").write(to: b)
        let missing = dir.appendingPathComponent("missing.tmx").path
        let store = dir.appendingPathComponent("memory.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, a.path, missing, b.path])
        #expect(r.status == 1)
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 3, "\(r.stdout)")
        #expect(out[0].hasPrefix("\(a.path): read 3, added 3"))
        #expect(out[1].hasPrefix("\(b.path): read 2, added 2"))
        #expect(out[2].hasPrefix("total: read 5, added 5") && out[2].contains("2 of 3 files imported, failed: \(missing)"), "\(out[2])")
        #expect(r.stderr == "tmkit: \(missing): cannot read: no such file; nothing from this file was imported\n")
        #expect(try TMCommandTests.entries(store) == 5)
    }

    @Test func glossaryBuildReportsEachInputAndWritesNothingWhenOneFails() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let a = dir.appendingPathComponent("a.tsv")
        try Self.tsv(0..<5, prefix: "a").write(to: a)
        let missing = dir.appendingPathComponent("gone.tsv").path
        let out = dir.appendingPathComponent("terms.tbx").path
        let r = try TMKitProcess.run(["glossary", "build", a.path, missing, "-o", out])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines[0] == "tmkit: \(a.path): 5 sentence pairs")
        #expect(lines[1] == "tmkit: \(missing): cannot read: no such file")
        #expect(lines[2] == "tmkit: 1 of 2 inputs read, failed: \(missing); \(out) was not written")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func pretranslateReportsAMissingInputAndTranslatesTheRest() throws {
        let tm = try PretranslateCommandTests.memory()
        let dir = TMKitProcess.temporaryDirectory()
        let a = dir.appendingPathComponent("a.txt")
        try Data("Open the file.\n".utf8).write(to: a)
        let missing = dir.appendingPathComponent("missing.txt").path
        let out = dir.appendingPathComponent("out")
        let r = try TMKitProcess.run(["pretranslate", a.path, missing, "-o", out.path, "--tm", tm])
        #expect(r.status == 1)
        #expect(r.stderr.contains("tmkit: \(missing): no such file or folder"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a.txt.xlf").path))
    }
}
