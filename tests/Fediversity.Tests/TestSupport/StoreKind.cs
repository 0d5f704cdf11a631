namespace Fediversity.Tests.TestSupport;

/// <summary>The databases the state store runs on, each of which the store tests run against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
