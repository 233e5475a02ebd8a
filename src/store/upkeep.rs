//! Upkeep of the full-text index, between collections.
//!
//! FTS5 writes the words of each commit as a segment of their own and merges segments as
//! they pile up, level by level, which leaves about ten at a million quotes; a search sets
//! each of its words up once per segment (an `--speaker` family name shared by 89 people is
//! 89 words). `onrecord run` merges them into one, a bounded step at a time, while it waits
//! for the next source to be due: at a million quotes, 1.5 s of merging in eleven steps
//! took that search from 18.1 to 13.1 ms.
//!
//! Merging into one segment rewrites the whole index, so it is done again only once a
//! quarter more quotes have been stored (and not below 10,000 quotes, where searches are
//! fast anyway): over an archive's life these merges write about five times the index's
//! final size. Between them, the newer quotes sit in the few segments FTS5's own merges
//! leave.

use super::{Store, db_error};
use crate::error::Result;

/// Leaf pages one step writes at most (0.15 s at a million quotes on a small machine).
const STEP_PAGES: u32 = 2_000;
/// Quotes stored since the last merge that make another one due…
const MIN_NEW_QUOTES: i64 = 10_000;
/// …and at least one for every `GROWTH_SHARE` quotes merged then.
const GROWTH_SHARE: i64 = 4;

impl Store {
    /// One step of merging the index if a merge is due (see the module's comment).
    /// Returns whether there is more to do.
    pub fn tidy_index(&mut self) -> Result<bool> {
        let (newest, merged_through) = self
            .conn
            .query_row(
                "SELECT (SELECT coalesce(max(id), 0) FROM quotes), merged_through
                 FROM index_upkeep WHERE id = 1",
                [],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
            )
            .map_err(db_error(&self.path))?;
        if !merge_due(newest, merged_through) {
            return Ok(false);
        }
        if self.tidy_index_step()? {
            return Ok(true);
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE index_upkeep SET merged_through = ?1 WHERE id = 1",
                [newest],
            )
        })?;
        Ok(false)
    }

    /// One bounded step of merging the full-text index's segments (across levels, as
    /// FTS5's `optimize` would all at once), due or not. Returns whether it did any work:
    /// `false` once the index is one segment.
    pub fn tidy_index_step(&mut self) -> Result<bool> {
        self.write(|tx| {
            let before = tx.total_changes();
            tx.execute_batch(&format!(
                "INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('merge', -{STEP_PAGES})"
            ))?;
            // The command counts as one change itself; each page it wrote as another.
            Ok(tx.total_changes() - before > 1)
        })
    }
}

/// Whether the quotes stored since the last merge (numbered up to `merged_through`; the
/// newest is `newest`) make another one due.
fn merge_due(newest: i64, merged_through: i64) -> bool {
    newest - merged_through >= MIN_NEW_QUOTES.max(merged_through / GROWTH_SHARE)
}

#[cfg(test)]
mod tests {
    use super::merge_due;

    #[test]
    fn a_merge_is_due_after_a_quarter_more_quotes_and_ten_thousand_at_least() {
        assert!(!merge_due(9_999, 0));
        assert!(merge_due(10_000, 0));
        assert!(!merge_due(1_249_999, 1_000_000));
        assert!(merge_due(1_250_000, 1_000_000));
        assert!(!merge_due(1_000_000, 1_000_000));
    }
}
