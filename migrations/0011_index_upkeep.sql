-- When the full-text index was last merged into one segment (see src/store/upkeep.rs):
-- `onrecord run` merges it again, while idle, once a quarter more quotes have been stored.
CREATE TABLE index_upkeep (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    merged_through  INTEGER NOT NULL   -- the largest quote id then
);
INSERT INTO index_upkeep (id, merged_through) VALUES (1, 0);
