using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Panel;

/// <summary>The authorization tests with the panel's data in PostgreSQL.</summary>
public sealed class PanelAuthorizationOnPostgresTests() : PanelAuthorizationTests(StoreKind.Postgres);
