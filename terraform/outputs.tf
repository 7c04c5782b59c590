output "api_url" {
  description = "Base URL of the owner API (append /campaigns, /dnc, ...)."
  value       = module.api.api_url
}

output "rds_proxy_endpoint" {
  description = "Host name of the RDS Proxy, the functions' only database address."
  value       = module.data.rds_proxy_endpoint
}

output "rds_proxy_name" {
  description = "Name of the RDS Proxy."
  value       = module.data.rds_proxy_name
}

output "rds_master_secret_arn" {
  description = "ARN of the secret RDS manages with the master credentials: migrations and administrators only."
  value       = module.data.master_secret_arn
}

output "rds_application_secret_arn" {
  description = "ARN of the secret with the application role's credentials: what the functions and the proxy use."
  value       = module.data.application_secret_arn
}

output "database_writer_endpoint" {
  description = "The database's direct writer endpoint, for administrators only: no function is given it, and the database security group admits only the proxy."
  value       = module.data.database_writer_endpoint
}

output "queue_urls" {
  description = "Main queue URLs by short name (dispatch, enrich, dial, status, report)."
  value       = module.queues.queue_urls
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queue URLs by the short name of their main queue."
  value       = module.queues.dead_letter_queue_urls
}

output "function_names" {
  description = "Lambda function names by key."
  value       = { for key, fn in module.function : key => fn.function_name }
}

output "function_environments" {
  description = "Each function's environment variables by key: the proxy, the secret it reads, the queues it may send to, telephony settings where it calls Amazon Connect. Nothing secret: ARNs and URLs only."
  value       = { for key, fn in module.function : key => fn.environment }
}

output "database_engine" {
  description = "aurora-postgresql (Serverless v2) or postgres (a provisioned instance)."
  value       = module.data.engine
}

output "migrate_function_name" {
  description = "Name of the migration function."
  value       = module.migrate.function_name
}

output "migrate_command" {
  description = "Run this after every apply that changed migrate.jar (prints the migrations applied)."
  value       = module.migrate.invoke_command
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic all alarms notify."
  value       = module.alarms.topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard with the proxy's client and database connections side by side."
  value       = module.alarms.dashboard_name
}

output "vpc_id" {
  description = "The VPC everything runs in."
  value       = module.network.vpc_id
}

output "nat_gateway_id" {
  description = "The NAT gateway, when one was created."
  value       = try(module.network.nat_gateway_id, null)
}
