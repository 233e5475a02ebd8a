//! bluesky sources.

use super::run::{Checked, Collector};
use crate::store::Source;

pub async fn check(_collector: &Collector<'_>, _source: &Source) -> Result<Checked, String> {
    Err("not yet supported".to_string())
}
