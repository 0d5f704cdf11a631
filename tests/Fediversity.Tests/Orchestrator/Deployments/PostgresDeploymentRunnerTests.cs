using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Deployments;

public sealed class PostgresDeploymentRunnerTests : DeploymentRunnerTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
