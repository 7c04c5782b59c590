# ---------------------------------------------------------------------------------------------------
# Amazon Connect contact events -> the status queue
# ---------------------------------------------------------------------------------------------------
# Connect publishes "Amazon Connect Contact Event" (source aws.connect) to the account's default
# event bus, best effort (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html,
# https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-connect.html). This rule sends this
# instance's DISCONNECTED events (how a call ended) and CONNECTED_TO_SYSTEM events (the answering
# machine verdict) to the status queue, where status-checker maps them through the same outcome
# table as DescribeContact. Polling stays as the fallback for lost events (CONNECT_CONTACT_EVENTS).

locals {
  connect_contact_events = local.connect_enabled && var.connect_contact_events
}

resource "aws_cloudwatch_event_rule" "connect_contact_events" {
  count = local.connect_contact_events ? 1 : 0

  name        = "${local.name_prefix}-connect-contact-events"
  description = "Amazon Connect contact events of this instance's calls (DISCONNECTED, CONNECTED_TO_SYSTEM) to the status queue."
  # Every contact event lists the instance's ARN among its resources (and as detail.instanceArn).
  event_pattern = jsonencode({
    source        = ["aws.connect"]
    "detail-type" = ["Amazon Connect Contact Event"]
    resources     = [local.connect_instance_arn]
    detail = {
      eventType = ["DISCONNECTED", "CONNECTED_TO_SYSTEM"]
    }
  })

  tags = local.common_tags
}

resource "aws_cloudwatch_event_target" "connect_contact_events" {
  count = local.connect_contact_events ? 1 : 0

  rule      = aws_cloudwatch_event_rule.connect_contact_events[0].name
  target_id = "status-queue"
  # The event's JSON is the message body, which status-checker reads next to its own messages.
  arn = module.queues.queue_arns["status"]

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 185
  }
}

# Only this rule may send to the status queue through EventBridge.
resource "aws_sqs_queue_policy" "status_from_connect_events" {
  count = local.connect_contact_events ? 1 : 0

  queue_url = module.queues.queue_urls["status"]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ConnectContactEventsFromEventBridge"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = module.queues.queue_arns["status"]
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.connect_contact_events[0].arn } }
    }]
  })
}

output "connect_contact_events_rule_arn" {
  description = "The EventBridge rule that sends this instance's contact events to the status queue (null when off)."
  value       = try(aws_cloudwatch_event_rule.connect_contact_events[0].arn, null)
}
