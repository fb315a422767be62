//! The sink side: documents → table rows → Parquet and CSV files, plus the
//! run manifest. See [`schema`] for the table contract.

pub mod files;
pub mod manifest;
pub mod offsets;
pub mod rows;
pub mod schema;
pub mod table;
pub mod writer;

/// Two-digit groups `00` to `99`, for writing numbers two digits a step.
const DIGIT_PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// Appends `n` in decimal (ids and CSV cells are built byte by byte: the
/// `fmt` machinery cost more than the rest of a cell). Inlined for the
/// numbers of up to four digits most cells hold (indexes, counts, offsets
/// into an article), the rest in [`push_decimal_long`].
#[inline]
pub(crate) fn push_decimal(buf: &mut Vec<u8>, n: u64) {
    let pair = |n: u64| {
        let p = n as usize * 2;
        [DIGIT_PAIRS[p], DIGIT_PAIRS[p + 1]]
    };
    if n < 10 {
        buf.push(b'0' + n as u8);
    } else if n < 100 {
        buf.extend_from_slice(&pair(n));
    } else if n < 1000 {
        let [a, b] = pair(n % 100);
        buf.extend_from_slice(&[b'0' + (n / 100) as u8, a, b]);
    } else if n < 10_000 {
        let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
        buf.extend_from_slice(&[a, b, c, d]);
    } else {
        push_decimal_long(buf, n);
    }
}

/// [`push_decimal`] for numbers of five digits and more.
#[inline(never)]
fn push_decimal_long(buf: &mut Vec<u8>, mut n: u64) {
    let len = n.checked_ilog10().unwrap_or(0) as usize + 1;
    // digits land left-aligned in a fixed array that is copied whole (an
    // inline copy, not a `memcpy` call), then the tail is cut off
    let mut digits = [b'0'; 20];
    let mut end = len;
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        digits[end - 2..end].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        end -= 2;
    }
    if n >= 10 {
        let pair = n as usize * 2;
        digits[end - 2..end].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    } else {
        digits[end - 1] = b'0' + n as u8;
    }
    let at = buf.len();
    buf.extend_from_slice(&digits);
    buf.truncate(at + len);
}

#[cfg(test)]
mod tests {
    #[test]
    fn push_decimal_matches_display() {
        let mut cases = vec![0u64, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, u64::MAX];
        let mut x = 1u64;
        while let Some(next) = x.checked_mul(10) {
            cases.extend([x - 1, x, x + 1]);
            x = next;
        }
        for n in cases {
            let mut buf = b"x".to_vec();
            super::push_decimal(&mut buf, n);
            assert_eq!(buf, format!("x{n}").into_bytes(), "{n}");
        }
    }
}
