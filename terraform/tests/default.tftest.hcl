# The default deployment (Aurora PostgreSQL Serverless v2, Amazon Connect, a new VPC with NAT),
# applied against a mocked AWS provider: every assertion reads what Terraform would create.

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
}

run "aurora_serverless_v2_behind_a_tls_only_proxy" {
  command = apply

  assert {
    condition     = output.database_engine == "aurora-postgresql"
    error_message = "The default database is Aurora PostgreSQL Serverless v2, got ${output.database_engine}."
  }

  assert {
    condition     = module.data.rds_proxy_require_tls == true
    error_message = "The proxy must require TLS."
  }

  assert {
    condition     = length(module.data.rds_proxy_auth) == 2 && alltrue([for auth in module.data.rds_proxy_auth : auth.auth_scheme == "SECRETS" && auth.iam_auth == "DISABLED"])
    error_message = "The proxy logs in with two secrets (application role, master user), password auth by default."
  }

  assert {
    condition     = contains([for auth in module.data.rds_proxy_auth : auth.secret_arn], module.data.application_secret_arn) && contains([for auth in module.data.rds_proxy_auth : auth.secret_arn], module.data.master_secret_arn)
    error_message = "The proxy's auth entries must be the application secret and the RDS-managed master secret."
  }
}

run "proxy_pool_settings" {
  command = apply

  assert {
    condition     = module.data.connection_pool_config.connection_borrow_timeout == 20
    error_message = "connection_borrow_timeout should default to 20 s, below the shortest function timeout (30 s)."
  }

  assert {
    condition     = module.data.connection_pool_config.max_connections_percent == 90 && module.data.connection_pool_config.max_idle_connections_percent == 50
    error_message = "Pool: max_connections_percent 90, max_idle_connections_percent 50."
  }

  assert {
    condition     = length(module.data.connection_pool_config.session_pinning_filters) == 0
    error_message = "No session pinning filters: the code avoids pinning instead."
  }

  assert {
    condition     = module.data.connection_pool_config.connection_borrow_timeout < min(values(local.function_timeouts)...)
    error_message = "connection_borrow_timeout must stay below every function's timeout."
  }
}

run "business_alarms_watch_calls_throttling_and_answers" {
  command = apply

  assert {
    condition     = module.alarms.business_alarms["answer-rate-collapse"].threshold == 5 && module.alarms.business_alarms["answer-rate-collapse"].comparison_operator == "LessThanThreshold" && length(module.alarms.business_alarms["answer-rate-collapse"].metric_query) == 7
    error_message = "Answer rate under 5 % over 30 minutes (result, total and the five outcomes)."
  }

  assert {
    condition     = module.alarms.business_alarms["placement-failures"].threshold == 20 && module.alarms.business_alarms["connect-throttling"].evaluation_periods == 10
    error_message = "Placement failures above 20 %, Connect throttling for 10 minutes."
  }

  assert {
    condition     = alltrue([for alarm in module.alarms.business_alarms : length(alarm.alarm_actions) == 1 && startswith(alarm.alarm_description, "Runbook:")])
    error_message = "Every business alarm notifies the SNS topic and carries its runbook line."
  }

  assert {
    condition     = length(module.alarms.alarm_names.dial_queue_stalled) == 1
    error_message = "The dial queue has its stalled alarm."
  }

  assert {
    condition     = !contains(keys(module.alarms.alarm_names.queue_oldest_message_age), "dial") && length(module.alarms.alarm_names.queue_oldest_message_age) == length(module.queues.queue_names) - 1
    error_message = "One age alarm per queue: the generic backlog alarm for every queue but dial, which has its stalled alarm (its messages wait up to 15 minutes by design)."
  }
}

run "alarm_thresholds_of_the_design" {
  command = apply

  assert {
    condition     = module.alarms.proxy_alarms["client-connections"].metric_name == "ClientConnections" && module.alarms.proxy_alarms["client-connections"].threshold == 500 && module.alarms.proxy_alarms["client-connections"].comparison_operator == "GreaterThanThreshold"
    error_message = "ClientConnections > 500."
  }

  assert {
    condition     = module.alarms.proxy_alarms["database-connections"].metric_name == "DatabaseConnections" && module.alarms.proxy_alarms["database-connections"].threshold == 50 && module.alarms.proxy_alarms["database-connections"].comparison_operator == "GreaterThanThreshold"
    error_message = "DatabaseConnections > 50."
  }

  assert {
    condition     = module.alarms.proxy_alarms["session-pinned"].period == 60 && module.alarms.proxy_alarms["session-pinned"].evaluation_periods == 15 && module.alarms.proxy_alarms["session-pinned"].datapoints_to_alarm == 15
    error_message = "Pinned for 15 minutes: fifteen 1-minute periods, all breaching."
  }

  assert {
    condition     = module.alarms.proxy_alarms["availability"].metric_name == "AvailabilityPercentage" && module.alarms.proxy_alarms["availability"].comparison_operator == "LessThanThreshold" && module.alarms.proxy_alarms["availability"].dimensions["TargetRole"] == "READ_WRITE"
    error_message = "AvailabilityPercentage of the READ_WRITE target below the threshold."
  }

  assert {
    condition     = module.alarms.proxy_alarms["database-connections-setup-failed"].metric_name == "DatabaseConnectionsSetupFailed" && module.alarms.proxy_alarms["client-auth-failed"].metric_name == "ClientConnectionsSetupFailedAuth"
    error_message = "Alarms on DatabaseConnectionsSetupFailed and ClientConnectionsSetupFailedAuth."
  }

  assert {
    condition     = module.alarms.expression_alarms["proxy-database-connections-of-max"].threshold == 80 && length(module.alarms.expression_alarms["proxy-database-connections-of-max"].metric_query) == 3
    error_message = "DatabaseConnections against MaxDatabaseConnectionsAllowed: one expression over two metrics, above 80 %."
  }

  assert {
    condition     = alltrue([for alarm in module.alarms.proxy_alarms : alarm.dimensions["ProxyName"] == module.data.rds_proxy_name])
    error_message = "Every proxy alarm watches this proxy by name."
  }
}

run "each_function_gets_exactly_its_declared_environment" {
  command = apply

  # FunctionCatalog (common-core) declares these; terraform-check compares it with local.functions.
  assert {
    condition = alltrue([for key, queues in {
      "validate-campaign" = ["DIAL_QUEUE_URL", "DISPATCH_QUEUE_URL", "REPORT_QUEUE_URL"]
      "report-api"        = []
      "dispatcher"        = ["DISPATCH_QUEUE_URL", "ENRICH_QUEUE_URL"]
      "enrich-dial-task"  = ["DIAL_QUEUE_URL", "REPORT_QUEUE_URL"]
      "dialer-worker"     = ["DIAL_QUEUE_URL", "REPORT_QUEUE_URL", "STATUS_QUEUE_URL"]
      "status-checker"    = ["ENRICH_QUEUE_URL", "REPORT_QUEUE_URL", "STATUS_QUEUE_URL"]
      "minute-sweep"      = ["DIAL_QUEUE_URL", "DISPATCH_QUEUE_URL", "ENRICH_QUEUE_URL", "REPORT_QUEUE_URL", "STATUS_QUEUE_URL"]
      "report-generator"  = []
    } : join(",", sort([for name in keys(output.function_environments[key]) : name if endswith(name, "_QUEUE_URL")])) == join(",", queues)])
    error_message = "Some function's *_QUEUE_URL variables differ from FunctionCatalog: ${jsonencode({ for key, env in output.function_environments : key => sort([for name in keys(env) : name if endswith(name, "_QUEUE_URL")]) })}"
  }

  assert {
    condition     = alltrue([for key, env in output.function_environments : env["DISPATCH_QUEUE_URL"] == module.queues.queue_urls["dispatch"] if contains(keys(env), "DISPATCH_QUEUE_URL")])
    error_message = "DISPATCH_QUEUE_URL must be the dispatch queue's URL."
  }

  assert {
    condition     = join(",", sort([for key, env in output.function_environments : key if contains(keys(env), "DATA_RETENTION_DAYS")])) == "minute-sweep" && output.function_environments["minute-sweep"]["DATA_RETENTION_DAYS"] == "90"
    error_message = "Only the minute sweep (which applies retention) gets DATA_RETENTION_DAYS, 90 by default."
  }

  assert {
    condition     = join(",", sort([for key, env in output.function_environments : key if contains(keys(env), "TELEPHONY_PROVIDER")])) == "dialer-worker,status-checker"
    error_message = "Only dialer-worker and status-checker get the telephony settings (the minute sweep never calls the carrier)."
  }

  assert {
    condition     = alltrue([for key, env in output.function_environments : env["RDS_SECRET_ARN"] == module.data.application_secret_arn && env["DB_IAM_AUTH"] == "false" && env["RDS_PROXY_ENDPOINT"] == module.data.rds_proxy_endpoint])
    error_message = "Every function logs in through the proxy with the application role's secret."
  }

  assert {
    condition     = alltrue([for key, env in output.function_environments : !contains(keys(env), "DATABASE_USER")])
    error_message = "DATABASE_USER is only for IAM authentication."
  }
}

run "each_function_may_send_to_and_call_exactly_what_it_declares" {
  command = apply

  assert {
    condition = alltrue([for key, queues in {
      "validate-campaign" = ["dial", "dispatch", "report"]
      "report-api"        = []
      "dispatcher"        = ["dispatch", "enrich"]
      "enrich-dial-task"  = ["dial", "report"]
      "dialer-worker"     = ["dial", "report", "status"]
      "status-checker"    = ["enrich", "report", "status"]
      "minute-sweep"      = ["dial", "dispatch", "enrich", "report", "status"]
      "report-generator"  = []
    } : join(",", sort(keys(module.function[key].granted_send_queue_arns))) == join(",", queues)])
    error_message = "Some function's sqs:SendMessage grants differ from FunctionCatalog."
  }

  assert {
    condition     = alltrue([for key, fn in module.function : alltrue([for queue, arn in fn.granted_send_queue_arns : arn == module.queues.queue_arns[queue]])])
    error_message = "Each grant names its queue's ARN."
  }

  assert {
    condition     = alltrue([for key, fn in module.function : join(",", fn.granted_secret_arns) == module.data.application_secret_arn])
    error_message = "Every function may read the application secret and no other (never the master secret)."
  }

  assert {
    condition     = join(",", module.function["dialer-worker"].extra_policy_statements[0].actions) == "connect:StartOutboundVoiceContact" && join(",", module.function["status-checker"].extra_policy_statements[0].actions) == "connect:DescribeContact"
    error_message = "The dialer may start calls and the status checker describe them; nothing else (no GetContactAttributes, no StopContact)."
  }

  assert {
    condition     = join(",", sort([for key, fn in module.function : key if length(fn.extra_policy_statements) > 0])) == "dialer-worker,status-checker"
    error_message = "No other function may call Amazon Connect."
  }

  assert {
    condition     = join(",", module.migrate.granted_secret_arns) == join(",", sort([module.data.application_secret_arn, module.data.master_secret_arn]))
    error_message = "The migration function reads the master secret (to log in) and the application secret (to set the role's password)."
  }

  assert {
    condition     = module.migrate.environment["APPLICATION_SECRET_ARN"] == module.data.application_secret_arn && module.migrate.environment["RDS_SECRET_ARN"] == module.data.master_secret_arn
    error_message = "The migration function logs in as the master user and is told where the application secret is."
  }
}

run "the_minute_sweep_is_not_retried" {
  command = apply

  assert {
    condition     = module.schedule.maximum_retry_attempts == 0
    error_message = "A failed sweep is not retried by Lambda: the next minute's sweep does the same work."
  }
}
