# ---------------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------------

variable "function_name" {
  description = "Lambda function name; also the name of its IAM role and log group."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, '-' or '_' (a Lambda and IAM role name limit)."
  }
}

variable "description" {
  description = "What the function does, shown in the Lambda console."
  type        = string
  default     = ""
}

variable "handler" {
  description = "Java handler, \"package.Class::handleRequest\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_]*::handleRequest$", var.handler))
    error_message = "handler must look like \"dev.campaigndialer.module.SomeHandler::handleRequest\"."
  }
}

variable "jar_path" {
  description = "Path of the Lambda jar built by Maven: <repo>/<module>/target/<module>.jar."
  type        = string

  validation {
    condition     = can(regex("\\.jar$", var.jar_path))
    error_message = "jar_path must name a .jar file."
  }
}

variable "memory_size" {
  description = "Memory in MB (CPU scales with it)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_size >= 256 && var.memory_size <= 10240
    error_message = "memory_size must be between 256 and 10240 MB."
  }
}

variable "timeout" {
  description = "Timeout in seconds. For a queue consumer this is the consumer timeout of its queue."
  type        = number

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "architecture" {
  description = "Instruction set: \"arm64\" (cheaper per GB-second) or \"x86_64\". The jars are pure Java."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be \"arm64\" or \"x86_64\"."
  }
}

variable "snap_start" {
  description = "Turn on SnapStart for published versions (the alias points at the latest published version either way)."
  type        = bool
  default     = true
}

variable "alias_name" {
  description = "Alias that event sources, the API and the schedule invoke."
  type        = string
  default     = "live"
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the function's log group."
  type        = number
  default     = 30
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS for the function's JVM."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

# ---------------------------------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------------------------------

variable "subnet_ids" {
  description = "Private subnets the function's network interfaces are placed in."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the function (the one the proxy admits)."
  type        = list(string)
}

# ---------------------------------------------------------------------------------------------------
# Database: only ever the proxy
# ---------------------------------------------------------------------------------------------------

variable "rds_proxy_endpoint" {
  description = "Host name of the RDS Proxy. The function gets no other database address."
  type        = string
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
}

variable "secret_arns" {
  description = "The Secrets Manager secrets the function reads, by the environment variable that names each (RDS_SECRET_ARN: the credentials it logs in with; leave it out under IAM authentication). Each gets secretsmanager:GetSecretValue and nothing else does."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.secret_arns) : can(regex("^[A-Z][A-Z0-9_]*_SECRET_ARN$", name))])
    error_message = "secret_arns keys must be environment variable names ending in _SECRET_ARN."
  }
}

variable "db_iam_auth" {
  description = "Connect with IAM authentication tokens instead of the secret's password."
  type        = bool
  default     = false
}

variable "database_user" {
  description = "Database user for IAM authentication (only used when db_iam_auth is true)."
  type        = string
  default     = null
}

variable "rds_proxy_resource_id" {
  description = "The proxy's resource id (prx-...), for the rds-db:connect permission under IAM authentication."
  type        = string
  default     = null
}

# ---------------------------------------------------------------------------------------------------
# Queues
# ---------------------------------------------------------------------------------------------------

variable "send_queue_urls" {
  description = "Queues the function sends to: short name => URL. Each becomes <NAME>_QUEUE_URL in the environment."
  type        = map(string)
  default     = {}
}

variable "send_queue_arns" {
  description = "The same queues: short name => ARN, for the sqs:SendMessage grant. Keys must match send_queue_urls."
  type        = map(string)
  default     = {}
}

variable "event_source" {
  description = "The queue the function consumes, or null. visibility_timeout_seconds is checked against the function timeout."
  type = object({
    queue_arn                  = string
    visibility_timeout_seconds = number
    batch_size                 = number
    maximum_concurrency        = number
  })
  default = null

  validation {
    condition     = var.event_source == null ? true : (var.event_source.batch_size >= 1 && var.event_source.batch_size <= 10)
    error_message = "event_source.batch_size must be between 1 and 10 (larger batches need a batching window)."
  }

  validation {
    condition     = var.event_source == null ? true : (var.event_source.maximum_concurrency >= 2 && var.event_source.maximum_concurrency <= 1000)
    error_message = "event_source.maximum_concurrency must be between 2 and 1000 (the SQS event source limits)."
  }
}

# ---------------------------------------------------------------------------------------------------
# Everything else
# ---------------------------------------------------------------------------------------------------

variable "environment" {
  description = "Further environment variables (telephony settings and the like). Database and queue variables are set by this module and may not be given here."
  type        = map(string)
  default     = {}
}

variable "extra_policy_statements" {
  description = "Further IAM statements for the function's role (for example Amazon Connect)."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
