variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
}

variable "function_name" {
  description = "Name of status-checker's minute-sweep function."
  type        = string
}

variable "alias_name" {
  description = "Alias of the function to invoke."
  type        = string
}

variable "alias_arn" {
  description = "ARN of that alias."
  type        = string
}

variable "schedule_expression" {
  description = "When the sweep runs."
  type        = string
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be a rate(...) or cron(...) expression."
  }
}

variable "enabled" {
  description = "Run the sweep. Turning it off stops scheduled retries and stuck-task recovery (and lets an idle Aurora Serverless v2 database pause)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
