using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fediversity.Orchestrator.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounting",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Address = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    UsageJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    StartedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    KeepUntilMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Actor = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Environment = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AtMs = table.Column<long>(type: "bigint", nullable: false),
                    RemovedJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AccountingKeptUntilMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Environment = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "drift",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Address = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Gone = table.Column<bool>(type: "boolean", nullable: false),
                    ChangesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DetectedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drift", x => new { x.Deployment, x.Address });
                });

            migrationBuilder.CreateTable(
                name: "journal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Address = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Operation = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Handle = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    StartedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Error = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Holder = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Machine = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    AcquiredAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leases", x => x.Deployment);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Address = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    InputsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OutputsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DependenciesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Retained = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => new { x.Deployment, x.Address });
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Deployment = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Command = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Holder = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    StartedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryJson = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounting_Deployment_Address_EndedAtMs",
                table: "accounting",
                columns: new[] { "Deployment", "Address", "EndedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_accounting_KeepUntilMs",
                table: "accounting",
                column: "KeepUntilMs");

            migrationBuilder.CreateIndex(
                name: "IX_audit_Deployment",
                table: "audit",
                column: "Deployment");

            migrationBuilder.CreateIndex(
                name: "IX_journal_Deployment_EndedAtMs",
                table: "journal",
                columns: new[] { "Deployment", "EndedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_Deployment",
                table: "runs",
                column: "Deployment");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounting");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "drift");

            migrationBuilder.DropTable(
                name: "journal");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "settings");
        }
    }
}
