-- One row per job (organisation, repository, workflow, job): what the organisation view shows,
-- kept by the run writer in the transaction that stores the runs (runs.control.JobSummaries),
-- rebuilt per job by retention, filled from existing rows by V5. Only runs with container rows
-- count, as in the aggregate it replaces. Waste is in core-seconds and byte-seconds, summed over
-- the rows that had a limit and the figures it needs (their counts say whether a job has a figure).
CREATE TABLE job_summary (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization TEXT NOT NULL,
  repository TEXT NOT NULL,
  workflow TEXT NOT NULL,
  job TEXT NOT NULL,
  run_count INTEGER NOT NULL,
  last_run_id INTEGER NOT NULL,
  last_run_at INTEGER NOT NULL,
  cpu_waste_core_seconds REAL NOT NULL,
  cpu_waste_rows INTEGER NOT NULL,
  memory_waste_byte_seconds REAL NOT NULL,
  memory_waste_rows INTEGER NOT NULL,
  oom_kills INTEGER NOT NULL,
  oom_rows INTEGER NOT NULL,
  throttled_rows INTEGER NOT NULL,
  max_throttled_ratio REAL);

-- The upsert's conflict target, and the organisation view's filter (equality on the first column).
CREATE UNIQUE INDEX job_summary_job ON job_summary (organization, repository, workflow, job);
