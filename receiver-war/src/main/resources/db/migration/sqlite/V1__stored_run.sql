-- The schema of the releases before versioned migrations (runs.control.Schema), unchanged: a
-- database they wrote is baselined at this version instead of running it.
CREATE TABLE IF NOT EXISTS stored_run (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization TEXT NOT NULL,
  repository TEXT NOT NULL,
  workflow TEXT NOT NULL,
  job TEXT NOT NULL,
  run_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  idempotency_key TEXT,
  payload TEXT NOT NULL);

-- Serves GET …/repo/{org}/{repo}/{workflow}/{job}: equality on the scope, newest id first.
CREATE INDEX IF NOT EXISTS stored_run_scope_id
  ON stored_run (organization, repository, workflow, job, id);

-- A retried push (same scope, same Idempotency-Key) can never be stored twice.
CREATE UNIQUE INDEX IF NOT EXISTS stored_run_idempotency
  ON stored_run (organization, repository, workflow, job, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
