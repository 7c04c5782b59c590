-- Least privilege in the database: the functions log in as their own role, which may read and
-- write the application's rows and nothing else. The admin (in AWS the master user) runs the
-- migrations and owns every table; the application role owns nothing and cannot create, alter,
-- drop or truncate a table, nor create temporary ones (they would pin an RDS Proxy session).
--
-- Its name is the placeholder application_role (the application secret's username, dialer_app in
-- AWS); the migration run sets its password from that secret after migrating (ApplicationRole), so
-- nothing secret is in this file or in Flyway's history.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${application_role}') THEN
        CREATE ROLE "${application_role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
    END IF;
END
$$;

-- Objects in the schema are the owner's alone. PostgreSQL 15 and later no longer let PUBLIC create
-- in the public schema; older servers (Aurora 13 and 14) do until this.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${application_role}');
END
$$;

GRANT USAGE ON SCHEMA public TO "${application_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${application_role}";
-- Flyway's history is the admin's business.
REVOKE ALL ON TABLE "${flyway:table}" FROM "${application_role}";

-- Tables later migrations create (as the same admin) get the same grants without restating them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${application_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${application_role}";
