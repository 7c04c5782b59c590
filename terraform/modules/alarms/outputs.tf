output "topic_arn" {
  description = "ARN of the SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "alarm_names" {
  description = "Every alarm by kind and key."
  value = {
    proxy                    = { for key, alarm in aws_cloudwatch_metric_alarm.proxy : key => alarm.alarm_name }
    expression               = { for key, alarm in aws_cloudwatch_metric_alarm.expression : key => alarm.alarm_name if contains(keys(local.expression_alarms), key) }
    dlq_messages_visible     = { for key, alarm in aws_cloudwatch_metric_alarm.dlq_messages_visible : key => alarm.alarm_name }
    queue_oldest_message_age = { for key, alarm in aws_cloudwatch_metric_alarm.queue_oldest_message_age : key => alarm.alarm_name }
    lambda_errors            = { for key, alarm in aws_cloudwatch_metric_alarm.lambda_errors : key => alarm.alarm_name }
    lambda_throttles         = { for key, alarm in aws_cloudwatch_metric_alarm.lambda_throttles : key => alarm.alarm_name }
    business                 = { for key, alarm in aws_cloudwatch_metric_alarm.expression : key => alarm.alarm_name if contains(keys(local.business_alarms), key) }
    dial_queue_stalled       = { for key, alarm in aws_cloudwatch_metric_alarm.dial_queue_oldest_message : key => alarm.alarm_name }
  }
}

output "proxy_alarms" {
  description = "The RDS Proxy alarms by key, whole (metric, statistic, threshold, periods): for tests and other modules."
  value       = aws_cloudwatch_metric_alarm.proxy
}

output "expression_alarms" {
  description = "The metric-math alarms by key, whole."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.expression : key => alarm if contains(keys(local.expression_alarms), key) }
}

output "business_alarms" {
  description = "The business-metric alarms (placement failures, Connect throttling, answer-rate collapse) by key, whole."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.expression : key => alarm if contains(keys(local.business_alarms), key) }
}
