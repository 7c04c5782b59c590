# ---------------------------------------------------------------------------------------------------
# The migration function: Flyway from common-db, invoked once after each deploy
# ---------------------------------------------------------------------------------------------------

module "function" {
  source = "../function"

  function_name = "${var.project}-migrate-${var.environment}"
  description   = "Applies the Flyway migrations of common-db through the RDS Proxy and sets the application role's password. Invoke after apply."
  handler       = var.handler
  jar_path      = var.jar_path
  memory_size   = var.memory_size
  timeout       = var.timeout
  architecture  = var.architecture
  # An admin task, not a cold-start-sensitive path: no SnapStart snapshot to wait for on deploy.
  snap_start         = false
  log_retention_days = var.log_retention_days
  java_tool_options  = var.java_tool_options

  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids

  rds_proxy_endpoint = var.rds_proxy_endpoint
  database_name      = var.database_name
  # It logs in as the master user (with its secret, or an IAM token) and reads the application
  # role's secret to set that role's password.
  secret_arns           = merge(var.db_iam_auth ? {} : { RDS_SECRET_ARN = var.master_secret_arn }, { APPLICATION_SECRET_ARN = var.application_secret_arn })
  db_iam_auth           = var.db_iam_auth
  database_user         = var.database_user
  rds_proxy_resource_id = var.rds_proxy_resource_id

  tags = var.tags
}

# Optional: run the migration during apply, again whenever migrate.jar changes.
resource "aws_lambda_invocation" "migrate" {
  count = var.run_on_apply ? 1 : 0

  function_name = module.function.function_name
  qualifier     = module.function.alias_name
  input         = jsonencode({})

  triggers = {
    jar          = filebase64sha256(var.jar_path)
    proxy_target = coalesce(var.proxy_target_id, "none")
  }
}
