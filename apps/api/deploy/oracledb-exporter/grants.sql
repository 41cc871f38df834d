-- A least-privilege database user for Oracle's database metrics exporter, as configured for
-- Oracle AI (the exporter's default metrics plus custom-metrics.toml): it may connect and read
-- the dynamic performance and dictionary views those queries name, and nothing else — no
-- SELECT ANY DICTIONARY, no SELECT_CATALOG_ROLE, no ASH or AWR view.
--
-- Run as a DBA. Non-CDB: as is, with your user name and password. CDB: connect to the root,
-- name the user C##ORACLE_AI_EXPORTER and add CONTAINER=ALL to the CREATE USER and to every
-- GRANT, then run the ALTER USER ... CONTAINER_DATA statement at the end, so the gv$ views
-- queried in the root return every container's rows (the con_id the panels sum over).

CREATE USER oracle_ai_exporter IDENTIFIED BY "change-me" PROFILE DEFAULT ACCOUNT UNLOCK;
GRANT CREATE SESSION TO oracle_ai_exporter;

-- Analytics panels: wait classes (AAS), DB time / DB CPU, CPU count, activity, sessions, top SQL.
GRANT SELECT ON sys.gv_$system_wait_class TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$sys_time_model TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$osstat TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$sysstat TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$session TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$sqlstats TO oracle_ai_exporter;

-- Tablespaces.
GRANT SELECT ON sys.dba_tablespace_usage_metrics TO oracle_ai_exporter;
GRANT SELECT ON sys.dba_tablespaces TO oracle_ai_exporter;
GRANT SELECT ON sys.dba_temp_free_space TO oracle_ai_exporter;

-- The exporter's other default metrics (not read by Oracle AI, but queried on every scrape:
-- without these grants each scrape logs an error for them). Drop a line here only together
-- with the metric, in a default-metrics file of your own.
GRANT SELECT ON sys.gv_$resource_limit TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$asm_diskgroup_stat TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$datafile TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$instance TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$process TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$parameter TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$database TO oracle_ai_exporter;
GRANT SELECT ON sys.gv_$con_sysmetric TO oracle_ai_exporter;

-- CDB only, in the root, after the grants above:
-- ALTER USER c##oracle_ai_exporter SET CONTAINER_DATA = ALL CONTAINER = CURRENT;
