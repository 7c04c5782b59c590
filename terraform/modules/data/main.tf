locals {
  identifier = "${var.project}-postgres-${var.environment}"
  proxy_name = "${var.project}-postgres-proxy-${var.environment}"
  aurora     = var.engine == "aurora-serverless-v2"
}

# ---------------------------------------------------------------------------------------------------
# Master credentials in Secrets Manager (read by the proxy and, for username/password, the functions)
# ---------------------------------------------------------------------------------------------------

resource "random_password" "master" {
  length  = 40
  special = true
  # RDS refuses '/', '@', '"' and spaces in master passwords.
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "aws_secretsmanager_secret" "master" {
  name                    = "${var.project}-postgres-master-${var.environment}"
  description             = "PostgreSQL master credentials for ${local.identifier}, used through ${local.proxy_name}."
  recovery_window_in_days = var.secret_recovery_window_days

  tags = var.tags
}

# No host in the secret on purpose: clients reach the database only through the proxy endpoint.
resource "aws_secretsmanager_secret_version" "master" {
  secret_id = aws_secretsmanager_secret.master.id
  secret_string = jsonencode({
    engine   = "postgres"
    username = var.master_username
    password = random_password.master.result
    dbname   = var.database_name
    port     = 5432
  })
}

resource "aws_db_subnet_group" "this" {
  name        = local.identifier
  description = "Private subnets of ${local.identifier}"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Database: Aurora PostgreSQL Serverless v2 ...
# ---------------------------------------------------------------------------------------------------

resource "aws_rds_cluster" "this" {
  count = local.aurora ? 1 : 0

  cluster_identifier        = local.identifier
  engine                    = "aurora-postgresql"
  engine_mode               = "provisioned"
  engine_version            = var.aurora_engine_version
  database_name             = var.database_name
  master_username           = var.master_username
  master_password           = random_password.master.result
  db_subnet_group_name      = aws_db_subnet_group.this.name
  vpc_security_group_ids    = [var.database_security_group_id]
  storage_encrypted         = true
  backup_retention_period   = var.backup_retention_days
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = "${local.identifier}-final"

  serverlessv2_scaling_configuration {
    min_capacity             = var.aurora_min_capacity
    max_capacity             = var.aurora_max_capacity
    seconds_until_auto_pause = var.aurora_min_capacity == 0 ? var.aurora_seconds_until_auto_pause : null
  }

  tags = var.tags
}

resource "aws_rds_cluster_instance" "writer" {
  count = local.aurora ? 1 : 0

  identifier                 = "${local.identifier}-1"
  cluster_identifier         = aws_rds_cluster.this[0].id
  instance_class             = "db.serverless"
  engine                     = aws_rds_cluster.this[0].engine
  engine_version             = aws_rds_cluster.this[0].engine_version
  publicly_accessible        = false
  auto_minor_version_upgrade = true

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# ... or a provisioned RDS for PostgreSQL instance
# ---------------------------------------------------------------------------------------------------

resource "aws_db_instance" "this" {
  count = local.aurora ? 0 : 1

  identifier                 = local.identifier
  engine                     = "postgres"
  engine_version             = var.postgres_engine_version
  instance_class             = var.instance_class
  allocated_storage          = var.allocated_storage_gb
  max_allocated_storage      = var.allocated_storage_gb * 5
  storage_type               = "gp3"
  storage_encrypted          = true
  db_name                    = var.database_name
  username                   = var.master_username
  password                   = random_password.master.result
  db_subnet_group_name       = aws_db_subnet_group.this.name
  vpc_security_group_ids     = [var.database_security_group_id]
  publicly_accessible        = false
  backup_retention_period    = var.backup_retention_days
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = var.skip_final_snapshot
  final_snapshot_identifier  = "${local.identifier}-final"

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# RDS Proxy: the only way in. TLS required, credentials from the secret, pool settings below.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${local.proxy_name}-role"
  description        = "Lets ${local.proxy_name} read its one database secret."
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json

  tags = var.tags
}

# Exactly the one secret. It is encrypted with the AWS managed key aws/secretsmanager, whose key
# policy already admits callers that come through Secrets Manager, so no kms:Decrypt is needed.
data "aws_iam_policy_document" "proxy_secret" {
  statement {
    sid       = "ReadDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.master.arn]
  }
}

resource "aws_iam_role_policy" "proxy_secret" {
  name   = "read-database-secret"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy_secret.json
}

resource "aws_db_proxy" "this" {
  name                   = local.proxy_name
  engine_family          = "POSTGRESQL"
  require_tls            = true
  idle_client_timeout    = var.proxy_idle_client_timeout
  debug_logging          = false
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [var.proxy_security_group_id]

  auth {
    auth_scheme               = "SECRETS"
    description               = "PostgreSQL master credentials"
    secret_arn                = aws_secretsmanager_secret.master.arn
    iam_auth                  = var.iam_auth ? "REQUIRED" : "DISABLED"
    client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.proxy_secret, aws_secretsmanager_secret_version.master]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    # Seconds a client waits for a pooled connection when all are busy (the AWS default).
    connection_borrow_timeout = 120
    # Pool size as a share of the database's max_connections; below 100 leaves headroom for
    # migrations, psql and the database's own reserved slots.
    max_connections_percent = var.proxy_max_connections_percent
    # Idle connections kept open; never more than the pool itself (AWS rejects that).
    max_idle_connections_percent = min(50, var.proxy_max_connections_percent)
    # No filters: the application avoids pinning instead of asking the proxy to ignore it.
    session_pinning_filters = []
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = aws_db_proxy_default_target_group.this.name
  db_cluster_identifier  = local.aurora ? aws_rds_cluster.this[0].cluster_identifier : null
  db_instance_identifier = local.aurora ? null : aws_db_instance.this[0].identifier

  depends_on = [aws_rds_cluster_instance.writer]
}
