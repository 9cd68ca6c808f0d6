-- Lets the retention purge give deleted runs' pages back to the file system (PRAGMA
-- incremental_vacuum). auto_vacuum only changes with a VACUUM on a database that has tables: on a
-- new database this is instant; on an existing one it rewrites the file once, at the start-up that
-- upgrades it, before the receiver takes pushes (it needs free disk about the size of the file).
PRAGMA auto_vacuum = INCREMENTAL;
VACUUM;
