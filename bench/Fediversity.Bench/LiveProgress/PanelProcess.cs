using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fediversity.Bench.Harness;

namespace Fediversity.Bench.LiveProgress;

/// <summary>
/// The real panel, its program as the benchmark's build made it (<see cref="Repository.PanelProgram"/>), started
/// as a child process on 127.0.0.1 on a free port and stopped (with everything it started) on dispose. Its
/// memory and processor time are read from <c>/proc</c>.
/// </summary>
public sealed class PanelProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process process;
    private readonly Queue<string> lines = new();

    private PanelProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    /// <summary>Starts the panel from the checkout at <paramref name="root"/> and waits until it answers.</summary>
    public static async Task<PanelProcess> StartAsync(
        string root, IEnumerable<string> settings, TimeSpan startup, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(Repository.PanelProgram);
        start.ArgumentList.Add("--urls=http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the panel did not start");
        var panel = new PanelProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => panel.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => panel.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await panel.WaitUntilAnsweringAsync(startup, cancellationToken);
            return panel;
        }
        catch
        {
            await panel.DisposeAsync();
            throw;
        }
    }

    /// <summary>The most physical memory the panel has held at once (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() => StatusField("VmHWM") / 1024.0;

    /// <summary>The processor time the panel has used, all threads added, in seconds.</summary>
    public double ProcessorSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) +
            long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>The panel's last lines of output, for a run that failed.</summary>
    public string LastLines()
    {
        lock (lines)
        {
            return string.Join("\n", lines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }
        }
    }

    private long StatusField(string name)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status")
            .First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan startup, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the panel stopped with exit code {process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: it may still be migrating.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }

            if (deadline.Elapsed > startup)
            {
                throw new TimeoutException($"the panel did not answer within {startup}:\n{LastLines()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
