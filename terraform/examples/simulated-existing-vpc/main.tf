# Into an existing VPC, without Amazon Connect: the simulated carrier of API.md places no real
# calls (outcomes follow from each number's last digit and the attempt), so no Connect instance,
# no Connect permission and no route to the internet are needed; the functions reach SQS and
# Secrets Manager through the interface endpoints this configuration creates. For a demo or a load
# test of the pipeline in AWS.
#
#   cd terraform/examples/simulated-existing-vpc
#   terraform init && terraform plan -var vpc_id=vpc-... -var 'private_subnet_ids=["subnet-...","subnet-..."]' \
#     -var jwt_issuer=... -var 'jwt_audience=["..."]'

variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment name, the last part of every resource name."
  type        = string
  default     = "demo"
}

variable "vpc_id" {
  description = "The existing VPC."
  type        = string
}

variable "private_subnet_ids" {
  description = "Two or more private subnets of it, in different availability zones."
  type        = list(string)
}

variable "jwt_issuer" {
  description = "Issuer URL of the owners' JWTs."
  type        = string
}

variable "jwt_audience" {
  description = "Accepted JWT audiences."
  type        = list(string)
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

  create_vpc         = false
  vpc_id             = var.vpc_id
  private_subnet_ids = var.private_subnet_ids

  telephony_provider = "simulated"

  database_engine        = "postgres-instance"
  db_deletion_protection = false
  db_skip_final_snapshot = true

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
  description = "Each function's environment (TELEPHONY_PROVIDER=simulated for the dialer and the status checker)."
  value       = module.campaign_dialer.function_environments
}
