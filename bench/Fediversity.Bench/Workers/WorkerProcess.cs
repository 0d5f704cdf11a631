using System.Diagnostics;
using Fediversity.Bench.Harness;

namespace Fediversity.Bench.Workers;

/// <summary>
/// A panel started as a process of its own, running deployments from the shared job queue: what a worker
/// process is in a cluster. It listens on a free port of 127.0.0.1 and is killed when disposed.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;

    private WorkerProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    /// <summary>Processor time the process has used so far.</summary>
    public double ProcessorSeconds
    {
        get
        {
            try
            {
                process.Refresh();
                return process.TotalProcessorTime.TotalSeconds;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    public static WorkerProcess Start(IEnumerable<string> settings, string log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Repository.PanelProgram);

        // Given as environment variables (Panel__Database for --Panel:Database), which the panel reads as it
        // reads its arguments, because the connection strings hold passwords that a process's arguments would
        // show to anyone on the machine.
        foreach (var setting in settings)
        {
            var (key, value) = setting.Split('=', 2) is [var k, var v] && k.StartsWith("--", StringComparison.Ordinal)
                ? (k[2..], v)
                : throw new ArgumentException($"'{setting}' is not a --Key=value setting.", nameof(settings));
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the panel did not start");
        var output = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(output, e.Data);
        process.ErrorDataReceived += (_, e) => Write(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => output.Dispose();
        process.EnableRaisingEvents = true;
        return new WorkerProcess(process);
    }

    private static void Write(StreamWriter output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process ended and its log was closed.
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
