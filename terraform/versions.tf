terraform {
  # 1.6: variable validation and lifecycle preconditions as used here, `check`-free.
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81 is the first 5.x release with Aurora Serverless v2 scale-to-zero
      # (min_capacity = 0 and seconds_until_auto_pause).
      version = ">= 5.81.0, < 6.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6.0, < 4.0.0"
    }
  }
}
