terraform {
  # 1.9: variable validations that compare variables (the Connect route out, the borrow timeout);
  # the native tests (tests/*.tftest.hcl) use mock_provider (1.7).
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81 is the first 5.x release with Aurora Serverless v2 scale-to-zero (min_capacity = 0 and
      # seconds_until_auto_pause). The cap lives here only: the modules state their floor and
      # leave the ceiling to whoever calls them.
      version = ">= 5.81.0, < 6.0.0"
    }
  }
}
