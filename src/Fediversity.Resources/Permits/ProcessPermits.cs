using System.Collections.Concurrent;

namespace Fediversity.Resources.Permits;

/// <summary>Permits held within this process only: for work that shares nothing with other processes.</summary>
public sealed class ProcessPermits : IPermitSource
{
    private readonly ConcurrentDictionary<(string Name, int Slots), SemaphoreSlim> sets = new();

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(string name, int slots, CancellationToken cancellationToken)
    {
        PermitSlots.Check(name, slots);
        var set = sets.GetOrAdd((name, slots), key => new SemaphoreSlim(key.Slots, key.Slots));
        await set.WaitAsync(cancellationToken);
        return new Permit(set);
    }

    private sealed class Permit(SemaphoreSlim set) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                set.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
