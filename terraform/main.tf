# ---------------------------------------------------------------------------------------------------
# Names, artifacts and the functions (one Lambda per handler class)
# ---------------------------------------------------------------------------------------------------

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"

  common_tags = merge(
    {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    },
    var.tags
  )

  # Jars are read from <repo>/<module>/target/<module>.jar, as each module's `mvn package` writes them.
  # path.module, not path.root: the examples call this folder as a module.
  repo_root = var.artifacts_root == null ? "${path.module}/.." : var.artifacts_root

  # Every Lambda function, as common-core's FunctionCatalog declares it (terraform-check fails when
  # the two differ). `module` is the Maven module, `jar` is relative to the repository root, `queue`
  # the queue it consumes (its timeout is then that queue's consumer_timeout_seconds), `sends_to`
  # the queues it may send to (sqs:SendMessage and <NAME>_QUEUE_URL on exactly those),
  # `connect_actions` the Amazon Connect actions it calls (any at all also give it the telephony
  # settings). Every function reads the application role's secret and no other.
  # terraform-check reads this map: keep its values literal.
  functions = {
    "validate-campaign" = {
      module          = "validate-campaign"
      jar             = "validate-campaign/target/validate-campaign.jar"
      handler         = "dev.campaigndialer.validate.ValidateCampaignHandler::handleRequest"
      description     = "Owner API: submit, list, read, pause, resume and cancel campaigns; the DNC list."
      queue           = null
      timeout         = 30
      memory_mb       = 1536
      sends_to        = ["dispatch", "dial", "report"]
      connect_actions = []
      settings        = []
    }
    "report-api" = {
      module          = "report-generator"
      jar             = "report-generator/target/report-generator.jar"
      handler         = "dev.campaigndialer.report.ReportApiHandler::handleRequest"
      description     = "Owner API: GET /campaigns/{id}/report as JSON or CSV."
      queue           = null
      timeout         = 30
      memory_mb       = 1024
      sends_to        = []
      connect_actions = []
      settings        = []
    }
    "dispatcher" = {
      module          = "dispatcher"
      jar             = "dispatcher/target/dispatcher.jar"
      handler         = "dev.campaigndialer.dispatch.DispatcherHandler::handleRequest"
      description     = "Fans an accepted campaign out into dial tasks, resumably."
      queue           = "dispatch"
      timeout         = null
      memory_mb       = 1024
      sends_to        = ["enrich", "dispatch"]
      connect_actions = []
      settings        = []
    }
    "enrich-dial-task" = {
      module          = "enrich-dial-task"
      jar             = "enrich-dial-task/target/enrich-dial-task.jar"
      handler         = "dev.campaigndialer.enrich.EnrichDialTaskHandler::handleRequest"
      description     = "Timezone, line type, DNC re-check and calling-window scheduling."
      queue           = "enrich"
      timeout         = null
      memory_mb       = 1024
      sends_to        = ["dial", "report"]
      connect_actions = []
      settings        = []
    }
    "dialer-worker" = {
      module          = "dialer-worker"
      jar             = "dialer-worker/target/dialer-worker.jar"
      handler         = "dev.campaigndialer.dial.DialerWorkerHandler::handleRequest"
      description     = "Places calls through the telephony provider under pacing limits."
      queue           = "dial"
      timeout         = null
      memory_mb       = 1024
      sends_to        = ["dial", "status", "report"]
      connect_actions = ["connect:StartOutboundVoiceContact"]
      settings        = []
    }
    "status-checker" = {
      module          = "status-checker"
      jar             = "status-checker/target/status-checker.jar"
      handler         = "dev.campaigndialer.status.StatusCheckerHandler::handleRequest"
      description     = "Call outcomes, retries with backoff, campaign completion."
      queue           = "status"
      timeout         = null
      memory_mb       = 1024
      sends_to        = ["status", "enrich", "report"]
      connect_actions = ["connect:DescribeContact"]
      settings        = []
    }
    "minute-sweep" = {
      module          = "status-checker"
      jar             = "status-checker/target/status-checker.jar"
      handler         = "dev.campaigndialer.status.MinuteSweepHandler::handleRequest"
      description     = "Every minute: releases scheduled dial tasks, recovers stuck ones, relays left-behind messages."
      queue           = null
      timeout         = 55
      memory_mb       = 1024
      sends_to        = ["dispatch", "enrich", "dial", "status", "report"]
      connect_actions = []
      settings        = ["DATA_RETENTION_DAYS"]
    }
    "report-generator" = {
      module          = "report-generator"
      jar             = "report-generator/target/report-generator.jar"
      handler         = "dev.campaigndialer.report.ReportGeneratorHandler::handleRequest"
      description     = "Builds a finished campaign's report (JSON and CSV)."
      queue           = "report"
      timeout         = null
      memory_mb       = 1536
      sends_to        = []
      connect_actions = []
      settings        = []
    }
  }

  # The migration function (modules/migrate): jar and handler, checked by terraform-check too.
  migrate_jar     = "common-db/target/migrate.jar"
  migrate_handler = "dev.campaigndialer.db.migrate.MigrateHandler::handleRequest"

  # The routes of shared/API.md, to the function that serves each.
  api_routes = {
    "POST /campaigns"             = "validate-campaign"
    "GET /campaigns"              = "validate-campaign"
    "GET /campaigns/{id}"         = "validate-campaign"
    "DELETE /campaigns/{id}"      = "validate-campaign"
    "POST /campaigns/{id}/pause"  = "validate-campaign"
    "POST /campaigns/{id}/resume" = "validate-campaign"
    "POST /campaigns/{id}/cancel" = "validate-campaign"
    "GET /campaigns/{id}/report"  = "report-api"
    "POST /dnc"                   = "validate-campaign"
    "GET /dnc"                    = "validate-campaign"
    "DELETE /dnc/{phone}"         = "validate-campaign"
  }

  # Each function's timeout: the shortest bounds the proxy's connection_borrow_timeout.
  function_timeouts = { for key, fn in local.functions : key => fn.queue == null ? fn.timeout : var.queues[fn.queue].consumer_timeout_seconds }

  # Deployment settings a function reads (FunctionCatalog's settings): each gets exactly those it declares.
  settings_environment = {
    DATA_RETENTION_DAYS = tostring(var.data_retention_days)
  }

  # Given only to the functions that call Amazon Connect (FunctionCatalog: dialer-worker, status-checker).
  telephony_environment = {
    TELEPHONY_PROVIDER      = var.telephony_provider
    CONNECT_INSTANCE_ID     = var.connect_instance_id
    CONNECT_CONTACT_FLOW_ID = var.connect_contact_flow_id
    CONNECT_START_RPS       = tostring(var.connect_start_rps)
    CONNECT_START_BURST     = tostring(var.connect_start_burst)
    CONNECT_DESCRIBE_RPS    = tostring(var.connect_describe_rps)
    CONNECT_DESCRIBE_BURST  = tostring(var.connect_describe_burst)
    CONNECT_CONTACT_EVENTS  = tostring(var.connect_contact_events)
    CONNECT_AMD             = tostring(var.connect_answering_machine_detection)
    RING_TIMEOUT_SECONDS    = tostring(var.connect_ring_timeout_seconds)
  }

  # The simulated carrier never calls Connect: no Connect grant then.
  connect_enabled      = var.telephony_provider == "connect" && var.connect_instance_id != ""
  connect_instance_arn = "arn:${data.aws_partition.current.partition}:connect:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:instance/${var.connect_instance_id}"
  # The instance, its contact flows, contacts and phone numbers.
  connect_resources = [local.connect_instance_arn, "${local.connect_instance_arn}/*"]
}

# ---------------------------------------------------------------------------------------------------
# Network, database and proxy, queues
# ---------------------------------------------------------------------------------------------------

module "network" {
  source = "./modules/network"

  name_prefix             = local.name_prefix
  create_vpc              = var.create_vpc
  vpc_id                  = var.vpc_id
  private_subnet_ids      = var.private_subnet_ids
  vpc_cidr                = var.vpc_cidr
  availability_zone_count = var.availability_zone_count
  enable_nat_gateway      = var.enable_nat_gateway
  create_vpc_endpoints    = var.create_vpc_endpoints
  # Amazon Connect has no VPC endpoint: placing and polling calls needs a route out.
  require_internet_egress             = var.telephony_provider == "connect"
  private_subnets_have_internet_route = var.private_subnets_have_internet_route
  tags                                = merge(local.common_tags, { Component = "network" })
}

module "data" {
  source = "./modules/data"

  project                         = var.project
  environment                     = var.environment
  engine                          = var.database_engine
  subnet_ids                      = module.network.private_subnet_ids
  database_security_group_id      = module.network.database_security_group_id
  proxy_security_group_id         = module.network.proxy_security_group_id
  database_name                   = var.database_name
  master_username                 = var.database_master_username
  application_username            = var.database_application_username
  aurora_engine_version           = var.aurora_engine_version
  aurora_min_capacity             = var.aurora_min_capacity
  aurora_max_capacity             = var.aurora_max_capacity
  aurora_seconds_until_auto_pause = var.aurora_seconds_until_auto_pause
  postgres_engine_version         = var.postgres_engine_version
  instance_class                  = var.db_instance_class
  allocated_storage_gb            = var.db_allocated_storage_gb
  backup_retention_days           = var.db_backup_retention_days
  deletion_protection             = var.db_deletion_protection
  skip_final_snapshot             = var.db_skip_final_snapshot
  secret_recovery_window_days     = var.secret_recovery_window_days
  iam_auth                        = var.db_iam_auth
  proxy_idle_client_timeout       = var.rds_proxy_idle_client_timeout
  proxy_max_connections_percent   = var.rds_proxy_max_connections_percent
  connection_borrow_timeout       = var.rds_proxy_connection_borrow_timeout
  client_timeouts_seconds         = values(local.function_timeouts)
  tags                            = merge(local.common_tags, { Component = "data" })
}

module "queues" {
  source = "./modules/queues"

  project                       = var.project
  environment                   = var.environment
  queues                        = var.queues
  message_retention_seconds     = var.queue_message_retention_seconds
  dlq_message_retention_seconds = var.dlq_message_retention_seconds
  tags                          = merge(local.common_tags, { Component = "queues" })
}

# ---------------------------------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------------------------------

module "function" {
  source   = "./modules/function"
  for_each = local.functions

  function_name      = "${var.project}-${each.key}-${var.environment}"
  description        = each.value.description
  handler            = each.value.handler
  jar_path           = "${local.repo_root}/${each.value.jar}"
  memory_size        = lookup(var.function_memory_mb, each.key, each.value.memory_mb)
  timeout            = local.function_timeouts[each.key]
  architecture       = var.lambda_architecture
  snap_start         = true
  log_retention_days = var.log_retention_days
  java_tool_options  = var.java_tool_options

  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.function_security_group_id]

  # The proxy endpoint, never the database's own endpoint; the application role, never the master.
  rds_proxy_endpoint    = module.data.rds_proxy_endpoint
  database_name         = module.data.database_name
  secret_arns           = var.db_iam_auth ? {} : { RDS_SECRET_ARN = module.data.application_secret_arn }
  db_iam_auth           = var.db_iam_auth
  database_user         = module.data.application_username
  rds_proxy_resource_id = module.data.rds_proxy_resource_id

  send_queue_urls = { for queue in each.value.sends_to : queue => module.queues.queue_urls[queue] }
  send_queue_arns = { for queue in each.value.sends_to : queue => module.queues.queue_arns[queue] }
  # Consumers get their queue's event source; the others (API, schedule) get none.
  event_source = each.value.queue == null ? null : {
    queue_arn                  = module.queues.queue_arns[each.value.queue]
    visibility_timeout_seconds = var.queues[each.value.queue].visibility_timeout_seconds
    batch_size                 = var.queues[each.value.queue].batch_size
    maximum_concurrency        = var.queues[each.value.queue].maximum_concurrency
  }

  environment = merge(length(each.value.connect_actions) > 0 ? local.telephony_environment : {},
  { for name in each.value.settings : name => local.settings_environment[name] })

  # Amazon Connect: exactly the actions the function calls, on the configured instance.
  extra_policy_statements = length(each.value.connect_actions) > 0 && local.connect_enabled ? [
    { sid = "AmazonConnect", actions = each.value.connect_actions, resources = local.connect_resources }
  ] : []

  tags = merge(local.common_tags, { Component = "function", Function = each.key })
}

module "migrate" {
  source = "./modules/migrate"

  project            = var.project
  environment        = var.environment
  handler            = local.migrate_handler
  jar_path           = "${local.repo_root}/${local.migrate_jar}"
  architecture       = var.lambda_architecture
  log_retention_days = var.log_retention_days
  java_tool_options  = var.java_tool_options
  run_on_apply       = var.run_migrations_on_apply

  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.function_security_group_id]

  # Migrations go through the proxy too (see README: Flyway's advisory lock pins one session for the
  # few seconds of a run, and the database accepts connections from the proxy only). They log in as
  # the master user and set the application role's password from its secret.
  rds_proxy_endpoint     = module.data.rds_proxy_endpoint
  database_name          = module.data.database_name
  master_secret_arn      = module.data.master_secret_arn
  application_secret_arn = module.data.application_secret_arn
  db_iam_auth            = var.db_iam_auth
  database_user          = module.data.master_username
  rds_proxy_resource_id  = module.data.rds_proxy_resource_id

  # With run_migrations_on_apply, the invocation waits for the proxy's target to be registered.
  proxy_target_id = module.data.rds_proxy_target_id

  tags = merge(local.common_tags, { Component = "migrate" })
}

# ---------------------------------------------------------------------------------------------------
# API, schedule, alarms
# ---------------------------------------------------------------------------------------------------

module "api" {
  source = "./modules/api"

  project      = var.project
  environment  = var.environment
  jwt_issuer   = var.jwt_issuer
  jwt_audience = var.jwt_audience

  # The function module's outputs of every function a route names.
  integrations = { for key in distinct(values(local.api_routes)) : key => module.function[key] }
  routes       = local.api_routes

  throttling_burst_limit = var.api_throttling_burst_limit
  throttling_rate_limit  = var.api_throttling_rate_limit
  log_retention_days     = var.log_retention_days
  tags                   = merge(local.common_tags, { Component = "api" })
}

module "schedule" {
  source = "./modules/schedule"

  project             = var.project
  environment         = var.environment
  function_name       = module.function["minute-sweep"].function_name
  alias_name          = module.function["minute-sweep"].alias_name
  alias_arn           = module.function["minute-sweep"].alias_arn
  schedule_expression = "rate(1 minute)"
  enabled             = var.minute_sweep_enabled
  tags                = merge(local.common_tags, { Component = "schedule" })
}

module "alarms" {
  source = "./modules/alarms"

  project     = var.project
  environment = var.environment
  alarm_email = var.alarm_email
  proxy_name  = module.data.rds_proxy_name

  queue_names             = module.queues.queue_names
  dead_letter_queue_names = module.queues.dead_letter_queue_names
  function_names = merge(
    { for key, fn in module.function : key => fn.function_name },
    { migrate = module.migrate.function_name }
  )

  proxy_client_connections_threshold                  = var.alarm_proxy_client_connections_threshold
  proxy_database_connections_threshold                = var.alarm_proxy_database_connections_threshold
  proxy_database_connections_percent_of_max_threshold = var.alarm_proxy_database_connections_percent_of_max
  proxy_availability_percent_threshold                = var.alarm_proxy_availability_percent
  proxy_borrow_latency_threshold_us                   = var.alarm_proxy_borrow_latency_threshold_us
  proxy_query_latency_threshold_us                    = var.alarm_proxy_query_latency_threshold_us
  queue_oldest_message_age_threshold_seconds          = var.alarm_queue_oldest_message_age_seconds
  tags                                                = merge(local.common_tags, { Component = "alarms" })
}
