namespace Fediversity.Tests.Providers.Rfc2136;

/// <summary>The tests that share one BIND server.</summary>
[CollectionDefinition(Name)]
public sealed class BindCollection : ICollectionFixture<BindServer>
{
    public const string Name = "BIND server";
}
