//! Hostile inputs mixed into a generated corpus (`--hostile K`): files a
//! real crawl produces and a run must reject with a reason, without failing:
//! empty, binary, truncated gzip, fake gzip, broken JSON lines, a CSV without
//! its text column, a header with no text, impossible dates.

use std::path::Path;

use anyhow::Result;
use fastrand::Rng;

use super::formats;

/// The kinds, cycled through in this order.
pub const KINDS: [&str; 8] = [
    "empty.txt",
    "binary.txt",
    "truncated.txt.gz",
    "broken.jsonl",
    "no-text-column.csv",
    "header-only.txt",
    "not-gzip.jsonl.gz",
    "bad-dates.jsonl",
];

/// Writes hostile file number `k` into `dir`, built from `sample` (a valid
/// article text); returns its size in bytes.
pub fn write(dir: &Path, k: usize, sample: &str, rng: &mut Rng) -> Result<u64> {
    let kind = KINDS[k % KINDS.len()];
    let bytes: Vec<u8> = match kind {
        "empty.txt" => Vec::new(),
        "binary.txt" => {
            let mut b: Vec<u8> = (0..4096).map(|_| rng.u8(..)).collect();
            b[..4].copy_from_slice(b"\x7fELF");
            b[100] = 0;
            b
        }
        "truncated.txt.gz" => {
            let gz = formats::gzip(sample.as_bytes())?;
            gz[..gz.len() * 3 / 5].to_vec()
        }
        "broken.jsonl" => {
            let ok = serde_json::json!({"id": format!("hostile-{k}-ok"), "text": sample}).to_string();
            let cut = &ok[..ok.len() / 2];
            format!(
                "{ok}\n{{\"id\": \"hostile-{k}-a\", \"text\": \n[1, 2, 3]\n\"just a string\"\n\
                 {{\"id\": \"hostile-{k}-b\", \"title\": \"no text field\"}}\n\n{cut}"
            )
            .into_bytes()
        }
        "no-text-column.csv" => {
            format!("id,title,date\nhostile-{k}-1,Sans texte,2024-01-05\nhostile-{k}-2,\"No text\",2024-01-06\n")
                .into_bytes()
        }
        "header-only.txt" => b" date 2024-03-01 \n\n".to_vec(),
        "not-gzip.jsonl.gz" => sample.as_bytes().to_vec(),
        _ => {
            // "bad-dates.jsonl": valid records whose dates are impossible.
            let rec = |i: usize, date: &str| {
                serde_json::json!({"id": format!("hostile-{k}-{i}"), "date": date, "text": sample})
                    .to_string()
            };
            format!("{}\n{}\n", rec(1, "2024-13-45"), rec(2, "hier soir")).into_bytes()
        }
    };
    let path = dir.join(format!("{k:03}-{kind}"));
    std::fs::write(&path, &bytes)?;
    Ok(bytes.len() as u64)
}
