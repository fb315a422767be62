//! Snappy page compression with buffers kept from page to page.
//!
//! polars-parquet's `Compressor` builds a new `snap` encoder per page
//! (allocating and zeroing its 32 KB hash table) and zero-fills the
//! worst-case output size before every compression: on c600 that zeroing
//! cost about as much as a third of the compression itself. Here one
//! encoder and one zeroed output area serve every page of a file; a page's
//! compressed bytes are then copied into the buffer the previous page gave
//! back. The pages are the same Snappy blocks.

use std::sync::Mutex;

use polars_parquet::parquet::CowBuffer;
use polars_parquet::parquet::compression::Compression;
use polars_parquet::parquet::error::{ParquetError, ParquetResult};
use polars_parquet::write::{
    CompressedDataPage, CompressedPage, CompressionOptions, FallibleStreamingIterator, Page,
    compress,
};

/// The encoder and output area shared by the pages of one file.
pub(super) struct Snappy {
    encoder: snap::raw::Encoder,
    /// Zeroed once, grown when a larger page comes, never shrunk: the
    /// encoder writes into its first `max_compress_len` bytes.
    out: Vec<u8>,
}

impl Default for Snappy {
    fn default() -> Self {
        Snappy {
            encoder: snap::raw::Encoder::new(),
            out: Vec::new(),
        }
    }
}

impl Snappy {
    /// Compresses `input`, returning the compressed bytes (valid until the
    /// next call).
    fn compress(&mut self, input: &[u8]) -> ParquetResult<&[u8]> {
        let bound = snap::raw::max_compress_len(input.len());
        if self.out.len() < bound {
            self.out.resize(bound, 0);
        }
        let n = self
            .encoder
            .compress(input, &mut self.out[..bound])
            .map_err(|e| ParquetError::OutOfSpec(e.to_string()))?;
        Ok(&self.out[..n])
    }
}

/// Pages compressed with Snappy as they are pulled (the streaming iterator
/// polars-parquet's column writer takes).
pub(super) struct SnappyPages<'s, I> {
    pages: I,
    snappy: &'s Mutex<Snappy>,
    current: Option<CompressedPage>,
}

impl<'s, I: Iterator<Item = ParquetResult<Page>>> SnappyPages<'s, I> {
    pub(super) fn new(pages: I, snappy: &'s Mutex<Snappy>) -> Self {
        SnappyPages {
            pages,
            snappy,
            current: None,
        }
    }

    fn compress(&mut self, page: Page, mut buffer: Vec<u8>) -> ParquetResult<CompressedPage> {
        let Page::Data(page) = page else {
            // dictionary pages are not written (plain encoding): the
            // general path keeps them correct if that changes
            return compress(page, buffer, CompressionOptions::Snappy);
        };
        let num_rows = page
            .num_rows()
            .ok_or_else(|| ParquetError::InvalidParameter("a page without its row count".into()))?;
        // one row group's columns are written one after the other: the
        // lock is never contended (it makes the pages `Send`)
        let mut snappy = self.snappy.lock().unwrap_or_else(|e| e.into_inner());
        buffer.extend_from_slice(snappy.compress(page.buffer())?);
        Ok(CompressedPage::Data(CompressedDataPage::new(
            page.header().clone(),
            CowBuffer::Owned(buffer),
            Compression::Snappy,
            page.buffer().len(),
            page.descriptor,
            num_rows,
        )))
    }
}

impl<I: Iterator<Item = ParquetResult<Page>>> FallibleStreamingIterator for SnappyPages<'_, I> {
    type Item = CompressedPage;
    type Error = ParquetError;

    fn advance(&mut self) -> ParquetResult<()> {
        // the page just written gives its buffer to the next one
        let mut buffer = match self.current.take() {
            Some(CompressedPage::Data(mut p)) => std::mem::take(p.slice_mut().to_mut()),
            _ => Vec::new(),
        };
        buffer.clear();
        self.current = match self.pages.next() {
            Some(page) => Some(self.compress(page?, buffer)?),
            None => None,
        };
        Ok(())
    }

    fn get(&self) -> Option<&CompressedPage> {
        self.current.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_decompress_to_their_input() {
        // (name, input): sizes around the encoder's 64 KB block and its
        // small-table threshold, compressible and not
        let noise: Vec<u8> = (0u32..200_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let text = "Le ministre a déclaré, jeudi, que « rien n'est décidé ». ".repeat(3000);
        let cases: Vec<(&str, &[u8])> = vec![
            ("empty", b""),
            ("short", b"abc"),
            ("text", text.as_bytes()),
            ("noise", &noise),
            ("noise tail", &noise[..70_001]),
            ("text again after noise", text.as_bytes()),
        ];
        let mut s = Snappy::default();
        for (name, input) in cases {
            let packed = s.compress(input).unwrap().to_vec();
            let back = snap::raw::Decoder::new().decompress_vec(&packed).unwrap();
            assert_eq!(back, input, "case {name}");
        }
    }
}
