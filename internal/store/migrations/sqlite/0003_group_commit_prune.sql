-- Schema 3 (issue 15, issue 17).
-- Snapshot digests of version 2 cover the metadata columns too (run id,
-- started/finished times, program version, schema) and the run's own
-- label, start and program version (digest.go). Rows written before this
-- migration keep version 1 and verify as they always did; a row cannot
-- be moved to version 1 unseen, because its recorded digest was computed
-- over the version 2 content.
ALTER TABLE snapshots ADD COLUMN digest_version INTEGER NOT NULL DEFAULT 1;

-- A run's digest (set when it ends, or when the next writer finds it cut
-- off) covers its row; planned lists the devices it set out to audit, so
-- the next run can say which snapshots a killed run lost.
ALTER TABLE runs ADD COLUMN planned BLOB NOT NULL DEFAULT '[]'; -- JSON []string
ALTER TABLE runs ADD COLUMN digest TEXT NOT NULL DEFAULT '';

-- store prune: the pruned prefix of a device's chain, summarized by its
-- last link (snapshot id and chain value). store verify starts the
-- device's chain from here.
CREATE TABLE checkpoints (
    device      TEXT    PRIMARY KEY,
    snapshot_id INTEGER NOT NULL, -- the last pruned snapshot
    chain       TEXT    NOT NULL, -- the chain value after it (its acceptances included)
    pruned      INTEGER NOT NULL, -- snapshots pruned so far
    pruned_at   TEXT    NOT NULL
);

-- Runs from this id on must carry a digest once they end.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) SELECT 'runs_hashed_from', CAST(COALESCE(MAX(id), 0) + 1 AS TEXT) FROM runs;
