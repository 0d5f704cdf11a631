using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh.Host;

/// <summary>
/// After a switch: waits until the application's units are active and its domain answers over HTTP on the
/// machine itself (through the machine's nginx, so DNS and certificates play no part).
/// </summary>
internal sealed class HealthCheck(
    SshConnection ssh, string hostName, NixosSshOptions options, TimeProvider time, IStepReporter reporter)
{
    public async Task WaitAsync(DeployedApplication app, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.HealthTimeout;
        var units = string.Join(' ', app.Units);
        var http = $"curl -fsS -o /dev/null -H {ShellQuote.Quote("Host: " + app.Domain)} http://127.0.0.1/";
        var waiting = false;

        while (true)
        {
            var active = await ssh.RunAgainOnDropAsync($"systemctl is-active {units}", reporter, cancellationToken);
            var answer = active.Succeeded
                ? await ssh.RunAgainOnDropAsync(http, reporter, cancellationToken)
                : null;
            if (answer is { Succeeded: true })
            {
                reporter.Report($"{app.Name} is up: {units} active, {app.Domain} answers on {hostName}");
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                var states = string.Join(", ", app.Units.Zip(
                    active.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    (unit, state) => $"{unit} {state}"));
                throw new ProviderException(answer is null
                    ? $"{app.Name} did not come up on {hostName} within {options.HealthTimeout}: {states}; "
                      + "see journalctl on the machine"
                    : $"{app.Domain} does not answer on {hostName} within {options.HealthTimeout}: {answer.Tail()}")
                { IsTransient = true };
            }

            if (!waiting)
            {
                reporter.Report($"waiting for {app.Name} to start and answer as {app.Domain}");
                waiting = true;
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }
}
