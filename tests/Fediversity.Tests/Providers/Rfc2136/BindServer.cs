using System.Security.Cryptography;
using ARSoft.Tools.Net.Dns;
using Fediversity.Providers.Rfc2136;
using Fediversity.Resources;
using Fediversity.Resources.Providers;
using Fediversity.Tests.Providers.PowerDns;

namespace Fediversity.Tests.Providers.Rfc2136;

/// <summary>
/// A real BIND 9 (<c>named -f -g</c>) run by the tests as the current user, in a temporary folder,
/// listening on a free port of 127.0.0.1 only, without recursion, with one zone that takes updates
/// signed by one TSIG key (hmac-sha256). It is stopped and its folder removed when the tests end.
/// </summary>
public sealed class BindServer : IAsyncLifetime
{
    public const string Zone = "rfc2136.test.";
    public const string KeyName = "fedi-test-key";

    private ServerProcess? process;
    private DirectoryInfo? folder;

    public Secret Secret { get; } = new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public int Port { get; private set; }

    public Rfc2136Options Options(Secret? secret = null, string keyName = KeyName) =>
        new("127.0.0.1", Port, keyName, "hmac-sha256", secret ?? Secret) { Timeout = TimeSpan.FromSeconds(3) };

    internal IReadOnlyList<ResourceProvider> Providers(Rfc2136Options? options = null) =>
        Rfc2136Providers.For(options ?? Options(), TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        var program = ServerTools.Find("named");
        folder = Directory.CreateTempSubdirectory("fedi-bind-");

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartAsync(program);
                return;
            }
            catch (InvalidOperationException e)
            {
                // Most likely a port taken between choosing it and binding it: choose again.
                last = e;
                process?.Dispose();
                process = null;
            }
        }

        throw last!;
    }

    public ValueTask DisposeAsync()
    {
        process?.Dispose();
        try
        {
            folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleaning.
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(string program)
    {
        Port = LoopbackPorts.Free();
        var dir = folder!.FullName;
        var zoneFile = Path.Combine(dir, "rfc2136.test.zone");
        File.Delete(zoneFile + ".jnl");
        await File.WriteAllLinesAsync(zoneFile,
        [
            "$TTL 300",
            $"@ IN SOA ns1.{Zone} hostmaster.{Zone} 1 3600 600 86400 300",
            $"@ IN NS ns1.{Zone}",
            "ns1 IN A 127.0.0.1",
        ]);

        var config = Path.Combine(dir, "named.conf");
        await File.WriteAllTextAsync(config, $$"""
            options {
                directory "{{dir}}";
                pid-file "{{dir}}/named.pid";
                session-keyfile "{{dir}}/session.key";
                managed-keys-directory "{{dir}}";
                listen-on port {{Port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
                notify no;
                allow-transfer { none; };
            };
            controls { };
            key "{{KeyName}}" {
                algorithm hmac-sha256;
                secret "{{Secret.Reveal()}}";
            };
            zone "{{Zone.TrimEnd('.')}}" {
                type primary;
                file "{{zoneFile}}";
                allow-update { key "{{KeyName}}"; };
            };
            """);

        process = new ServerProcess(program, ["-c", config, "-f", "-g", "-4", "-n", "1"], dir);
        await WaitUntilReadyAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"named stopped while starting:\n{process.Output}");
            }

            try
            {
                var answer = await LoopbackDns.QueryAsync(Port, Zone, RecordType.Soa);
                if (answer.ReturnCode == ReturnCode.NoError && answer.IsAuthoritiveAnswer)
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"named did not answer on port {Port} within 20 s:\n{process!.Output}");
    }
}
