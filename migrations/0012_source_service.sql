-- onrecord schema, version 12: a source may name the service it is read through, when its
-- kind has one and it is not the configured default (a Bluesky AppView other than
-- `bluesky_api`, given by `sources add bluesky HANDLE --service URL`).
ALTER TABLE sources ADD COLUMN service TEXT;   -- NULL: the configured default
