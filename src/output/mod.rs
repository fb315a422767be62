//! The sink side: documents → table rows → Parquet and CSV files, plus the
//! run manifest. See [`schema`] for the table contract.

pub mod files;
pub mod manifest;
pub mod offsets;
pub mod rows;
pub mod schema;
pub mod table;
pub mod writer;

/// Appends `n` in decimal (ids and CSV cells are built byte by byte: the
/// `fmt` machinery cost more than the rest of a cell).
pub(crate) fn push_decimal(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}
