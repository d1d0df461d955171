import Foundation

/// The temporary files of `AtomicFile`s being written, so an interrupt can remove them.
///
/// Every change to the set of temporary files on disk (creating one, renaming it into place,
/// removing an abandoned one) happens with the lock held, together with the change to `paths`.
/// `removeAllAndHold()` takes the lock for good, so once it has run nothing more is created or
/// renamed: the callers wait until the process exits.
final class PendingFiles: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()
    private var paths: Set<String> = []

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Creates `path` (it must not exist) for writing and registers it; -1 with `errno` set if
    /// it cannot be created.
    func create(_ path: String) -> Int32 {
        var failure: Int32 = 0
        let fd: Int32 = locked {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { paths.insert(path) } else { failure = errno }
            return fd
        }
        if fd < 0 { errno = failure }
        return fd
    }

    /// Renames the temporary `path` over `destination` and forgets it; false with `errno` set
    /// if the rename failed (the temporary file is then removed).
    func rename(_ path: String, to destination: String) -> Bool {
        var failure: Int32 = 0
        let done: Bool = locked {
            if Foundation.rename(path, destination) == 0 {
                paths.remove(path)
                return true
            }
            failure = errno
            unlink(path)
            paths.remove(path)
            return false
        }
        if !done { errno = failure }
        return done
    }

    /// Removes an abandoned temporary file.
    func discard(_ path: String) {
        locked {
            if paths.remove(path) != nil { unlink(path) }
        }
    }

    /// Removes every registered temporary file and keeps the lock, so that no other thread can
    /// create or rename one before the process exits.
    func removeAllAndHold() {
        pthread_mutex_lock(mutex)
        for p in paths { unlink(p) }
        paths.removeAll()
    }
}
