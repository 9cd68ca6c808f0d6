import sys, uuid
payloads = [l.rstrip('\n') for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2]); sync = sys.argv[3]
out = sys.stdout
out.write("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=%s;\nPRAGMA busy_timeout=10000;\n" % sync)
out.write("""CREATE TABLE IF NOT EXISTS stored_run ( id INTEGER PRIMARY KEY AUTOINCREMENT, organization TEXT NOT NULL, repository TEXT NOT NULL, workflow TEXT NOT NULL, job TEXT NOT NULL, run_id TEXT NOT NULL, received_at INTEGER NOT NULL, idempotency_key TEXT, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stored_run_scope_id ON stored_run (organization, repository, workflow, job, id);
CREATE UNIQUE INDEX IF NOT EXISTS stored_run_idempotency ON stored_run (organization, repository, workflow, job, idempotency_key) WHERE idempotency_key IS NOT NULL;
.timer off
SELECT 'start', strftime('%s','now') || substr(strftime('%f','now'),3);
""")
for i in range(n):
    p = payloads[i % len(payloads)].replace("'", "''")
    out.write("INSERT INTO stored_run (organization,repository,workflow,job,run_id,received_at,idempotency_key,payload) VALUES ('bench-org','bench-org/bench-repo','ci.yml','job-%d','run-%d',%d,'%s','%s');\n" % (i % 32, i, 1795900000000 + i, uuid.uuid4(), p))
out.write("SELECT 'end', strftime('%s','now') || substr(strftime('%f','now'),3);\n")
