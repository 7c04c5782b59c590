# Configurations that would deploy a broken system are refused at plan time.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  environment             = "test"
  jwt_issuer              = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"
  jwt_audience            = ["example-client"]
  connect_instance_id     = "11111111-2222-3333-4444-555555555555"
  connect_contact_flow_id = "66666666-7777-8888-9999-000000000000"
  artifacts_root          = "tests/fixtures/artifacts"
}

run "connect_calls_need_a_route_out" {
  command = plan

  variables {
    enable_nat_gateway = false
  }

  expect_failures = [var.enable_nat_gateway]
}

run "an_existing_vpc_must_say_it_routes_out_for_connect" {
  command = plan

  variables {
    create_vpc         = false
    vpc_id             = "vpc-0123456789abcdef0"
    private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  }

  expect_failures = [var.private_subnets_have_internet_route]
}

run "the_borrow_timeout_stays_below_every_function_timeout" {
  command = plan

  variables {
    rds_proxy_connection_borrow_timeout = 30
  }

  expect_failures = [var.rds_proxy_connection_borrow_timeout]
}

run "the_simulated_carrier_needs_no_connect_and_no_route_out" {
  command = apply

  variables {
    telephony_provider      = "simulated"
    connect_instance_id     = ""
    connect_contact_flow_id = ""
    enable_nat_gateway      = false
  }

  assert {
    condition     = output.function_environments["dialer-worker"]["TELEPHONY_PROVIDER"] == "simulated" && output.function_environments["status-checker"]["TELEPHONY_PROVIDER"] == "simulated"
    error_message = "Both telephony functions use the simulated carrier."
  }

  assert {
    condition     = alltrue([for key, fn in module.function : length(fn.extra_policy_statements) == 0])
    error_message = "Without Connect no function may call it."
  }

  assert {
    condition     = output.nat_gateway_id == null
    error_message = "No NAT gateway is created."
  }
}
