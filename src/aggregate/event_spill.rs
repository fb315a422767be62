//! The run's events in the compact form the event aggregates count
//! ([`EventRecord`]: interned strings, about 70 bytes an event), spilled
//! batch by batch to a file in the staging folder, so that the end of a run
//! counts them (and reads the roots of near-duplicates a second time)
//! without holding them, or their groups, in memory while the run streams,
//! nor querying the written tables.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Interned string id; 0 is null.
pub(super) type Sid = u32;

/// One event as the aggregates count it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct EventRecord {
    /// Article index in the run's families.
    pub article: u32,
    /// Hash of the event id (rows with one id are one event).
    pub event: u64,
    /// The event's date, else its family's publication date (days).
    pub when: Option<i32>,
    /// `YYYY-MM` of `when`.
    pub month: Sid,
    /// Type, quad class, status, mode, main source, main target, date
    /// value, source country, target country.
    pub fields: [Sid; 9],
    /// Index into the quad classes.
    pub quad: Option<u8>,
    /// Its status lets it into `dyads`.
    pub in_dyads: bool,
    /// Every source and target actor.
    pub sources: Vec<Sid>,
    /// Every target actor.
    pub targets: Vec<Sid>,
}

/// Where the records go: a file, or memory (tests, tiny runs).
pub(super) enum Spill {
    /// Batches kept in memory.
    Memory(Vec<Vec<EventRecord>>),
    /// Batches written to a file.
    File {
        /// The spill file.
        path: PathBuf,
        /// Open while batches come.
        writer: Option<BufWriter<File>>,
    },
}

impl Default for Spill {
    fn default() -> Self {
        Spill::Memory(Vec::new())
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

impl Spill {
    /// A spill into a new file at `path`.
    pub fn to_file(path: &Path) -> Result<Spill> {
        let file = File::create(path)
            .with_context(|| format!("creating the events spill '{}'", path.display()))?;
        Ok(Spill::File {
            path: path.to_path_buf(),
            writer: Some(BufWriter::new(file)),
        })
    }

    /// Appends one batch of records.
    pub fn write(&mut self, batch: Vec<EventRecord>) -> Result<()> {
        match self {
            Spill::Memory(batches) => batches.push(batch),
            Spill::File { writer, .. } => {
                let Some(w) = writer else {
                    anyhow::bail!("the events spill is already closed");
                };
                // the batch's records and their byte length after it, so
                // that a batch is read back in one piece
                let mut out = Vec::with_capacity(batch.len() * 72 + 8);
                put_u32(&mut out, batch.len() as u32);
                put_u32(&mut out, 0);
                for r in &batch {
                    put_u32(&mut out, r.article);
                    out.extend_from_slice(&r.event.to_le_bytes());
                    out.push(u8::from(r.when.is_some()));
                    out.extend_from_slice(&r.when.unwrap_or(0).to_le_bytes());
                    put_u32(&mut out, r.month);
                    for f in r.fields {
                        put_u32(&mut out, f);
                    }
                    out.push(r.quad.unwrap_or(u8::MAX));
                    out.push(u8::from(r.in_dyads));
                    put_u32(&mut out, r.sources.len() as u32);
                    put_u32(&mut out, r.targets.len() as u32);
                    for s in r.sources.iter().chain(&r.targets) {
                        put_u32(&mut out, *s);
                    }
                }
                let len = (out.len() - 8) as u32;
                out[4..8].copy_from_slice(&len.to_le_bytes());
                w.write_all(&out).context("writing the events spill")?;
            }
        }
        Ok(())
    }

    /// Calls `f` on every batch, in the order written.
    pub fn for_each_batch(
        &mut self,
        f: &mut dyn FnMut(&[EventRecord]) -> Result<()>,
    ) -> Result<()> {
        let (path, writer) = match self {
            Spill::Memory(batches) => {
                for b in batches.iter() {
                    f(b)?;
                }
                return Ok(());
            }
            Spill::File { path, writer } => (path, writer),
        };
        if let Some(w) = writer.take() {
            w.into_inner()
                .map_err(|e| e.into_error())
                .context("writing the events spill")?;
        }
        let file = File::open(&*path)
            .with_context(|| format!("reading the events spill '{}'", path.display()))?;
        let mut file = BufReader::new(file);
        let (mut batch, mut bytes) = (Vec::new(), Vec::new());
        while let Some((n, len)) = batch_header(&mut file)? {
            bytes.resize(len as usize, 0);
            file.read_exact(&mut bytes)
                .context("reading the events spill: it is truncated")?;
            let mut reader = Reader(&bytes);
            batch.clear();
            for _ in 0..n {
                batch.push(reader.record()?);
            }
            f(&batch)?;
        }
        Ok(())
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Spill::File { path, writer } = self {
            writer.take();
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The next batch's records and bytes, or `None` at the end of the file.
fn batch_header(file: &mut BufReader<File>) -> Result<Option<(u32, u32)>> {
    let mut b = [0u8; 8];
    match file.read_exact(&mut b) {
        Ok(()) => Ok(Some((
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e).context("reading the events spill"),
    }
}

/// Reads what [`Spill::write`] wrote of one batch, from its bytes (read
/// field by field from the file, a buffered read per field cost more than
/// the counting).
struct Reader<'b>(&'b [u8]);

impl Reader<'_> {
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N]> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .context("reading the events spill: a batch is truncated")?;
        self.0 = rest;
        Ok(*head)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn record(&mut self) -> Result<EventRecord> {
        let article = self.u32()?;
        let event = u64::from_le_bytes(self.bytes()?);
        let [dated] = self.bytes()?;
        let when = i32::from_le_bytes(self.bytes()?);
        let month = self.u32()?;
        let mut fields = [0; 9];
        for f in &mut fields {
            *f = self.u32()?;
        }
        let [quad, in_dyads] = self.bytes()?;
        let (ns, nt) = (self.u32()?, self.u32()?);
        let mut ids = |n: u32| (0..n).map(|_| self.u32()).collect::<Result<Vec<_>>>();
        let sources = ids(ns)?;
        let targets = ids(nt)?;
        Ok(EventRecord {
            article,
            event,
            when: (dated == 1).then_some(when),
            month,
            fields,
            quad: (quad != u8::MAX).then_some(quad),
            in_dyads: in_dyads == 1,
            sources,
            targets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_as_written_in_their_batches() {
        let record = |article: u32, when: Option<i32>, quad: Option<u8>| EventRecord {
            article,
            event: u64::MAX - u64::from(article),
            when,
            month: 7,
            fields: [1, 2, 3, 0, 5, 6, 0, 8, 9],
            quad,
            in_dyads: article.is_multiple_of(2),
            sources: vec![article, 11],
            targets: vec![],
        };
        let batches = vec![
            vec![record(0, Some(-3), Some(2)), record(1, None, None)],
            vec![],
            vec![record(2, Some(19_000), Some(0))],
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spill");
        let mut spill = Spill::to_file(&path).unwrap();
        for b in &batches {
            spill.write(b.clone()).unwrap();
        }
        let mut back = Vec::new();
        spill
            .for_each_batch(&mut |b| {
                back.push(b.to_vec());
                Ok(())
            })
            .unwrap();
        assert_eq!(back, batches);
        drop(spill);
        assert!(!path.exists(), "the spill file is removed");
    }
}
