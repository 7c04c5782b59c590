output "rule_name" {
  description = "Name of the EventBridge rule."
  value       = aws_cloudwatch_event_rule.minute_sweep.name
}

output "rule_arn" {
  description = "ARN of the EventBridge rule."
  value       = aws_cloudwatch_event_rule.minute_sweep.arn
}

output "maximum_retry_attempts" {
  description = "Lambda's retries of a failed sweep invocation (0: the next minute's sweep does the same work)."
  value       = aws_lambda_function_event_invoke_config.minute_sweep.maximum_retry_attempts
}
