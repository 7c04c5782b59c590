# A development stack: Aurora PostgreSQL Serverless v2 that pauses when idle, Amazon Connect, a new
# VPC with one NAT gateway, and throw-away settings (no deletion protection, no final snapshot).
#
#   cd terraform/examples/dev
#   cp terraform.tfvars.example terraform.tfvars    # fill in the REQUIRED values
#   terraform init && terraform plan -out tfplan && terraform apply tfplan

variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
  default     = "dev"
}

variable "jwt_issuer" {
  description = "Issuer URL of the owners' JWTs (a Cognito user pool URL, for example)."
  type        = string
}

variable "jwt_audience" {
  description = "Accepted JWT audiences (for Cognito: the app client id)."
  type        = list(string)
}

variable "connect_instance_id" {
  description = "Amazon Connect instance id."
  type        = string
}

variable "connect_contact_flow_id" {
  description = "Amazon Connect outbound contact flow id."
  type        = string
}

variable "alarm_email" {
  description = "E-mail subscribed to the alarms (confirm the subscription AWS sends), or null."
  type        = string
  default     = null
}

variable "artifacts_root" {
  description = "Where the Maven modules' target/ folders are; null means this repository (build with ./mvnw package first)."
  type        = string
  default     = null
}

provider "aws" {
  region = var.aws_region
}

module "campaign_dialer" {
  source = "../.."

  environment    = var.environment
  artifacts_root = var.artifacts_root
  tags           = { Owner = "platform-team" }

  # Aurora Serverless v2 pausing after 5 idle minutes. The minute sweep queries every minute, so
  # set minute_sweep_enabled = false while the stack is idle if it should pause (README, cost note).
  database_engine                 = "aurora-serverless-v2"
  aurora_min_capacity             = 0
  aurora_max_capacity             = 4
  aurora_seconds_until_auto_pause = 300
  db_deletion_protection          = false
  db_skip_final_snapshot          = true
  secret_recovery_window_days     = 0

  # Amazon Connect, reached through the created VPC's NAT gateway (it has no VPC endpoint).
  telephony_provider      = "connect"
  connect_instance_id     = var.connect_instance_id
  connect_contact_flow_id = var.connect_contact_flow_id
  enable_nat_gateway      = true

  jwt_issuer                 = var.jwt_issuer
  jwt_audience               = var.jwt_audience
  api_throttling_burst_limit = 50
  api_throttling_rate_limit  = 20

  log_retention_days = 14
  function_memory_mb = { "validate-campaign" = 2048 } # parsing 100,000-contact submissions
  alarm_email        = var.alarm_email
}

output "api_url" {
  description = "Base URL of the owner API."
  value       = module.campaign_dialer.api_url
}

output "migrate_command" {
  description = "Run after every apply that changed migrate.jar."
  value       = module.campaign_dialer.migrate_command
}

output "dashboard_name" {
  description = "The CloudWatch dashboard."
  value       = module.campaign_dialer.dashboard_name
}

output "database_engine" {
  description = "The database engine deployed."
  value       = module.campaign_dialer.database_engine
}
