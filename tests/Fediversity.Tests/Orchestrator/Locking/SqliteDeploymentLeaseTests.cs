using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Locking;

public sealed class SqliteDeploymentLeaseTests : DeploymentLeaseTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}
