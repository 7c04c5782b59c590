variable "name_prefix" {
  description = "Prefix for every resource name, normally \"<project>-<environment>\"."
  type        = string
}

variable "create_vpc" {
  description = "Create a VPC with private subnets. When false, vpc_id and private_subnet_ids name an existing VPC."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "Existing VPC to deploy into (only when create_vpc is false)."
  type        = string
  default     = null
}

variable "private_subnet_ids" {
  description = "Existing private subnets, at least two in different availability zones (only when create_vpc is false)."
  type        = list(string)
  default     = []
}

variable "vpc_cidr" {
  description = "CIDR block of the created VPC (only when create_vpc is true)."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be a valid IPv4 CIDR block of /20 or larger."
  }
}

variable "availability_zone_count" {
  description = "Number of availability zones (one private subnet each) for the created VPC. RDS needs at least two."
  type        = number
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 4
    error_message = "availability_zone_count must be between 2 and 4."
  }
}

variable "enable_nat_gateway" {
  description = "Give the created VPC one NAT gateway for outbound internet. The Amazon Connect API has no VPC endpoint, so dialer-worker and status-checker need it when TELEPHONY_PROVIDER is connect."
  type        = bool
  default     = true
}

variable "require_internet_egress" {
  description = "The functions must reach an AWS API without a VPC endpoint (Amazon Connect): a precondition then checks that the private subnets route to the internet."
  type        = bool
  default     = false
}

variable "private_subnets_have_internet_route" {
  description = "With an existing VPC (create_vpc = false): its private subnets route 0.0.0.0/0 through a NAT gateway. Terraform cannot see that; you state it."
  type        = bool
  default     = false
}

variable "create_vpc_endpoints" {
  description = "Create interface endpoints for SQS and Secrets Manager so the functions reach them without NAT. Turn off when the VPC already has them (private DNS names would clash)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
