using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Permits;

public sealed class PostgresPermitsTests : PermitsTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
