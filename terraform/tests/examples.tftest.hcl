# Every example under examples/ plans and applies against a mocked provider with the values its
# comment asks for. Each example calls this folder as a module (source = "../..").

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  jwt_issuer              = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"
  jwt_audience            = ["example-client"]
  connect_instance_id     = "11111111-2222-3333-4444-555555555555"
  connect_contact_flow_id = "66666666-7777-8888-9999-000000000000"
  artifacts_root          = "tests/fixtures/artifacts"
}

run "example_dev" {
  command = apply

  module {
    source = "./examples/dev"
  }

  assert {
    condition     = output.database_engine == "aurora-postgresql"
    error_message = "examples/dev deploys Aurora Serverless v2."
  }
}

run "example_provisioned_iam" {
  command = apply

  module {
    source = "./examples/provisioned-iam"
  }

  assert {
    condition     = output.database_engine == "postgres" && alltrue([for key, env in output.function_environments : env["DB_IAM_AUTH"] == "true" && !contains(keys(env), "RDS_SECRET_ARN")])
    error_message = "examples/provisioned-iam deploys RDS for PostgreSQL with IAM database authentication."
  }
}

run "example_simulated_existing_vpc" {
  command = apply

  module {
    source = "./examples/simulated-existing-vpc"
  }

  variables {
    vpc_id             = "vpc-0123456789abcdef0"
    private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  }

  assert {
    condition     = output.function_environments["dialer-worker"]["TELEPHONY_PROVIDER"] == "simulated" && !contains(keys(output.function_environments["minute-sweep"]), "TELEPHONY_PROVIDER")
    error_message = "examples/simulated-existing-vpc uses the simulated carrier, in the dialer and status checker only."
  }
}
