namespace Fediversity.Bench.Harness;

/// <summary>Commands sent to the state store's database: writes, reads, and SaveChanges transactions.</summary>
public sealed record StoreCounts(long Writes, long Reads, long Saves)
{
    public static StoreCounts operator -(StoreCounts after, StoreCounts before) =>
        new(after.Writes - before.Writes, after.Reads - before.Reads, after.Saves - before.Saves);
}
