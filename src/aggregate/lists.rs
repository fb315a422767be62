//! The rows of a list-of-strings column (`events.source_ids`,
//! `target_ids`) read straight from its Arrow arrays: polars' amortised
//! list iterator builds a `Series` per row, which cost more than the
//! counting done with the ids.

use anyhow::{Context, Result};
use polars::prelude::*;

type StrArray = <StringType as PolarsDataType>::Array;
type ListArr = <ListType as PolarsDataType>::Array;

/// The strings of one list row, nulls left out.
pub(super) struct StrList<'a> {
    values: &'a StrArray,
    next: usize,
    end: usize,
}

impl<'a> Iterator for StrList<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while self.next < self.end {
            let i = self.next;
            self.next += 1;
            if let Some(s) = self.values.get(i) {
                return Some(s);
            }
        }
        None
    }
}

/// Every row of a list-of-strings column in order: `None` for a null list.
pub(super) fn rows(list: &ListChunked) -> Result<impl Iterator<Item = Option<StrList<'_>>>> {
    let arrays = list
        .downcast_iter()
        .map(|a: &ListArr| {
            let values = a
                .values()
                .as_any()
                .downcast_ref::<StrArray>()
                .context("a list column does not hold strings")?;
            Ok((a, values))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(arrays.into_iter().flat_map(|(a, values)| {
        (0..a.len()).map(move |row| {
            if a.validity().is_some_and(|v| !v.get_bit(row)) {
                return None;
            }
            let (next, end) = a.offsets().start_end(row);
            Some(StrList { values, next, end })
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_read_from_the_arrays_equal_polars_rows() {
        // nulls inside lists and null lists, over several chunks
        let part = |rows: Vec<Option<Vec<Option<&str>>>>| -> ListChunked {
            let series: Vec<Option<Series>> = rows
                .into_iter()
                .map(|r| r.map(|v| Series::new("".into(), v)))
                .collect();
            ListChunked::from_iter(series)
        };
        let mut list = part(vec![
            Some(vec![Some("a"), None, Some("été")]),
            None,
            Some(vec![]),
        ]);
        list.append(&part(vec![
            Some(vec![Some("a long id past twelve bytes")]),
            None,
        ]))
        .unwrap();
        assert!(list.chunks().len() > 1);
        let expected: Vec<Option<Vec<String>>> = list
            .amortized_iter()
            .map(|r| {
                r.map(|s| {
                    let s = s.as_ref().str().unwrap();
                    s.iter().flatten().map(str::to_string).collect()
                })
            })
            .collect();
        let got: Vec<Option<Vec<String>>> = rows(&list)
            .unwrap()
            .map(|r| r.map(|l| l.map(str::to_string).collect()))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(got[1], None);
    }
}
