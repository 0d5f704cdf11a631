namespace Fediversity.Bench.Harness;

/// <summary>
/// What the state store sent to its database: statements that change rows, commands that change none, and
/// commands of either sort (each one round trip; the commits of transactions are not counted).
/// </summary>
public sealed record StoreCounts(long Writes, long Reads, long Commands)
{
    public static StoreCounts operator -(StoreCounts after, StoreCounts before) =>
        new(after.Writes - before.Writes, after.Reads - before.Reads, after.Commands - before.Commands);
}
