//! Byte offsets (what the pipeline uses) to Unicode code-point offsets (what
//! the table contract and Python's `str` indexing use).

/// Converts byte offsets of one text to code-point offsets in O(1) per
/// lookup: nothing to do for an ASCII text (most English ones), else a
/// per-block index (one `u32` per 64 bytes) plus a short scan.
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Code points before each block; empty when the text is ASCII.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

/// Code points starting in `bytes` (every byte but UTF-8 continuation
/// bytes); `bytes` holds at most [`BLOCK`] bytes.
fn count_chars(bytes: &[u8]) -> u32 {
    // a plain fold without early exit into a byte-wide sum (at most 64, no
    // overflow): the compiler vectorises it 16 bytes a step
    bytes
        .iter()
        .fold(0u8, |n, b| n + ((*b as i8) >= -0x40) as u8) as u32
}

impl<'a> CharOffsets<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                blocks: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += count_chars(chunk);
        }
        blocks.push(count);
        CharOffsets { text, blocks }
    }

    /// The code-point offset of byte offset `byte` (which must be a char
    /// boundary; offsets past the end clamp to the end).
    pub fn char_offset(&self, byte: usize) -> i32 {
        let byte = byte.min(self.text.len());
        if self.blocks.is_empty() {
            return byte.min(i32::MAX as usize) as i32;
        }
        let block = byte / BLOCK;
        let extra = count_chars(&self.text.as_bytes()[block * BLOCK..byte]);
        (self.blocks[block] + extra) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices_everywhere() {
        let cases = [
            "Sergueï Lavrov « s’intensifie » — déjà 🇲🇱 ".repeat(40),
            "plain ASCII text, no accents at all. ".repeat(20),
            "é".to_string(),
            String::new(),
        ];
        for text in &cases {
            let idx = CharOffsets::new(text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_offset(bi), ci as i32, "{text:?} at {bi}");
            }
            let n = text.chars().count() as i32;
            assert_eq!(idx.char_offset(text.len()), n);
            assert_eq!(idx.char_offset(text.len() + 10), n, "clamps past the end");
        }
    }
}
