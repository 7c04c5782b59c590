# ---------------------------------------------------------------------------------------------------
# Naming and placement
# ---------------------------------------------------------------------------------------------------

variable "project" {
  description = "Project name, the first part of every resource name (\"<project>-<thing>-<environment>\")."
  type        = string
  default     = "campaign-dialer"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.project))
    error_message = "project must be 2-24 lower-case letters, digits or '-', starting with a letter (names must fit Lambda, IAM and RDS limits)."
  }
}

variable "environment" {
  description = "Environment name, the last part of every resource name (dev, staging, prod, ...)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.environment))
    error_message = "environment must be 2-12 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags for every resource (merged over Project, Environment and ManagedBy)."
  type        = map(string)
  default     = {}
}

variable "artifacts_root" {
  description = "Directory that holds the Maven modules' target/ folders. Null means the repository root (the parent of this folder)."
  type        = string
  default     = null
}

# ---------------------------------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------------------------------

variable "create_vpc" {
  description = "Create a VPC with private subnets. When false, give vpc_id and private_subnet_ids."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "Existing VPC (create_vpc = false)."
  type        = string
  default     = null
}

variable "private_subnet_ids" {
  description = "Existing private subnets in two or more availability zones (create_vpc = false)."
  type        = list(string)
  default     = []
}

variable "vpc_cidr" {
  description = "CIDR block of the created VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zone_count" {
  description = "Availability zones (private subnets) of the created VPC; RDS needs two."
  type        = number
  default     = 2
}

variable "enable_nat_gateway" {
  description = "One NAT gateway in the created VPC. Required with telephony_provider = \"connect\" (the Amazon Connect API has no VPC endpoint); about 32 USD a month plus data."
  type        = bool
  default     = true

  validation {
    condition     = var.enable_nat_gateway || !var.create_vpc || var.telephony_provider != "connect"
    error_message = "telephony_provider = \"connect\" places and polls calls through the Amazon Connect API, which has no VPC endpoint: the created VPC needs its NAT gateway (enable_nat_gateway = true), or use telephony_provider = \"simulated\"."
  }
}

variable "private_subnets_have_internet_route" {
  description = "With an existing VPC (create_vpc = false) and telephony_provider = \"connect\": you state that its private subnets route to the internet through a NAT gateway (Amazon Connect has no VPC endpoint). Terraform cannot see that route, so a Connect deployment into an existing VPC is refused until you say so."
  type        = bool
  default     = false

  validation {
    condition     = var.private_subnets_have_internet_route || var.create_vpc || var.telephony_provider != "connect"
    error_message = "telephony_provider = \"connect\" needs a route from the private subnets to the Amazon Connect API (no VPC endpoint exists): give the existing VPC's private subnets a NAT gateway route and set private_subnets_have_internet_route = true."
  }
}

variable "create_vpc_endpoints" {
  description = "Interface endpoints for SQS and Secrets Manager (about 7 USD a month each per availability zone)."
  type        = bool
  default     = true
}

# ---------------------------------------------------------------------------------------------------
# Database and RDS Proxy
# ---------------------------------------------------------------------------------------------------

variable "database_engine" {
  description = "\"aurora-serverless-v2\" (Aurora PostgreSQL Serverless v2) or \"postgres-instance\" (provisioned RDS for PostgreSQL)."
  type        = string
  default     = "aurora-serverless-v2"

  validation {
    condition     = contains(["aurora-serverless-v2", "postgres-instance"], var.database_engine)
    error_message = "database_engine must be \"aurora-serverless-v2\" or \"postgres-instance\"."
  }
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
  default     = "campaign_dialer"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lower-case PostgreSQL identifier (letters, digits, '_'), at most 63 characters."
  }
}

variable "database_master_username" {
  description = "Master user name, for migrations only (RDS generates its password and keeps it in a Secrets Manager secret it manages and rotates)."
  type        = string
  default     = "dialer_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.database_master_username)) && !contains(["postgres", "rdsadmin", "admin"], var.database_master_username)
    error_message = "database_master_username must be 1-16 lower-case letters, digits or '_', and not a reserved name (postgres, rdsadmin, admin)."
  }
}

variable "database_application_username" {
  description = "The functions' database role: DML on the application's tables, no DDL, owns nothing. Migration V6 creates it; the migration function sets its password from the application secret."
  type        = string
  default     = "dialer_app"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,62}$", var.database_application_username)) && var.database_application_username != var.database_master_username
    error_message = "database_application_username must be a lower-case PostgreSQL identifier, different from the master user."
  }
}

variable "aurora_engine_version" {
  description = "Aurora PostgreSQL version. Scale-to-zero (aurora_min_capacity = 0) needs 16.3+, 15.7+, 14.12+ or 13.15+."
  type        = string
  default     = "16.6"
}

variable "aurora_min_capacity" {
  description = "Aurora Serverless v2 minimum ACUs. 0 pauses the database when it has been idle for aurora_seconds_until_auto_pause (the first connection then waits ~15 s while it resumes)."
  type        = number
  default     = 0

  validation {
    condition     = var.aurora_min_capacity == 0 || (var.aurora_min_capacity >= 0.5 && var.aurora_min_capacity <= 256)
    error_message = "aurora_min_capacity must be 0 or between 0.5 and 256."
  }
}

variable "aurora_max_capacity" {
  description = "Aurora Serverless v2 maximum ACUs (1 ACU is about 2 GiB of memory)."
  type        = number
  default     = 4

  validation {
    condition     = var.aurora_max_capacity >= 1 && var.aurora_max_capacity <= 256
    error_message = "aurora_max_capacity must be between 1 and 256."
  }
}

variable "aurora_seconds_until_auto_pause" {
  description = "Idle seconds before a min-capacity-0 Aurora Serverless v2 instance pauses."
  type        = number
  default     = 300

  validation {
    condition     = var.aurora_seconds_until_auto_pause >= 300 && var.aurora_seconds_until_auto_pause <= 86400
    error_message = "aurora_seconds_until_auto_pause must be between 300 and 86400."
  }
}

variable "postgres_engine_version" {
  description = "RDS for PostgreSQL version (database_engine = postgres-instance)."
  type        = string
  default     = "16"
}

variable "db_instance_class" {
  description = "Instance class (database_engine = postgres-instance). A db.t4g.micro allows about 80 connections; the proxy keeps the functions well below that."
  type        = string
  default     = "db.t4g.micro"
}

variable "db_allocated_storage_gb" {
  description = "Initial storage in GB (database_engine = postgres-instance)."
  type        = number
  default     = 20

  validation {
    condition     = var.db_allocated_storage_gb >= 20 && var.db_allocated_storage_gb <= 1000
    error_message = "db_allocated_storage_gb must be between 20 and 1000."
  }
}

variable "db_backup_retention_days" {
  description = "Days of automated backups."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 1 and 35."
  }
}

variable "db_deletion_protection" {
  description = "Refuse to destroy the database. Turn off only for throw-away environments."
  type        = bool
  default     = true
}

variable "db_skip_final_snapshot" {
  description = "Destroy the database without a final snapshot. Throw-away environments only."
  type        = bool
  default     = false
}

variable "secret_recovery_window_days" {
  description = "Days a deleted database secret can be restored (0 deletes it at once, so the same name can be reused)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "db_iam_auth" {
  description = "Clients authenticate to the proxy with IAM tokens (DB_IAM_AUTH=true, DATABASE_USER set, rds-db:connect granted) instead of the secret's password."
  type        = bool
  default     = false
}

variable "rds_proxy_idle_client_timeout" {
  description = "Seconds an idle client connection stays open at the proxy. Must exceed the Java pool's maxLifetime (25 minutes) so the pool, not the proxy, retires connections."
  type        = number
  default     = 1800

  validation {
    condition     = var.rds_proxy_idle_client_timeout > 1500 && var.rds_proxy_idle_client_timeout <= 28800
    error_message = "rds_proxy_idle_client_timeout must be above 1500 (the Java pool's 25-minute maxLifetime) and at most 28800."
  }
}

variable "rds_proxy_connection_borrow_timeout" {
  description = "Seconds a function waits at the proxy for a pooled database connection when all are busy. Below every function's timeout (a precondition checks: the shortest is 30 s), so the function gets an error it can retry within its own time instead of being killed while it waits."
  type        = number
  default     = 20

  validation {
    condition     = var.rds_proxy_connection_borrow_timeout >= 1 && length([for timeout in values(local.function_timeouts) : timeout if timeout <= var.rds_proxy_connection_borrow_timeout]) == 0
    error_message = "rds_proxy_connection_borrow_timeout must be at least 1 s and below the shortest function timeout (30 s, the API functions')."
  }
}

variable "rds_proxy_max_connections_percent" {
  description = "The proxy's pool size as a percentage of the database's max_connections. AWS advises headroom below 100 (migrations, psql, reserved slots)."
  type        = number
  default     = 90

  validation {
    condition     = var.rds_proxy_max_connections_percent >= 1 && var.rds_proxy_max_connections_percent <= 100
    error_message = "rds_proxy_max_connections_percent must be between 1 and 100."
  }
}

# ---------------------------------------------------------------------------------------------------
# Queues: the same values as dev.campaigndialer.core.queue.QueueTopology (terraform-check compares)
# ---------------------------------------------------------------------------------------------------

variable "queues" {
  description = "The pipeline's queues by short name, with their consumer module and the settings of its event source mapping. terraform-check fails when these differ from QueueTopology in common-core."
  type = map(object({
    consumer_module            = string
    consumer_timeout_seconds   = number
    visibility_timeout_seconds = number
    max_receive_count          = number
    batch_size                 = number
    maximum_concurrency        = number
  }))
  default = {
    dispatch = {
      consumer_module            = "dispatcher"
      consumer_timeout_seconds   = 300
      visibility_timeout_seconds = 1800
      max_receive_count          = 5
      batch_size                 = 1
      maximum_concurrency        = 5
    }
    enrich = {
      consumer_module            = "enrich-dial-task"
      consumer_timeout_seconds   = 60
      visibility_timeout_seconds = 360
      max_receive_count          = 5
      batch_size                 = 10
      maximum_concurrency        = 20
    }
    dial = {
      consumer_module            = "dialer-worker"
      consumer_timeout_seconds   = 60
      visibility_timeout_seconds = 360
      max_receive_count          = 5
      batch_size                 = 10
      maximum_concurrency        = 100
    }
    status = {
      consumer_module            = "status-checker"
      consumer_timeout_seconds   = 60
      visibility_timeout_seconds = 360
      max_receive_count          = 5
      batch_size                 = 10
      maximum_concurrency        = 50
    }
    report = {
      consumer_module            = "report-generator"
      consumer_timeout_seconds   = 120
      visibility_timeout_seconds = 720
      max_receive_count          = 5
      batch_size                 = 1
      maximum_concurrency        = 10
    }
  }

  validation {
    condition     = alltrue([for name, queue in var.queues : queue.visibility_timeout_seconds >= 6 * queue.consumer_timeout_seconds])
    error_message = "Every queue's visibility_timeout_seconds must be at least 6 x its consumer_timeout_seconds."
  }

  validation {
    condition     = alltrue([for name, queue in var.queues : queue.max_receive_count >= 5])
    error_message = "Every queue's max_receive_count must be at least 5."
  }

  validation {
    condition     = alltrue([for name, queue in var.queues : queue.batch_size >= 1 && queue.batch_size <= 10 && queue.maximum_concurrency >= 2 && queue.maximum_concurrency <= 1000])
    error_message = "batch_size must be 1-10 and maximum_concurrency 2-1000 (SQS event source limits)."
  }

  validation {
    condition     = alltrue([for name, queue in var.queues : queue.consumer_timeout_seconds >= 1 && queue.consumer_timeout_seconds <= 900])
    error_message = "consumer_timeout_seconds must be between 1 and 900 (the Lambda maximum)."
  }
}

variable "queue_message_retention_seconds" {
  description = "How long a message may wait in a main queue."
  type        = number
  default     = 345600
}

variable "dlq_message_retention_seconds" {
  description = "How long a message stays in a dead-letter queue (14 days, the SQS maximum)."
  type        = number
  default     = 1209600
}

# ---------------------------------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------------------------------

variable "function_memory_mb" {
  description = "Memory overrides by function key (validate-campaign, report-api, dispatcher, enrich-dial-task, dialer-worker, status-checker, minute-sweep, report-generator). Unlisted functions keep their default."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for name, memory in var.function_memory_mb : memory >= 256 && memory <= 10240])
    error_message = "Function memory must be between 256 and 10240 MB."
  }
}

variable "lambda_architecture" {
  description = "\"arm64\" or \"x86_64\" for every function."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be \"arm64\" or \"x86_64\"."
  }
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of every function (tiered compilation stopped at C1: faster cold starts for short invocations)."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps function and API logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "data_retention_days" {
  description = "DATA_RETENTION_DAYS of the minute sweep: a campaign finished (COMPLETED or CANCELLED) this many days ago has its contacts, dial tasks, idempotency records and queued messages erased, as an owner's DELETE /campaigns/{id} does; its counts and aggregate report stay. Idempotency keys expire after 24 hours and sent outbox rows after a day regardless."
  type        = number
  default     = 90

  validation {
    condition     = var.data_retention_days >= 1 && var.data_retention_days <= 3650 && floor(var.data_retention_days) == var.data_retention_days
    error_message = "data_retention_days must be a whole number of days between 1 and 3650."
  }
}

variable "telephony_provider" {
  description = "TELEPHONY_PROVIDER of dialer-worker and status-checker: \"connect\" (Amazon Connect) or \"simulated\" (the carrier table of API.md, no calls are made: the outcome follows from the number's last digit and the attempt, carried in the call id, so separately running functions agree; no Connect instance, grant or route out needed)."
  type        = string
  default     = "connect"

  validation {
    condition     = contains(["connect", "simulated"], var.telephony_provider)
    error_message = "telephony_provider must be \"connect\" or \"simulated\"."
  }
}

variable "connect_instance_id" {
  description = "Amazon Connect instance id (required when telephony_provider is connect)."
  type        = string
  default     = ""
}

variable "connect_contact_flow_id" {
  description = "Amazon Connect contact flow id for outbound calls (required when telephony_provider is connect)."
  type        = string
  default     = ""
}

variable "run_migrations_on_apply" {
  description = "Invoke the migration function during apply whenever migrate.jar changes. Off: run it after apply (README)."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------------

variable "jwt_issuer" {
  description = "Issuer URL of the owners' JWTs (e.g. https://cognito-idp.<region>.amazonaws.com/<user-pool-id>)."
  type        = string

  validation {
    condition     = can(regex("^https://", var.jwt_issuer))
    error_message = "jwt_issuer must be an https:// URL."
  }
}

variable "jwt_audience" {
  description = "Accepted JWT audiences (for Cognito: the app client id)."
  type        = list(string)

  validation {
    condition     = length(var.jwt_audience) > 0
    error_message = "jwt_audience needs at least one entry."
  }
}

variable "api_throttling_burst_limit" {
  description = "API stage burst limit (requests)."
  type        = number
  default     = 100
}

variable "api_throttling_rate_limit" {
  description = "API stage steady-state limit (requests per second)."
  type        = number
  default     = 50
}

# ---------------------------------------------------------------------------------------------------
# Schedule and alarms
# ---------------------------------------------------------------------------------------------------

variable "minute_sweep_enabled" {
  description = "Run status-checker's minute sweep. While it runs the database sees a query every minute and never auto-pauses."
  type        = bool
  default     = true
}

variable "alarm_email" {
  description = "E-mail subscribed to the alarm topic (must confirm the subscription), or null."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an e-mail address or null."
  }
}

variable "alarm_proxy_client_connections_threshold" {
  description = "Alarm above this many proxy client connections (sustained 5 minutes)."
  type        = number
  default     = 500
}

variable "alarm_proxy_database_connections_threshold" {
  description = "Alarm above this many proxy database connections (sustained 5 minutes)."
  type        = number
  default     = 50
}

variable "alarm_proxy_database_connections_percent_of_max" {
  description = "Alarm when the proxy's database connections exceed this percentage of MaxDatabaseConnectionsAllowed (sustained 5 minutes)."
  type        = number
  default     = 80

  validation {
    condition     = var.alarm_proxy_database_connections_percent_of_max > 0 && var.alarm_proxy_database_connections_percent_of_max <= 100
    error_message = "alarm_proxy_database_connections_percent_of_max must be above 0 and at most 100."
  }
}

variable "alarm_proxy_availability_percent" {
  description = "Alarm when the proxy's target (the database writer) is available less than this percentage of the time (sustained 5 minutes)."
  type        = number
  default     = 100

  validation {
    condition     = var.alarm_proxy_availability_percent > 0 && var.alarm_proxy_availability_percent <= 100
    error_message = "alarm_proxy_availability_percent must be above 0 and at most 100."
  }
}

variable "alarm_proxy_borrow_latency_threshold_us" {
  description = "Alarm above this average connection borrow latency, in microseconds."
  type        = number
  default     = 100000
}

variable "alarm_proxy_query_latency_threshold_us" {
  description = "Alarm above this average query response latency, in microseconds."
  type        = number
  default     = 250000
}

variable "alarm_queue_oldest_message_age_seconds" {
  description = "Alarm when a main queue's oldest message is older than this."
  type        = number
  default     = 900
}

# ---------------------------------------------------------------------------------------------------
# Amazon Connect: the fleet's API rate budget and contact events
# ---------------------------------------------------------------------------------------------------

variable "connect_start_rps" {
  description = "CONNECT_START_RPS: the account's StartOutboundVoiceContact quota, requests per second (AWS default 2). The whole fleet of dialer-workers shares one token bucket in the database at this rate."
  type        = number
  default     = 2

  validation {
    condition     = var.connect_start_rps > 0
    error_message = "connect_start_rps must be greater than 0."
  }
}

variable "connect_start_burst" {
  description = "CONNECT_START_BURST: the StartOutboundVoiceContact quota's burst (AWS default 5)."
  type        = number
  default     = 5

  validation {
    condition     = var.connect_start_burst >= 1
    error_message = "connect_start_burst must be at least 1."
  }
}

variable "connect_describe_rps" {
  description = "CONNECT_DESCRIBE_RPS: the account's DescribeContact quota, requests per second (AWS default 2); status-checker's fallback polls share this budget."
  type        = number
  default     = 2

  validation {
    condition     = var.connect_describe_rps > 0
    error_message = "connect_describe_rps must be greater than 0."
  }
}

variable "connect_describe_burst" {
  description = "CONNECT_DESCRIBE_BURST: the DescribeContact quota's burst (AWS default 5)."
  type        = number
  default     = 5

  validation {
    condition     = var.connect_describe_burst >= 1
    error_message = "connect_describe_burst must be at least 1."
  }
}

variable "connect_contact_events" {
  description = "Send the instance's contact events to the status queue (EventBridge rule) and poll DescribeContact only as the fallback for lost events (CONNECT_CONTACT_EVENTS)."
  type        = bool
  default     = true
}

variable "connect_answering_machine_detection" {
  description = "CONNECT_AMD: answering machine detection on placed calls. Connect then requires TrafficType=CAMPAIGN, which needs the \"Amazon Connect campaigns\" service quota raised on the account."
  type        = bool
  default     = true
}

variable "connect_ring_timeout_seconds" {
  description = "RING_TIMEOUT_SECONDS: StartOutboundVoiceContact's RingTimeoutInSeconds; a call without a contact event is polled this long plus 30 s after placement."
  type        = number
  default     = 60

  validation {
    condition     = var.connect_ring_timeout_seconds >= 15 && var.connect_ring_timeout_seconds <= 60
    error_message = "connect_ring_timeout_seconds must be between 15 and 60."
  }
}
