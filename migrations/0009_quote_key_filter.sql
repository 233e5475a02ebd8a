-- A Bloom filter over quote_keys (see src/store/key_filter.rs): one row, built in Rust
-- after this file runs, so that the keys settled before it are covered, and rewritten by
-- every merge of fresh keys into quote_keys.
CREATE TABLE quote_key_filter (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    keys      INTEGER NOT NULL,   -- keys added since it was built
    capacity  INTEGER NOT NULL,   -- keys it was sized for; built again larger when full
    bits      BLOB NOT NULL
);
