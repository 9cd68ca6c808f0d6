-- The writer takes ids in blocks of 50 (EclipseLink's sequence preallocation, see
-- META-INF/receiver-postgresql-orm.xml), so a batch's rows reach PostgreSQL in one round trip per
-- table (JDBC batch writing) instead of an INSERT and a `select lastval()` for every row. Anything
-- else that inserts keeps the column default, whose nextval now steps by 50: a block is the 50 ids
-- up to the value nextval returned, so blocks and single ids never overlap.
ALTER TABLE stored_run ALTER COLUMN id SET INCREMENT BY 50;
ALTER TABLE container_usage ALTER COLUMN id SET INCREMENT BY 50;
-- The next nextval returns the highest id + 50: its block starts right after the rows already
-- stored (and is never below 1, which EclipseLink would refuse).
SELECT setval(pg_get_serial_sequence('stored_run', 'id'),
              COALESCE((SELECT max(id) FROM stored_run), 0) + 50, false);
SELECT setval(pg_get_serial_sequence('container_usage', 'id'),
              COALESCE((SELECT max(id) FROM container_usage), 0) + 50, false);
