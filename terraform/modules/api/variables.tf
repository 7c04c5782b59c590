variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
}

variable "jwt_issuer" {
  description = "Issuer (iss) URL of the JWTs the authorizer accepts, e.g. a Cognito user pool or Auth0 tenant URL."
  type        = string

  validation {
    condition     = can(regex("^https://", var.jwt_issuer))
    error_message = "jwt_issuer must be an https:// URL."
  }
}

variable "jwt_audience" {
  description = "Accepted audiences (aud claim, or client_id for Cognito access tokens)."
  type        = list(string)

  validation {
    condition     = length(var.jwt_audience) > 0
    error_message = "jwt_audience needs at least one entry."
  }
}

variable "integrations" {
  description = "Lambda integrations by key: the function module's outputs (function name, alias name, alias invoke ARN)."
  type = map(object({
    function_name    = string
    alias_name       = string
    alias_invoke_arn = string
  }))
}

variable "routes" {
  description = "Route keys (\"METHOD /path\") mapped to an integration key."
  type        = map(string)
}

variable "throttling_burst_limit" {
  description = "Stage-wide burst limit (requests)."
  type        = number
  default     = 100
}

variable "throttling_rate_limit" {
  description = "Stage-wide steady-state limit (requests per second)."
  type        = number
  default     = 50
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the access log."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
