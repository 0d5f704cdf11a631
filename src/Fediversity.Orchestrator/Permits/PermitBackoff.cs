namespace Fediversity.Orchestrator.Permits;

/// <summary>
/// The pauses between tries for a slot held in another process: short at first, so a freed slot is taken
/// soon, then longer, so that many waiters do not keep the database or the disk busy. Each pause is
/// shortened by a random part, so waiters that began together do not try together.
/// </summary>
internal sealed class PermitBackoff(TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(200);

    private TimeSpan next = First;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var pause = next * (0.5 + (Random.Shared.NextDouble() / 2));
        next = next * 2 < Longest ? next * 2 : Longest;
        await Task.Delay(pause, time, cancellationToken);
    }
}
