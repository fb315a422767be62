//! Plain Parquet pages of a string column, the pages polars-parquet builds
//! (same cuts into pages, statistics, header, values) but for the
//! definition levels of a page with nulls (see [`def_levels`]), with the
//! values copied straight from the array's views.
//!
//! polars-parquet first sums the lengths of every page's values (a pass
//! over all views, for a capacity), then walks the values through an
//! iterator that decodes each view into a slice and copies it with a
//! `memcpy` call: on c600 that cost 48 M instructions for 15 MB of pages.
//! A value of up to 12 bytes sits in its view right after its length, in
//! the layout a plain page stores (4-byte little-endian length, bytes):
//! it is written as one fixed-size copy of the view, cut to its length.

use polars::prelude::*;
use polars_parquet::parquet::CowBuffer;
use polars_parquet::parquet::page::{DataPage, DataPageHeader, DataPageHeaderV1};
use polars_parquet::parquet::schema::Repetition;
use polars_parquet::parquet::schema::types::PrimitiveType;
use polars_parquet::parquet::statistics::BinaryStatistics;
use polars_parquet::write::{Descriptor, Encoding, Page, Version, WriteOptions, write_def_levels};

/// A string column's chunk (Arrow string views).
pub(super) type StrArray = <StringType as PolarsDataType>::Array;

/// Longest string a view holds itself.
const MAX_INLINE: u32 = 12;

/// polars-parquet's page size when the options give none.
const DEFAULT_PAGE_BYTES: usize = 1024 * 1024;

/// The pages of `array` for the column `ty`, built lazily (one page held at
/// a time), cut where polars-parquet cuts them: pages of equal row counts
/// sized from the array's mean bytes per row.
pub(super) fn string_pages(
    array: StrArray,
    ty: PrimitiveType,
    options: WriteOptions,
) -> impl Iterator<Item = PolarsResult<Page>> + Send + Sync + 'static {
    let rows = array.len();
    let bytes = array.total_bytes_len();
    let per_page = rows_per_page(rows, bytes, options);
    let per_row = bytes / rows.max(1);
    (0..rows).step_by(per_page).map(move |start| {
        let len = per_page.min(rows - start);
        // the whole array's byte count is known; a slice's is estimated
        // (an exact sum would walk the views once more)
        let capacity = if len == rows {
            bytes
        } else {
            per_row.saturating_mul(len) + per_row.saturating_mul(len) / 8
        };
        string_page(&array, &array, start, len, capacity, &ty, options).map(Page::Data)
    })
}

/// One plain page of `len` rows from `start`. `same` is `array` again: its
/// validity is reached through the `StaticArray` bound, Arrow's `Array`
/// trait (which has the method) not being importable from here.
fn string_page<A: StaticArray>(
    array: &StrArray,
    same: &A,
    start: usize,
    len: usize,
    capacity: usize,
    ty: &PrimitiveType,
    options: WriteOptions,
) -> PolarsResult<DataPage> {
    let optional = ty.field_info.repetition == Repetition::Optional;
    // a slice without nulls has no validity (what polars' slicing does,
    // which decides how the levels are encoded)
    let validity = same
        .validity()
        .map(|v| v.clone().sliced(start, len))
        .filter(|v| v.unset_bits() > 0);
    let nulls = validity.as_ref().map_or(0, |v| v.unset_bits());
    if !optional && nulls > 0 {
        polars_bail!(InvalidOperation: "writing a missing value to required parquet column '{}'", ty.field_info.name);
    }
    let mut buffer = Vec::with_capacity(capacity + 4 * len + len / 8 + 16);
    let bits = validity.as_ref().map(|v| v.as_slice());
    if !(optional && def_levels(&mut buffer, bits, len, options)) {
        write_def_levels(
            &mut buffer,
            optional,
            validity.as_ref(),
            len,
            options.version,
        )?;
    }
    put_plain(
        &mut buffer,
        array,
        start,
        len,
        validity.as_ref().map(|v| v.iter()),
    );
    Ok(plain_page(buffer, len, len, nulls, ty, options))
}

/// A plain V1 data page of `values` level entries over `rows` rows, with
/// the null count as its only statistic: string min/max are not written
/// (see `files.rs`).
pub(super) fn plain_page(
    buffer: Vec<u8>,
    values: usize,
    rows: usize,
    nulls: usize,
    ty: &PrimitiveType,
    options: WriteOptions,
) -> DataPage {
    let statistics = options.has_statistics().then(|| {
        let s = &options.statistics;
        debug_assert!(
            !s.min_value && !s.max_value,
            "string min/max are not written"
        );
        BinaryStatistics {
            primitive_type: ty.clone(),
            null_count: s.null_count.then_some(nulls as i64),
            distinct_count: None,
            max_value: None,
            min_value: None,
        }
        .serialize()
    });
    let header = DataPageHeader::V1(DataPageHeaderV1 {
        num_values: values as i32,
        encoding: Encoding::Plain.into(),
        definition_level_encoding: Encoding::Rle.into(),
        repetition_level_encoding: Encoding::Rle.into(),
        statistics,
    });
    DataPage::new(
        header,
        CowBuffer::Owned(buffer),
        Descriptor {
            primitive_type: ty.clone(),
            max_def_level: 0,
            max_rep_level: 0,
        },
        rows,
    )
}

/// Appends the plain encoding (4-byte little-endian length, bytes) of
/// `len` values of `array` from `start`; `valid`: their validity bits, the
/// values of unset bits being left out.
pub(super) fn put_plain<I: Iterator<Item = bool>>(
    buffer: &mut Vec<u8>,
    array: &StrArray,
    start: usize,
    len: usize,
    mut valid: Option<I>,
) {
    let data = array.data_buffers();
    for view in &array.views()[start..start + len] {
        // the bits are walked alongside (`get_bit` per value cost more
        // than the copy)
        if let Some(bits) = &mut valid
            && !bits.next().unwrap_or(false)
        {
            continue;
        }
        if view.length <= MAX_INLINE {
            let at = buffer.len();
            buffer.extend_from_slice(&view.as_u128().to_le_bytes());
            buffer.truncate(at + 4 + view.length as usize);
        } else {
            let from = view.offset as usize;
            buffer.extend_from_slice(&view.length.to_le_bytes());
            buffer.extend_from_slice(
                &data[view.buffer_idx as usize][from..from + view.length as usize],
            );
        }
    }
}

/// Appends the definition levels of `len` values of a flat optional
/// column in a version 1 page, given their validity bitmap (`bits`: bytes,
/// offset in bits, length; `None`: no nulls), and returns true; false when
/// the bitmap does not start on a byte (polars-parquet's levels then).
///
/// Without nulls that is polars-parquet's single run of ones; with nulls,
/// one bit-packed run of the bitmap's own bytes (a level of one bit per
/// value, least significant first, is the Arrow bitmap), where
/// polars-parquet's encoder looked for runs value by value (13 M
/// instructions on c600, and Snappy finds the runs anyway).
pub(super) fn def_levels(
    buffer: &mut Vec<u8>,
    bits: Option<(&[u8], usize, usize)>,
    len: usize,
    options: WriteOptions,
) -> bool {
    if options.version != Version::V1 || bits.is_some_and(|(_, offset, _)| offset % 8 != 0) {
        return false;
    }
    let at = buffer.len();
    buffer.extend_from_slice(&[0; 4]);
    match bits {
        None => {
            uleb128(buffer, (len as u64) << 1);
            buffer.push(1);
        }
        Some((bytes, _, _)) => {
            let groups = len.div_ceil(8);
            uleb128(buffer, (groups as u64) << 1 | 1);
            buffer.extend_from_slice(&bytes[..groups]);
            // the padding of the last group: values that do not exist
            if !len.is_multiple_of(8)
                && let Some(last) = buffer.last_mut()
            {
                *last &= (1u8 << (len % 8)) - 1;
            }
        }
    }
    let levels = (buffer.len() - at - 4) as u32;
    buffer[at..at + 4].copy_from_slice(&levels.to_le_bytes());
    true
}

/// Appends `v` in ULEB128 (seven bits a byte, low first).
pub(super) fn uleb128(buffer: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buffer.push(v as u8 | 0x80);
        v >>= 7;
    }
    buffer.push(v as u8);
}

/// Rows per page where polars-parquet cuts a column: pages of equal row
/// counts sized from the mean bytes per row.
pub(super) fn rows_per_page(rows: usize, bytes: usize, options: WriteOptions) -> usize {
    let per_row = if rows == 0 {
        0
    } else {
        (bytes as f64 / rows as f64) as usize
    };
    let max_page = options
        .data_page_size
        .unwrap_or(DEFAULT_PAGE_BYTES)
        .min(2usize.pow(31) - 2usize.pow(25));
    (max_page / (per_row + 1)).max(1)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use polars_parquet::parquet::encoding::hybrid_rle::HybridRleDecoder;
    use polars_parquet::write::{
        ParquetType, StatisticsOptions, array_to_columns, to_parquet_type,
    };

    /// Uncompressed V1 pages with null counts only, as the tests compare
    /// them with polars-parquet's (also used by `lists`' tests).
    pub(in crate::output::files) fn test_options(page_size: Option<usize>) -> WriteOptions {
        WriteOptions {
            statistics: StatisticsOptions {
                min_value: false,
                max_value: false,
                distinct_count: false,
                null_count: true,
                binary_statistics_truncate_length: None,
            },
            compression: polars_parquet::write::CompressionOptions::Uncompressed,
            version: Version::V1,
            data_page_size: page_size,
        }
    }

    /// Pages as polars-parquet builds them, and ours, printed.
    fn both(values: &[Option<String>], page_size: Option<usize>) -> (Vec<String>, Vec<String>) {
        let ca: StringChunked = values.iter().map(|v| v.as_deref()).collect();
        let array = ca.downcast_iter().next().unwrap().clone();
        let field = polars_arrow_field(&ca);
        let ParquetType::PrimitiveType(ty) = &field else {
            panic!("a string column is a primitive type")
        };
        let options = test_options(page_size);
        let boxed: ArrayRef = Box::new(array.clone());
        let theirs = array_to_columns(boxed, field.clone(), options, &[Encoding::Plain])
            .unwrap()
            .remove(0)
            .map(|p| printed(p.unwrap()))
            .collect();
        let ours = string_pages(array, ty.clone(), options)
            .map(|p| printed(p.unwrap()))
            .collect();
        (theirs, ours)
    }

    /// A page's header and its values, printed: its definition levels
    /// (after their 4-byte length) are replaced by the levels they decode
    /// to, ours being encoded otherwise.
    fn printed(page: Page) -> String {
        let Page::Data(page) = page else {
            panic!("a data page")
        };
        let buffer = page.buffer();
        let n = u32::from_le_bytes(buffer[..4].try_into().unwrap()) as usize;
        let levels: Vec<u32> = HybridRleDecoder::new(&buffer[4..4 + n], 1, page.num_values())
            .collect()
            .unwrap();
        format!(
            "{:?} {:?} levels {levels:?} values {:?}",
            page.header(),
            page.num_rows(),
            &buffer[4 + n..]
        )
    }

    fn polars_arrow_field(ca: &StringChunked) -> ParquetType {
        to_parquet_type(&ca.ref_field().to_arrow(CompatLevel::oldest())).unwrap()
    }

    #[test]
    fn pages_match_polars_parquet() {
        let long = "une valeur de plus de douze octets, « déjà »";
        let mixed: Vec<Option<String>> = (0..3000)
            .map(|i| match i % 7 {
                0 => None,
                1 => Some(String::new()),
                2 => Some(long.repeat(1 + i % 3)),
                3 => Some("douze octets".into()),
                4 => Some("treize octets".into()),
                _ => Some(format!("v{i}")),
            })
            .collect();
        let no_nulls: Vec<Option<String>> = mixed.iter().flatten().cloned().map(Some).collect();
        // nulls only in the first rows: later pages have none
        let early_nulls: Vec<Option<String>> = (0..2000)
            .map(|i| (i >= 5).then(|| format!("valeur numéro {i}")))
            .collect();
        // (name, values, page size)
        type Case<'a> = (&'a str, &'a [Option<String>], Option<usize>);
        let cases: &[Case] = &[
            ("mixed, one page", &mixed, None),
            ("mixed, many pages", &mixed, Some(4096)),
            ("no nulls, many pages", &no_nulls, Some(1000)),
            ("early nulls, many pages", &early_nulls, Some(2048)),
            ("tiny pages", &mixed[..40], Some(1)),
            ("one null", &[None], None),
            ("one empty", &[Some(String::new())], None),
        ];
        for (name, values, page_size) in cases {
            let (theirs, ours) = both(values, *page_size);
            assert_eq!(theirs.len(), ours.len(), "case {name}: page count");
            for (k, (t, o)) in theirs.iter().zip(&ours).enumerate() {
                assert_eq!(t, o, "case {name}: page {k}");
            }
        }
    }
}
