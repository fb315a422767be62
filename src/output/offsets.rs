//! Byte offsets (what the pipeline uses) to Unicode code-point offsets (what
//! the table contract and Python's `str` indexing use).

/// Converts byte offsets of one text to code-point offsets in O(1) amortised
/// per lookup, using a per-block index (one `u32` per 256 bytes).
pub struct CharOffsets<'a> {
    text: &'a str,
    blocks: Vec<u32>,
}

const BLOCK: usize = 256;

impl<'a> CharOffsets<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|b| (**b as i8) >= -0x40).count() as u32;
        }
        blocks.push(count);
        CharOffsets { text, blocks }
    }

    /// The code-point offset of byte offset `byte` (which must be a char
    /// boundary; offsets past the end clamp to the end).
    pub fn char_offset(&self, byte: usize) -> i32 {
        let byte = byte.min(self.text.len());
        let block = byte / BLOCK;
        let base = self.blocks[block];
        let extra = self.text.as_bytes()[block * BLOCK..byte]
            .iter()
            .filter(|b| (**b as i8) >= -0x40)
            .count() as u32;
        (base + extra) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices_everywhere() {
        let text = "Sergueï Lavrov « s’intensifie » — déjà 🇲🇱 ".repeat(40);
        let idx = CharOffsets::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(bi), ci as i32);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count() as i32);
    }
}
