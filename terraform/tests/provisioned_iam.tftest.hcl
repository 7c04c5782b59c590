# A provisioned RDS for PostgreSQL instance with IAM database authentication: the functions log in
# to the proxy with IAM tokens as the application role and read no secret at all.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  environment             = "test"
  jwt_issuer              = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"
  jwt_audience            = ["example-client"]
  connect_instance_id     = "11111111-2222-3333-4444-555555555555"
  connect_contact_flow_id = "66666666-7777-8888-9999-000000000000"
  artifacts_root          = "tests/fixtures/artifacts"
  database_engine         = "postgres-instance"
  db_iam_auth             = true
}

run "provisioned_postgres_with_iam_database_authentication" {
  command = apply

  assert {
    condition     = output.database_engine == "postgres"
    error_message = "database_engine = postgres-instance deploys RDS for PostgreSQL, got ${output.database_engine}."
  }

  assert {
    condition     = module.data.rds_proxy_require_tls == true && alltrue([for auth in module.data.rds_proxy_auth : auth.iam_auth == "REQUIRED"])
    error_message = "The proxy requires TLS and IAM tokens for both logins."
  }

  assert {
    condition     = module.data.connection_pool_config.connection_borrow_timeout == 20 && module.data.connection_pool_config.max_connections_percent == 90
    error_message = "The pool settings do not depend on the engine."
  }

  assert {
    condition     = alltrue([for key, env in output.function_environments : env["DB_IAM_AUTH"] == "true" && env["DATABASE_USER"] == "dialer_app" && !contains(keys(env), "RDS_SECRET_ARN")])
    error_message = "Under IAM auth every function logs in as the application role with a token, and is told of no secret."
  }

  assert {
    condition     = alltrue([for key, fn in module.function : length(fn.granted_secret_arns) == 0])
    error_message = "Under IAM auth no function may read a secret."
  }

  assert {
    condition     = alltrue([for key, fn in module.function : endswith(fn.rds_db_connect_arn, ":dbuser:prx-0123456789abcdef0/dialer_app")])
    error_message = "rds-db:connect as the application role on this proxy, nothing wider."
  }

  assert {
    condition     = module.migrate.environment["DATABASE_USER"] == "dialer_admin" && !contains(keys(module.migrate.environment), "RDS_SECRET_ARN") && module.migrate.environment["APPLICATION_SECRET_ARN"] == module.data.application_secret_arn
    error_message = "The migration logs in as the master user with a token and still reads the application secret (to set the role's password)."
  }

  assert {
    condition     = join(",", module.migrate.granted_secret_arns) == module.data.application_secret_arn
    error_message = "Under IAM auth the migration may read the application secret only."
  }

  assert {
    condition     = module.alarms.proxy_alarms["client-connections"].threshold == 500 && module.alarms.proxy_alarms["database-connections"].threshold == 50
    error_message = "The alarm thresholds do not depend on the engine."
  }
}
