output "function_name" {
  description = "Name of the migration function."
  value       = module.function.function_name
}

output "alias_name" {
  description = "Alias to invoke."
  value       = module.function.alias_name
}

output "invoke_command" {
  description = "AWS CLI command that runs the migrations and prints the result."
  value       = "aws lambda invoke --function-name ${module.function.function_name} --qualifier ${module.function.alias_name} --cli-binary-format raw-in-base64-out --payload '{}' /dev/stdout"
}

output "result" {
  description = "What the migration returned when run_on_apply is on."
  value       = try(jsondecode(aws_lambda_invocation.migrate[0].result), null)
}

output "environment" {
  description = "The migration function's environment variables."
  value       = module.function.environment
}

output "granted_secret_arns" {
  description = "The secrets the migration function may read."
  value       = module.function.granted_secret_arns
}
