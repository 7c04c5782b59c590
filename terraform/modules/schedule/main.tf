# ---------------------------------------------------------------------------------------------------
# The minute sweep: releases scheduled dial tasks and recovers stuck ones (status-checker)
# ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_event_rule" "minute_sweep" {
  name                = "${var.project}-minute-sweep-${var.environment}"
  description         = "Runs ${var.function_name} (release scheduled tasks, recover stuck ones)."
  schedule_expression = var.schedule_expression
  state               = var.enabled ? "ENABLED" : "DISABLED"

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "minute_sweep" {
  rule      = aws_cloudwatch_event_rule.minute_sweep.name
  target_id = "minute-sweep"
  arn       = var.alias_arn

  # A missed sweep is not worth retrying: the next one starts a minute later and does the same work.
  retry_policy {
    maximum_event_age_in_seconds = 60
    maximum_retry_attempts       = 0
  }
}

# EventBridge invokes asynchronously, and Lambda by default retries a failed asynchronous
# invocation twice more: a failed sweep would run again next to the next minute's. The next sweep
# does the same work, so none.
resource "aws_lambda_function_event_invoke_config" "minute_sweep" {
  function_name                = var.function_name
  qualifier                    = var.alias_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 60
}

resource "aws_lambda_permission" "events" {
  statement_id  = "AllowEventBridgeMinuteSweep"
  action        = "lambda:InvokeFunction"
  function_name = var.function_name
  qualifier     = var.alias_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.minute_sweep.arn
}
