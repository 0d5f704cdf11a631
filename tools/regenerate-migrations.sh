#!/usr/bin/env bash
# Regenerates the initial migrations, for SQLite and for PostgreSQL, of the orchestrator's state store (from the
# model in src/Fediversity.Orchestrator/State) and of the panel's own data (src/Fediversity.Panel/Data). Run it
# after changing the entities or a DbContext, as long as no release has shipped: it replaces the migrations
# instead of adding to them. (After a release, add a new migration per database instead:
# dotnet ef migrations add NAME --project ... --context ... --output-dir ...)
# With arguments, regenerates only the named parts: state, panel.
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

# regenerate PROJECT FOLDER CONTEXT_SUFFIX: remakes PROJECT/FOLDER/Migrations/{Sqlite,Postgres}.
regenerate() {
    local project="$1" folder="$2" suffix="$3"
    local migrations="$project/$folder/Migrations"
    # The old migrations go before the build, so that the new ones are made from the model alone.
    rm -rf "${migrations:?}/Sqlite" "${migrations:?}/Postgres"
    dotnet build "$project" -c Debug --nologo -v quiet -clp:NoSummary

    for database in Sqlite Postgres; do
        "$tool_path/dotnet-ef" migrations add Initial \
            --project "$project" --startup-project "$project" --no-build --configuration Debug \
            --context "${database}${suffix}" \
            --output-dir "$folder/Migrations/$database"
    done
    echo "Regenerated $migrations/Sqlite and $migrations/Postgres."
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(state panel)
for part in "${parts[@]}"; do
    case "$part" in
        state) regenerate src/Fediversity.Orchestrator State StateDbContext ;;
        panel) regenerate src/Fediversity.Panel Data PanelDbContext ;;
        *) echo "Unknown part '$part'; name state, panel or nothing (both)." >&2; exit 2 ;;
    esac
done
echo "Build and run the migrations tests: dotnet test tests/Fediversity.Tests --filter FullyQualifiedName~Migrations"
