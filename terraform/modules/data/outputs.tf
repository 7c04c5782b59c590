output "rds_proxy_endpoint" {
  description = "Host name of the RDS Proxy: the only database address the functions get."
  value       = aws_db_proxy.this.endpoint
}

output "rds_proxy_name" {
  description = "Name of the RDS Proxy (the ProxyName dimension of its CloudWatch metrics)."
  value       = aws_db_proxy.this.name
}

output "rds_proxy_arn" {
  description = "ARN of the RDS Proxy."
  value       = aws_db_proxy.this.arn
}

output "rds_proxy_resource_id" {
  description = "The proxy's resource id (prx-...), used in rds-db:connect ARNs for IAM authentication."
  value       = element(split(":", aws_db_proxy.this.arn), 6)
}

output "rds_proxy_target_id" {
  description = "The proxy target (database registered in the default target group); depend on it before using the database."
  value       = aws_db_proxy_target.this.id
}

output "master_secret_arn" {
  description = "ARN of the secret RDS manages with the master credentials (migrations only)."
  value       = local.master_secret_arn
}

output "master_username" {
  description = "The master user name."
  value       = var.master_username
}

output "application_secret_arn" {
  description = "ARN of the secret with the application role's credentials: what the functions and the proxy use."
  value       = aws_secretsmanager_secret.application.arn
}

output "application_username" {
  description = "The functions' database role."
  value       = var.application_username
}

output "database_name" {
  description = "Name of the application database."
  value       = var.database_name
}

output "database_identifier" {
  description = "Cluster identifier (Aurora) or instance identifier (RDS for PostgreSQL)."
  value       = local.identifier
}

output "database_writer_endpoint" {
  description = "Direct writer endpoint, for administrators only (reachable from the proxy security group, never given to a function)."
  value       = try(aws_rds_cluster.this[0].endpoint, aws_db_instance.this[0].address, null)
}

output "engine" {
  description = "The database engine deployed: aurora-postgresql (Serverless v2) or postgres (a provisioned instance)."
  value       = local.aurora ? aws_rds_cluster.this[0].engine : aws_db_instance.this[0].engine
}

output "rds_proxy_require_tls" {
  description = "Whether the proxy refuses clients without TLS (always true)."
  value       = aws_db_proxy.this.require_tls
}

output "rds_proxy_auth" {
  description = "The proxy's auth entries: which secret each login uses and whether it requires an IAM token."
  value       = aws_db_proxy.this.auth
}

output "connection_pool_config" {
  description = "The default target group's pool settings (borrow timeout, max and idle connection percentages, pinning filters)."
  value       = aws_db_proxy_default_target_group.this.connection_pool_config[0]
}
