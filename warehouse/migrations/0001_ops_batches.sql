-- Load bookkeeping. Every file or HTTP batch is one batch, identified by the sha256 of its bytes
-- and the entity it holds: loading the same bytes again finds a committed batch and does nothing.
-- Each state change appends a row (ClickHouse has no cheap UPDATE); a batch's state is its
-- latest row.
CREATE TABLE IF NOT EXISTS ops_batches
(
    batch_id String COMMENT 'sha256 of the file or request body, hex',
    entity String COMMENT 'interchange entity (job_order_lines, candidates, …), see common/formats.ts',
    source String COMMENT 'file path or HTTP client that delivered the batch',
    state String COMMENT 'started | committed | failed',
    rows_read UInt64 COMMENT 'data lines in the batch (header excluded)',
    rows_inserted UInt64 COMMENT 'new keys written to the fact table',
    rows_updated UInt64 COMMENT 'keys replaced by a newer version',
    rows_unchanged UInt64 COMMENT 'keys already loaded with the same version and values',
    rows_quarantined UInt64 COMMENT 'rows rejected to ops_quarantine',
    message String COMMENT 'error text for failed batches',
    at DateTime DEFAULT now() COMMENT 'time of this state change (UTC)'
)
ENGINE = MergeTree()
ORDER BY (batch_id, at);

-- Rejected rows, with enough to find and fix them at the source: file or batch, line, field, reason.
CREATE TABLE IF NOT EXISTS ops_quarantine
(
    batch_id String,
    entity String,
    source String COMMENT 'file path or HTTP client',
    line UInt64 COMMENT '1-based physical line in the file (the header is line 1 for CSV); 0 = the batch as a whole',
    field String COMMENT 'offending field, empty when the row as a whole is wrong',
    reason String COMMENT 'why the row was rejected, in words a data clerk can act on',
    raw String COMMENT 'the rejected line as delivered, cut to 2,000 characters',
    at DateTime DEFAULT now()
)
ENGINE = MergeTree()
ORDER BY (batch_id, line, field);
