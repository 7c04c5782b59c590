variable "project" {
  description = "Project name, the first part of every queue name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every queue name."
  type        = string
}

variable "queues" {
  description = "The pipeline's queues by short name (dispatch, enrich, ...), with the settings of their consumer. Same shape as the root module's `queues` variable."
  type = map(object({
    consumer_module            = string
    consumer_timeout_seconds   = number
    visibility_timeout_seconds = number
    max_receive_count          = number
    batch_size                 = number
    maximum_concurrency        = number
  }))
}

variable "message_retention_seconds" {
  description = "How long a message may wait in a main queue."
  type        = number
  default     = 345600 # 4 days

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be between 60 and 1209600 (14 days)."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long a message stays in a dead-letter queue. Keep it longer than the main queues' retention: a standard queue keeps a message's original enqueue time when it is moved."
  type        = number
  default     = 1209600 # 14 days, the SQS maximum

  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be between 60 and 1209600 (14 days)."
  }
}

variable "tags" {
  description = "Tags added to every queue."
  type        = map(string)
  default     = {}
}
