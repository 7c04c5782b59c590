variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic (the recipient must confirm), or null."
  type        = string
  default     = null
}

variable "proxy_name" {
  description = "Name of the RDS Proxy (the ProxyName dimension)."
  type        = string
}

variable "queue_names" {
  description = "Main queue names by short name (dispatch, enrich, ...)."
  type        = map(string)
}

variable "dead_letter_queue_names" {
  description = "Dead-letter queue names by the short name of their main queue."
  type        = map(string)
}

variable "function_names" {
  description = "Lambda function names by key."
  type        = map(string)
}

variable "proxy_client_connections_threshold" {
  description = "Alarm when the proxy holds more client connections than this (sum over its nodes) for 5 minutes."
  type        = number
  default     = 500
}

variable "proxy_database_connections_threshold" {
  description = "Alarm when the proxy holds more database connections than this for 5 minutes."
  type        = number
  default     = 50
}

variable "proxy_borrow_latency_threshold_us" {
  description = "Alarm when the average time to borrow a pooled database connection exceeds this many microseconds for 5 minutes."
  type        = number
  default     = 100000
}

variable "proxy_query_latency_threshold_us" {
  description = "Alarm when the database's average query response time through the proxy exceeds this many microseconds for 5 minutes."
  type        = number
  default     = 250000
}

variable "proxy_availability_percent_threshold" {
  description = "Alarm when the proxy's target (the writer) is available less than this percentage of the time, for 5 minutes."
  type        = number
  default     = 100

  validation {
    condition     = var.proxy_availability_percent_threshold > 0 && var.proxy_availability_percent_threshold <= 100
    error_message = "proxy_availability_percent_threshold must be above 0 and at most 100."
  }
}

variable "proxy_database_connections_percent_of_max_threshold" {
  description = "Alarm when the proxy's database connections exceed this percentage of MaxDatabaseConnectionsAllowed for 5 minutes."
  type        = number
  default     = 80
}

variable "queue_oldest_message_age_threshold_seconds" {
  description = "Alarm when a main queue's oldest message is older than this for 5 minutes."
  type        = number
  default     = 900
}

variable "lambda_errors_threshold" {
  description = "Alarm when a function reports more errors than this in 5 minutes."
  type        = number
  default     = 0
}

variable "lambda_throttles_threshold" {
  description = "Alarm when a function is throttled more often than this in 5 minutes."
  type        = number
  default     = 0
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
