namespace Fediversity.Bench.Harness;

/// <summary>Where the Fediversity sources are, for the scripts the benchmarks run.</summary>
public static class Repository
{
    /// <summary>The folder holding Fediversity.slnx: above the benchmark's build, or the working folder.</summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException(
            "Fediversity.slnx was not found above the benchmark or the working folder; run bench/run.sh.");

    private static string? Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Fediversity.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
