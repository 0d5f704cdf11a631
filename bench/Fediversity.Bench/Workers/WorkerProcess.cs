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
        start.ArgumentList.Add(PanelProgram);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
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

    /// <summary>The panel's program, built beside this one in the same configuration.</summary>
    private static string PanelProgram
    {
        get
        {
            var own = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            var (configuration, target) = (own.Parent!.Name, own.Name);
            var path = Path.Combine(Repository.Root, "src", "Fediversity.Panel", "bin", configuration, target,
                "fedipanel.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing; build with bench/run.sh.");
        }
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
