//! Eight bytes at a time: byte tests on a `u64` ("SIMD within a register")
//! for the scans that run over every byte of every article (line cleaning,
//! the NFC quick check, sentence terminals), where a byte loop costs several
//! instructions per byte.

/// Every byte of the result is `b`.
pub(crate) const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

const HIGH: u64 = splat(0x80);
const LOW7: u64 = splat(0x7f);

/// The 8 bytes at `bytes[i..]`, first byte lowest, if there are 8.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().ok()?))
}

/// 0x80 in each byte of `w` that is zero, 0 elsewhere (exact: no carries
/// between bytes).
// used by the fallback of `bytes16` (off x86-64)
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
pub(crate) fn zero_bytes(w: u64) -> u64 {
    !(((w & LOW7) + LOW7) | w | LOW7)
}

/// 0x80 in each byte of `w` equal to `b`.
// used by the fallback of `bytes16` (off x86-64)
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
pub(crate) fn bytes_equal(w: u64, b: u8) -> u64 {
    zero_bytes(w ^ splat(b))
}

/// 0x80 in each byte of `w` that is not ASCII.
#[inline]
pub(crate) fn non_ascii(w: u64) -> u64 {
    w & HIGH
}

/// 0x80 in each byte of `w` that is not printable ASCII or a space (outside
/// 0x20..=0x7e).
// used by the fallback of `bytes16` (off x86-64)
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
pub(crate) fn non_printable(w: u64) -> u64 {
    // per byte, without carries: adding 0x60 to the low seven bits sets the
    // high bit from 0x20 up, adding 0x01 sets it for 0x7f only
    let low = w & LOW7;
    (w | !(low + splat(0x60)) | (low + splat(0x01))) & HIGH
}

/// How many bytes of `w` come before the first one marked in `mask` (8 when
/// none is).
#[inline]
pub(crate) fn before_first(mask: u64) -> usize {
    mask.trailing_zeros() as usize / 8
}

/// The marks of a mask (0x80 bytes) gathered into one bit per byte: bit
/// `k` set when byte `k` is marked.
// used by the fallback of `bytes16` (off x86-64)
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
pub(crate) fn high_bits(mask: u64) -> u64 {
    // each byte's mark lands on its own bit of the top byte, without carries
    ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The low `n` bytes of a word set (`n` <= 8).
#[inline]
pub(crate) fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0)
}

/// 0x80 in each byte of `w` that is an ASCII lowercase letter or digit.
#[inline]
pub(crate) fn ascii_lower_alnum(w: u64) -> u64 {
    // per byte, without carries: the high bit of `low + 0x80 - x` is set
    // from `x` up
    let low = w & LOW7;
    let from = |x: u8| low + splat(0x80 - x);
    let letter = from(b'a') & !from(b'z' + 1);
    let digit = from(b'0') & !from(b'9' + 1);
    (letter | digit) & !w & HIGH
}

/// 0x80 in each byte of `w` that is an ASCII letter (either case) or digit.
#[inline]
pub(crate) fn ascii_alnum(w: u64) -> u64 {
    // setting bit 0x20 lowers capitals and maps no other byte into `a..=z`
    // (digits are tested on the bytes as they are)
    let low = w & LOW7;
    let folded = low | splat(0x20);
    let letter = (folded + splat(0x80 - b'a')) & !(folded + splat(0x80 - b'z' - 1));
    let digit = (low + splat(0x80 - b'0')) & !(low + splat(0x80 - b'9' - 1));
    (letter | digit) & !w & HIGH
}

/// 0x80 in each byte of `w` that is an ASCII digit.
#[inline]
pub(crate) fn ascii_digits(w: u64) -> u64 {
    // per byte, without carries, as in `ascii_lower_alnum`
    let low = w & LOW7;
    let from = |x: u8| low + splat(0x80 - x);
    from(b'0') & !from(b'9' + 1) & !w & HIGH
}

/// `w` with its ASCII capitals (`A`..=`Z`) lowered; other bytes unchanged.
#[inline]
pub(crate) fn ascii_lowercase(w: u64) -> u64 {
    // per byte, without carries: adding 0x3f to the low seven bits sets the
    // high bit from 'A' up, adding 0x25 from '[' up
    let low = w & LOW7;
    let capital = !w & (low + splat(0x3f)) & !(low + splat(0x25)) & HIGH;
    w | capital >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_tests_agree_with_byte_loops() {
        // every byte value in every position, with neighbours that could
        // carry or borrow into it
        for b in 0..=255u8 {
            for pos in 0..8 {
                for fill in [0x00, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let w = u64::from_le_bytes(bytes);
                    let marks = |f: &dyn Fn(u8) -> bool| -> u64 {
                        (0..8)
                            .filter(|&k| f(bytes[k]))
                            .map(|k| 0x80 << (8 * k))
                            .sum()
                    };
                    let printable = |x: u8| (0x20..=0x7e).contains(&x);
                    assert_eq!(zero_bytes(w), marks(&|x| x == 0), "{bytes:?}");
                    assert_eq!(bytes_equal(w, b), marks(&|x| x == b), "{bytes:?}");
                    assert_eq!(non_ascii(w), marks(&|x| !x.is_ascii()), "{bytes:?}");
                    assert_eq!(non_printable(w), marks(&|x| !printable(x)), "{bytes:?}");
                    let first = (0..8).find(|&k| !printable(bytes[k])).unwrap_or(8);
                    assert_eq!(before_first(non_printable(w)), first, "{bytes:?}");
                    let lower = u64::from_le_bytes(bytes.map(|x| x.to_ascii_lowercase()));
                    assert_eq!(ascii_lowercase(w), lower, "{bytes:?}");
                    let any_alnum = |x: u8| x.is_ascii_alphanumeric();
                    assert_eq!(ascii_alnum(w), marks(&any_alnum), "{bytes:?}");
                    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
                    assert_eq!(ascii_lower_alnum(w), marks(&alnum), "{bytes:?}");
                    let digit = |x: u8| x.is_ascii_digit();
                    assert_eq!(ascii_digits(w), marks(&digit), "{bytes:?}");
                }
            }
        }
        assert_eq!(load(b"0123456", 0), None);
        assert_eq!(
            load(b"x01234567", 1),
            Some(u64::from_le_bytes(*b"01234567"))
        );
        for m in 0..=255u64 {
            let marks: u64 = (0..8)
                .filter(|k| m >> k & 1 == 1)
                .map(|k| 0x80 << (8 * k))
                .sum();
            assert_eq!(high_bits(marks), m);
        }
        assert_eq!(low_bytes(0), 0);
        assert_eq!(low_bytes(3), 0xff_ffff);
        assert_eq!(low_bytes(8), u64::MAX);
    }
}
