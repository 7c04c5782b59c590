data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

# ---------------------------------------------------------------------------------------------------
# Environment: the database is reached through the proxy endpoint and nothing else
# ---------------------------------------------------------------------------------------------------

locals {
  database_environment = {
    RDS_PROXY_ENDPOINT = var.rds_proxy_endpoint
    DATABASE_PORT      = "5432"
    DATABASE_NAME      = var.database_name
    DB_IAM_AUTH        = var.db_iam_auth ? "true" : "false"
  }

  # Set only when IAM authentication is on.
  iam_user_environment = {
    DATABASE_USER = var.db_iam_auth ? var.database_user : null
  }

  queue_environment = { for name, url in var.send_queue_urls : format("%s_QUEUE_URL", upper(name)) => url }

  jvm_environment = {
    JAVA_TOOL_OPTIONS = var.java_tool_options
  }

  # Names this module owns; var.environment may not set them (see the precondition below).
  reserved_environment_names = concat([
    "RDS_PROXY_ENDPOINT", "DATABASE_PORT", "DATABASE_NAME", "RDS_SECRET_ARN", "APPLICATION_SECRET_ARN", "DB_IAM_AUTH",
    "DATABASE_USER", "DATABASE_HOST", "DATABASE_URL", "JDBC_URL", "MIGRATE_DATABASE_HOST", "JAVA_TOOL_OPTIONS",
  ], keys(var.secret_arns))

  environment = merge(
    var.environment,
    local.database_environment,
    var.secret_arns,
    { for name, value in local.iam_user_environment : name => value if value != null },
    local.queue_environment,
    local.jvm_environment
  )

  rds_db_user_arn = "arn:${data.aws_partition.current.partition}:rds-db:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:dbuser:${coalesce(var.rds_proxy_resource_id, "none")}/${coalesce(var.database_user, "none")}"
}

# ---------------------------------------------------------------------------------------------------
# Log group and least-privilege role
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.function_name
  description        = "Runs the ${var.function_name} Lambda function."
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "OwnLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  # What AWSLambdaVPCAccessExecutionRole grants, without its logs:* on every log group. These EC2
  # actions do not support resource-level permissions.
  statement {
    sid = "VpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }

  # The secrets it reads, and no other; none at all for a function that logs in with IAM tokens.
  dynamic "statement" {
    for_each = length(var.secret_arns) > 0 ? ["secrets"] : []
    content {
      sid       = "DatabaseSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = sort(values(var.secret_arns))
    }
  }

  dynamic "statement" {
    for_each = var.db_iam_auth ? ["rds-db"] : []
    content {
      sid       = "DatabaseIamAuth"
      actions   = ["rds-db:connect"]
      resources = [local.rds_db_user_arn]
    }
  }

  dynamic "statement" {
    for_each = length(var.send_queue_arns) > 0 ? ["send"] : []
    content {
      sid       = "SendToQueues"
      actions   = ["sqs:SendMessage"]
      resources = values(var.send_queue_arns)
    }
  }

  dynamic "statement" {
    for_each = var.event_source == null ? [] : ["consume"]
    content {
      sid = "ConsumeOwnQueue"
      actions = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ChangeMessageVisibility",
      ]
      resources = [var.event_source.queue_arn]
    }
  }

  dynamic "statement" {
    for_each = var.extra_policy_statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "least-privilege"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}

# ---------------------------------------------------------------------------------------------------
# The function, its published version (SnapStart) and alias
# ---------------------------------------------------------------------------------------------------

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = var.description
  role             = aws_iam_role.this.arn
  runtime          = "java21"
  handler          = var.handler
  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  memory_size      = var.memory_size
  timeout          = var.timeout
  architectures    = [var.architecture]
  publish          = true

  dynamic "snap_start" {
    for_each = var.snap_start ? ["PublishedVersions"] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  environment {
    variables = local.environment
  }

  tags = var.tags

  # The role must hold its ENI and log permissions before Lambda validates it.
  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.this]

  lifecycle {
    precondition {
      condition     = length(setintersection(keys(var.environment), local.reserved_environment_names)) == 0
      error_message = "var.environment may not set database, queue or JVM variables; this module sets them (and never a direct database endpoint)."
    }
    precondition {
      condition     = sort(keys(var.send_queue_urls)) == sort(keys(var.send_queue_arns))
      error_message = "send_queue_urls and send_queue_arns must name the same queues."
    }
    precondition {
      condition     = var.db_iam_auth || contains(keys(var.secret_arns), "RDS_SECRET_ARN")
      error_message = "Without db_iam_auth the function logs in with a password: secret_arns needs RDS_SECRET_ARN."
    }
    precondition {
      condition     = !var.db_iam_auth || (var.database_user != null && var.rds_proxy_resource_id != null)
      error_message = "db_iam_auth needs database_user and rds_proxy_resource_id."
    }
    precondition {
      condition     = lookup(var.environment, "TELEPHONY_PROVIDER", "") != "connect" || (lookup(var.environment, "CONNECT_INSTANCE_ID", "") != "" && lookup(var.environment, "CONNECT_CONTACT_FLOW_ID", "") != "")
      error_message = "TELEPHONY_PROVIDER=connect needs CONNECT_INSTANCE_ID and CONNECT_CONTACT_FLOW_ID."
    }
  }
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  description      = "Latest published version of ${var.function_name}"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# ---------------------------------------------------------------------------------------------------
# SQS event source: partial batch responses, bounded concurrency
# ---------------------------------------------------------------------------------------------------

resource "aws_lambda_event_source_mapping" "this" {
  count = var.event_source == null ? 0 : 1

  event_source_arn        = var.event_source.queue_arn
  function_name           = aws_lambda_alias.this.arn
  batch_size              = var.event_source.batch_size
  enabled                 = true
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.event_source.maximum_concurrency
  }

  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = var.event_source.visibility_timeout_seconds >= 6 * var.timeout
      error_message = "The consumed queue's visibility timeout must be at least 6 x the function timeout."
    }
  }
}
