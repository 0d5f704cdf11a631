using System.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>
/// Processor time this process has used, and the machine's load. On a shared machine, wall time grows with
/// everyone else's work; processor time mostly does not, so both are reported.
/// </summary>
public static class ProcessorTime
{
    public static double Seconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The one-minute load average, or -1 where the system does not say.</summary>
    public static double LoadAverage() => File.Exists("/proc/loadavg") &&
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : -1;
}
