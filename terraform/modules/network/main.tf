# ---------------------------------------------------------------------------------------------------
# VPC and subnets (created, or taken from variables)
# ---------------------------------------------------------------------------------------------------

data "aws_region" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  vpc_id             = var.create_vpc ? aws_vpc.this[0].id : var.vpc_id
  private_subnet_ids = var.create_vpc ? aws_subnet.private[*].id : var.private_subnet_ids
  create_nat         = var.create_vpc && var.enable_nat_gateway
}

resource "aws_vpc" "this" {
  count = var.create_vpc ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true # interface endpoints with private DNS need both

  tags = merge(var.tags, { Name = var.name_prefix })
}

resource "aws_subnet" "private" {
  count = var.create_vpc ? var.availability_zone_count : 0

  vpc_id            = aws_vpc.this[0].id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]

  tags = merge(var.tags, { Name = "${var.name_prefix}-private-${count.index}", Tier = "private" })
}

resource "aws_route_table" "private" {
  count = var.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = merge(var.tags, { Name = "${var.name_prefix}-private" })
}

resource "aws_route_table_association" "private" {
  count = var.create_vpc ? var.availability_zone_count : 0

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[0].id
}

# ---------------------------------------------------------------------------------------------------
# Optional NAT gateway (one, in the first availability zone: a cost choice, not an HA one)
# ---------------------------------------------------------------------------------------------------

resource "aws_internet_gateway" "this" {
  count = local.create_nat ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = merge(var.tags, { Name = var.name_prefix })
}

resource "aws_subnet" "public" {
  count = local.create_nat ? 1 : 0

  vpc_id            = aws_vpc.this[0].id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, 15)
  availability_zone = data.aws_availability_zones.available.names[0]

  tags = merge(var.tags, { Name = "${var.name_prefix}-public-nat", Tier = "public" })
}

resource "aws_route_table" "public" {
  count = local.create_nat ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = merge(var.tags, { Name = "${var.name_prefix}-public" })
}

resource "aws_route" "public_internet" {
  count = local.create_nat ? 1 : 0

  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  count = local.create_nat ? 1 : 0

  subnet_id      = aws_subnet.public[0].id
  route_table_id = aws_route_table.public[0].id
}

resource "aws_eip" "nat" {
  count = local.create_nat ? 1 : 0

  domain = "vpc"

  tags = merge(var.tags, { Name = "${var.name_prefix}-nat" })
}

resource "aws_nat_gateway" "this" {
  count = local.create_nat ? 1 : 0

  allocation_id = aws_eip.nat[0].id
  subnet_id     = aws_subnet.public[0].id

  tags = merge(var.tags, { Name = var.name_prefix })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route" "private_nat" {
  count = local.create_nat ? 1 : 0

  route_table_id         = aws_route_table.private[0].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[0].id
}

# ---------------------------------------------------------------------------------------------------
# Security groups: functions -> proxy -> database, nothing else reaches 5432
# ---------------------------------------------------------------------------------------------------

resource "aws_security_group" "function" {
  name        = "${var.name_prefix}-function"
  description = "Lambda functions: out to the RDS Proxy on 5432 and to HTTPS (VPC endpoints, NAT)."
  vpc_id      = local.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-function" })

  lifecycle {
    precondition {
      condition     = var.create_vpc || (var.vpc_id != null && length(var.private_subnet_ids) >= 2)
      error_message = "With create_vpc = false, set vpc_id and at least two private_subnet_ids (in different availability zones)."
    }
    # The Amazon Connect API has no VPC endpoint: calls are placed and polled over the internet.
    precondition {
      condition     = !var.require_internet_egress || (var.create_vpc ? var.enable_nat_gateway : var.private_subnets_have_internet_route)
      error_message = "The functions must reach the Amazon Connect API, which has no VPC endpoint: set enable_nat_gateway = true, or with an existing VPC route its private subnets to the internet (a NAT gateway) and say so with private_subnets_have_internet_route = true."
    }
    precondition {
      condition     = !var.create_vpc || var.create_vpc_endpoints || var.enable_nat_gateway
      error_message = "The created VPC gives the functions no way to SQS and Secrets Manager: set create_vpc_endpoints = true or enable_nat_gateway = true."
    }
  }
}

resource "aws_security_group" "proxy" {
  name        = "${var.name_prefix}-rds-proxy"
  description = "RDS Proxy: in from the functions on 5432; out to the database on 5432 and to Secrets Manager on 443."
  vpc_id      = local.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-rds-proxy" })
}

resource "aws_security_group" "database" {
  name        = "${var.name_prefix}-database"
  description = "PostgreSQL: in from the RDS Proxy security group on 5432 only."
  vpc_id      = local.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-database" })
}

resource "aws_security_group" "endpoints" {
  count = var.create_vpc_endpoints ? 1 : 0

  name        = "${var.name_prefix}-vpc-endpoints"
  description = "Interface endpoints (SQS, Secrets Manager): in from the functions and the proxy on 443."
  vpc_id      = local.vpc_id

  tags = merge(var.tags, { Name = "${var.name_prefix}-vpc-endpoints" })
}

resource "aws_vpc_security_group_egress_rule" "function_to_proxy" {
  security_group_id            = aws_security_group.function.id
  description                  = "PostgreSQL to the RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.proxy.id
}

resource "aws_vpc_security_group_egress_rule" "function_https" {
  security_group_id = aws_security_group.function.id
  description       = "HTTPS to AWS APIs (VPC endpoints, or through NAT for Amazon Connect)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_function" {
  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL from the functions"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.function.id
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL to the database"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database.id
}

# The proxy fetches its database credentials from Secrets Manager, through the interface endpoint
# (or NAT); without this rule its target stays unavailable.
resource "aws_vpc_security_group_egress_rule" "proxy_https" {
  security_group_id = aws_security_group.proxy.id
  description       = "HTTPS to Secrets Manager for the proxy's credentials"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the RDS Proxy only"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.proxy.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_function" {
  count = var.create_vpc_endpoints ? 1 : 0

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the functions"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.function.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_proxy" {
  count = var.create_vpc_endpoints ? 1 : 0

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the RDS Proxy (Secrets Manager)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.proxy.id
}

# ---------------------------------------------------------------------------------------------------
# Interface endpoints: the functions reach SQS and Secrets Manager without NAT
# ---------------------------------------------------------------------------------------------------

resource "aws_vpc_endpoint" "interface" {
  for_each = var.create_vpc_endpoints ? toset(["sqs", "secretsmanager"]) : toset([])

  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })
}
