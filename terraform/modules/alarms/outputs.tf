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
    dlq_messages_visible     = { for key, alarm in aws_cloudwatch_metric_alarm.dlq_messages_visible : key => alarm.alarm_name }
    queue_oldest_message_age = { for key, alarm in aws_cloudwatch_metric_alarm.queue_oldest_message_age : key => alarm.alarm_name }
    lambda_errors            = { for key, alarm in aws_cloudwatch_metric_alarm.lambda_errors : key => alarm.alarm_name }
    lambda_throttles         = { for key, alarm in aws_cloudwatch_metric_alarm.lambda_throttles : key => alarm.alarm_name }
  }
}
