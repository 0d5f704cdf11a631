[assembly: AssemblyFixture(typeof(Fediversity.Tests.TestSupport.PostgresServerLifetime))]

namespace Fediversity.Tests.TestSupport;

/// <summary>Stops the tests' PostgreSQL server, if one was started, when the tests end.</summary>
public sealed class PostgresServerLifetime : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgresServer.StopIfStartedAsync();
}
