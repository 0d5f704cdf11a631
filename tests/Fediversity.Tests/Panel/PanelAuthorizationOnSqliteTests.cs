using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Panel;

/// <summary>The authorization tests with the panel's data in SQLite files.</summary>
public sealed class PanelAuthorizationOnSqliteTests() : PanelAuthorizationTests(StoreKind.Sqlite);
