using System.Runtime.InteropServices;

namespace Fediversity.Bench.Reporting;

/// <summary>The machine the figures came from.</summary>
public sealed record Machine(int Processors, double MemoryGiB, string Cpu, string OperatingSystem, string Runtime)
{
    public static Machine Current() => new(
        Environment.ProcessorCount,
        Math.Round(MemoryKiB() / (1024.0 * 1024.0), 1),
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() =>
        $"{Processors} cores, {MemoryGiB} GiB, {Cpu}, {OperatingSystem}, {Runtime}";

    private static double MemoryKiB() => Field("/proc/meminfo", "MemTotal") is { } total &&
        double.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
            System.Globalization.CultureInfo.InvariantCulture, out var kib)
            ? kib
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0;

    private static string CpuModel() =>
        Field("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string? Field(string file, string name) => File.Exists(file)
        ? File.ReadLines(file)
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault()
        : null;
}
