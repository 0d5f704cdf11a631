using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Deployments;

public sealed class SqliteDeploymentRunnerTests : DeploymentRunnerTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}
