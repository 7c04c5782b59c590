output "api_id" {
  description = "Id of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_url" {
  description = "Base URL of the API (the $default stage)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "execution_arn" {
  description = "Execution ARN of the API."
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "access_log_group_name" {
  description = "Log group of the stage's access log."
  value       = aws_cloudwatch_log_group.access.name
}

output "route_keys" {
  description = "Every route the API serves."
  value       = sort(keys(aws_apigatewayv2_route.this))
}
