//! Finding input files: folders are walked recursively, files taken as given;
//! the result is sorted so every run sees the same order.

use std::path::{Path, PathBuf};

use super::{Format, Reject, relative_name};

/// One input file and the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Name relative to the input root given on the command line.
    pub rel: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// File name endings gazette reads (each may also end in `.gz`).
pub const EXTENSIONS: [&str; 7] = ["txt", "md", "html", "htm", "jsonl", "json", "csv"];

fn is_supported(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| Format::of(&n.to_string_lossy()))
        .is_some()
}

/// Lists the files under `inputs` (recursively for folders), sorted by name.
/// Hidden files and unsupported extensions inside folders are skipped
/// silently; a missing input or an unsupported file named explicitly is a reject.
pub fn discover(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<Reject>) {
    let mut files = Vec::new();
    let mut rejects = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => rejects.push(Reject::new(
                input.display().to_string(),
                "ingest",
                format!("cannot open input: {e} (check the path)"),
            )),
            Ok(m) if m.is_dir() => walk_dir(input, input, &mut files, &mut rejects),
            Ok(_) => {
                if is_supported(input) {
                    let root = input.parent().unwrap_or(Path::new(""));
                    files.push(InputFile {
                        rel: relative_name(root, input),
                        path: input.clone(),
                    });
                } else {
                    rejects.push(Reject::new(
                        input.display().to_string(),
                        "ingest",
                        format!(
                            "unsupported file type (gazette reads {})",
                            EXTENSIONS.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, rejects)
}

fn walk_dir(root: &Path, dir: &Path, files: &mut Vec<InputFile>, rejects: &mut Vec<Reject>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            rejects.push(Reject::new(
                relative_name(root, dir),
                "ingest",
                format!("cannot list folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk_dir(root, &path, files, rejects),
            Ok(_) if is_supported(&path) => files.push(InputFile {
                rel: relative_name(root, &path),
                path,
            }),
            _ => {}
        }
    }
}
