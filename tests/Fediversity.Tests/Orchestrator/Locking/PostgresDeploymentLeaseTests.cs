using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Locking;

public sealed class PostgresDeploymentLeaseTests : DeploymentLeaseTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
