using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>
/// Runs <c>nixos-rebuild switch</c> on a machine inside a transient systemd unit, so that a dropped SSH
/// connection does not stop it half-way, and follows it to its end: its log lines are reported as they come,
/// the connection is opened again when it drops, and a failure reports the log's last lines.
/// </summary>
internal sealed class SwitchJob(
    SshConnection ssh, string hostName, NixosSshOptions options, TimeProvider time, IStepReporter reporter)
{
    private const int TailLines = 20;

    private readonly Queue<string> tail = new();

    /// <summary>Waits for a switch left running by an earlier run, then switches and waits for the end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var earlier in await RunningSwitchesAsync(cancellationToken))
        {
            reporter.Report($"an earlier switch ({earlier.Name}) is still running; waiting for it to end");
            await FollowAsync(earlier, report: false, cancellationToken);
            tail.Clear();
        }

        var unit = SwitchUnit.New();
        await StartAsync(unit, cancellationToken);
        reporter.Report($"switching in {unit.Name}");

        var status = await FollowAsync(unit, report: true, cancellationToken);
        if (status != 0)
        {
            throw new ProviderException(
                $"nixos-rebuild switch failed on {hostName} (exit status {status}); the last lines of its log "
                + $"({unit.Log}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
        }
    }

    private async Task StartAsync(SwitchUnit unit, CancellationToken cancellationToken)
    {
        var script = string.Join('\n',
            "set -eu",
            $"install -d -m 0700 {SwitchUnit.Directory}",
            // The unit starts with systemd's bare environment: give it the session's PATH and NIX_PATH.
            $"systemd-run --unit={unit.Name} --collect --quiet --setenv=PATH=\"$PATH\" "
            + "${NIX_PATH:+\"--setenv=NIX_PATH=$NIX_PATH\"} "
            + "--description='Fediversity: switch to the new NixOS configuration' -- "
            + "/bin/sh -c 'nixos-rebuild switch >\"$1\" 2>&1; echo $? >\"$2.tmp\"; mv -f \"$2.tmp\" \"$2\"' "
            + $"fediversity-switch {unit.Log} {unit.Status}");

        RemoteResult result;
        try
        {
            result = await ssh.RunAsync(script, cancellationToken);
        }
        catch (ConnectionLostException)
        {
            // Whether the unit started is not known: look, rather than risk two switches at once.
            reporter.Report($"the connection to {hostName} dropped while the switch started; reconnecting");
            await ssh.ReconnectAsync(cancellationToken);
            var look = await ssh.RunAgainOnDropAsync(
                $"[ -e {unit.Log} ] || [ -e {unit.Status} ] || systemctl is-active --quiet {unit.Name}",
                reporter, cancellationToken);
            result = look.Succeeded ? look : await ssh.RunAgainOnDropAsync(script, reporter, cancellationToken);
        }

        if (!result.Succeeded)
        {
            throw new ProviderException(
                $"starting the switch on {hostName} failed (exit status {result.ExitStatus}): {result.Tail()}");
        }
    }

    private async Task<IReadOnlyList<SwitchUnit>> RunningSwitchesAsync(CancellationToken cancellationToken)
    {
        var result = await ssh.RunAgainOnDropAsync(
            $"systemctl list-units --plain --no-legend --state=active,activating '{SwitchUnit.Prefix}*' || true",
            reporter, cancellationToken);
        return [.. result.Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2)[0])
            .Where(name => name.StartsWith(SwitchUnit.Prefix, StringComparison.Ordinal))
            .Select(name => new SwitchUnit(name.EndsWith(".service", StringComparison.Ordinal) ? name[..^8] : name))];
    }

    /// <summary>Polls the unit until its exit status is written; returns that status.</summary>
    private async Task<int> FollowAsync(SwitchUnit unit, bool report, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.SwitchTimeout;
        var nextLine = 1;
        var gone = 0;

        while (true)
        {
            var poll = await PollAsync(unit, nextLine, cancellationToken);
            nextLine += Consume(poll.Log, report);

            if (poll.ExitStatus is { } status)
            {
                return status;
            }

            // A unit that is gone without a status may just have written it; only a second look decides.
            gone = poll.State is "active" or "activating" or "deactivating" or "reloading" ? 0 : gone + 1;
            if (gone >= 2)
            {
                throw new ProviderException(
                    $"the switch on {hostName} ({unit.Name}) stopped without leaving its exit status "
                    + $"(the unit is {poll.State}); it may have been killed. The last lines of its log:"
                    + $"{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProviderException(
                    $"the switch on {hostName} still runs after {options.SwitchTimeout}; it goes on in "
                    + $"{unit.Name}, and the next apply waits for it")
                { IsTransient = true };
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private async Task<(int? ExitStatus, string State, string Log)> PollAsync(
        SwitchUnit unit, int fromLine, CancellationToken cancellationToken)
    {
        var command = string.Join('\n',
            $"if [ -f {unit.Status} ]; then echo \"ended $(cat {unit.Status})\";",
            $"else echo \"running $(systemctl is-active {unit.Name} || true)\"; fi",
            $"tail -n +{fromLine} {unit.Log} 2>/dev/null || true");
        var result = await ssh.RunAgainOnDropAsync(command, reporter, cancellationToken);

        var newline = result.Output.IndexOf('\n', StringComparison.Ordinal);
        var head = (newline < 0 ? result.Output : result.Output[..newline]).Trim().Split(' ', 2);
        var log = newline < 0 ? string.Empty : result.Output[(newline + 1)..];
        var value = head.Length > 1 ? head[1].Trim() : string.Empty;
        return head[0] == "ended"
            ? (int.TryParse(value, out var status) ? status : -1, "ended", log)
            : (null, value.Length == 0 ? "unknown" : value, log);
    }

    /// <summary>Reports the complete lines of a log piece; returns how many there were.</summary>
    private int Consume(string log, bool report)
    {
        var lines = log.Split('\n');
        var complete = lines.Length - 1;  // the piece after the last newline is not finished yet
        for (var i = 0; i < complete; i++)
        {
            var line = lines[i].TrimEnd('\r');
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }

            if (report && line.Trim().Length > 0)
            {
                reporter.Report(line.Trim());
            }
        }

        return complete;
    }
}
