using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Orchestrator.Permits;

public sealed class SqlitePermitsTests : PermitsTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}
