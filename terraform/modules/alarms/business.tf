# ---------------------------------------------------------------------------------------------------
# Business metrics: what the functions publish in CloudWatch Embedded Metric Format (namespace
# CampaignDialer, dimension FunctionName = the function's name in the code, plus Outcome on
# CallOutcomes; see common-core's BusinessMetrics). Alarms for what on-call must hear about even
# when every proxy, queue and Lambda metric looks healthy, and dashboard widgets beside the proxy's.
# The runbook line of each alarm is its description (README: "What on-call sees").
# ---------------------------------------------------------------------------------------------------

locals {
  business_namespace = "CampaignDialer"
  call_outcomes      = ["ANSWERED", "VOICEMAIL", "BUSY", "NO_ANSWER", "FAILED"]

  # Metric-math alarms over business metrics, in main.tf's expression_alarms shape (its resource
  # creates them): query id => metric, plus helper expressions.
  business_alarms = {
    placement-failures = {
      expression          = "IF(placed + failed >= ${var.placement_failures_min_calls}, 100 * failed / (placed + failed), 0)"
      label               = "Failed placements as % of placement tries"
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.placement_failures_percent_threshold
      period              = 300
      evaluation_periods  = 3
      datapoints_to_alarm = 3
      metrics = {
        placed = { namespace = local.business_namespace, name = "CallsPlaced", dimensions = { FunctionName = "dialer-worker" }, stat = "Sum" }
        failed = { namespace = local.business_namespace, name = "PlacementFailures", dimensions = { FunctionName = "dialer-worker" }, stat = "Sum" }
      }
      helpers     = {}
      description = "Runbook: calls are failing to start. Check dialer-worker's log for 'placing the call failed' (Connect's error code), Connect's service health and the instance's outbound settings (caller ID, contact flow); tasks that fail 5 times end FAILED / PLACEMENT_FAILED."
    }
    connect-throttling = {
      expression          = "throttles"
      label               = "StartOutboundVoiceContact answered 429"
      comparison_operator = "GreaterThanThreshold"
      threshold           = 0
      period              = 60
      evaluation_periods  = var.connect_throttling_minutes
      datapoints_to_alarm = var.connect_throttling_minutes
      metrics = {
        throttles = { namespace = local.business_namespace, name = "ConnectThrottles", dimensions = { FunctionName = "dialer-worker" }, stat = "Sum" }
      }
      helpers     = {}
      description = "Runbook: Connect has throttled call placement every minute for a while: the fleet's CONNECT_START_RPS/BURST exceed the account's StartOutboundVoiceContact quota (or another system shares it). Lower connect_start_rps to the quota, or request a quota increase; calls are delayed, not lost."
    }
    answer-rate-collapse = {
      expression          = "IF(total >= ${var.answer_rate_min_calls}, 100 * answered / total, 100)"
      label               = "Answered calls as % of finished calls (30 min)"
      comparison_operator = "LessThanThreshold"
      threshold           = var.answer_rate_percent_threshold
      period              = 1800
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      metrics = { for outcome in local.call_outcomes : lower(outcome) => {
        namespace = local.business_namespace, name = "CallOutcomes", dimensions = { FunctionName = "status-checker", Outcome = outcome }, stat = "Sum" }
      }
      # "total": the sum of the outcomes the expression divides by.
      helpers     = { total = join(" + ", [for outcome in local.call_outcomes : lower(outcome)]) }
      description = "Runbook: almost no call is answered (at least ${var.answer_rate_min_calls} calls in 30 minutes). Look at the outcome mix on the dashboard: all FAILED points at Connect or the caller ID (blocked or flagged as spam), all NO_ANSWER at the contact flow or the ring timeout. Pause the affected campaigns (POST /campaigns/{id}/pause) while investigating."
    }
  }

  business_widget_metrics = {
    calls = [
      [local.business_namespace, "CallsPlaced", "FunctionName", "dialer-worker"],
      [local.business_namespace, "PlacementFailures", "FunctionName", "dialer-worker"],
      [local.business_namespace, "ConnectThrottles", "FunctionName", "dialer-worker"],
    ]
    outcomes = [
      for outcome in local.call_outcomes : [local.business_namespace, "CallOutcomes", "FunctionName", "status-checker", "Outcome", outcome]
    ]
    deferrals = [
      [local.business_namespace, "WindowDeferrals", "FunctionName", "enrich-dial-task"],
      [local.business_namespace, "WindowDeferrals", "FunctionName", "dialer-worker"],
      [local.business_namespace, "PacingDeferrals", "FunctionName", "dialer-worker"],
      [local.business_namespace, "DncSuppressions", "FunctionName", "dialer-worker"],
    ]
    campaigns = [
      [local.business_namespace, "CampaignsAccepted", "FunctionName", "validate-campaign"],
      [local.business_namespace, "CampaignsCompleted", "FunctionName", "report-generator"],
      [local.business_namespace, "CampaignsCancelled", "FunctionName", "report-generator"],
    ]
  }

  business_widgets = [
    for index, widget in [
      { title = "Calls: placed, failed placements, Connect throttles", metrics = local.business_widget_metrics.calls },
      { title = "Call outcomes", metrics = local.business_widget_metrics.outcomes },
      { title = "Window and pacing deferrals, DNC suppressions", metrics = local.business_widget_metrics.deferrals },
      { title = "Campaigns accepted, completed, cancelled", metrics = local.business_widget_metrics.campaigns },
      ] : {
      type   = "metric"
      x      = (index % 2) * 12
      y      = 24 + floor(index / 2) * 6
      width  = 12
      height = 6
      properties = {
        title   = widget.title
        region  = local.region
        stat    = "Sum"
        period  = 300
        metrics = widget.metrics
      }
    }
  ]
}

# The business alarms were their own resource before they joined main.tf's expression alarms.
moved {
  from = aws_cloudwatch_metric_alarm.business["placement-failures"]
  to   = aws_cloudwatch_metric_alarm.expression["placement-failures"]
}

moved {
  from = aws_cloudwatch_metric_alarm.business["connect-throttling"]
  to   = aws_cloudwatch_metric_alarm.expression["connect-throttling"]
}

moved {
  from = aws_cloudwatch_metric_alarm.business["answer-rate-collapse"]
  to   = aws_cloudwatch_metric_alarm.expression["answer-rate-collapse"]
}

# Calls not being placed at all: the dial queue's oldest message. Dial messages wait by design (a
# window's opening up to SQS's 15-minute delay, pacing re-sends), so the threshold is above that.
resource "aws_cloudwatch_metric_alarm" "dial_queue_oldest_message" {
  for_each = { for key, name in var.queue_names : key => name if key == "dial" }

  alarm_name          = "${local.name_prefix}-dial-queue-stalled"
  alarm_description   = "Runbook: the dial queue's oldest message is older than ${var.dial_queue_oldest_message_seconds} s: dialer-worker is failing, throttled, or every campaign is at maxConcurrentCalls with calls that never finish (check status-checker and contact events). See dialer-worker's errors and the Calls widget."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.dial_queue_oldest_message_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}
