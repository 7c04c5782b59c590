output "vpc_id" {
  description = "The VPC everything runs in."
  value       = local.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets for the functions, the proxy and the database."
  value       = local.private_subnet_ids
}

output "function_security_group_id" {
  description = "Security group of every Lambda function."
  value       = aws_security_group.function.id
}

output "proxy_security_group_id" {
  description = "Security group of the RDS Proxy."
  value       = aws_security_group.proxy.id
}

output "database_security_group_id" {
  description = "Security group of the database (reachable from the proxy only)."
  value       = aws_security_group.database.id
}

output "nat_gateway_id" {
  description = "The NAT gateway, when one was created."
  value       = try(aws_nat_gateway.this[0].id, null)
}

output "vpc_endpoint_ids" {
  description = "Interface endpoint ids by service (sqs, secretsmanager)."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}
