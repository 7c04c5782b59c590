# ---------------------------------------------------------------------------------------------------
# One dead-letter queue and one main queue per entry of var.queues
# ---------------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "dlq" {
  for_each = var.queues

  name                      = "${var.project}-${each.key}-dlq-${var.environment}"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  tags = merge(var.tags, { Queue = each.key, Role = "dead-letter" })
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = "${var.project}-${each.key}-${var.environment}"
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  })

  tags = merge(var.tags, { Queue = each.key, Consumer = each.value.consumer_module })

  lifecycle {
    # AWS: a Lambda-consumed queue's visibility timeout should be at least 6 x the function
    # timeout, or messages in flight are delivered again while the first invocation still runs.
    precondition {
      condition     = each.value.visibility_timeout_seconds >= 6 * each.value.consumer_timeout_seconds
      error_message = "Queue ${each.key}: visibility_timeout_seconds must be at least 6 x consumer_timeout_seconds."
    }
    precondition {
      condition     = each.value.max_receive_count >= 5
      error_message = "Queue ${each.key}: max_receive_count must be at least 5, so a throttled or briefly failing consumer does not send good messages to the DLQ."
    }
  }
}

# Only the matching main queue may use each DLQ as its dead-letter target.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each = var.queues

  queue_url = aws_sqs_queue.dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}
