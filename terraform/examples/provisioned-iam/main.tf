# A small provisioned RDS for PostgreSQL instance (predictable cost, no pause) with IAM database
# authentication: the functions log in to the proxy with IAM tokens as the application role and
# read no secret; the proxy still uses the two secrets towards the database.
#
#   cd terraform/examples/provisioned-iam
#   terraform init && terraform plan -var jwt_issuer=... -var 'jwt_audience=["..."]' \
#     -var connect_instance_id=... -var connect_contact_flow_id=...

variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
  default     = "staging"
}

variable "jwt_issuer" {
  description = "Issuer URL of the owners' JWTs."
  type        = string
}

variable "jwt_audience" {
  description = "Accepted JWT audiences."
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

variable "artifacts_root" {
  description = "Where the Maven modules' target/ folders are; null means this repository."
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

  database_engine   = "postgres-instance"
  db_instance_class = "db.t4g.micro"
  db_iam_auth       = true

  connect_instance_id     = var.connect_instance_id
  connect_contact_flow_id = var.connect_contact_flow_id

  jwt_issuer   = var.jwt_issuer
  jwt_audience = var.jwt_audience
}

output "api_url" {
  description = "Base URL of the owner API."
  value       = module.campaign_dialer.api_url
}

output "database_engine" {
  description = "The database engine deployed."
  value       = module.campaign_dialer.database_engine
}

output "function_environments" {
  description = "Each function's environment (DB_IAM_AUTH=true, DATABASE_USER, no RDS_SECRET_ARN)."
  value       = module.campaign_dialer.function_environments
}
