//! Plain pages of list-of-strings columns (`source_ids`, `aliases`...), the
//! page polars-parquet builds (same levels, values, statistics, header).
//!
//! polars-parquet derives the levels of any nesting with a general Dremel
//! iterator, walked twice (repetition, then definition levels) after a
//! third walk to count them: ~200 instructions a value, 15 M on c600 for
//! six small columns. An optional list of optional strings has one
//! repetition level (0 opens a row, 1 continues its list) and three
//! definition levels (0 null list, 1 empty list, 2 null item, 3 item),
//! read here straight from the offsets and validities.

use polars::prelude::*;
use polars_parquet::parquet::encoding::hybrid_rle::encode;
use polars_parquet::parquet::schema::Repetition;
use polars_parquet::parquet::schema::types::PrimitiveType;
use polars_parquet::write::{Page, ParquetType, Version, WriteOptions};

use super::pages::{StrArray, plain_page, put_plain, rows_per_page};

/// A list column's chunk (64-bit offsets).
pub(super) type ListArray = <ListType as PolarsDataType>::Array;

/// The page of a list-of-strings chunk, or `None` for what is left to
/// polars-parquet: another shape of column, a chunk it would cut into
/// several pages, version 2 pages.
pub(super) fn list_page(
    lists: &ListArray,
    field: &ParquetType,
    options: WriteOptions,
) -> PolarsResult<Option<Page>> {
    let (Some(ty), Some(strings), Version::V1) = (
        optional_strings(field),
        lists.values().as_any().downcast_ref::<StrArray>(),
        options.version,
    ) else {
        return Ok(None);
    };
    let rows = lists.len();
    if rows_per_page(rows, strings.total_bytes_len(), options) < rows {
        return Ok(None);
    }
    let offsets: &[i64] = lists.offsets().buffer();
    let (first, last) = (offsets[0] as usize, offsets[rows] as usize);
    // the items under the rows, as polars slices them
    let items = lists
        .values()
        .validity()
        .map(|v| v.clone().sliced(first, last - first))
        .filter(|v| v.unset_bits() > 0);
    let nulls = items.as_ref().map_or(0, |v| v.unset_bits());
    let mut rep = Vec::with_capacity(last - first + rows);
    let mut def = Vec::with_capacity(last - first + rows);
    for (row, ends) in offsets.windows(2).enumerate() {
        let (start, end) = (ends[0] as usize, ends[1] as usize);
        if lists.validity().is_some_and(|v| !v.get_bit(row)) {
            rep.push(0);
            def.push(0);
        } else if start == end {
            rep.push(0);
            def.push(1);
        } else {
            for i in start..end {
                rep.push(u32::from(i > start));
                let null = items.as_ref().is_some_and(|v| !v.get_bit(i - first));
                def.push(if null { 2 } else { 3 });
            }
        }
    }
    let mut buffer = Vec::with_capacity(strings.total_bytes_len() + 4 * (last - first) + 64);
    levels_v1(&mut buffer, &rep, 1)?;
    levels_v1(&mut buffer, &def, 2)?;
    put_plain(
        &mut buffer,
        strings,
        first,
        last - first,
        items.as_ref().map(|v| v.iter()),
    );
    Ok(Some(Page::Data(plain_page(
        buffer,
        rep.len(),
        rows,
        nulls,
        ty,
        options,
    ))))
}

/// The item type of an optional list of optional strings.
fn optional_strings(field: &ParquetType) -> Option<&PrimitiveType> {
    let is = |info: &polars_parquet::write::FieldInfo, r: Repetition| info.repetition == r;
    let ParquetType::GroupType {
        field_info, fields, ..
    } = field
    else {
        return None;
    };
    let [
        ParquetType::GroupType {
            field_info: repeated,
            fields: items,
            ..
        },
    ] = fields.as_slice()
    else {
        return None;
    };
    let [ParquetType::PrimitiveType(item)] = items.as_slice() else {
        return None;
    };
    (is(field_info, Repetition::Optional)
        && is(repeated, Repetition::Repeated)
        && is(&item.field_info, Repetition::Optional))
    .then_some(item)
}

/// Levels as a version 1 page stores them: their byte length, then their
/// RLE/bit-packed encoding at `bits` bits (polars-parquet's encoder).
fn levels_v1(buffer: &mut Vec<u8>, levels: &[u32], bits: u32) -> PolarsResult<()> {
    buffer.extend_from_slice(&[0; 4]);
    let start = buffer.len();
    encode::<u32, _, _>(buffer, levels.iter().copied(), bits)?;
    let len = (buffer.len() - start) as i32;
    buffer[start - 4..start].copy_from_slice(&len.to_le_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars_parquet::write::{Encoding, array_to_columns, to_parquet_type};

    #[test]
    fn pages_match_polars_parquet() {
        let item = |i: usize| format!("identifiant-{i:04}");
        let list = |items: &[Option<String>]| {
            Some(Series::new(
                "".into(),
                items.iter().map(|s| s.as_deref()).collect::<Vec<_>>(),
            ))
        };
        let mixed: Vec<Option<Series>> = (0..500)
            .map(|i| match i % 6 {
                0 => None,
                1 => list(&[]),
                2 => list(&[Some(item(i))]),
                3 => list(&[Some(item(i)), None, Some("court".into())]),
                _ => list(&[Some(item(i)), Some(item(i + 1)), Some(String::new())]),
            })
            .collect();
        let plain: Vec<Option<Series>> = (0..300)
            .map(|i| list(&vec![Some(item(i)); i % 4]))
            .collect();
        let cases: &[(&str, &[Option<Series>])] = &[
            ("nulls, empty lists, null items", &mixed),
            ("no nulls", &plain),
            ("one null list", &[None]),
            ("one empty list", &[list(&[])]),
        ];
        let options = super::super::pages::tests::test_options(None);
        for (name, rows) in cases {
            let ca: ListChunked = rows.iter().cloned().collect();
            let ca = ca
                .cast(&DataType::List(Box::new(DataType::String)))
                .unwrap();
            let ca = ca.list().unwrap();
            let array = ca.downcast_iter().next().unwrap().clone();
            let field = to_parquet_type(&ca.ref_field().to_arrow(CompatLevel::oldest())).unwrap();
            let boxed: ArrayRef = Box::new(array.clone());
            let theirs: Vec<String> =
                array_to_columns(boxed, field.clone(), options, &[Encoding::Plain])
                    .unwrap()
                    .remove(0)
                    .map(|p| format!("{:?}", p.unwrap()))
                    .collect();
            let ours = list_page(&array, &field, options)
                .unwrap()
                .expect("our shape");
            assert_eq!(theirs, vec![format!("{ours:?}")], "case {name}");
        }
    }
}
