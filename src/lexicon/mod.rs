//! Loading the data files of `pipelines/`: lexicons, gazetteers, patterns.
//!
//! Every data file is UTF-8 (NFC) text. Lines starting with `#` are comments
//! (each file opens with a header saying what it holds, where its facts come
//! from and how to add an entry); blank lines are skipped. Tabular files
//! (`.tsv`) have a header line naming their columns, then one entry per line
//! with tab-separated fields; list files (`.txt`) hold one entry per line.
//!
//! This module does I/O only when a stage is built, never per document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A problem with a data file under `pipelines/`.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error(
        "cannot read data file '{path}': {source} (check the path in the pipeline configuration)"
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line does not fit the file's format.
    #[error("{path}: line {line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// FNV-1a: a fast hash for maps keyed by short words from our own data
/// files (no untrusted keys to flood), looked up for every word of a text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A row of a [`Table`], with access by column name.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line number in the file, for error messages.
    pub line: usize,
    fields: Vec<String>,
    columns: std::sync::Arc<HashMap<String, usize>>,
}

impl Row {
    /// The field of `column`, trimmed; `None` when the column is absent or the
    /// field is empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = *self.columns.get(column)?;
        let v = self.fields.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// The field of `column`, or a format error naming the line.
    pub fn require(&self, column: &str, path: &Path) -> Result<&str, LexiconError> {
        self.get(column).ok_or_else(|| LexiconError::Format {
            path: path.to_path_buf(),
            line: self.line,
            message: format!("missing value for column '{column}'"),
        })
    }

    /// The field of `column` split on `|` into trimmed, non-empty items.
    pub fn list(&self, column: &str) -> Vec<&str> {
        self.get(column)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A tab-separated data file: a header naming the columns, then rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// Where it was read from.
    pub path: PathBuf,
    /// Column names, in file order.
    pub header: Vec<String>,
    /// The entries.
    pub rows: Vec<Row>,
}

/// Reads a whole data file.
pub fn read_text(path: &Path) -> Result<String, LexiconError> {
    std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Lines of a data file that are neither blank nor comments, with their
/// 1-based line numbers.
pub fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Reads a one-entry-per-line list file (comments and blanks skipped,
/// entries trimmed).
pub fn read_list(path: &Path) -> Result<Vec<String>, LexiconError> {
    let text = read_text(path)?;
    Ok(content_lines(&text)
        .map(|(_, l)| l.trim().to_string())
        .collect())
}

/// Parses tab-separated text (header line first) into a [`Table`].
pub fn parse_table(text: &str, path: &Path) -> Result<Table, LexiconError> {
    let mut lines = content_lines(text);
    let Some((_, header_line)) = lines.next() else {
        return Err(LexiconError::Format {
            path: path.to_path_buf(),
            line: 1,
            message: "no header line: the first non-comment line must name the columns".into(),
        });
    };
    let header: Vec<String> = header_line
        .split('\t')
        .map(|s| s.trim().to_string())
        .collect();
    let columns: std::sync::Arc<HashMap<String, usize>> = std::sync::Arc::new(
        header
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect(),
    );
    let mut rows = Vec::new();
    for (line, l) in lines {
        let fields: Vec<String> = l.split('\t').map(str::to_string).collect();
        if fields.len() > header.len() {
            return Err(LexiconError::Format {
                path: path.to_path_buf(),
                line,
                message: format!(
                    "{} fields but the header names {} columns (a stray tab?)",
                    fields.len(),
                    header.len()
                ),
            });
        }
        rows.push(Row {
            line,
            fields,
            columns: columns.clone(),
        });
    }
    Ok(Table {
        path: path.to_path_buf(),
        header,
        rows,
    })
}

/// Reads a tab-separated data file into a [`Table`].
pub fn read_table(path: &Path) -> Result<Table, LexiconError> {
    let text = read_text(path)?;
    parse_table(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_skips_comments_and_reads_columns() {
        let text = "# a comment\nid\tname\taliases\n\nx\tX\ta|b | c\ny\tY\n";
        let t = parse_table(text, Path::new("t.tsv")).unwrap();
        assert_eq!(t.header, vec!["id", "name", "aliases"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].list("aliases"), vec!["a", "b", "c"]);
        assert_eq!(t.rows[1].get("aliases"), None);
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn table_rejects_extra_fields() {
        let err = parse_table("a\tb\n1\t2\t3\n", Path::new("t.tsv")).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn empty_table_is_an_error() {
        assert!(parse_table("# only comments\n", Path::new("t.tsv")).is_err());
    }
}
