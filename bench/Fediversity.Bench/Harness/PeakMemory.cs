using System.Diagnostics;

namespace Fediversity.Bench.Harness;

/// <summary>The most physical memory this process has held at once (Linux's VmHWM), in MiB.</summary>
public static class PeakMemory
{
    public static double MiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
