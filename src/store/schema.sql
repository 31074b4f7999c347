-- cppcc-pipeline store, schema version 1 (the baseline; later versions are forward migrations in migrations/NNN_*.sql).
-- Offsets: start/end are half-open UTF-16 code-unit offsets into documents.text (normalized Simplified);
-- orig_start/orig_end map the same span into documents.original (as published) through the offset map.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp);

CREATE TABLE IF NOT EXISTS runs (
  run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, pipeline_file VARCHAR, stages VARCHAR[],
  config_hash VARCHAR, package_versions VARCHAR, inputs VARCHAR[], documents INTEGER, failed INTEGER);

CREATE TABLE IF NOT EXISTS documents (
  doc_id VARCHAR PRIMARY KEY, file VARCHAR, path VARCHAR, item INTEGER, format VARCHAR, encoding VARCHAR, sha256 VARCHAR,
  bytes BIGINT, title VARCHAR, subtitle VARCHAR, date DATE, year INTEGER, source VARCHAR, authors VARCHAR[], editors VARCHAR[],
  doc_type VARCHAR, script VARCHAR, variant VARCHAR, url VARCHAR, original VARCHAR, text VARCHAR,
  offset_runs INTEGER[], failed VARCHAR, run_id VARCHAR, pipeline_hash VARCHAR);

CREATE TABLE IF NOT EXISTS flags (
  doc_id VARCHAR, rule_id VARCHAR, stage VARCHAR, severity VARCHAR, reason VARCHAR, layer VARCHAR, start INTEGER, "end" INTEGER, data VARCHAR);

CREATE TABLE IF NOT EXISTS tokens (doc_id VARCHAR, idx INTEGER, token VARCHAR, pos VARCHAR, start INTEGER, "end" INTEGER);

CREATE TABLE IF NOT EXISTS orgs (
  doc_id VARCHAR, surface VARCHAR, name VARCHAR, level VARCHAR, cppcc BOOLEAN, start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER);

CREATE TABLE IF NOT EXISTS mechanisms (
  doc_id VARCHAR, mech_id VARCHAR, name VARCHAR, surface VARCHAR, kind VARCHAR, category VARCHAR, org VARCHAR,
  components VARCHAR[], variants VARCHAR[], english VARCHAR, expected_count INTEGER, count_mismatch BOOLEAN, generator VARCHAR,
  start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER, evidence VARCHAR, stage VARCHAR, run_id VARCHAR);

CREATE TABLE IF NOT EXISTS mechanism_components (doc_id VARCHAR, mech_id VARCHAR, idx INTEGER, component VARCHAR);

-- Every occurrence of a mechanism's name in its document (the mechanisms row is its first).
CREATE TABLE IF NOT EXISTS mechanism_mentions (
  doc_id VARCHAR, mech_id VARCHAR, name VARCHAR, start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER, evidence VARCHAR);

CREATE TABLE IF NOT EXISTS metrics (
  doc_id VARCHAR, value DOUBLE, unit VARCHAR, qualifier VARCHAR, indicator VARCHAR, org VARCHAR, period VARCHAR, surface VARCHAR,
  start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER, evidence VARCHAR, stage VARCHAR, run_id VARCHAR);

CREATE TABLE IF NOT EXISTS people (
  doc_id VARCHAR, name VARCHAR, titles VARCHAR[], org VARCHAR, role VARCHAR,
  start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER, evidence VARCHAR, stage VARCHAR, run_id VARCHAR);

CREATE TABLE IF NOT EXISTS org_systems (
  doc_id VARCHAR, owner VARCHAR, units VARCHAR[], start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER,
  evidence VARCHAR, stage VARCHAR, run_id VARCHAR);

CREATE TABLE IF NOT EXISTS org_units (
  doc_id VARCHAR, name VARCHAR, count INTEGER, org VARCHAR, start INTEGER, "end" INTEGER, orig_start INTEGER, orig_end INTEGER,
  evidence VARCHAR, stage VARCHAR, run_id VARCHAR);
