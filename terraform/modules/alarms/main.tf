data "aws_region" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"

  # One entry per RDS Proxy alarm; aws_cloudwatch_metric_alarm.proxy makes one alarm of each. RDS
  # Proxy publishes one datapoint per proxy node: Sum adds the nodes up for counts, Average is right
  # for latencies (microseconds) and availability. `dimensions` adds to ProxyName (some metrics
  # exist only per target group and role). Periods are 1 minute, so "for 15 minutes" is 15 of them.
  proxy_alarms = {
    client-connections = {
      metric_name         = "ClientConnections"
      statistic           = "Sum"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.proxy_client_connections_threshold
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      dimensions          = {}
      description         = "More client connections than expected: a burst of Lambda concurrency, or clients not releasing connections. See the runbook in terraform/README.md."
    }
    database-connections = {
      metric_name         = "DatabaseConnections"
      statistic           = "Sum"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.proxy_database_connections_threshold
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      dimensions          = {}
      description         = "The proxy holds more database connections than expected: multiplexing is not working (pinning) or load outgrew the database."
    }
    session-pinned = {
      metric_name         = "DatabaseConnectionsCurrentlySessionPinned"
      statistic           = "Sum"
      comparison_operator = "GreaterThanThreshold"
      threshold           = 0
      period              = 60
      evaluation_periods  = 15
      datapoints_to_alarm = 15
      dimensions          = {}
      description         = "Database connections have been pinned to client sessions for 15 minutes in a row: some code path sends SET, temp tables, advisory locks or named prepared statements."
    }
    borrow-latency = {
      metric_name         = "DatabaseConnectionsBorrowLatency"
      statistic           = "Average"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.proxy_borrow_latency_threshold_us
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      dimensions          = {}
      description         = "Clients wait for a pooled database connection: the pool is exhausted (max_connections_percent, database size) or connections are pinned."
    }
    query-latency = {
      metric_name         = "QueryDatabaseResponseLatency"
      statistic           = "Average"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.proxy_query_latency_threshold_us
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      dimensions          = {}
      description         = "The database answers queries slowly: capacity (ACUs, instance class), locks or a missing index."
    }
    availability = {
      metric_name         = "AvailabilityPercentage"
      statistic           = "Average"
      comparison_operator = "LessThanThreshold"
      threshold           = var.proxy_availability_percent_threshold
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      dimensions          = { TargetGroup = "default", TargetRole = "READ_WRITE" }
      description         = "The proxy's health checks of the database fail: the writer is down, failing over, out of connections, or the proxy cannot log in with its secrets."
    }
    database-connections-setup-failed = {
      metric_name         = "DatabaseConnectionsSetupFailed"
      statistic           = "Sum"
      comparison_operator = "GreaterThanThreshold"
      threshold           = 0
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      dimensions          = {}
      description         = "The proxy cannot open database connections: a secret's password differs from the role's (run the migration function, which sets the application role's), max_connections reached, or the database is down."
    }
    client-auth-failed = {
      metric_name         = "ClientConnectionsSetupFailedAuth"
      statistic           = "Sum"
      comparison_operator = "GreaterThanThreshold"
      threshold           = 0
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      dimensions          = {}
      description         = "Clients fail to authenticate to the proxy for minutes (a rotation costs each container one failure, then it re-reads the secret): a wrong secret, IAM token or TLS setting."
    }
  }

  # Alarms on a metric-math expression over several metrics, one per entry: `metrics` maps a query id
  # to its metric, `helpers` maps a query id to an intermediate expression the result may name.
  # business.tf adds the business-metric alarms in the same shape; one resource serves both.
  expression_alarms = {
    proxy-database-connections-of-max = {
      expression          = "100 * connections / allowed"
      label               = "Database connections as % of MaxDatabaseConnectionsAllowed"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.proxy_database_connections_percent_of_max_threshold
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      metrics = {
        connections = { namespace = "AWS/RDS", name = "DatabaseConnections", dimensions = { ProxyName = var.proxy_name }, stat = "Sum" }
        allowed     = { namespace = "AWS/RDS", name = "MaxDatabaseConnectionsAllowed", dimensions = { ProxyName = var.proxy_name }, stat = "Sum" }
      }
      helpers     = {}
      description = "The proxy's pool is nearly full (DatabaseConnections against MaxDatabaseConnectionsAllowed): clients will soon wait up to connection_borrow_timeout. Raise max_connections_percent or the database size, or lower concurrency."
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# Where alarms go
# ---------------------------------------------------------------------------------------------------

# Not KMS-encrypted: CloudWatch alarms cannot publish to a topic under the AWS managed aws/sns key.
resource "aws_sns_topic" "alarms" {
  name = "${local.name_prefix}-alarms"

  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# ---------------------------------------------------------------------------------------------------
# RDS Proxy
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "proxy" {
  for_each = local.proxy_alarms

  alarm_name          = "${local.name_prefix}-proxy-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/RDS"
  metric_name         = each.value.metric_name
  dimensions          = merge({ ProxyName = var.proxy_name }, each.value.dimensions)
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  comparison_operator = each.value.comparison_operator
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "expression" {
  for_each = merge(local.expression_alarms, local.business_alarms)

  alarm_name          = "${local.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  comparison_operator = each.value.comparison_operator
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "result"
    expression  = each.value.expression
    label       = each.value.label
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value.helpers
    content {
      id          = metric_query.key
      expression  = metric_query.value
      return_data = false
    }
  }

  dynamic "metric_query" {
    for_each = each.value.metrics
    content {
      id = metric_query.key
      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.name
        dimensions  = metric_query.value.dimensions
        stat        = metric_query.value.stat
        period      = each.value.period
      }
    }
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Queues: anything in a DLQ, and work waiting too long
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "dlq_messages_visible" {
  for_each = var.dead_letter_queue_names

  alarm_name          = "${local.name_prefix}-${each.key}-dlq-not-empty"
  alarm_description   = "Messages reached ${each.value}: they failed max_receive_count times. Inspect, fix, then redrive."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

# Every queue but dial: its messages wait up to SQS's 15-minute delay for a window by design, so
# the dial queue has its own alarm above that (dial_queue_oldest_message in business.tf).
resource "aws_cloudwatch_metric_alarm" "queue_oldest_message_age" {
  for_each = { for key, name in var.queue_names : key => name if key != "dial" }

  alarm_name          = "${local.name_prefix}-${each.key}-queue-backlog-age"
  alarm_description   = "The oldest message in ${each.value} has waited too long: the consumer is failing, throttled or at its maximum concurrency."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.queue_oldest_message_age_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Functions: errors and throttles
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = var.function_names

  alarm_name          = "${local.name_prefix}-${each.key}-errors"
  alarm_description   = "${each.value} failed invocations (an exception escaped the handler, or it timed out)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_errors_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  for_each = var.function_names

  alarm_name          = "${local.name_prefix}-${each.key}-throttles"
  alarm_description   = "${each.value} was throttled: the account or reserved concurrency is exhausted."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_throttles_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------------
# Dashboard: the proxy's client and database connections side by side, then queues and functions
# ---------------------------------------------------------------------------------------------------

locals {
  region = data.aws_region.current.name

  queue_depth_metrics = [
    for key, name in var.queue_names : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", name]
  ]
  dlq_depth_metrics = [
    for key, name in var.dead_letter_queue_names : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", name]
  ]
  lambda_error_metrics = [
    for key, name in var.function_names : ["AWS/Lambda", "Errors", "FunctionName", name]
  ]
  lambda_concurrency_metrics = [
    for key, name in var.function_names : ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", name]
  ]

  dashboard_widgets = [
    {
      type   = "metric"
      x      = 0
      y      = 0
      width  = 12
      height = 6
      properties = {
        title   = "RDS Proxy client connections"
        region  = local.region
        stat    = "Sum"
        period  = 60
        metrics = [["AWS/RDS", "ClientConnections", "ProxyName", var.proxy_name]]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 0
      width  = 12
      height = 6
      properties = {
        title   = "RDS Proxy database connections"
        region  = local.region
        stat    = "Sum"
        period  = 60
        metrics = [["AWS/RDS", "DatabaseConnections", "ProxyName", var.proxy_name]]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 6
      width  = 12
      height = 6
      properties = {
        title   = "Pinned database connections"
        region  = local.region
        stat    = "Sum"
        period  = 60
        metrics = [["AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned", "ProxyName", var.proxy_name]]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 6
      width  = 12
      height = 6
      properties = {
        title  = "Proxy latencies (microseconds)"
        region = local.region
        stat   = "Average"
        period = 60
        metrics = [
          ["AWS/RDS", "DatabaseConnectionsBorrowLatency", "ProxyName", var.proxy_name],
          ["AWS/RDS", "QueryDatabaseResponseLatency", "ProxyName", var.proxy_name]
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 12
      width  = 12
      height = 6
      properties = {
        title   = "Queue depth"
        region  = local.region
        stat    = "Maximum"
        period  = 60
        metrics = local.queue_depth_metrics
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 12
      width  = 12
      height = 6
      properties = {
        title   = "Dead-letter queue depth"
        region  = local.region
        stat    = "Maximum"
        period  = 60
        metrics = local.dlq_depth_metrics
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 18
      width  = 12
      height = 6
      properties = {
        title   = "Function errors"
        region  = local.region
        stat    = "Sum"
        period  = 300
        metrics = local.lambda_error_metrics
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 18
      width  = 12
      height = 6
      properties = {
        title   = "Function concurrency"
        region  = local.region
        stat    = "Maximum"
        period  = 60
        metrics = local.lambda_concurrency_metrics
      }
    }
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.name_prefix
  dashboard_body = jsonencode({ widgets = concat(local.dashboard_widgets, local.business_widgets) })
}
