using Fediversity.Orchestrator.State;
using Microsoft.Extensions.Time.Testing;

namespace Fediversity.Tests.TestSupport;

/// <summary>A real SQLite state store in a temporary folder, on a fake clock.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory folder;

    private TestStore(TempDirectory folder, StateStore store, FakeTimeProvider time)
    {
        this.folder = folder;
        Store = store;
        Time = time;
    }

    public StateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public string Directory => folder.Path;

    public static async Task<TestStore> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = await StateStore.OpenSqliteAsync(folder.Path, time, cancellationToken);
        return new TestStore(folder, store, time);
    }

    /// <summary>Another store over the same files, as a second process would open it.</summary>
    public Task<StateStore> OpenAgainAsync(TimeProvider time, CancellationToken cancellationToken) =>
        StateStore.OpenSqliteAsync(folder.Path, time, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
