//! Sixteen bytes at a time: byte tests that give one bit per byte, for the
//! scans over every byte of every article (line cleaning, sentence
//! terminals, word bounds). On x86-64 they are SSE2 instructions (part of
//! the base instruction set: always there), a few per sixteen bytes where
//! [`super::swar`] needs a few per byte pair; elsewhere they fall back to
//! [`super::swar`].

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
    };

    /// Sixteen bytes of a text.
    #[derive(Clone, Copy)]
    pub(crate) struct Block(__m128i);

    impl Block {
        /// The bytes `lo` (first eight) and `hi` (next eight), first byte
        /// lowest.
        #[inline(always)]
        pub(super) fn from_words(lo: u64, hi: u64) -> Block {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe { Block(_mm_set_epi64x(hi as i64, lo as i64)) }
        }

        #[inline(always)]
        fn splat(b: u8) -> __m128i {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe { _mm_set1_epi8(b as i8) }
        }

        /// Bit `k` set when byte `k` is `b`.
        #[inline(always)]
        pub(crate) fn eq(self, b: u8) -> u32 {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(self.0, Self::splat(b))) as u32 }
        }

        /// Bit `k` set when byte `k` is one of `bs`.
        #[inline(always)]
        pub(crate) fn eq_any<const N: usize>(self, bs: [u8; N]) -> u32 {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe {
                let hits = bs.iter().fold(_mm_set1_epi8(0), |acc, &b| {
                    _mm_or_si128(acc, _mm_cmpeq_epi8(self.0, Self::splat(b)))
                });
                _mm_movemask_epi8(hits) as u32
            }
        }

        /// Bit `k` set when byte `k` is not ASCII.
        #[inline(always)]
        pub(crate) fn non_ascii(self) -> u32 {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe { _mm_movemask_epi8(self.0) as u32 }
        }

        /// Bit `k` set when byte `k` is `x` or above (`x` from 0x80 up).
        #[inline(always)]
        pub(crate) fn at_least(self, x: u8) -> u32 {
            debug_assert!(x >= 0x80);
            if x == 0x80 {
                // `x - 1` would be 0x7f, above every byte under signed order
                return self.non_ascii();
            }
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe {
                // signed, the bytes from 0x80 up are -128..=-1
                let high = _mm_cmplt_epi8(self.0, _mm_set1_epi8(0));
                let from = _mm_cmpgt_epi8(self.0, Self::splat(x - 1));
                _mm_movemask_epi8(_mm_and_si128(high, from)) as u32
            }
        }

        /// Bytes within `lo..=hi` (both below 0x7f), as a byte mask: signed
        /// comparisons, under which the bytes from 0x80 up are negative.
        #[inline(always)]
        fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe {
                debug_assert!(lo > 0 && hi < 0x7f);
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, Self::splat(lo - 1)),
                    _mm_cmplt_epi8(v, Self::splat(hi + 1)),
                )
            }
        }

        /// Bit `k` set when byte `k` is printable ASCII or a space
        /// (0x20..=0x7e).
        #[inline(always)]
        pub(crate) fn printable(self) -> u32 {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe { _mm_movemask_epi8(Self::within(self.0, 0x20, 0x7e)) as u32 }
        }

        /// Bit `k` set when byte `k` is an ASCII letter or digit.
        #[inline(always)]
        pub(crate) fn ascii_alnum(self) -> u32 {
            // SAFETY: SSE2 is part of the x86-64 base instruction set, so
            // these instructions exist on every x86-64 processor.
            unsafe {
                // setting bit 0x20 lowers capitals and maps no other byte into
                // `a..=z` (digits are tested on the bytes as they are)
                let folded = _mm_or_si128(self.0, Self::splat(0x20));
                let letter = Self::within(folded, b'a', b'z');
                let digit = Self::within(self.0, b'0', b'9');
                _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32
            }
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::super::swar;

    /// Sixteen bytes of a text, as two eight-byte words.
    #[derive(Clone, Copy)]
    pub(crate) struct Block(u64, u64);

    impl Block {
        #[inline(always)]
        pub(super) fn from_words(lo: u64, hi: u64) -> Block {
            Block(lo, hi)
        }

        #[inline(always)]
        fn bits(self, f: impl Fn(u64) -> u64) -> u32 {
            (swar::high_bits(f(self.0)) | swar::high_bits(f(self.1)) << 8) as u32
        }

        pub(crate) fn eq(self, b: u8) -> u32 {
            self.bits(|w| swar::bytes_equal(w, b))
        }

        pub(crate) fn eq_any<const N: usize>(self, bs: [u8; N]) -> u32 {
            bs.iter().fold(0, |acc, &b| acc | self.eq(b))
        }

        pub(crate) fn non_ascii(self) -> u32 {
            self.bits(swar::non_ascii)
        }

        pub(crate) fn printable(self) -> u32 {
            !self.bits(swar::non_printable) & 0xffff
        }

        pub(crate) fn at_least(self, x: u8) -> u32 {
            let bytes = [self.0.to_le_bytes(), self.1.to_le_bytes()].concat();
            (0..16).filter(|&k| bytes[k] >= x).map(|k| 1 << k).sum()
        }

        pub(crate) fn ascii_alnum(self) -> u32 {
            self.bits(swar::ascii_alnum)
        }
    }
}

pub(crate) use imp::Block;

/// The sixteen bytes at `bytes[i..]`, if there are sixteen.
#[inline(always)]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<Block> {
    let chunk = bytes.get(i..i + 16)?;
    let (lo, hi) = chunk.split_at(8);
    Some(Block::from_words(
        u64::from_le_bytes(lo.try_into().ok()?),
        u64::from_le_bytes(hi.try_into().ok()?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_tests_agree_with_byte_loops() {
        // every byte value in every position, among neighbours of each kind
        for b in 0..=255u8 {
            for pos in 0..16 {
                for fill in [0x00, 0x20, 0x2e, 0x41, 0x7e, 0x7f, 0x80, 0xe2, 0xff] {
                    let mut bytes = [fill; 16];
                    bytes[pos] = b;
                    let block = load(&bytes, 0).unwrap();
                    let marks = |f: &dyn Fn(u8) -> bool| -> u32 {
                        (0..16).filter(|&k| f(bytes[k])).map(|k| 1 << k).sum()
                    };
                    assert_eq!(block.eq(b), marks(&|x| x == b), "{bytes:?}");
                    assert_eq!(
                        block.eq_any([b'.', b'!', 0xe2]),
                        marks(&|x| matches!(x, b'.' | b'!' | 0xe2)),
                        "{bytes:?}"
                    );
                    assert_eq!(block.non_ascii(), marks(&|x| !x.is_ascii()), "{bytes:?}");
                    let printable = |x: u8| (0x20..=0x7e).contains(&x);
                    assert_eq!(block.printable(), marks(&printable), "{bytes:?}");
                    assert_eq!(block.at_least(0xcc), marks(&|x| x >= 0xcc), "{bytes:?}");
                    assert_eq!(block.at_least(0x80), marks(&|x| x >= 0x80), "{bytes:?}");
                    let alnum = |x: u8| x.is_ascii_alphanumeric();
                    assert_eq!(block.ascii_alnum(), marks(&alnum), "{bytes:?}");
                }
            }
        }
        assert!(load(&[0; 15], 0).is_none());
        assert!(load(&[0; 17], 1).is_some());
    }
}
