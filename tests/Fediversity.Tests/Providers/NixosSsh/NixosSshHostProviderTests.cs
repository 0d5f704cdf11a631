using System.Security.Cryptography;
using System.Text;
using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.Providers.NixosSsh;

public sealed class NixosSshHostProviderTests
{
    private const string S3Env = "/var/lib/fediversity/secrets/mastodon-s3.env";
    private const string SmtpPassword = "/var/lib/fediversity/secrets/mastodon-smtp-password";

    [Fact]
    public async Task CreateAsync_FirstDeploy_SecretFilesAndConfigurationArriveAndTheMachineSwitches()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon");
        var reporter = new RecordingReporter();
        var configuration = SshRequests.MastodonConfiguration(machine);
        var provider = SshRequests.Provider(NixosHostKind.Kind);

        var outputs = await provider.CreateAsync(
            SshRequests.NixosHost(machine, configuration, SshRequests.MastodonSecrets, reporter),
            TestContext.Current.CancellationToken);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));
        Assert.Equal(hash, ((TextValue)outputs[NixosHostKind.ConfigurationHash]).Text);
        Assert.Equal(configuration, machine.Read("/etc/nixos/configuration.nix"));
        Assert.Equal("root:root 644", machine.OwnerAndMode("/etc/nixos/configuration.nix"));
        Assert.Equal("root:root 755", machine.OwnerAndMode("/var/lib/fediversity"));
        Assert.Equal("root:root 711", machine.OwnerAndMode("/var/lib/fediversity/secrets"));
        Assert.Equal(SshRequests.MastodonSecrets[S3Env].Content, machine.Read(S3Env));
        Assert.Equal(SshRequests.MastodonSecrets[SmtpPassword].Content, machine.Read(SmtpPassword));

        // The users did not exist before the switch made them; the files were given to them afterwards.
        Assert.Equal("mastodon:mastodon 400", machine.OwnerAndMode(S3Env));
        Assert.Equal("mastodon:mastodon 440", machine.OwnerAndMode(SmtpPassword));
        Assert.Equal([$"{hash} done"], machine.ReadLines("switches.log"));
        Assert.Contains(machine.ReadLines("switch-secrets.log"), line => line.StartsWith(
            $"{hash} {S3Env} root:root 400", StringComparison.Ordinal));

        var systemdRun = Assert.Single(
            machine.Commands(), c => c.StartsWith("systemd-run ", StringComparison.Ordinal));
        Assert.Matches(@"--unit=fediversity-switch-[0-9a-f]{12} --collect", systemdRun);
        Assert.Contains(machine.Commands(), c => c.StartsWith(
            "systemctl try-restart mastodon-web.service", StringComparison.Ordinal));
        Assert.Contains(machine.Commands(), c => c.Contains(
            "-H Host:\\ social.acme.example http://127.0.0.1/", StringComparison.Ordinal));
        Assert.Contains(machine.Commands(), c => c.StartsWith(
            "systemctl is-active mastodon-web.service mastodon-sidekiq-all.service nginx.service",
            StringComparison.Ordinal));

        // No secret ever went over a command line.
        Assert.DoesNotContain(machine.Sessions(), s => s.Contains("b8f1c9e0d2", StringComparison.Ordinal));
        Assert.DoesNotContain(machine.Sessions(), s => s.Contains("relay-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_SwitchLogLines_ArriveAsProgress()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        machine.SetState("switch-seconds", "2");
        var reporter = new RecordingReporter();

        await SshRequests.Provider(NixosHostKind.Kind).CreateAsync(
            SshRequests.NixosHost(
                machine, SshRequests.MastodonConfiguration(machine), SshRequests.MastodonSecrets, reporter),
            TestContext.Current.CancellationToken);

        var lines = reporter.Lines;
        var building = IndexOf(lines, "building the system configuration...");
        var copying = IndexOf(lines, "copying path '/nix/store/");
        var activating = IndexOf(lines, "activating the configuration...");
        Assert.True(building >= 0 && building < copying && copying < activating, string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith("mastodon is up", StringComparison.Ordinal));

        // Owners that existed already got their files at once; nothing had to restart.
        Assert.DoesNotContain(
            machine.Commands(), c => c.StartsWith("systemctl try-restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_HostKeyDiffers_IsRefusedAndUntouched_WhileAnotherMachineDeploys()
    {
        await using var impostor = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        await using var other = await TestMachine.StartAsync("acme-pixelfed", "mastodon");
        await using var pinned = await TestMachine.StartAsync("acme-mastodon-made");
        var provider = SshRequests.Provider(NixosHostKind.Kind);
        var ct = TestContext.Current.CancellationToken;
        var configuration = SshRequests.MastodonConfiguration(other);

        var refused = provider.CreateAsync(
            SshRequests.NixosHost(impostor, configuration, SshRequests.MastodonSecrets, new RecordingReporter(),
                pinnedHostKey: pinned.HostKey), ct);
        var deployed = provider.CreateAsync(
            SshRequests.NixosHost(other, configuration, SshRequests.MastodonSecrets, new RecordingReporter()), ct);

        var error = await Assert.ThrowsAsync<HostKeyMismatchException>(() => refused);
        await deployed;

        Assert.Contains("differs from the one pinned", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(impostor.Sessions());
        Assert.Empty(impostor.Commands());
        Assert.False(impostor.Exists("/etc/nixos/configuration.nix"));
        Assert.False(impostor.Exists(S3Env));
        Assert.Equal(configuration, other.Read("/etc/nixos/configuration.nix"));
    }

    [Fact]
    public async Task CreateAsync_ConnectionCutDuringSwitch_SwitchCompletesAndItsResultIsPickedUp()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        machine.SetState("switch-seconds", "4");
        var reporter = new RecordingReporter();
        var configuration = SshRequests.MastodonConfiguration(machine);
        var ct = TestContext.Current.CancellationToken;

        var create = SshRequests.Provider(NixosHostKind.Kind).CreateAsync(
            SshRequests.NixosHost(machine, configuration, SshRequests.MastodonSecrets, reporter), ct);
        await WaitForAsync(() => reporter.Lines.Any(l => l.StartsWith("copying path", StringComparison.Ordinal)));
        Assert.True(machine.KillSessions() > 0);
        var outputs = await create;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));
        Assert.Equal(hash, ((TextValue)outputs[NixosHostKind.ConfigurationHash]).Text);
        Assert.Equal([$"{hash} done"], machine.ReadLines("switches.log"));
        Assert.Single(machine.Commands(), c => c.StartsWith("nixos-rebuild", StringComparison.Ordinal));
        Assert.Contains(reporter.Lines, l => l.Contains("dropped; reconnecting", StringComparison.Ordinal));
        Assert.Contains(reporter.Lines, l => l.StartsWith("activating the configuration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_SwitchFails_ReportsTheTailOfItsLog()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        machine.SetState("fail-switch",
            "error:\n       … while evaluating the option `services.mastodon.smtp':\n"
            + "       error: The option `services.mastodon.smtp.nonsense' does not exist.\n");

        var error = await Assert.ThrowsAsync<ProviderException>(() => SshRequests.Provider(NixosHostKind.Kind)
            .CreateAsync(SshRequests.NixosHost(machine, SshRequests.MastodonConfiguration(machine),
                SshRequests.MastodonSecrets, new RecordingReporter()), TestContext.Current.CancellationToken));

        Assert.Contains("nixos-rebuild switch failed on acme-mastodon (exit status 1)", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("The option `services.mastodon.smtp.nonsense' does not exist.", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(machine.Commands(), c => c.StartsWith("curl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_ApplicationDoesNotAnswer_Fails()
    {
        await using var machine = await TestMachine.StartAsync("acme-mastodon", "mastodon");
        machine.SetState("http-down", string.Empty);
        var options = SshRequests.Options with { HealthTimeout = TimeSpan.FromSeconds(1) };
        var provider = Fediversity.Providers.NixosSsh.NixosSshProviders.For(options, TimeProvider.System)
            .Single(p => p.Kind == NixosHostKind.Kind);

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.CreateAsync(
            SshRequests.NixosHost(machine, SshRequests.MastodonConfiguration(machine), SshRequests.MastodonSecrets,
                new RecordingReporter()), TestContext.Current.CancellationToken));

        Assert.Contains(
            "social.acme.example does not answer on acme-mastodon", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    private static int IndexOf(IReadOnlyList<string> lines, string start) =>
        lines.ToList().FindIndex(l => l.StartsWith(start, StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 30 s in vain");
            await Task.Delay(50);
        }
    }
}
