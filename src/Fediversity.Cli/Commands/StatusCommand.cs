using System.CommandLine;
using Fediversity.Cli.Hosting;
using Fediversity.Cli.Output;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Cli.Commands;

/// <summary><c>fedi status [OPERATOR]</c>: what is deployed, as recorded.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var slug = new Argument<string?>("OPERATOR") { Description = "One operator; all when absent.", Arity = ArgumentArity.ZeroOrOne };
        var (state, json) = (CommonOptions.State(), CommonOptions.Json());
        var command = new Command("status", "Show the deployments and their resources as last recorded.")
        {
            slug, json,
        };
        state.AddTo(command);

        command.SetAction(async (result, cancellationToken) =>
        {
            var store = await Session.OpenStoreAsync(state.Read(result), cancellationToken);
            var deployments = await store.ListDeploymentsAsync(cancellationToken);
            var wanted = result.GetValue(slug);
            if (wanted is not null && deployments.All(d => d.Id != wanted))
            {
                throw new CliException($"OPERATOR: there is no deployment '{wanted}'; 'fedi status' lists them.");
            }

            foreach (var deployment in deployments.Where(d => wanted is null || d.Id == wanted))
            {
                var recorded = await store.LoadAsync(deployment.Id, cancellationToken);
                var lastRun = await store.LastRunAsync(deployment.Id, cancellationToken);
                var resources = recorded.Resources.Values.ToList();
                var drifts = await store.DriftAsync(deployment.Id, cancellationToken);
                var services = resources.Where(r => r.Kind == AdminAccountKind.Kind)
                    .Select(r => new { application = r.Input(AdminAccountKind.Application), url = r.Input(AdminAccountKind.Url) })
                    .ToList();

                if (result.GetValue(json))
                {
                    JsonOutput.WriteLine(Console.Out, new
                    {
                        type = "deployment",
                        @operator = deployment.Id,
                        status = deployment.Status,
                        environment = deployment.Environment,
                        lastRun = lastRun is null ? null : new { lastRun.Command, lastRun.Outcome, lastRun.StartedAtMs, lastRun.EndedAtMs },
                        services,
                        resources = resources.Select(r => new
                        {
                            address = r.Address.Value, kind = r.Kind, detail = Detail(r), retained = r.Retained,
                        }),
                        interrupted = recorded.Interrupted.Select(a => a.Value),
                        drift = drifts.Select(d => new { d.Address, d.Gone, description = d.Describe() }),
                    });
                    continue;
                }

                Console.Out.WriteLine($"{deployment.Id}: {deployment.Status} in environment '{deployment.Environment}', " +
                    $"{resources.Count} resources" +
                    (lastRun is null ? "" : $"; last {lastRun.Command} {lastRun.Outcome ?? "did not finish"}"));
                foreach (var service in services)
                {
                    Console.Out.WriteLine($"  {service.application,-9} {service.url}");
                }

                if (deployment.Status == "deleting")
                {
                    Console.Out.WriteLine("  the deletion of this account did not finish; run " +
                        $"'fedi destroy {deployment.Id}' again to finish it");
                }

                foreach (var bucket in resources.Where(r => r.Retained && r.Kind == BucketKind.Kind))
                {
                    Console.Out.WriteLine($"  retained data: {bucket.Input(BucketKind.Alias)} ({Size(bucket)}), kept for a " +
                        "disabled application");
                }

                foreach (var resource in resources)
                {
                    Console.Out.WriteLine($"    {resource.Address} ({resource.Kind}){(Detail(resource) is { } d ? ": " + d : "")}");
                }

                foreach (var drift in drifts)
                {
                    Console.Out.WriteLine($"    ! {drift.Address}: {drift.Describe()}; the next apply repairs it");
                }

                foreach (var address in recorded.Interrupted)
                {
                    Console.Out.WriteLine($"    ! {address}: a step was cut off; the next apply finishes it");
                }
            }

            if (deployments.Count == 0 && !result.GetValue(json))
            {
                Console.Out.WriteLine("No deployments yet.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Size(ResourceRecord bucket) =>
        bucket.Outputs.GetValueOrDefault(BucketKind.Objects) is NumberValue objects &&
        bucket.Outputs.GetValueOrDefault(BucketKind.Bytes) is NumberValue bytes
            ? $"{objects.Number} objects, {bytes.Number} bytes at the last refresh"
            : "size known after 'fedi refresh'";

    private static string? Detail(ResourceRecord record) => record.Kind switch
    {
        VirtualMachineKind.Kind => $"id {record.Output(VirtualMachineKind.VmId)}, {record.Output(VirtualMachineKind.Ipv4)}",
        BucketKind.Kind => record.Input(BucketKind.Alias),
        DnsRecordKind.Kind => $"{record.Input(DnsRecordKind.Name)} {record.Input(DnsRecordKind.Type)}",
        AccessKeyKind.Kind => record.Output(AccessKeyKind.AccessKeyId),
        _ => null,
    };
}
