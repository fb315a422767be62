//! Reading the next batch's files from disk while the current batch is
//! extracted.
//!
//! A run reads a batch, then extracts it; when the corpus is not in the
//! page cache (a nightly run over new files, a corpus larger than memory)
//! the read waits on the disk while the cores are idle, and the extraction
//! then leaves the disk idle. A [`Readahead`] thread reads the files of the
//! batch after the current one, so that its pages are cached when the
//! batch is read for real: the disk and the cores work at the same time.
//! It only warms the cache: what the run reads, and in which order, does
//! not change, and a file it cannot read is reported by the real read.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

/// Files larger than this are not read ahead: they are streamed record by
/// record, and the kernel's own read-ahead follows a sequential read.
pub const MAX_READAHEAD_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A thread that reads files ahead of the run (see the module docs).
/// Dropping it stops the thread after the file it is reading.
pub struct Readahead {
    /// Batches of paths to read, at most one waiting.
    tx: Option<SyncSender<Vec<PathBuf>>>,
    thread: Option<JoinHandle<()>>,
}

impl Readahead {
    /// Starts the thread; without one (the system refused it) every
    /// [`Readahead::hint`] is ignored and the run reads as before.
    pub fn start() -> Readahead {
        let (tx, rx) = sync_channel::<Vec<PathBuf>>(1);
        let thread = std::thread::Builder::new()
            .name("gazette-readahead".into())
            .spawn(move || {
                // one buffer for every file: the bytes are dropped, only
                // the page cache keeps them
                let mut buf = vec![0u8; 64 * 1024];
                for paths in rx {
                    for path in paths {
                        warm(&path, &mut buf);
                    }
                }
            })
            .ok();
        Readahead {
            tx: thread.as_ref().map(|_| tx),
            thread,
        }
    }

    /// Asks for `paths` to be read ahead. Never blocks: when the thread is
    /// still reading an earlier batch and another one waits, the request
    /// is dropped (the disk is the bottleneck then, and the run's own read
    /// of those files comes soon enough).
    pub fn hint(&self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        if let Some(tx) = &self.tx {
            // full: dropped (see above); disconnected: the thread ended
            let _: Result<(), TrySendError<_>> = tx.try_send(paths);
        }
    }
}

impl Drop for Readahead {
    fn drop(&mut self) {
        // closing the channel ends the thread's loop
        self.tx.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one file to its end (at most [`MAX_READAHEAD_FILE_BYTES`]),
/// ignoring every error.
fn warm(path: &std::path::Path, buf: &mut [u8]) {
    let Ok(file) = File::open(path) else {
        return;
    };
    let mut file = file.take(MAX_READAHEAD_FILE_BYTES);
    while let Ok(n) = file.read(buf) {
        if n == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ahead_without_blocking_and_stops_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..4)
            .map(|i| {
                let p = dir.path().join(format!("{i}.txt"));
                std::fs::write(&p, vec![b'x'; 100_000]).unwrap();
                p
            })
            .collect();
        let ahead = Readahead::start();
        assert!(ahead.thread.is_some(), "the thread starts");
        // more requests than the channel holds: none blocks
        for _ in 0..10 {
            ahead.hint(paths.clone());
        }
        // a missing file is skipped, not an error
        ahead.hint(vec![dir.path().join("missing.txt")]);
        ahead.hint(Vec::new());
        drop(ahead);
    }

    #[test]
    fn warm_reads_to_the_end_and_ignores_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, vec![b'y'; 200_000]).unwrap();
        let mut buf = vec![0u8; 1024];
        warm(&p, &mut buf);
        assert_eq!(buf[0], b'y', "the file was read");
        warm(&dir.path().join("missing.txt"), &mut buf);
    }
}
