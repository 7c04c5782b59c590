variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
}

variable "handler" {
  description = "The migration handler, \"package.Class::handleRequest\"."
  type        = string
  default     = "dev.campaigndialer.db.migrate.MigrateHandler::handleRequest"
}

variable "jar_path" {
  description = "Path of the migration jar that common-db's package writes: <repo>/common-db/target/migrate.jar."
  type        = string
}

variable "memory_size" {
  description = "Memory in MB."
  type        = number
  default     = 1024
}

variable "timeout" {
  description = "Timeout in seconds (a cold Aurora Serverless v2 database may first have to resume)."
  type        = number
  default     = 300
}

variable "architecture" {
  description = "\"arm64\" or \"x86_64\"."
  type        = string
  default     = "arm64"
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the log group."
  type        = number
  default     = 30
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS for the JVM."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "subnet_ids" {
  description = "Private subnets for the function."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the function (the one the proxy admits)."
  type        = list(string)
}

variable "rds_proxy_endpoint" {
  description = "Host name of the RDS Proxy. Migrations go through the proxy like everything else."
  type        = string
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
}

variable "master_secret_arn" {
  description = "The secret RDS manages with the master credentials: what the migration logs in with (unless db_iam_auth)."
  type        = string
}

variable "application_secret_arn" {
  description = "The application role's secret: the migration sets the role's password from it."
  type        = string
}

variable "db_iam_auth" {
  description = "Connect with IAM authentication tokens."
  type        = bool
  default     = false
}

variable "database_user" {
  description = "Database user for IAM authentication: the master user."
  type        = string
  default     = null
}

variable "rds_proxy_resource_id" {
  description = "The proxy's resource id, for rds-db:connect under IAM authentication."
  type        = string
  default     = null
}

variable "proxy_target_id" {
  description = "The proxy target's id (data module output); the on-apply invocation runs only after the target exists."
  type        = string
  default     = null
}

variable "run_on_apply" {
  description = "Invoke the migration from `terraform apply` whenever migrate.jar changes. Off by default: run it explicitly (see the README)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
