output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "version" {
  description = "The latest published version."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Name of the alias every trigger invokes."
  value       = aws_lambda_alias.this.name
}

output "alias_arn" {
  description = "ARN of the alias."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the alias, for API Gateway integrations."
  value       = aws_lambda_alias.this.invoke_arn
}

output "role_arn" {
  description = "ARN of the function's IAM role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "The function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "event_source_mapping_uuid" {
  description = "The SQS event source mapping, when the function consumes a queue."
  value       = try(aws_lambda_event_source_mapping.this[0].uuid, null)
}

output "environment" {
  description = "The function's environment variables (what its code may read: the proxy, its secrets, its queues)."
  value       = local.environment
}

output "granted_secret_arns" {
  description = "The secrets the role may read (secretsmanager:GetSecretValue)."
  value       = sort(values(var.secret_arns))
}

output "granted_send_queue_arns" {
  description = "The queues the role may send to (sqs:SendMessage), by short name."
  value       = var.send_queue_arns
}

output "extra_policy_statements" {
  description = "The further statements of its role (for example Amazon Connect), as given."
  value       = var.extra_policy_statements
}

output "rds_db_connect_arn" {
  description = "The rds-db:connect resource the role may use (IAM authentication), or null."
  value       = var.db_iam_auth ? local.rds_db_user_arn : null
}
