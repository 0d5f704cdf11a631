namespace Fediversity.Panel.Hosting;

/// <summary>An exclusive lock between processes on one machine, held by an open file.</summary>
internal sealed class PanelFileLock : IAsyncDisposable
{
    private readonly FileStream stream;

    private PanelFileLock(FileStream stream) => this.stream = stream;

    public static async Task<PanelFileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new PanelFileLock(stream);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
