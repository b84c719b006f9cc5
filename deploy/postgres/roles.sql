-- The roles of the platform's database in docker compose, each with only what it needs. Run by
-- roles.sh as the superuser, connected to the platform's database, at every start: it creates what
-- is missing and grants again what should be granted, so it is safe to run any number of times.
--
--   pdm            owns the history tables: the history migrations (Flyway) run as it
--   pdm_connect    Kafka Connect's JDBC sink: reads and writes (upserts) the history tables, deletes nothing
--   pdm_notifier   the notifier: owns the schema "notifier", where its own migrations make its tables
--   pdm_reader     the dashboard (and tools such as Grafana): reads the history tables
--   pdm_retention  rolls the minutes up into hours and deletes what is past its retention
--                  (history_rollup, history_prune)
--
-- Grants on tables and functions the migrations make later are default privileges of the owner,
-- so a new migration needs no change here.

SET client_min_messages = warning;

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['pdm', 'pdm_connect', 'pdm_notifier', 'pdm_reader', 'pdm_retention'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', r);
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
    END LOOP;
END
$$;

-- Only these roles may connect; nobody else may create objects (PostgreSQL 15+ already keeps PUBLIC
-- out of the public schema; older versions do not).
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO pdm, pdm_connect, pdm_notifier, pdm_reader, pdm_retention',
                   current_database());
    -- the notifier's unqualified names are its own schema's
    EXECUTE format('ALTER ROLE pdm_notifier IN DATABASE %I SET search_path = notifier', current_database());
END
$$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO pdm;
GRANT USAGE ON SCHEMA public TO pdm_connect, pdm_reader, pdm_retention;

-- The notifier's tables (notification_*, notification_schema_history) live apart from the history.
CREATE SCHEMA IF NOT EXISTS notifier AUTHORIZATION pdm_notifier;
ALTER SCHEMA notifier OWNER TO pdm_notifier;
REVOKE ALL ON SCHEMA notifier FROM PUBLIC;

-- What the owner's migrations make from now on.
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO pdm_connect;
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT USAGE ON SEQUENCES TO pdm_connect;
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT SELECT ON TABLES TO pdm_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pdm_retention;
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT USAGE ON SEQUENCES TO pdm_retention;
-- functions (history_rollup, history_prune) are the retention's to call, nobody else's (firing a
-- trigger needs no EXECUTE on its function: the sink's upserts still explode the minute's sensors)
ALTER DEFAULT PRIVILEGES FOR ROLE pdm REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pdm IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO pdm_retention;

-- The same on what the migrations made already (a database set up before this file changed).
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO pdm_connect;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pdm_connect;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO pdm_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pdm_retention;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pdm_retention;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO pdm_retention;
