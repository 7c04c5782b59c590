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

variable "placement_failures_percent_threshold" {
  description = "Alarm when more than this percentage of call placements fail, three 5-minute periods in a row."
  type        = number
  default     = 20

  validation {
    condition     = var.placement_failures_percent_threshold > 0 && var.placement_failures_percent_threshold < 100
    error_message = "placement_failures_percent_threshold must be a percentage between 0 and 100 (exclusive)."
  }
}

variable "placement_failures_min_calls" {
  description = "The placement-failure alarm judges a 5-minute period only with at least this many placement tries."
  type        = number
  default     = 20
}

variable "connect_throttling_minutes" {
  description = "Alarm when Connect throttles StartOutboundVoiceContact in every one of this many consecutive minutes."
  type        = number
  default     = 10

  validation {
    condition     = var.connect_throttling_minutes >= 1 && var.connect_throttling_minutes <= 60
    error_message = "connect_throttling_minutes must be between 1 and 60."
  }
}

variable "answer_rate_percent_threshold" {
  description = "Alarm when fewer than this percentage of finished calls were answered over 30 minutes."
  type        = number
  default     = 5

  validation {
    condition     = var.answer_rate_percent_threshold > 0 && var.answer_rate_percent_threshold < 100
    error_message = "answer_rate_percent_threshold must be a percentage between 0 and 100 (exclusive)."
  }
}

variable "answer_rate_min_calls" {
  description = "The answer-rate alarm judges 30 minutes only when at least this many calls finished in them."
  type        = number
  default     = 100
}

variable "dial_queue_oldest_message_seconds" {
  description = "Alarm when the dial queue's oldest message is older than this for 5 minutes (above SQS's 15-minute delay: dial messages may wait for a window by design)."
  type        = number
  default     = 1200
}
