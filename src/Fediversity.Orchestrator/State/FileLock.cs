namespace Fediversity.Orchestrator.State;

/// <summary>An exclusive lock between processes on one machine, held by an open file.</summary>
public sealed class FileLock : IAsyncDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    /// <summary>Waits until no other process holds the lock on <paramref name="path"/>, then holds it.</summary>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
