namespace Fediversity.Bench.Harness;

/// <summary>Where the Fediversity sources are, for the scripts the benchmarks run.</summary>
public static class Repository
{
    /// <summary>The folder holding Fediversity.slnx: above the benchmark's build, or the working folder.</summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException(
            "Fediversity.slnx was not found above the benchmark or the working folder; run bench/run.sh.");

    /// <summary>
    /// The panel's program (<c>fedipanel.dll</c>), built beside the benchmark in the same configuration: the
    /// benchmark's build builds it, as a project it refers to.
    /// </summary>
    public static string PanelProgram
    {
        get
        {
            var own = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            var (configuration, target) = (own.Parent!.Name, own.Name);
            var path = Path.Combine(Root, "src", "Fediversity.Panel", "bin", configuration, target, "fedipanel.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing; build with bench/run.sh.");
        }
    }

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
