#!/usr/bin/env bash
# Checks this Terraform with Terraform itself, offline: `terraform init` from a filesystem mirror of
# the hashicorp/aws provider (no registry), `terraform fmt -check`, `terraform validate` and
# `terraform test` (tests/*.tftest.hcl: the default deployment, a provisioned instance with IAM
# database authentication, every example and the refused configurations, against a mocked provider).
#
#   terraform/check.sh                 # finds the mirror itself
#   TF_PLUGIN_DIR=/path terraform/check.sh   # the folder that holds registry.terraform.io/
#
# Under CI=true a missing terraform or mirror fails; elsewhere it is skipped with a message saying
# what to install. .ci/run calls this after the Maven build.
set -euo pipefail
cd "$(dirname "$0")"

missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "terraform-check: FAILED: $1" >&2
    exit 1
  fi
  echo "terraform-check: skipped: $1" >&2
  exit 0
}

command -v terraform >/dev/null 2>&1 ||
  missing "terraform is not on the PATH. Install Terraform 1.9 or newer (https://developer.hashicorp.com/terraform/install)."

# The provider comes from a filesystem mirror, found rather than assumed: TF_PLUGIN_DIR if given,
# else wherever this machine keeps registry.terraform.io/hashicorp/aws/<version>/<os_arch>/.
plugin_dir="${TF_PLUGIN_DIR:-}"
if [ -z "$plugin_dir" ]; then
  provider=$(find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o \
    -path '*registry.terraform.io/hashicorp/aws*' -name 'terraform-provider-aws*' -print 2>/dev/null | head -n 1 || true)
  [ -n "$provider" ] ||
    missing "no filesystem mirror of the hashicorp/aws provider was found (a file terraform-provider-aws* under .../registry.terraform.io/hashicorp/aws/<version>/<os_arch>/). Provide one, e.g. with 'terraform providers mirror <dir>' where the registry is reachable, and point TF_PLUGIN_DIR at <dir>."
  plugin_dir="${provider%%/registry.terraform.io/*}"
fi
[ -d "$plugin_dir/registry.terraform.io/hashicorp/aws" ] ||
  missing "$plugin_dir holds no registry.terraform.io/hashicorp/aws/ (TF_PLUGIN_DIR must name the folder above registry.terraform.io)."
echo "terraform-check: $(terraform version | head -n 1), provider mirror $plugin_dir"

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# A configured CLI file that does not exist only adds a warning to every command.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi
# A working directory of its own: a developer's terraform/.terraform (backend, other plugins) stays untouched.
TF_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/terraform-check.XXXXXX")
export TF_DATA_DIR
trap 'rm -rf "$TF_DATA_DIR"' EXIT

start=$(date +%s)
# -lockfile=readonly: the committed .terraform.lock.hcl must already allow the mirror's provider.
terraform init -backend=false -plugin-dir="$plugin_dir" -lockfile=readonly -input=false -no-color >/dev/null ||
  { echo "terraform-check: terraform init failed (see above). If the mirror holds another provider version than .terraform.lock.hcl, update the lock file: terraform init -backend=false -plugin-dir=$plugin_dir -upgrade" >&2; exit 1; }
terraform fmt -check -recursive -diff
terraform validate -no-color
terraform test -no-color
echo "terraform-check: init, fmt, validate and test passed in $(($(date +%s) - start)) s"
