output "queue_urls" {
  description = "Main queue URLs by short name."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.url }
}

output "queue_arns" {
  description = "Main queue ARNs by short name."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.arn }
}

output "queue_names" {
  description = "Main queue names by short name."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.name }
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queue URLs by the short name of their main queue."
  value       = { for key, queue in aws_sqs_queue.dlq : key => queue.url }
}

output "dead_letter_queue_arns" {
  description = "Dead-letter queue ARNs by the short name of their main queue."
  value       = { for key, queue in aws_sqs_queue.dlq : key => queue.arn }
}

output "dead_letter_queue_names" {
  description = "Dead-letter queue names by the short name of their main queue."
  value       = { for key, queue in aws_sqs_queue.dlq : key => queue.name }
}
