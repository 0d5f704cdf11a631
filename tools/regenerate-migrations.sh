#!/usr/bin/env bash
# Regenerates the state store's initial migrations, for SQLite and for PostgreSQL, from the model in
# src/Fediversity.Orchestrator/State. Run it after changing the entities or StateDbContext, as long as no
# release has shipped: it replaces the migrations instead of adding to them. (After a release, add a new
# migration per database instead: dotnet ef migrations add NAME --context ... --output-dir ...)
# The dotnet-ef tool is installed on first use into DOTNET_EF_TOOL_PATH (default ~/.cache/fediversity/dotnet-ef).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

ef_version=10.0.15
tool_path="${DOTNET_EF_TOOL_PATH:-$HOME/.cache/fediversity/dotnet-ef}"
if ! "$tool_path/dotnet-ef" --version 2>/dev/null | grep -qx "$ef_version"; then
    dotnet tool install --tool-path "$tool_path" dotnet-ef --version "$ef_version" >/dev/null \
        || dotnet tool update --tool-path "$tool_path" dotnet-ef --version "$ef_version" >/dev/null
fi

project=src/Fediversity.Orchestrator
migrations="$project/State/Migrations"
# The old migrations go before the build, so that the new ones are made from the model alone.
rm -rf "${migrations:?}/Sqlite" "${migrations:?}/Postgres"
dotnet build "$project" -c Debug --nologo -v quiet -clp:NoSummary

for database in Sqlite Postgres; do
    "$tool_path/dotnet-ef" migrations add Initial \
        --project "$project" --startup-project "$project" --no-build --configuration Debug \
        --context "${database}StateDbContext" \
        --output-dir "State/Migrations/$database"
done

echo "Regenerated $migrations/Sqlite and $migrations/Postgres; build and run the state store tests."
