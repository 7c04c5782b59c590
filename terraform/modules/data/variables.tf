variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
}

variable "engine" {
  description = "\"aurora-serverless-v2\" (Aurora PostgreSQL Serverless v2) or \"postgres-instance\" (a provisioned RDS for PostgreSQL instance)."
  type        = string
  default     = "aurora-serverless-v2"

  validation {
    condition     = contains(["aurora-serverless-v2", "postgres-instance"], var.engine)
    error_message = "engine must be \"aurora-serverless-v2\" or \"postgres-instance\"."
  }
}

variable "subnet_ids" {
  description = "Private subnets (two or more availability zones) for the database and the proxy."
  type        = list(string)
}

variable "database_security_group_id" {
  description = "Security group of the database."
  type        = string
}

variable "proxy_security_group_id" {
  description = "Security group of the RDS Proxy."
  type        = string
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
}

variable "master_username" {
  description = "Master user name, for migrations only. RDS generates its password and keeps it in a Secrets Manager secret of its own (manage_master_user_password)."
  type        = string
}

variable "application_username" {
  description = "The functions' database role (DML on the application's tables, no DDL, owns nothing). Migration V6 creates it; the migration function sets its password from the application secret."
  type        = string
  default     = "dialer_app"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,62}$", var.application_username))
    error_message = "application_username must be a lower-case PostgreSQL identifier (letters, digits, '_')."
  }
}

variable "aurora_engine_version" {
  description = "Aurora PostgreSQL engine version (scale-to-zero needs 13.15, 14.12, 15.7, 16.3 or later)."
  type        = string
}

variable "aurora_min_capacity" {
  description = "Aurora Serverless v2 minimum ACUs. 0 lets the instance pause when idle."
  type        = number
}

variable "aurora_max_capacity" {
  description = "Aurora Serverless v2 maximum ACUs."
  type        = number
}

variable "aurora_seconds_until_auto_pause" {
  description = "Idle seconds before an Aurora Serverless v2 instance with min capacity 0 pauses."
  type        = number
}

variable "postgres_engine_version" {
  description = "RDS for PostgreSQL engine version (engine = postgres-instance)."
  type        = string
}

variable "instance_class" {
  description = "RDS instance class (engine = postgres-instance)."
  type        = string
}

variable "allocated_storage_gb" {
  description = "Initial storage in GB (engine = postgres-instance); storage autoscaling may grow it to 5 x this."
  type        = number
}

variable "backup_retention_days" {
  description = "Days of automated backups."
  type        = number
}

variable "deletion_protection" {
  description = "Refuse to delete the database."
  type        = bool
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot."
  type        = bool
}

variable "secret_recovery_window_days" {
  description = "Days Secrets Manager keeps a deleted secret (0 deletes at once)."
  type        = number
}

variable "iam_auth" {
  description = "Require IAM authentication tokens from clients of the proxy (the proxy still uses the secrets towards the database)."
  type        = bool
}

variable "proxy_idle_client_timeout" {
  description = "Seconds a client connection may sit idle before the proxy closes it."
  type        = number
}

variable "connection_borrow_timeout" {
  description = "Seconds a client waits at the proxy for a pooled database connection when all are busy. Must be below every one of client_timeouts_seconds."
  type        = number
  default     = 20

  validation {
    condition     = var.connection_borrow_timeout >= 1 && var.connection_borrow_timeout <= 3600
    error_message = "connection_borrow_timeout must be between 1 and 3600 seconds."
  }
}

variable "client_timeouts_seconds" {
  description = "The timeouts of the functions that connect through the proxy; connection_borrow_timeout must stay below every one."
  type        = list(number)
  default     = []
}

variable "proxy_max_connections_percent" {
  description = "The proxy's pool size as a percentage of the database's max_connections."
  type        = number

  validation {
    condition     = var.proxy_max_connections_percent >= 1 && var.proxy_max_connections_percent <= 100
    error_message = "proxy_max_connections_percent must be between 1 and 100."
  }
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
