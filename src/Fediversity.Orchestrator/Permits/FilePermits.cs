using Fediversity.Resources.Permits;

namespace Fediversity.Orchestrator.Permits;

/// <summary>
/// Permits shared by every process on this machine using one state folder: slot <c>i</c> of a set is an
/// exclusive lock on a file of its own under <c>permits/</c>, held by the open file. The system drops the
/// lock of a process that dies. Waiters of this process queue in memory first, so that only as many as there
/// are slots try the files. The pauses between tries run on <paramref name="time"/>, the system clock by
/// default: they wait for other processes, which a test's clock does not move.
/// </summary>
public sealed class FilePermits(string directory, TimeProvider? time = null) : IPermitSource
{
    private readonly ProcessPermits local = new();

    /// <summary>The folder the slot files are in.</summary>
    public string Folder { get; } = Path.Combine(directory, "permits");

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(string name, int slots, CancellationToken cancellationToken)
    {
        PermitSlots.Check(name, slots);
        var inProcess = await local.AcquireAsync(name, slots, cancellationToken);
        try
        {
            Directory.CreateDirectory(Folder);
            var backoff = new PermitBackoff(time ?? TimeProvider.System);
            var first = Random.Shared.Next(slots);
            while (true)
            {
                for (var i = 0; i < slots; i++)
                {
                    if (TryLock(Path.Combine(Folder, PermitSlots.FileName(name, (first + i) % slots))) is { } held)
                    {
                        return new Permit(held, inProcess);
                    }
                }

                await backoff.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            await inProcess.DisposeAsync();
            throw;
        }
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class Permit(FileStream held, IAsyncDisposable inProcess) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                await held.DisposeAsync();
                await inProcess.DisposeAsync();
            }
        }
    }
}
