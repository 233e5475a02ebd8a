-- A quote's words were indexed twice: as its text, and again in its context, which holds
-- them. The index is emptied here and rebuilt in Rust (src/store/index.rs) with each
-- context indexed without the quote's words.
INSERT INTO quotes_fts (quotes_fts) VALUES ('delete-all');
