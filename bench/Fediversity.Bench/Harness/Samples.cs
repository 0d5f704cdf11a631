namespace Fediversity.Bench.Harness;

/// <summary>
/// Repeated timings of one thing, in seconds. The benchmarks here each time a whole apply or a whole fleet
/// pass: one sample takes from a second to many minutes, touches files, SQLite and the thread pool, and
/// varies with the machine's other load far more than with the nanoseconds a micro-benchmark library
/// resolves. So they are timed with a Stopwatch around the real call, after warm-up runs (the JIT, EF
/// Core's model, SQLite's caches), over a few repetitions, and reported as the median with the spread.
/// </summary>
public sealed record Samples(IReadOnlyList<double> Seconds)
{
    public double Median
    {
        get
        {
            var sorted = Seconds.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Seconds.Min();

    public double Max => Seconds.Max();

    /// <summary>Runs <paramref name="warmups"/> untimed runs, then times <paramref name="repetitions"/> more.</summary>
    public static async Task<Samples> TakeAsync(int warmups, int repetitions, Func<int, Task<double>> run)
    {
        for (var i = 0; i < warmups; i++)
        {
            await run(-1 - i);
        }

        var seconds = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            seconds.Add(await run(i));
        }

        return new Samples(seconds);
    }
}
